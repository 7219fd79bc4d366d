"""Inline text with marks: collect raw pieces, then produce clean text and mark offsets.

Pieces keep the marks that were open around them (bold, italic, code, link). On
:meth:`Inline.build` each piece gets the character fixes of :mod:`toolkit.textclean`
(the parser already decoded entities, so they are not decoded again), white space is
collapsed across pieces, ``<br>`` stays a line break, and each mark's offsets are
computed on the cleaned text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ftfy.badness import is_bad

from ..article import Mark
from ..textclean import fix_mojibake, normalize_nfc, remove_bidi_controls, remove_controls, remove_invisible

_WS = re.compile(r"\s+")
# Every pattern of ftfy's badness regex needs a C1 control, a lone Œ/œ/Â/Ã or two
# non-ASCII characters in a row: text without any of these cannot be mojibake, and this
# one-class scan is ~10x cheaper than ftfy's alternation (most German, French, Spanish
# pieces skip it).
_MAYBE_MOJIBAKE = re.compile("[\x80-\x9f\u0152\u0153\u00c2\u00c3]|[^\x00-\x7f]{2}")
# The characters textclean's remove_invisible / remove_bidi_controls act on (its joiner
# rule included): the fixes run only when one is present (their lookbehind regex is slow).
_INVISIBLE_OR_BIDI = re.compile("[\u200b-\u200d\u2060\ufeff\u180e\u00ad\u034f\u115f\u1160\u3164"
                                "\ufff9-\ufffb\u202a-\u202e\u2066-\u2069]")
BREAK = "\n"


@dataclass(frozen=True)
class OpenMark:
    """A mark opened by one element: its identity ties the pieces it covers together."""

    key: int
    type: str
    url: str | None = None


def fix_chars(s: str, *, mojibake: bool = True) -> str:
    """The character-level fixes of MARKUP_FIXES, without the white-space ones (done across pieces).

    ``mojibake=False`` skips ftfy's check (used for removal records, where speed matters more).
    """
    if not s.isascii():
        if mojibake and _MAYBE_MOJIBAKE.search(s) is not None and is_bad(s):
            s = fix_mojibake(s)
        s = normalize_nfc(s)
        if _INVISIBLE_OR_BIDI.search(s) is not None:
            s = remove_bidi_controls(remove_invisible(s))
    return remove_controls(s)


def inline_text(s: str, *, mojibake: bool = True) -> str:
    """A one-line clean piece (cell, caption, removal record): :func:`fix_chars` plus collapsed spaces.

    Same result as ``textclean.clean_inline`` on markup text, but ftfy only runs where its
    badness heuristic sees mojibake: ftfy on every piece would cost more than the parse.
    """
    return " ".join(fix_chars(s, mojibake=mojibake).split())


class Inline:
    """A paragraph (or heading, item, cell) being collected."""

    __slots__ = ("pieces",)

    def __init__(self) -> None:
        self.pieces: list[tuple[str, tuple[OpenMark, ...]]] = []

    def add(self, text: str | None, marks: tuple[OpenMark, ...] = ()) -> None:
        if text:
            self.pieces.append((text, marks))

    def line_break(self) -> None:
        self.pieces.append((BREAK, ()))

    def has_text(self) -> bool:
        return any(p[0] is not BREAK and not p[0].isspace() for p in self.pieces)

    def build(self) -> tuple[str, tuple[Mark, ...]]:
        """Clean text and mark offsets into it; the pieces are consumed."""
        pieces, self.pieces = self.pieces, []
        if all(raw.isspace() and raw.isascii() for raw, _ in pieces):
            return "", ()  # white space between tags (most flushes): the fixes below keep it white space
        out: list[str] = []
        length = 0
        pending_space = False
        spans: dict[OpenMark, list[int]] = {}
        for raw, marks in pieces:
            if raw is BREAK:
                if length and out[-1] != BREAK:
                    out.append(BREAK)
                    length += 1
                pending_space = False
                continue
            s = fix_chars(raw)
            if not s:
                continue
            if s[0].isspace():
                pending_space = True
            trailing = s[-1].isspace()
            s = " ".join(s.split())  # white space collapsed and stripped: str.split() and \s agree
            if not s:
                continue
            if pending_space and length and out[-1] != BREAK:
                out.append(" ")
                length += 1
            start = length
            out.append(s)
            length += len(s)
            for mark in marks:
                span = spans.get(mark)
                if span is None:
                    spans[mark] = [start, length]
                else:
                    span[1] = length
            pending_space = trailing
        while out and out[-1] == BREAK:
            out.pop()
            length -= 1
        text = "".join(out)
        return text, tuple(
            Mark(a, min(b, length), m.type, m.url) for m, (a, b) in spans.items() if a < min(b, length)
        )
