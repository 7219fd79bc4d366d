"""``toolkit detect``: languages of text files and JSON Lines records."""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

import pytest

from toolkit.commands import detect

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "language"


def run(argv: list[str], stdin: str = "", monkeypatch: pytest.MonkeyPatch | None = None) -> int:
    parser = argparse.ArgumentParser()
    detect.add_arguments(parser)
    args = parser.parse_args(argv)
    if monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return detect.run(args)


def test_text_file_prints_primary_language_and_shares(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "en-page-zh-breadcrumb.txt"
    assert run([str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{path}: en (en 0.")
    assert "zh 0." in out


def test_jsonl_records_get_language_shares_and_spans(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    text = "当前位置：首页 > 新闻\nThe weather in the capital was sunny and warm all week."
    records = json.dumps({"id": "a1", "text": text}, ensure_ascii=False) + "\n" + json.dumps({"id": 2, "text": ""}) + "\n"
    assert run(["--format", "jsonl", "-"], records, monkeypatch) == 0
    first, second = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert first["id"] == "a1" and first["language"] == "en"
    assert [s["lang"] for s in first["languages"]] == ["en", "zh"]
    assert text[first["spans"][0]["start"] : first["spans"][0]["end"]] == "当前位置：首页 > 新闻"
    assert second == {"id": 2, "language": None, "languages": [], "spans": []}


def test_bad_record_is_reported_and_the_rest_processed(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    records = 'not json\n{"id": 1}\n{"id": 2, "text": "Guten Morgen, wie geht es dir heute?"}\n'
    assert run(["--format", "jsonl"], records, monkeypatch) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["language"] == "de"
    errors = captured.err.splitlines()
    assert len(errors) == 2 and "-: line 1" in errors[0] and "line 2" in errors[1]
    assert "Traceback" not in captured.err


def test_missing_file_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.txt"
    assert run([str(missing)]) == 1
    err = capsys.readouterr().err
    assert str(missing) in err and len(err.strip().splitlines()) == 1


def test_unknown_language_code_is_a_usage_error() -> None:
    from toolkit.errors import UsageError

    with pytest.raises(UsageError, match="xx"):
        run(["--languages", "en,xx"])


def test_languages_option_restricts_the_answer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "fr.txt"
    path.write_text("Le chat dort sur le canapé depuis ce matin.", encoding="utf-8")
    assert run(["--languages", "en,de", str(path)]) == 0
    assert capsys.readouterr().out.split(": ")[1][:2] in ("en", "de")


def test_cli_entry_point_runs_detect(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from toolkit.cli import main

    path = tmp_path / "ko.txt"
    path.write_text("오늘은 날씨가 좋습니다.", encoding="utf-8")
    assert main(["detect", str(path)]) == 0
    assert capsys.readouterr().out.strip() == f"{path}: ko (ko 1.00)"


def test_detector_option_picks_the_detector(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    identify = importlib.import_module("toolkit.language.identify")  # the package's ``identify`` is the function
    real, used = identify._scorer, []
    monkeypatch.setattr(identify, "_scorer", lambda *key: used.append(key[-1]) or real(*key))
    path = FIXTURES / "en-page-zh-breadcrumb.txt"
    assert run([str(path), "--detector", "langdetect"]) == 0
    assert capsys.readouterr().out.startswith(f"{path}: en (")
    assert used and set(used) == {"langdetect"}


def test_lingua_without_the_extra_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit.errors import UsageError
    from toolkit.language import lingua

    lingua.supported_languages.cache_clear()
    monkeypatch.setitem(sys.modules, "lingua", None)  # import lingua now raises ImportError
    try:
        with pytest.raises(UsageError, match=r"toolkit\[lingua\]"):
            run(["--detector", "lingua", str(FIXTURES / "en-page-zh-breadcrumb.txt")])
    finally:
        lingua.supported_languages.cache_clear()
