"""`toolkit validate` and `toolkit schema` end to end on the fixtures under fixtures/validate."""

from __future__ import annotations

import json
import os
import socket
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable

import pytest

from toolkit.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "validate"
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """Run the CLI in fixtures/validate (so its toolkit.toml applies); return (code, stdout, stderr)."""
    monkeypatch.chdir(FIXTURES)

    def go(*argv: str) -> tuple[int, str, str]:
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return go


def test_an_invalid_date_points_at_its_line_and_column(run: Run) -> None:
    code, out, _ = run("validate", "posts/bad.md")
    assert code == 1
    assert "posts/bad.md:8:7: error: '2025-13-01' is not a 'date' [$.date]" in out.splitlines()


def test_a_missing_required_key_points_at_its_object(run: Run) -> None:
    _, out, _ = run("validate", "posts/bad.md")
    assert "posts/bad.md:5:3: error: 'name' is a required property [$.author]" in out.splitlines()


def test_errors_come_in_line_order_with_a_summary_last(run: Run) -> None:
    _, out, _ = run("validate", "posts/bad.md")
    lines = out.splitlines()
    numbers = [int(line.split(":")[1]) for line in lines[:-1]]
    assert numbers == sorted(numbers)
    assert lines[-1] == "checked 1 file (1 document): 6 errors in 1 file"


def test_any_of_shows_the_alternatives_best_first(run: Run) -> None:
    _, out, _ = run("validate", "posts/bad.md")
    (line,) = [line for line in out.splitlines() if "[$.status]" in line]
    assert "is not valid under any of the given schemas ('archived' is not one of ['draft', 'published'];" in line


def test_a_valid_file_exits_zero(run: Run) -> None:
    assert run("validate", "posts/good.md")[0] == 0


def test_the_schema_key_picks_a_bundled_front_matter_schema(run: Run) -> None:
    _, out, _ = run("validate", "--format", "json", "posts/default-schema.md")
    (entry,) = json.loads(out)["files"]
    assert entry["schemas"] == ["frontmatter/default"]
    assert [(e["line"], e["column"], e["path"]) for e in entry["errors"]] == [(4, 7, "$.date"), (5, 8, "$.score")]


def test_an_unknown_schema_name_is_an_error_at_the_key(run: Run, tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: x\n_schema: nosuch\n---\n")
    code, out, _ = run("validate", str(post))
    assert code == 1
    assert f"{post}:3:10: error: unknown schema 'nosuch' named by _schema [$._schema]" in out


def test_an_unparsable_file_is_reported_and_the_others_still_checked(run: Run) -> None:
    code, out, _ = run("validate", "broken", "data/tree.yaml")
    assert code == 1
    lines = out.splitlines()
    assert "broken/unparsable.json:4:3: error: invalid JSON: Expecting ',' delimiter [$]" in lines
    assert "broken/duplicate.yaml:3:1: error: invalid YAML: duplicate key 'name' (first on line 1) [$]" in lines
    assert any(line.startswith("broken/python-tag.yaml:1:7: error: invalid YAML: could not determine") for line in lines)
    assert "data/tree.yaml:10:11: error: 'not-a-list' is not of type 'array' [$.children]" in lines


def test_every_document_of_a_yaml_stream_is_checked(run: Run) -> None:
    _, out, _ = run("validate", "data/tree.yaml")
    assert out.splitlines() == [
        "data/tree.yaml:7:9: error: 'name' is a required property [$.children[1].children[0]]",
        "data/tree.yaml:10:11: error: 'not-a-list' is not of type 'array' [$.children]",
        "checked 1 file (2 documents): 2 errors in 1 file",
    ]


def test_json_lines_report_the_line_of_each_record(run: Run) -> None:
    _, out, _ = run("validate", "-q", "data/items.jsonl")
    assert out.splitlines() == [
        "data/items.jsonl:2:35: error: 'cheap' is not of type 'number' [$.price]",
        "data/items.jsonl:3:25: error: invalid JSON: Expecting property name enclosed in double quotes [$]",
        "data/items.jsonl:4:49: error: 'yesterday' is not a 'date-time' [$.updated]",
    ]


def test_a_published_article_is_checked_against_the_article_schema(run: Run, tmp_path: Path) -> None:
    article = tmp_path / "a.json"
    article.write_text('{\n  "schema_version": "1.0.0",\n  "id": "XYZ"\n}\n')
    _, out, _ = run("validate", "--format", "json", str(article))
    (entry,) = json.loads(out)["files"]
    assert entry["schemas"] == ["article"]
    assert {"line": 3, "path": "$.id"}.items() <= next(e for e in entry["errors"] if e["path"] == "$.id").items()


def test_a_file_without_a_schema_is_skipped(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "package.json"
    data.write_text('{"name": "x"}')
    code, out, err = run("validate", "-v", str(data))
    assert code == 0
    assert out.splitlines()[-1] == "checked 1 file (1 document): all valid, 1 skipped"
    assert "skipped: no schema" in err


def test_a_catastrophic_pattern_is_an_error_not_a_hang(run: Run) -> None:
    code, out, _ = run("validate", "--pattern-timeout", "0.05", "data/codes.json")
    assert code == 1
    assert "data/codes.json:1:10: error: pattern '^(a|aa)+$' gave up on this value after 0.05 s" in out


def test_a_remote_ref_exits_two_without_touching_the_network(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network is unreachable")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    code, out, err = run("validate", "--schema", "schemas/remote-ref.schema.json", "data/items.json")
    assert code == 2
    assert out == ""
    assert "refused: only local files are resolved (no network)" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (("validate", "--schema", "schemas/invalid.schema.json", "posts"), "invalid schema at $.type"),
        (("validate", "no/such/file.md"), "no such file or folder: no/such/file.md"),
        (("validate", "--schema", "nosuch", "posts"), "no schema file or bundled schema named 'nosuch'"),
        (("schema", "nosuch"), "no bundled schema named 'nosuch'"),
    ],
)
def test_usage_errors_and_broken_schemas_exit_two_with_one_line(run: Run, argv: tuple[str, ...], fragment: str) -> None:
    code, _, err = run(*argv)
    assert code == 2
    assert fragment in err
    assert len(err.strip().splitlines()) == 1


def test_json_output_is_stable_and_machine_readable(run: Run) -> None:
    argv = ("validate", "--format", "json", "--pattern-timeout", "0.05", "posts", "data")
    first = run(*argv)[1]
    assert first == run(*argv)[1]
    report = json.loads(first)
    assert report["version"] == 1 and report["valid"] is False
    assert set(report["summary"]) == {"files", "documents", "invalid_files", "errors", "skipped"}
    error = report["files"][0]["errors"][0]
    assert set(error) == {"line", "column", "path", "message", "kind", "document", "keyword", "schema", "alternatives"}


def test_github_output_is_workflow_annotations(run: Run) -> None:
    _, out, _ = run("validate", "--format", "github", "-q", "posts/bad.md")
    assert "::error file=posts/bad.md,line=8,col=7::'2025-13-01' is not a 'date' [$.date]" in out.splitlines()


def test_junit_output_has_one_testcase_per_file(run: Run) -> None:
    code, out, _ = run("validate", "--format", "junit", "posts")
    suite = ET.fromstring(out).find("testsuite")
    assert suite is not None
    names = [case.get("name") for case in suite.findall("testcase")]
    assert names == ["posts/bad.md", "posts/default-schema.md", "posts/good.md", "posts/no-front-matter.md"]
    assert suite.get("failures") == "2" and suite.get("skipped") == "1"
    assert code == 1


def test_walking_skips_hidden_folders_and_symlinks_leaving_the_tree(run: Run, tmp_path: Path) -> None:
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    (tree / ".git").mkdir(parents=True)
    outside.mkdir()
    bad = "---\ntitle: ''\n---\n"
    (tree / ".git" / "x.md").write_text(bad)
    (outside / "y.md").write_text(bad)
    os.symlink(outside / "y.md", tree / "link.md")
    (tree / "ok.md").write_text("---\ntitle: fine\n---\n")
    code, out, _ = run("validate", "--schema", "frontmatter/default", str(tree))
    assert code == 0
    assert out.splitlines() == ["checked 1 file (1 document): all valid"]


def test_schema_prints_a_bundled_schema_and_lists_them(run: Run) -> None:
    code, out, _ = run("schema", "article")
    assert code == 0 and json.loads(out)["title"] == "Article"
    assert json.loads(run("schema", "frontmatter/default")[1])["title"] == "Default front matter"
    assert run("schema", "--list")[1].splitlines() == ["article", "frontmatter/default"]


def test_a_forbidden_extra_property_points_at_that_property(run: Run, tmp_path: Path) -> None:
    item = tmp_path / "item.json"
    item.write_text('{\n  "id": 2,\n  "name": "cup",\n  "price": 1,\n  "colour": "red"\n}\n')
    _, out, _ = run("validate", "-q", "--schema", "schemas/item.schema.json", str(item))
    assert out == f"{item}:5:13: error: Additional properties are not allowed ('colour' was unexpected) [$]\n"
