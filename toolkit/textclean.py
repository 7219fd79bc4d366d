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
from functools import lru_cache
from typing import Any, Callable, Iterable

import ftfy
from ftfy.badness import BADNESS_RE, is_bad

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
#: (Written to open on one character class, which the regex engine skips to quickly: the plain
#: alternation ``[ŒœÂÃ]|[^\x00-\x7f]{2}`` was tried at every position: 0.10 -> 0.02 ms per devset page.)
_MAYBE_MOJIBAKE = re.compile("[^\x00-\x7f](?:(?<=[\u0152\u0153\u00c2\u00c3])|[^\x00-\x7f])")
_ANY_JOINER = re.compile("[\u200c\u200d]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: The few members of the classes above that ``str.isprintable()`` accepts. Every other member
#: is Unicode "Other" (a control, format character or surrogate), which makes a text unprintable:
#: so printable text, most pieces of a page, is cleared by ``isprintable()`` (about 4x quicker
#: than a character-class search) and a look for these. A test holds this over every code point.
_PRINTABLE_FTFY_ALWAYS = "\ufffc"
_PRINTABLE_INVISIBLE = "\u034f\u115f\u1160\u3164"


def decode_entities(text: str) -> str:
    """Decode HTML entities exactly once (``&amp;lt;`` becomes ``&lt;``, not ``<``)."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def fix_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-Latin-1/cp1252 damage and similar, with ftfy (quotes and widths kept)."""
    if _clear_of_ftfy_always(text) and (text.isascii() or _MAYBE_MOJIBAKE.search(text) is None
                                        or not looks_bad(text)):
        return text
    return ftfy.fix_text(text, _FTFY)


def _clear_of_ftfy_always(text: str) -> bool:
    """No character that makes ftfy act whatever the rest of the text (``_FTFY_ALWAYS``)."""
    return (text.isprintable() and _PRINTABLE_FTFY_ALWAYS not in text) or _FTFY_ALWAYS.search(text) is None


def looks_bad(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``, looking only around the characters a match must contain.

    is_bad runs ftfy's badness expression (37 alternatives) at every position, ~130 ns per
    character (0.09 -> 0.01 ms per devset page, over the pieces that reach it). Every match
    of it is at most a few characters long and holds one of a set of characters
    (:func:`_badness_windows`), so searching the few positions around those gives the same
    answer.
    """
    windows = _badness_windows()
    if windows is None:
        return is_bad(text)
    required, width = windows
    for found in required.finditer(text):
        at = found.start()
        if BADNESS_RE.search(text, max(0, at - width + 1), at + width) is not None:
            return True
    return False


@lru_cache(maxsize=1)
def _badness_windows() -> tuple[re.Pattern[str], int] | None:
    """(characters one of which every match of ftfy's badness expression holds, its longest match),
    or None when the expression has something this reading does not cover (then is_bad decides).

    Exact because the expression is context-free apart from a leading ``^`` (which
    ``search(text, pos, endpos)`` honours: it only matches at the real start): a match of
    width <= ``width`` holding a required character at ``at`` lies inside the searched window.
    """
    from re import _constants as sre, _parser as parser  # the stdlib's own reading of a pattern

    if BADNESS_RE.flags & re.IGNORECASE:
        return None
    parsed = parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    low, high = parsed.getwidth()
    if low < 1 or high > 64 or not _context_free(parsed, sre):
        return None
    required = _required_chars(list(parsed), sre)
    if not required:
        return None
    return re.compile("[" + "".join(re.escape(c) for c in sorted(required)) + "]"), high


_CONTEXT_FREE_AT = ("AT_BEGINNING", "AT_BEGINNING_STRING")


def _context_free(items: Iterable[tuple[Any, Any]], sre: Any) -> bool:
    """No look-around, back reference, word boundary or end anchor anywhere in the parsed pattern."""
    for op, av in items:
        if op is sre.BRANCH:
            if not all(_context_free(alt, sre) for alt in av[1]):
                return False
        elif op is sre.SUBPATTERN:
            if not _context_free(av[-1], sre):
                return False
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            if not _context_free(av[2], sre):
                return False
        elif op is sre.AT:
            if str(av) not in _CONTEXT_FREE_AT:
                return False
        elif op not in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
            return False
    return True


def _required_chars(items: list[tuple[Any, Any]], sre: Any) -> frozenset[str] | None:
    """Characters one of which every match of the sequence ``items`` contains (the rarest-looking
    mandatory item's); None when no item is both mandatory and a plain character set."""
    best: frozenset[str] | None = None
    for op, av in items:
        if op is sre.SUBPATTERN:
            chars = _required_chars(av[-1], sre)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            chars = _required_chars(av[2], sre)
        elif op is sre.BRANCH:
            parts = [_required_chars(alt, sre) for alt in av[1]]
            chars = None if any(p is None for p in parts) else frozenset().union(*parts)  # type: ignore[arg-type]
        else:
            chars = _char_set(op, av, sre)
        if chars and (best is None or _commonness(chars) < _commonness(best)):
            best = chars
    return best


def _char_set(op: Any, av: Any, sre: Any) -> frozenset[str] | None:
    if op is sre.LITERAL:
        return frozenset(chr(av))
    if op is not sre.IN:
        return None
    chars: set[str] = set()
    for kind, value in av:
        if kind is sre.LITERAL:
            chars.add(chr(value))
        elif kind is sre.RANGE:
            chars.update(chr(c) for c in range(value[0], value[1] + 1))
        else:  # negated sets, categories (\w, \s): not a small set
            return None
    return frozenset(chars)


def _commonness(chars: frozenset[str]) -> int:
    """How often such characters turn up in ordinary text, roughly: ASCII and spaces most, then
    other letters and quotes, symbols least; so that the windows open on unusual characters."""
    return sum(_char_commonness(c) for c in chars)


def _char_commonness(char: str) -> int:
    category = unicodedata.category(char)
    if char.isascii() or category[0] == "Z":
        return 50
    return 10 if category[0] == "L" or category in ("Pi", "Pf") else 1


def normalize_nfc(text: str) -> str:
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def normalize_line_breaks(text: str) -> str:
    return _LINE_BREAKS.sub("\n", text)


def remove_invisible(text: str) -> str:
    """Zero-width spaces, BOMs, soft hyphens and other invisible format characters."""
    if text.isascii() or (text.isprintable() and not any(c in text for c in _PRINTABLE_INVISIBLE)):
        return text  # (joiners are format characters: printable text has none)
    text = _INVISIBLE.sub("", text)
    if _ANY_JOINER.search(text) is None:  # the joiner rule's look-behind is slow; most text has none
        return text
    return _JOINERS_OUTSIDE_WORDS.sub("", text)


def remove_bidi_controls(text: str) -> str:
    """Bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069): they can disguise text."""
    return text if text.isascii() or text.isprintable() else _BIDI_CONTROLS.sub("", text)


def remove_controls(text: str) -> str:
    """C0 and C1 control characters, except tab and line feed."""
    return text if text.isprintable() else _CONTROLS.sub("", text)


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

#: The character fixes that only delete characters, in chain order (the last three of ``CHARACTER_FIXES``).
DELETING_FIXES: tuple[Fix, ...] = (remove_invisible, remove_bidi_controls, remove_controls)
#: Every character one of ``DELETING_FIXES`` may delete (built from their own classes): C0/C1
#: controls but tab, line feed and carriage return; invisible format characters; bidi controls;
#: joiners (deleted outside words only).
DELETABLE = re.compile("[" + "".join(p.pattern[1:-1] for p in (_CONTROLS, _INVISIBLE, _BIDI_CONTROLS, _ANY_JOINER)) + "]")


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
