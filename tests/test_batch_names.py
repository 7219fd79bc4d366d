"""Records are named by title slug and short id: distinct, inside the output folder, whatever the title."""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

from hypothesis import given, settings, strategies as st

from toolkit.batch import Outcome, Publisher
from toolkit.cli import main
from toolkit.outpaths import slug

_titles = st.one_of(st.text(max_size=60), st.sampled_from(["../../etc/passwd", "CON", "学院举办国际交流周活动", "", " . ", "Same"]))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_titles, st.integers(0, 5)), min_size=1, max_size=12))
def test_record_names_are_distinct_and_stay_inside_the_output_folder(records: list[tuple[str, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        publisher = Publisher(out, ("json",))
        for title, n in records:
            article_id = hashlib.sha256(str(n).encode()).hexdigest()[:16]  # repeated ids on purpose
            stem = f"crawl/{slug(title)}-{article_id[:8]}"
            publisher.take(Outcome("crawl.jsonl", stem, "line 1", "0" * 64, article_id, (("json", "{}\n"),)))
        outputs = [o for e in publisher.report.entries for o in e.outputs]
        assert len({o.casefold() for o in outputs}) == len(records)
        root = out.resolve()
        assert all((out / o).resolve().is_relative_to(root) and (out / o).is_file() for o in outputs)


def test_report_goes_to_the_named_file_when_articles_go_to_stdout(tmp_path: Path, capsysbinary) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "run-report.json"
    assert main(["publish", "fixtures/batch/crawl.warc.gz", "--format", "jsonl", "--out", "-", "--report", str(report), "--jobs", "1"]) == 0
    captured = capsysbinary.readouterr()
    assert len(captured.out.splitlines()) == 4
    assert json.loads(report.read_text(encoding="utf-8"))["totals"]["published"] == 4
