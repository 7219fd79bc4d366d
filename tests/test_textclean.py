"""Character-level cleaning: what must change, and what must not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from toolkit.textclean import MARKUP_FIXES, clean_inline, clean_text

MUST_CHANGE = [
    ("&nbsp;", ""),
    ("caf&eacute; &amp; bar", "café & bar"),
    ("cafÃ© au lait", "café au lait"),
    ("zero\u200bwidth", "zerowidth"),
    ("soft\u00adhyphen", "softhyphen"),
    ("bidi \u202eoverride\u202c here", "bidi override here"),
    ("ctrl\x01char\x7f", "ctrlchar"),
    ("a  \t b", "a b"),
    ("line\r\nbreaks\rhere", "line\nbreaks\nhere"),
    ("para\n\n\n\nnext", "para\n\nnext"),
    ("&amp;lt;b&amp;gt;", "&lt;b&gt;"),  # entities decoded exactly once
]

MUST_NOT_CHANGE = [
    "“going-out” model",
    "‘single’ quotes",
    "中文标点：“引号”，句号。",
    "全角！？（括号）",
    "日本語の文章、です。",
    "Ελληνικά και עברית",
    "emoji 👩\u200d💻 joiner",
    "فارسی\u200cها",
    "a < b and c > d",
    "5 × 3 = 15",
    "x ≠ y",
    "Straße",
    "naïve café",
]


@pytest.mark.parametrize(("dirty", "clean"), MUST_CHANGE)
def test_fixes_damage(dirty: str, clean: str) -> None:
    assert clean_text(dirty) == clean


@pytest.mark.parametrize("text", MUST_NOT_CHANGE)
def test_leaves_clean_text_alone(text: str) -> None:
    assert clean_text(text) == text


def test_record_names_each_fix_that_changed_something() -> None:
    record: list[str] = []
    clean_text("caf&eacute;\u200b", record=record)
    assert record == ["decode_entities", "remove_invisible"]


def test_markup_fixes_do_not_decode_entities_again() -> None:
    assert clean_text("&lt;tag&gt;", fixes=MARKUP_FIXES) == "&lt;tag&gt;"


def test_inline_cleaning_removes_line_breaks() -> None:
    assert clean_inline(" a\n b\t c ") == "a b c"


@given(st.text())
def test_cleaning_is_idempotent_on_markup_text(text: str) -> None:
    once = clean_text(text, fixes=MARKUP_FIXES)
    assert clean_text(once, fixes=MARKUP_FIXES) == once


_MOJIBAKE_PRONE = st.lists(
    st.sampled_from(list("aé€ÃÂâ€™œ™\x80\x93\x9d\xa0 ±Ð¸ÑŒ中文ß\u200b\u206a\x1b\x1f[m") + ["Ã©", "â€œ", "Ð¿Ñ€", "ï»¿"]), max_size=20
).map("".join)


@settings(max_examples=500)
@given(_MOJIBAKE_PRONE)
def test_the_fast_gates_never_skip_a_change_ftfy_would_make(text: str) -> None:
    import ftfy

    from toolkit.textclean import _FTFY, fix_mojibake

    assert fix_mojibake(text) == ftfy.fix_text(text, _FTFY)


def _badness_prone() -> st.SearchStrategy[str]:
    """Ordinary letters with runs of the characters ftfy's badness expression is made of, anywhere."""
    from ftfy.badness import BADNESS_RE

    unusual = sorted({c for c in BADNESS_RE.pattern if ord(c) > 127} | {" ", "\xa0", "\n"})
    ordinary = list("abcXYZ .,!?") + list("привет") + list("日本") + list("éàü")
    return st.lists(st.sampled_from(ordinary) | st.lists(st.sampled_from(unusual), min_size=1, max_size=3).map("".join),
                    max_size=40).map("".join)


@settings(max_examples=1000, deadline=None)
@given(_badness_prone())
def test_windowed_badness_check_is_ftfys(text: str) -> None:
    """looks_bad searches only around the characters a match must hold; the answer is is_bad's."""
    from ftfy.badness import is_bad

    from toolkit.textclean import _badness_windows, looks_bad

    assert _badness_windows() is not None  # the installed ftfy's expression is one it can read
    assert looks_bad(text) == is_bad(text)


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list("aZ \n\x7f\x80éü中\u0152\u0153\u00c2\u00c3")), max_size=12))
def test_mojibake_gate_finds_what_the_plain_alternation_finds(text: str) -> None:
    import re

    from toolkit.textclean import _MAYBE_MOJIBAKE

    plain = re.compile("[\u0152\u0153\u00c2\u00c3]|[^\x00-\x7f]{2}")
    assert (_MAYBE_MOJIBAKE.search(text) is None) == (plain.search(text) is None)


def test_the_printable_members_of_the_searched_classes_are_listed_exactly() -> None:
    """The fixes pass printable text without a regex search; that is exact only if every member of
    a class that str.isprintable() accepts is listed, checked here over every code point."""
    from toolkit import textclean as tc

    every_char = "".join(map(chr, range(0x110000)))
    listed = [(tc._FTFY_ALWAYS, tc._PRINTABLE_FTFY_ALWAYS), (tc._INVISIBLE, tc._PRINTABLE_INVISIBLE),
              (tc._ANY_JOINER, ""), (tc._BIDI_CONTROLS, ""), (tc._CONTROLS, "")]
    for chars, printable in listed:
        found = {m.group() for m in chars.finditer(every_char) if m.group().isprintable()}
        assert found == set(printable), chars.pattern
