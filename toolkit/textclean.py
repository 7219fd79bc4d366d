"""Character-level cleaning: one small function per fix, applied in a fixed order.

Each fix is idempotent and the whole chain is idempotent, so cleaning clean text changes
nothing. ``clean_text(..., record=list)`` appends the names of the fixes that changed
something, a replayable record of what happened to the text (the ftfy model).

What stays on purpose: curly quotes, CJK full-width punctuation, ZWJ/ZWNJ inside words
(they carry meaning in Persian, Indic scripts and emoji).
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Callable

import ftfy
from ftfy.badness import is_bad

_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,  # entities are decoded once, by decode_entities, and only for text inputs
    uncurl_quotes=False,
    fix_character_width=False,  # keep CJK full-width punctuation
    fix_latin_ligatures=False,
    normalization=None,  # NFC is its own step
    explain=False,
)

_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u180e\u00ad\u034f\u115f\u1160\u3164\ufff9-\ufffb]")
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_JOINERS_OUTSIDE_WORDS = re.compile(r"(?:(?<=\s)|^)[\u200c\u200d]+|[\u200c\u200d]+(?=\s|$)", re.M)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")
_BLANK_RUNS = re.compile(r"\n{3,}")
#: Characters that make ftfy (with ``_FTFY``) act whatever the rest of the text: C0 and C1
#: controls, surrogates, terminal escapes, the format characters it removes.
_FTFY_ALWAYS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\u206a-\u206f\ufff9-\ufffc\U000e0000-\U000e007f]")
#: Mojibake needs a lone Â/Ã/Œ/œ or two non-ASCII characters in a row; only then is ftfy's
#: badness heuristic asked. Text passing neither gate is what ftfy leaves unchanged (a
#: hypothesis test holds the claim); the gates are ~10x cheaper than ftfy on every piece.
_MAYBE_MOJIBAKE = re.compile("[\u0152\u0153\u00c2\u00c3]|[^\x00-\x7f]{2}")
_ANY_JOINER = re.compile("[\u200c\u200d]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_entities(text: str) -> str:
    """Decode HTML entities exactly once (``&amp;lt;`` becomes ``&lt;``, not ``<``)."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def fix_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-Latin-1/cp1252 damage and similar, with ftfy (quotes and widths kept)."""
    if _FTFY_ALWAYS.search(text) is None and (_MAYBE_MOJIBAKE.search(text) is None or not is_bad(text)):
        return text
    return ftfy.fix_text(text, _FTFY)


def normalize_nfc(text: str) -> str:
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def normalize_line_breaks(text: str) -> str:
    return _LINE_BREAKS.sub("\n", text)


def remove_invisible(text: str) -> str:
    """Zero-width spaces, BOMs, soft hyphens and other invisible format characters."""
    if text.isascii():
        return text
    text = _INVISIBLE.sub("", text)
    if _ANY_JOINER.search(text) is None:  # the joiner rule's look-behind is slow; most text has none
        return text
    return _JOINERS_OUTSIDE_WORDS.sub("", text)


def remove_bidi_controls(text: str) -> str:
    """Bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069): they can disguise text."""
    return text if text.isascii() else _BIDI_CONTROLS.sub("", text)


def remove_controls(text: str) -> str:
    """C0 and C1 control characters, except tab and line feed."""
    return _CONTROLS.sub("", text)


def normalize_spaces(text: str) -> str:
    """Every run of horizontal white space becomes one space; lines are stripped; at most one blank line."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")


def collapse_spaces(text: str) -> str:
    """For inline text: all white space, line breaks included, becomes single spaces."""
    return " ".join(text.split())


Fix = Callable[[str], str]

#: Fixes for text that came as text (plain scrapes, front matter): entities are still encoded there.
TEXT_FIXES: tuple[Fix, ...] = (
    normalize_line_breaks,
    decode_entities,
    fix_mojibake,
    normalize_nfc,
    remove_invisible,
    remove_bidi_controls,
    remove_controls,
    normalize_spaces,
)

#: Fixes for text taken out of an HTML tree: the parser already decoded entities once.
MARKUP_FIXES: tuple[Fix, ...] = tuple(f for f in TEXT_FIXES if f is not decode_entities)

#: The character fixes alone, for pieces of a line whose white space is handled across pieces.
CHARACTER_FIXES: tuple[Fix, ...] = (fix_mojibake, normalize_nfc, remove_invisible, remove_bidi_controls, remove_controls)


def clean_text(text: str, *, fixes: tuple[Fix, ...] = TEXT_FIXES, record: list[str] | None = None) -> str:
    """Apply ``fixes`` in order; append the name of each fix that changed the text to ``record``.

    ftfy judges mojibake by its context, so a repair can expose another one (a stripped
    space next to ``Â€``); the chain is run again, at most twice more, until nothing changes.
    """
    for _ in range(_MAX_ROUNDS):
        changed_by: list[str] = []
        for fix in fixes:
            fixed = fix(text)
            if fixed != text:
                changed_by.append(fix.__name__)
            text = fixed
        if record is not None:
            record.extend(changed_by)
        if fix_mojibake.__name__ not in changed_by:
            break
    return text


_MAX_ROUNDS = 3


def clean_inline(text: str, *, from_markup: bool = True) -> str:
    """Clean a one-line piece of text (a heading, a table cell, an alt text): no line breaks survive."""
    return collapse_spaces(clean_text(text, fixes=MARKUP_FIXES if from_markup else TEXT_FIXES))
