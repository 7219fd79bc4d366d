"""Decoding scraped bytes: BOM, HTTP charset, in-page declarations, detection, overrides."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.decode import declared_charset, decode
from toolkit.errors import InputError

ENCODINGS = Path(__file__).resolve().parent.parent / "fixtures" / "html" / "encodings"


def _read(name: str) -> bytes:
    return (ENCODINGS / name).read_bytes()


@pytest.mark.parametrize(
    ("name", "phrase"),
    [
        ("ru-windows-1251.html", "Городской совет утвердил новый бюджет"),
        ("zh-gbk.html", "市议会批准了明年的新预算"),
        ("zh-gb18030.html", "研究人员开发了一种新型电池"),
        ("ja-shift_jis.html", "市議会は来年度の新しい予算を承認しました"),
        ("ko-euc-kr.html", "시의회는 내년도 새 예산을 승인했습니다"),
        ("fr-latin-1.html", "Le conseil municipal a approuvé le nouveau budget"),
        ("de-utf-16.html", "Der Stadtrat hat den neuen Haushalt für das kommende Jahr"),
    ],
)
def test_undeclared_legacy_pages_decode_to_their_text(name: str, phrase: str) -> None:
    decoded = decode(_read(name), html=True)
    assert phrase in decoded.text
    assert "\ufffd" not in decoded.text


def test_utf16_bom_is_consumed_and_named() -> None:
    decoded = decode(_read("de-utf-16.html"), html=True)
    assert decoded.encoding.startswith("utf-16")
    assert not decoded.text.startswith("\ufeff")


def test_meta_charset_late_in_the_head_is_honoured() -> None:
    data = _read("meta-late-windows-1251.html")
    assert data.find(b"<meta charset") > 1024
    assert declared_charset(data) == "windows-1251"
    assert "Завтра в городе ожидается снег" in decode(data, html=True).text


def test_http_charset_wins_over_detection() -> None:
    decoded = decode("Grüße aus Köln".encode("cp1252"), http_charset="windows-1252")
    assert decoded.text == "Grüße aus Köln"
    assert decoded.warnings == ()


def test_declared_charset_that_does_not_decode_is_overridden_with_a_warning() -> None:
    decoded = decode(_read("declared-utf8-but-cp1252.html"), html=True)
    assert "Herr Müller aß Äpfel" in decoded.text
    assert [w.code for w in decoded.warnings] == ["charset-overridden"]


def test_latin1_declaration_over_utf8_bytes_is_overridden() -> None:
    decoded = decode(_read("declared-latin1-but-utf8.html"), html=True)
    assert "Le café est prêt" in decoded.text
    assert decoded.encoding == "utf-8"
    assert decoded.warnings and decoded.warnings[0].code == "charset-overridden"


def test_unknown_declared_charset_falls_back_to_detection() -> None:
    decoded = decode("naïve café".encode("utf-8"), http_charset="x-no-such-charset")
    assert decoded.text == "naïve café"
    assert decoded.warnings[0].code == "charset-unknown"


def test_non_bytes_input_is_an_input_error() -> None:
    with pytest.raises(InputError):
        decode("already text")  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([None, "utf-8", "shift_jis", "bogus", "utf-16"]))
def test_any_bytes_decode_without_raising(data: bytes, charset: str | None) -> None:
    decoded = decode(data, http_charset=charset, html=True)
    assert decode(data, http_charset=charset, html=True) == decoded  # deterministic
