"""Inline text with marks: collect raw pieces, then produce clean text and mark offsets.

Pieces keep the marks that were open around them (bold, italic, code, link). On
:meth:`Inline.build` each piece gets the character fixes of :mod:`toolkit.textclean`
(the parser already decoded entities, so they are not decoded again), white space is
collapsed across pieces, ``<br>`` stays a line break, and each mark's offsets are
computed on the cleaned text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..article import Mark
from ..textclean import DELETABLE, DELETING_FIXES, fix_mojibake, normalize_nfc

BREAK = "\n"


@dataclass(frozen=True)
class OpenMark:
    """A mark opened by one element: its identity ties the pieces it covers together."""

    key: int
    type: str
    url: str | None = None


def fix_chars(s: str, *, mojibake: bool = True) -> str:
    """The character fixes of :mod:`toolkit.textclean`, without the white-space ones (done across pieces).

    ``mojibake=False`` skips ftfy (used for removal records, where speed matters more).
    Most text has nothing to fix: ASCII text without a ``textclean.DELETABLE`` character is
    returned as it is, and ``textclean.DELETING_FIXES`` (four scans of the text) run only on
    text holding a character they delete; tests hold both claims against the plain chain.
    """
    if s.isascii() and DELETABLE.search(s) is None:
        return s
    if mojibake:
        s = fix_mojibake(s)
    s = normalize_nfc(s)
    if DELETABLE.search(s) is None:
        return s
    for fix in DELETING_FIXES:
        s = fix(s)
    return s


def inline_text(s: str, *, mojibake: bool = True) -> str:
    """A one-line clean piece (cell, caption, removal record): :func:`fix_chars` plus collapsed spaces.

    Same result as ``textclean.clean_inline`` on markup text.
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
