"""The public API: cheap to import, typed entry points, only ToolkitError escapes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import toolkit

PAGE = ("<html><head><title>Harbour reopens after repairs</title></head><body><article>"
        "<h1>Harbour reopens after repairs</h1><p>The old harbour reopened on Monday after two years of "
        "repairs to the sea wall, and the first fishing boats came in at dawn.</p></article></body></html>")


def test_importing_toolkit_loads_none_of_the_pipeline() -> None:
    code = "import sys, toolkit; print(sorted(m for m in sys.modules if m.startswith(('toolkit.', 'lxml', 'warcio'))))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_normalize_takes_text_or_bytes_and_gives_an_article() -> None:
    from_text = toolkit.normalize(PAGE, url="https://example.com/harbour")
    from_bytes = toolkit.normalize(PAGE.encode("utf-8"), url="https://example.com/harbour")
    assert isinstance(from_text, toolkit.Article) and from_text == from_bytes
    assert from_text.title == "Harbour reopens after repairs"
    assert json.loads(from_text.to_json())["url"] == "https://example.com/harbour"
    assert from_text.to_markdown().startswith("---\n")


def test_a_document_that_cannot_be_published_raises_a_one_line_toolkit_error() -> None:
    with pytest.raises(toolkit.ToolkitError) as info:
        toolkit.normalize(b"   ", path="blank.txt")
    assert "blank.txt" in str(info.value) and "\n" not in str(info.value)


def test_publish_returns_the_report_it_wrote(tmp_path: Path) -> None:
    report = toolkit.publish(["fixtures/batch/crawl.warc.gz"], tmp_path, formats=("jsonl",), jobs=2)
    assert isinstance(report, toolkit.RunReport)
    on_disk = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert on_disk == report.to_dict()
    assert report.summary() == "4 published, 0 rejected, 1 skipped"


def test_publish_refuses_an_unknown_format_with_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(toolkit.UsageError, match="pdf"):
        toolkit.publish("seeds", tmp_path, formats=["pdf"])
