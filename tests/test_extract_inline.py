"""Inline text of the HTML path: the shortcuts of the character fixes give textclean's own result."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.extract.inline import fix_chars, inline_text
from toolkit.textclean import CHARACTER_FIXES, DELETABLE, DELETING_FIXES, fix_mojibake


def _plain_chain(text: str, mojibake: bool) -> str:
    for fix in CHARACTER_FIXES:
        if mojibake or fix is not fix_mojibake:
            text = fix(text)
    return text


#: Characters some fix acts on (controls, joiners, bidi and invisible characters, a combining
#: accent, mojibake-prone letters, a terminal escape) among ordinary ones.
_TOUCHY = st.text(alphabet=st.sampled_from(list(
    "ab Z\n\t\r\x00\x0b\x0c\x1b[m\x7f\x85\x9f\u00ad\u034f\u200b\u200c\u200d\u202a\u202e\u2066\u2069\ufeff\ufffb"
    "e\u0301\u00e9\u00c3\u00a9\u00c2\u20ac\u0152\u0153\u00e2\u0080\u2019\u4e2d\u05d0\u3164"
)), max_size=16)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TOUCHY, st.text(max_size=40)), st.booleans())
def test_character_fixes_give_the_plain_chain_result_on_any_text(text: str, mojibake: bool) -> None:
    assert fix_chars(text, mojibake=mojibake) == _plain_chain(text, mojibake)
    assert inline_text(text, mojibake=mojibake) == " ".join(_plain_chain(text, mojibake).split())


def test_the_deleting_fixes_are_the_chain_after_ftfy_and_nfc() -> None:
    assert DELETING_FIXES == CHARACTER_FIXES[2:]


def test_characters_outside_the_deletable_set_survive_the_deleting_fixes() -> None:
    every_other = "".join(
        chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and DELETABLE.match(chr(c)) is None
    )
    for fix in DELETING_FIXES:
        assert fix(every_other) == every_other, fix.__name__


def test_ascii_text_without_control_characters_is_left_as_it_is_by_every_fix() -> None:
    printable = "".join(chr(c) for c in range(128) if DELETABLE.match(chr(c)) is None)
    for fix in CHARACTER_FIXES:
        assert fix(printable) == printable, fix.__name__
