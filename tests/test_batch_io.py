"""Where batches come from and go to: stdout, stdin, globs; stdout carries only data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit import UsageError, publish
from toolkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
TOOLKIT = [sys.executable, "-m", "toolkit", "publish"]


def _run(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*TOOLKIT, *args], cwd=ROOT, input=stdin, capture_output=True, check=False)


def test_jsonl_to_stdout_carries_only_articles_and_the_summary_goes_to_stderr() -> None:
    done = _run(["fixtures/batch/crawl.warc.gz", "--format", "jsonl", "--out", "-", "--jobs", "2"])
    lines = done.stdout.decode("utf-8").splitlines()
    assert done.returncode == 0 and len(lines) == 4
    assert all(json.loads(line)["schema_version"] == "1.0.0" for line in lines)
    assert b"4 published" in done.stderr and b"stdout" in done.stderr


def test_a_closed_pipe_ends_the_run_quietly(tmp_path: Path) -> None:
    export = tmp_path / "many.jsonl"
    page = "A line of plain text that makes the article long enough to fill a pipe. " * 20
    export.write_text("".join(json.dumps({"title": f"Note {n}", "text": f"Note {n}\n\n{page}"}) + "\n" for n in range(300)))
    proc = subprocess.Popen([*TOOLKIT, str(export), "--format", "jsonl", "--out", "-", "--jobs", "1"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert json.loads(proc.stdout.readline())["title"] == "Note 0"
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read()
    assert proc.wait() == 0
    assert b"Traceback" not in err and b"Exception ignored" not in err


def test_stdin_jsonl_is_read_record_by_record() -> None:
    data = Path(ROOT / "fixtures/batch/export.jsonl").read_bytes()
    done = _run(["-", "--format", "jsonl", "--out", "-"], stdin=data)
    assert done.returncode == 1  # three bad lines
    assert len(done.stdout.splitlines()) == 4
    assert b"<stdin>:line 3" in done.stderr


def test_stdin_single_page_and_stdin_warc_gz_are_recognized_by_content() -> None:
    page = _run(["-", "--format", "jsonl", "--out", "-"], stdin=(ROOT / "seeds/000_406d62282c3718ba.txt").read_bytes())
    assert page.returncode == 0 and len(page.stdout.splitlines()) == 1
    warc = _run(["-", "--format", "jsonl", "--out", "-"], stdin=(ROOT / "fixtures/batch/crawl.warc.gz").read_bytes())
    assert warc.returncode == 0 and len(warc.stdout.splitlines()) == 4


def test_globs_are_expanded_in_sorted_order(tmp_path: Path) -> None:
    report = publish("fixtures/batch/crawl*.warc.gz", tmp_path, formats=["json"])
    inputs = [e.input for e in report.entries]
    assert sorted(set(inputs)) == ["fixtures/batch/crawl-corrupt.warc.gz", "fixtures/batch/crawl-truncated.warc.gz",
                                   "fixtures/batch/crawl.warc.gz"]
    assert inputs == sorted(inputs, key=lambda name: sorted(set(inputs)).index(name))


def test_a_glob_that_matches_nothing_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="nothing-here"):
        publish("fixtures/batch/nothing-here*.jsonl", tmp_path)


def test_stdout_needs_the_jsonl_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["publish", "seeds", "--out", "-", "--format", "json"]) == 2
    assert "--format jsonl" in capsys.readouterr().err


def test_jsonl_file_output_holds_every_published_article_in_input_order(tmp_path: Path) -> None:
    report = publish(["seeds", "fixtures/batch/crawl.warc.gz"], tmp_path, formats=["jsonl", "json"])
    lines = (tmp_path / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    published = [e for e in report.entries if e.status == "published"]
    assert [json.loads(line)["id"] for line in lines] == [e.id for e in published]
    assert all("articles.jsonl" in e.outputs for e in published)


@pytest.mark.parametrize(("size", "limit"), [(0, 5), (5, 5), (6, 5), (4, 5), (100, 1000)])
def test_read_limited_reads_a_file_by_its_size_with_the_same_result(tmp_path: Path, size: int, limit: int) -> None:
    from toolkit.errors import InputError
    from toolkit.readers import read_limited

    path = tmp_path / "page.html"
    path.write_bytes(b"x" * size)
    with open(path, "rb", buffering=1 << 20) as stream:
        stream.peek(3)  # as open_input leaves it
        if size > limit:
            with pytest.raises(InputError, match="larger than the limit of 5 bytes"):
                read_limited(stream, limit, "page.html")
        else:
            assert read_limited(stream, limit, "page.html") == b"x" * size


def test_read_limited_reads_on_when_the_file_is_larger_than_its_size_said(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that grew between fstat and read is read to its end (or rejected), as read(limit + 1) would."""
    from toolkit import readers
    from toolkit.errors import InputError

    monkeypatch.setattr(readers, "_size_of", lambda stream: 4)
    path = tmp_path / "page.html"
    path.write_bytes(b"x" * 9)
    with open(path, "rb") as stream:
        assert readers.read_limited(stream, 20, "page.html") == b"x" * 9
    with open(path, "rb") as stream, pytest.raises(InputError):
        readers.read_limited(stream, 6, "page.html")
