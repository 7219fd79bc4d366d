"""--jobs N gives byte-identical output to --jobs 1; the pool keeps order, bounds its work and survives a dead worker."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator, Sequence

import pytest
from hypothesis import given, strategies as st

from toolkit import publish
from toolkit.parallel import IN_FLIGHT_PER_JOB, chunked, ordered_map

INPUTS = ["seeds", "fixtures/text", "fixtures/batch/export.jsonl", "fixtures/batch/crawl.warc.gz",
          "fixtures/batch/crawl-corrupt.warc.gz"]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_jobs_give_byte_identical_files_to_one_job(tmp_path: Path) -> None:
    publish(INPUTS, tmp_path / "one", formats=["json", "md", "jsonl"], jobs=1)
    publish(INPUTS, tmp_path / "two", formats=["json", "md", "jsonl"], jobs=2)
    one, two = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert len(one) > 20 and one == two


def _square_all(chunk: Sequence[int]) -> list[int]:
    return [n * n for n in chunk]


def _die_on_seven(chunk: Sequence[int]) -> list[int]:
    if 7 in chunk:
        os._exit(9)  # like the kernel killing a worker that ran out of memory
    return list(chunk)


def test_results_come_back_in_input_order() -> None:
    chunks = chunked(iter(range(200)), 7, lambda n: 1, 1000)
    assert list(ordered_map(_square_all, chunks, 2, lambda n, why: -1)) == [n * n for n in range(200)]


def test_a_dead_worker_loses_only_its_own_item() -> None:
    chunks = chunked(iter(range(20)), 4, lambda n: 1, 1000)
    got = list(ordered_map(_die_on_seven, chunks, 2, lambda n, why: -n))
    assert got == [n if n != 7 else -7 for n in range(20)]


def test_the_pool_does_not_read_ahead_of_its_workers() -> None:
    pulled = []

    def source() -> Iterator[int]:
        for n in range(10_000):
            pulled.append(n)
            yield n

    results = ordered_map(_square_all, chunked(source(), 10, lambda n: 1, 1000), 2, lambda n, why: -1)
    assert next(results) == 0
    assert len(pulled) <= (2 * IN_FLIGHT_PER_JOB + 1) * 10
    results.close()


@given(st.lists(st.integers(min_value=0, max_value=50), max_size=60), st.integers(1, 8), st.integers(1, 120))
def test_chunks_keep_every_item_in_order_within_their_bounds(items: list[int], size: int, max_weight: int) -> None:
    chunks = list(chunked(iter(items), size, lambda n: n, max_weight))
    assert [n for chunk in chunks for n in chunk] == items
    assert all(0 < len(chunk) <= size for chunk in chunks)
    assert all(sum(chunk[:-1]) < max_weight for chunk in chunks)


def test_the_command_runs_one_process_by_default_and_one_per_core_with_jobs_0(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import toolkit.batch as batch
    from toolkit.cli import main

    asked: list[int] = []
    real = batch.ordered_map
    monkeypatch.setattr(batch, "ordered_map", lambda fn, chunks, jobs, crashed: asked.append(jobs) or real(fn, chunks, 1, crashed))
    monkeypatch.setattr(batch, "default_jobs", lambda: 3)
    assert main(["publish", "seeds", "--out", str(tmp_path / "a"), "--format", "json"]) == 0
    assert main(["publish", "seeds", "--out", str(tmp_path / "b"), "--format", "json", "--jobs", "0"]) == 0
    assert asked == [1, 3]
    assert main(["publish", "seeds", "--out", str(tmp_path / "c"), "--jobs", "-1"]) == 2
