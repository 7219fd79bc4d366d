"""`toolkit publish`: outputs, the report, exit codes, bad inputs, paths inside the output folder."""

from __future__ import annotations

import copy
import gc
import json
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from toolkit.article import dumps_indented
from toolkit.cli import main

TEXT = "fixtures/text"


def _report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_output_mirrors_input_folders(tmp_path: Path, seeds_dir: Path) -> None:
    src = tmp_path / "in"
    (src / "a" / "b").mkdir(parents=True)
    shutil.copy(seeds_dir / "000_406d62282c3718ba.txt", src / "a" / "b" / "page.txt")
    out = tmp_path / "out"
    assert main(["publish", str(src), "--out", str(out)]) == 0
    assert (out / "a" / "b" / "page.json").is_file()
    assert (out / "a" / "b" / "page.md").is_file()
    assert _report(out)["items"][0]["outputs"] == ["a/b/page.json", "a/b/page.md"]


def test_format_json_writes_only_json(tmp_path: Path, seeds_dir: Path) -> None:
    assert main(["publish", str(seeds_dir), "--out", str(tmp_path), "--format", "json"]) == 0
    assert not list(tmp_path.glob("*.md"))
    assert len(list(tmp_path.glob("*.json"))) == 5  # four articles and the report


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty input"),
        ("whitespace-only.txt", "empty input"),
        ("binary-named.txt", "binary content"),
        ("frontmatter-duplicate-key.md", "duplicate key 'title' (first on line 2)"),
        ("frontmatter-unclosed.md", "no closing '---'"),
        ("frontmatter-python-tag.md", "python/object"),
    ],
)
def test_bad_input_is_rejected_with_a_one_line_reason_naming_it(tmp_path: Path, name: str, reason: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["publish", f"{TEXT}/{name}", "--out", str(out)]) == 1
    item = _report(out)["items"][0]
    assert item["status"] == "rejected"
    assert name in item["reason"] and reason in item["reason"] and "\n" not in item["reason"]
    err = capsys.readouterr().err
    assert "Traceback" not in err and name in err


def test_a_bad_input_does_not_stop_the_batch(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["publish", TEXT, "--out", str(out)]) == 1
    report = _report(out)
    assert report["totals"]["published"] >= 2 and report["totals"]["rejected"] >= 4
    assert report["totals"]["inputs"] == len(os.listdir(TEXT))


def test_a_date_that_is_not_a_date_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["publish", f"{TEXT}/frontmatter-bad-date.md", "--out", str(out)]) == 0
    article = json.loads((out / "frontmatter-bad-date.json").read_text())
    assert article["date_published"] is None
    assert any(w["code"] == "unparsed-date" for w in article["warnings"])


def test_chinese_breadcrumb_and_navigation_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["publish", f"{TEXT}/breadcrumb-zh.txt", "--out", str(out)]) == 0
    article = json.loads((out / "breadcrumb-zh.json").read_text())
    assert article["title"] == "学院举办国际交流周活动"
    rules = {r["text"]: r["rule"] for r in article["removed"]}
    assert rules["您的位置：首页 > 新闻中心 > 正文"] == "breadcrumb"
    assert rules["首页"] == rules["新闻中心"] == "navigation-residue"
    assert rules["photo_01.png"] == "image-file-name"
    assert article["language"] == "zh"


def test_markdown_like_text_gets_headings_lists_and_quotes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["publish", f"{TEXT}/markdown-like.txt", "--out", str(out)]) == 0
    blocks = json.loads((out / "markdown-like.json").read_text())["blocks"]
    assert [b["type"] for b in blocks] == ["heading", "paragraph", "list", "list", "quote"]
    assert blocks[2]["ordered"] is False and blocks[3]["ordered"] is True


def test_missing_input_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["publish", "no/such/folder", "--out", str(tmp_path)]) == 2
    assert "no/such/folder" in capsys.readouterr().err


def test_unknown_format_is_a_usage_error(tmp_path: Path, seeds_dir: Path) -> None:
    assert main(["publish", str(seeds_dir), "--out", str(tmp_path), "--format", "pdf"]) == 2


def test_symlinks_in_input_folders_are_skipped_not_followed(tmp_path: Path, seeds_dir: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(seeds_dir / "002_958f612640a3b7f2.txt", src / "page.txt")
    (src / "link.txt").symlink_to("/etc/passwd")
    out = tmp_path / "out"
    assert main(["publish", str(src), "--out", str(out)]) == 0
    statuses = {i["input"].rsplit("/", 1)[-1]: i["status"] for i in _report(out)["items"]}
    assert statuses == {"link.txt": "skipped", "page.txt": "published"}
    assert not (out / "link.json").exists()


def test_no_temporary_files_are_left_behind(tmp_path: Path, seeds_dir: Path) -> None:
    assert main(["publish", str(seeds_dir), "--out", str(tmp_path)]) == 0
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]


def test_help_is_available_for_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ([], ["publish"], ["validate"], ["detect"], ["schema"]):
        with pytest.raises(SystemExit) as exit_info:
            main([*command, "--help"])
        assert exit_info.value.code == 0


_JSON_LEAVES = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_JSON_VALUES = st.recursive(
    _JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5) | st.integers() | st.none(), inner, max_size=4),
    max_leaves=20,
)


def _stdlib_or_error(value: object, indent: int) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)
    except (ValueError, TypeError) as exc:
        return f"{type(exc).__name__}: {exc}"


@settings(max_examples=300, deadline=None)
@given(_JSON_VALUES, st.sampled_from([0, 2, 4]))
def test_indented_json_writer_gives_the_stdlib_bytes(value: object, indent: int) -> None:
    """The fast writer behind Article.to_json: same text as json.dumps, same errors (NaN, odd keys)."""
    try:
        fast = dumps_indented(value, indent)
    except (ValueError, TypeError) as exc:
        fast = f"{type(exc).__name__}: {exc}"
    assert fast == _stdlib_or_error(value, indent)


def test_indented_json_writer_leaves_cycles_and_odd_types_to_the_stdlib() -> None:
    cycle: list = []
    cycle.append(cycle)
    with pytest.raises(ValueError, match="Circular reference"):
        dumps_indented({"extra": cycle})
    with pytest.raises(TypeError):
        dumps_indented({"extra": {1, 2}})
    deep: list = []
    for _ in range(300):
        deep = [deep]
    assert dumps_indented(deep) == json.dumps(deep, ensure_ascii=False, indent=2)


def test_publish_restores_the_collector_settings(tmp_path: Path, seeds_dir: Path) -> None:
    before = gc.get_threshold()
    assert main(["publish", str(seeds_dir), "--out", str(tmp_path), "--jobs", "1"]) == 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_publish_leaves_objects_the_caller_froze_frozen(tmp_path: Path, seeds_dir: Path) -> None:
    """A library caller that froze its own objects (gc.freeze before forking) finds them still frozen."""
    import toolkit

    theirs = ["an object of the caller's"]
    gc.freeze()
    try:
        before = gc.get_threshold()
        toolkit.publish(seeds_dir, tmp_path, formats=("json",))
        assert gc.get_threshold() == before
        assert not any(o is theirs for o in gc.get_objects())  # tracked, yet in no generation: frozen
    finally:
        gc.unfreeze()
    assert any(o is theirs for o in gc.get_objects())


def _all_block_kinds() -> dict:
    """A valid Article dict holding every block type, marks, spans, lists within lists."""
    from toolkit.article import Article, Block, ListItem, Mark, Source, Span

    para = Block("paragraph", "Hello world", marks=(Mark(0, 5, "link", "https://e.x"),), lang="de",
                 spans=(Span(0, 5, "en"),))
    inner = Block("list", ordered=True, items=(ListItem("deep"),))
    blocks = (
        Block("heading", "Title", level=2), para, Block("quote", "q"), Block("code", "x = 1", info="py"),
        Block("list", ordered=False, items=(ListItem("a", (Mark(0, 1, "em"),), (inner, para)),)),
        Block("table", rows=(("a", "b"), ("c", "d")), header=True), Block("image", src="i.png", alt="a", caption="c"),
    )
    source = Source("p.html", "html", "utf-8", "0" * 64, url="https://e.x", record="line 1")
    article = Article("0123456789abcdef", source, "https://e.x", "T", None, "2024-01-02", None, ("A",), None,
                      ("k",), (), "en", (), blocks, "text", (), (), {"x": [1, {"y": None}]}, ())
    return article.to_dict()


_ODD_VALUES = [None, True, False, 0, -1, 7, 1.5, float("nan"), "", "x", "EN", "en-US", "heading", "link",
               "2024-13-01", "a" * 64, [], {}, ["a"], [""], [{"type": "paragraph"}], {"type": "heading"},
               ("t",), Decimal(3), {"lang": "en", "share": 2}]


def _paths(value: object, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*path, key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found.extend(_paths(item, (*path, i)))
    return found


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_quick_article_check_never_accepts_what_the_schema_refuses(data: st.DataObject) -> None:
    """The quick check in front of fastjsonschema may be stricter, never more lenient."""
    from toolkit.article_check import compiled, quick_check

    quick = quick_check("article")
    assert quick is not None  # the bundled schema uses only keywords it knows
    article = _all_block_kinds()
    assert quick(article)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(article)[1:]))
        parent = article
        for step in path[:-1]:
            parent = parent[step]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["bogus", "lang", "level", "text", "src", "marks"]))] = \
                copy.deepcopy(data.draw(st.sampled_from(_ODD_VALUES)))
        else:  # copies: a shared odd list or dict mutated later would leak into other examples
            parent[path[-1]] = copy.deepcopy(data.draw(st.sampled_from(_ODD_VALUES)))
    if quick(article):
        compiled("article")(article)  # raises if the schema refuses it


_YAML_TRICKY = st.text(
    alphabet=st.sampled_from(list(" abcAZ019-_.:#,?[]{}&*!|>'\"%@`~+=/\\<\t\n\r\x85\u2028\u2029\x00\x7f\x9f\xa0é—“”中\ufeff\ufffe\U0001f600"))
    | st.characters(),
    max_size=12,
) | st.sampled_from(["yes", "No", "null", "~", "true", "0x1F", "0o17", "1_000", "1e3", ".inf", "-.5", "2024-05-01",
                    "2024-05-01T10:00:00+00:00", "12:30:45", "---", "...", "- a", "? x", ": y", "a: b", "a #b", "=", "<<"])


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "date", "tags", "id", "a b", "yes", "x:"]),
                       _YAML_TRICKY | st.lists(_YAML_TRICKY, min_size=1, max_size=3), max_size=4))
def test_simple_front_matter_yaml_gives_pyyaml_bytes(mapping: dict) -> None:
    """Where the Markdown writer skips PyYAML, it writes exactly what yaml.safe_dump would."""
    import yaml

    from toolkit.markdown import _simple_yaml

    fast = _simple_yaml(mapping)
    if fast is not None:
        assert fast == yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000)


def test_simple_front_matter_yaml_leaves_long_values_to_pyyaml() -> None:
    from toolkit.markdown import _simple_yaml

    assert _simple_yaml({"description": "word " * 2000 + "end"}) is None
    assert _simple_yaml({"title": "Plain title", "tags": ["a", "2024"]}) == "title: Plain title\ntags:\n- a\n- '2024'\n"


def test_headings_repeating_the_title_at_the_top_are_all_dropped() -> None:
    """Else the Markdown, read again, loses the heading left behind (republishing must be stable)."""
    from toolkit.pipeline import normalize

    article = normalize(b"the title\n# the title\n# The Title\nbody text here", path="doc.txt")
    assert article.title == "the title"
    assert [b.type for b in article.blocks] == ["paragraph"]
    again = normalize(article.to_markdown(), path="doc.md")
    assert [b.to_dict() for b in again.blocks] == [b.to_dict() for b in article.blocks]


def test_quick_article_check_searches_with_fastjsonschemas_expressions() -> None:
    """The patterns the quick check compiles itself are the ones fastjsonschema's code searches with."""
    from toolkit.article_check import _FastjsonschemaPatterns, compiled

    theirs = compiled("article").__globals__["REGEX_PATTERNS"]
    assert theirs
    ours = _FastjsonschemaPatterns()
    for pattern, regex in theirs.items():
        assert (ours[pattern].pattern, ours[pattern].flags) == (regex.pattern, regex.flags)


def test_detector_option_reaches_the_published_languages(tmp_path: Path, seeds_dir: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    identify = importlib.import_module("toolkit.language.identify")  # the package's ``identify`` is the function
    real, used = identify._scorer, []
    monkeypatch.setattr(identify, "_scorer", lambda *key: used.append(key[-1]) or real(*key))
    out = tmp_path / "out"
    assert main(["publish", str(seeds_dir), "--out", str(out), "--format", "json", "--jobs", "1", "--detector", "langdetect"]) == 0
    assert used and set(used) == {"langdetect"}


def test_unknown_language_code_or_detector_is_a_usage_error(tmp_path: Path, seeds_dir: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["publish", str(seeds_dir), "--out", str(tmp_path), "--languages", "en,xx"]) == 2
    assert "xx" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["publish", str(seeds_dir), "--out", str(tmp_path), "--detector", "nope"])
    assert stop.value.code == 2
