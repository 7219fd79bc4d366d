"""Hostile and broken input: a clean publication or a one-line rejection, never a crash or a leak."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from toolkit.cli import main
from toolkit.errors import ToolkitError
from toolkit.pipeline import normalize

HOSTILE = Path(__file__).resolve().parent.parent / "fixtures" / "hostile"

#: fixture -> what must come of it: ("published", substring the text must contain) or ("rejected", reason substring)
EXPECTED: dict[str, tuple[str, str]] = {
    "nul-bytes.txt": ("published", "Some textwith a NUL byte"),
    "truncated.html": ("published", "The first paragraph arrived whole"),
    "deep-10000.html": ("published", "Deeply nested text must survive"),
    "cp1251-undeclared.html": ("published", "Студенты и преподаватели"),
    "lying-charset.html": ("published", "Студенты и преподаватели"),
    "gbk-undeclared.html": ("published", "来自十二个国家的师生"),
    "shift-jis-undeclared.html": ("published", "国際交流週間を開催し"),
    "euc-kr-undeclared.html": ("published", "국제 교류 주간을 열었으며"),
    "latin1-undeclared.html": ("published", "crème brûlée"),
    "utf16-bom.html": ("published", "crème brûlée"),
    "mojibake.txt": ("published", "crème brûlée — “the best in town”"),
    "double-mojibake.txt": ("published", "crème brûlée"),
    "invisible-and-controls.txt": ("published", "Zerowidth, softhyphen, bidi override, C0 and C1"),
    "entities.html": ("published", "&lt;script&gt; and <b>bold</b> and AT&T and © 2025"),
    "active-content.html": ("published", "Another paragraph of real content"),
    "fm-invalid-yaml.md": ("rejected", "invalid YAML: line 3, column 5"),
    "fm-tabs.md": ("rejected", "invalid YAML"),
    "fm-duplicate-keys.md": ("rejected", "duplicate key 'title' (first on line 2)"),
    "fm-alias-bomb.md": ("rejected", "aliases"),
    "fm-python-object.md": ("rejected", "python/object"),
    "fm-date-not-a-date.md": ("published", "a day that does not exist"),
    "fm-non-string-keys.md": ("rejected", "unhashable key"),
    "fm-no-closing.md": ("rejected", "no closing '---'"),
    "fm-bom.md": ("published", "Body text after a byte order mark."),
    "fm-hostile-title.md": ("published", "hostile file name"),
}

ACTIVE = re.compile(r"javascript:|vbscript:|data:text|<script|onload|onclick|alert\(", re.I)


def test_every_hostile_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in HOSTILE.iterdir()) == sorted(EXPECTED)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path, dict]:
    out = tmp_path_factory.mktemp("hostile-out")
    code = main(["publish", str(HOSTILE), "--out", str(out)])
    return code, out, json.loads((out / "report.json").read_text())


def _entry(report: dict, name: str) -> dict:
    return next(i for i in report["items"] if i["input"].endswith("/" + name))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_input_is_published_cleanly_or_rejected_with_its_reason(run: tuple[int, Path, dict], name: str) -> None:
    _, out, report = run
    status, needle = EXPECTED[name]
    entry = _entry(report, name)
    assert entry["status"] == status, entry.get("reason")
    if status == "rejected":
        assert needle in entry["reason"] and name in entry["reason"] and "\n" not in entry["reason"]
        return
    article = json.loads((out / entry["outputs"][0]).read_text(encoding="utf-8"))
    assert needle in article["text"]


def test_the_batch_runs_to_the_end_and_exits_1(run: tuple[int, Path, dict]) -> None:
    code, _, report = run
    assert code == 1
    assert report["totals"]["inputs"] == len(EXPECTED)


def test_no_active_content_reaches_json_or_markdown(run: tuple[int, Path, dict]) -> None:
    _, out, report = run
    entry = _entry(report, "active-content.html")
    for output in entry["outputs"]:
        text = (out / output).read_text(encoding="utf-8")
        assert not ACTIVE.search(text), output
        for hidden in ("inline script", "noscript text", "template text", "svg text"):
            assert hidden not in text


def test_every_output_stays_inside_the_output_folder(run: tuple[int, Path, dict]) -> None:
    _, out, report = run
    root = out.resolve()
    for entry in report["items"]:
        for output in entry.get("outputs", ()):
            assert (out / output).resolve().is_relative_to(root)


def test_nesting_100000_deep_loses_no_text(tmp_path: Path) -> None:
    page = b"<html><body>" + b"<div>" * 100_000 + b"<p>The innermost paragraph of a very deep page is still content.</p>" + b"</div>" * 100_000
    article = normalize(page, path="deep.html")
    assert "The innermost paragraph of a very deep page is still content." in article.text


def test_a_five_megabyte_single_line_is_published(tmp_path: Path) -> None:
    words = ("lorem ipsum dolor sit amet " * 200_000).encode()
    article = normalize(b"One very long line\n" + words, path="long.txt")
    assert len(article.text) > 4_000_000


def test_input_over_the_size_limit_is_rejected_not_read_whole(tmp_path: Path) -> None:
    from toolkit.config import Config, Limits

    with pytest.raises(ToolkitError, match="limit"):
        normalize(b"x" * 2000, path="big.txt", config=Config(limits=Limits(max_bytes=1000)))


_FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _article_or_none(data: bytes | str, path: str):  # type: ignore[no-untyped-def]
    """The Article, or None for a ToolkitError; any other exception fails the test."""
    try:
        return normalize(data, path=path)
    except ToolkitError:
        return None


@_FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_give_an_article_or_a_toolkit_error(data: bytes) -> None:
    _article_or_none(data, "fuzz.bin")


@_FUZZ
@given(st.text(max_size=2000))
def test_any_unicode_gives_an_article_or_a_toolkit_error(text: str) -> None:
    _article_or_none(text, "fuzz.txt")


_HTMLISH = st.lists(
    st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<a href='javascript:x'>", "</a>", "<table><tr><td>", "<li>", "<ul>",
                     "<h2>", "</h2>", "<br>", "<script>", "</script>", "&amp;", "&#0;", "text ", "слово ", "文字", "\x00", "<!--", "-->"]),
    max_size=80,
).map("".join)


@_FUZZ
@given(_HTMLISH)
def test_any_tag_soup_gives_an_article_or_a_toolkit_error(markup: str) -> None:
    article = _article_or_none("<html><body>" + markup, "soup.html")
    assert article is None or not re.search(r"javascript:", article.to_markdown())


def test_a_fifty_megabyte_page_is_published_whole() -> None:
    para = "<p>" + "A sentence of a very large page with plenty of words in it. " * 20 + "</p>\n"
    page = ("<html><body><article><h1>Huge</h1>" + para * (50_000_000 // len(para)) + "</article></body></html>").encode()
    article = normalize(page, path="huge.html")
    assert len(article.text) > 45_000_000


def test_a_document_over_the_time_limit_is_rejected_naming_it() -> None:
    from toolkit.config import Config, Limits

    para = "<p>" + "words " * 200 + "</p>"
    page = ("<html><body>" + para * 5000 + "</body></html>").encode()
    with pytest.raises(ToolkitError, match=r"slow\.html: took longer than the limit of 0\.01 s"):
        normalize(page, path="slow.html", config=Config(limits=Limits(seconds=0.01)))


RECORDS = Path(__file__).resolve().parent.parent / "fixtures" / "hostile-records" / "records.jsonl"

#: line of fixtures/hostile-records/records.jsonl -> status, and a substring of the reason or of the output name
RECORD_EXPECTED = {
    "line 1": ("published", "records/first-"),
    "line 2": ("rejected", "invalid JSON"),
    "line 3": ("published", "records/second-"),
    "line 4": ("rejected", "cannot be written as JSON"),
    "line 5": ("rejected", "cannot be written as JSON"),
    "line 6": ("rejected", "4300 digits"),
    "line 7": ("rejected", "a JSON list, not an object"),
    "line 8": ("published", "records/etc-passwd-"),
    "line 9": ("published", "records/_con-"),
    "line 10": ("published", "records/xxxx"),
    "line 11": ("published", "records/学院举办国际交流周活动-"),
}


def test_every_record_of_a_hostile_json_lines_file_is_accounted_for(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["publish", str(RECORDS), "--out", str(out), "--jobs", "1"]) == 1
    items = {i["record"]: i for i in json.loads((out / "report.json").read_text())["items"]}
    assert set(items) == set(RECORD_EXPECTED)
    for record, (status, needle) in RECORD_EXPECTED.items():
        entry = items[record]
        assert entry["status"] == status, (record, entry)
        text = entry.get("reason") or " ".join(entry["outputs"])
        assert needle in text and "\n" not in text, (record, text)
        for output in entry.get("outputs", ()):
            assert (out / output).resolve().is_relative_to(out.resolve())


def test_a_ten_megabyte_json_lines_record_is_published(tmp_path: Path) -> None:
    page = "<html><body><article><h1>Long</h1>" + "<p>" + "word " * 2_000_000 + "</p></article></body></html>"
    source = tmp_path / "big.jsonl"
    source.write_text(json.dumps({"url": "https://example.com/big", "title": "Long", "html": page}) + "\n")
    out = tmp_path / "out"
    assert main(["publish", str(source), "--out", str(out), "--format", "json", "--jobs", "1"]) == 0
