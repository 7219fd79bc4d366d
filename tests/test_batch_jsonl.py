"""JSON Lines exports: one Article per record, bad lines rejected by line number, nothing lost."""

from __future__ import annotations

import io
import json
from pathlib import Path, PurePosixPath

from hypothesis import given, settings, strategies as st

from toolkit import publish
from toolkit.config import Config, Limits
from toolkit.inputs import InputFile
from toolkit.pipeline import RawDocument
from toolkit.readers import BadRecord, ReadOptions
from toolkit.readers_jsonl import accepts, read

EXPORT = "fixtures/batch/export.jsonl"


def _report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_every_record_is_published_or_rejected_with_its_line_number(tmp_path: Path) -> None:
    report = publish(EXPORT, tmp_path)
    items = _report(tmp_path)["items"]
    assert [i["record"] for i in items] == ["line 1", "line 2", "line 3", "line 4", "line 5", "line 6", "line 8"]
    rejected = {i["record"]: i["reason"] for i in items if i["status"] == "rejected"}
    assert set(rejected) == {"line 3", "line 5", "line 6"}
    assert "invalid JSON" in rejected["line 3"] and "export.jsonl:line 3" in rejected["line 3"]
    assert "no page field" in rejected["line 6"]
    assert report.count("published") == 4 and not report.ok


def test_records_are_named_by_title_slug_and_short_id_inside_the_export_folder(tmp_path: Path) -> None:
    publish(EXPORT, tmp_path)
    names = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.json") if p.parent != tmp_path)
    assert "export/学院举办国际交流周活动-911e8a12.json" in names
    same_title = [n for n in names if n.startswith("export/rain-expected-over-the-weekend-")]
    assert len(same_title) == 2  # same title, different ids: no collision


def test_url_title_and_other_fields_reach_the_article(tmp_path: Path) -> None:
    publish(EXPORT, tmp_path, formats=["jsonl"])
    first = json.loads((tmp_path / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["url"] == "https://example.com/a"
    assert first["title"] == "Rain expected over the weekend"
    assert first["extra"] == {"crawled_at": "2024-05-01T10:00:00Z", "tags": ["weather", "news"]}
    assert first["source"]["record"] == "line 1" and first["source"]["format"] == "html"


def test_field_names_are_configurable(tmp_path: Path) -> None:
    from toolkit.cli import main

    code = main(["publish", "fixtures/batch/custom-fields.jsonl", "--out", str(tmp_path), "--format", "jsonl",
                 "--page-field", "body_html", "--url-field", "link", "--title-field", "headline", "--jobs", "1"])
    assert code == 0
    article = json.loads((tmp_path / "articles.jsonl").read_text(encoding="utf-8"))
    assert article["url"] == "https://example.com/x" and article["title"] == "Library opens on Sunday"
    assert article["extra"] == {"source": "example"}


def test_a_record_over_the_size_limit_is_rejected_and_the_next_one_published(tmp_path: Path) -> None:
    src = tmp_path / "big.jsonl"
    src.write_text(json.dumps({"text": "x " * 5000}) + "\n" + json.dumps({"text": "A short note.\n\nIt has two paragraphs of text."}) + "\n")
    config = Config(limits=Limits(max_bytes=2000))
    report = publish(str(src), tmp_path / "out", config=config)
    statuses = [(e.record, e.status) for e in report.entries]
    assert statuses == [("line 1", "rejected"), ("line 2", "published")]
    assert "limit" in (report.entries[0].reason or "")


def test_published_articles_jsonl_republishes_to_the_same_articles(tmp_path: Path) -> None:
    publish(EXPORT, tmp_path / "one", formats=["jsonl"])
    publish(str(tmp_path / "one" / "articles.jsonl"), tmp_path / "two", formats=["jsonl"])
    first = [json.loads(line) for line in (tmp_path / "one" / "articles.jsonl").read_text().splitlines()]
    second = [json.loads(line) for line in (tmp_path / "two" / "articles.jsonl").read_text().splitlines()]
    assert first == second


def test_jsonl_content_is_recognized_without_the_suffix() -> None:
    item = InputFile(Path("export.txt"), PurePosixPath("export.txt"))
    assert accepts(b'{"html": "<p>a</p>"}\n{"html": "<p>b</p>"}\n', item)
    assert not accepts(b'{\n  "schema_version": "1.0.0"\n}\n', item)  # one indented JSON document
    assert not accepts(b"Plain text page\n\nwith paragraphs\n", item)


_lines = st.one_of(
    st.builds(lambda t: json.dumps({"text": t}), st.text(max_size=30)),
    st.builds(lambda t: json.dumps({"other": t}), st.text(max_size=10)),
    st.text(alphabet=st.characters(blacklist_characters="\n\r", blacklist_categories=("Cs",)), max_size=30),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_lines, max_size=12))
def test_every_non_blank_line_gives_exactly_one_item_in_order(lines: list[str]) -> None:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    item = InputFile(Path("x.jsonl"), PurePosixPath("x.jsonl"))
    got = list(read(item, io.BufferedReader(io.BytesIO(data)), ReadOptions()))  # type: ignore[arg-type]
    expected = [f"line {n}" for n, line in enumerate(data.split(b"\n")[:-1], 1) if line.strip()]
    assert [g.record for g in got] == expected
    assert all(isinstance(g, (BadRecord, RawDocument)) for g in got)
