"""Structure from plain text: title, headings, paragraphs, lists, quotes, bold lead-ins.

Scraped text has one paragraph per line, loose Markdown, and list markers that change
style half-way (``1, which...`` then ``2. ...``). Lines are classified by the patterns of
``LINE_KINDS`` (data), grouped into blocks, and inline ``**bold**`` becomes a ``strong`` mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .article import Block, ListItem, Mark, Removal, Warning
from .lineclean import clean_lines
from .punctuation import fix_quote_spacing

_ORDERED = re.compile(r"^\s*(?P<n>\d{1,3})\s*(?P<mark>[.)、,，:：])\s*(?P<text>\S.*)$")
_BULLET = re.compile(r"^\s*(?P<mark>[-*+•·●▪◦–])\s+(?P<text>\S.*)$")
_ATX = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_QUOTE = re.compile(r"^\s*>\s?(?P<text>.*)$")
_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*)$")
_STRONG = re.compile(r"\*\*(?=\S)(?P<inner>.+?)(?<=\S)\*\*|__(?=\S)(?P<inner2>.+?)(?<=\S)__")
#: separators that make an ordered-list marker only when the numbers run in sequence
_WEAK_MARKS = frozenset(",，:：")
_SENTENCE_END = re.compile(r"[.;:,。；：，…]$")
_MAX_TITLE = 200
_MAX_HEADING = 90


@dataclass(frozen=True)
class Structured:
    title: str | None
    blocks: tuple[Block, ...]
    removed: tuple[Removal, ...]
    warnings: tuple[Warning, ...]


def structure_text(text: str, *, find_title: bool = False) -> Structured:
    """Clean text to blocks. With ``find_title`` the first line may be taken as the title."""
    cleaning = clean_lines(text.split("\n"))
    units = _units(list(cleaning.lines))
    removed = list(cleaning.removed)
    title = None
    if find_title:
        title, units, dropped = _take_title(units)
        removed.extend(dropped)
    blocks, warnings = _blocks(units)
    return Structured(title, tuple(blocks), tuple(removed), tuple(warnings))


def _units(lines: list[str]) -> list[str]:
    """Non-blank lines; fenced code stays one unit with its line breaks."""
    units: list[str] = []
    fence: list[str] | None = None
    for line in lines:
        if fence is not None:
            fence.append(line)
            if _FENCE.match(line) and line.strip().startswith(fence[0].strip()[:3]):
                units.append("\n".join(fence))
                fence = None
            continue
        if _FENCE.match(line):
            fence = [line]
        elif line.strip():
            units.append(line.strip())
    if fence is not None:
        units.extend(x.strip() for x in fence if x.strip())
    return units


def _take_title(units: list[str]) -> tuple[str | None, list[str], list[Removal]]:
    if len(units) < 2 or not _looks_like_title(units[0]):
        return None, units, []
    title = _ATX.sub(r"\g<text>", units[0])
    rest = units[1:]
    dropped = []
    if rest and rest[0].casefold() == title.casefold():
        dropped.append(Removal(rest[0], "title-repeated"))
        rest = rest[1:]
    return title, rest, dropped


def _looks_like_title(unit: str) -> bool:
    if "\n" in unit or len(unit) > _MAX_TITLE or _ORDERED.match(unit) or _BULLET.match(unit):
        return False
    return bool(_ATX.match(unit)) or not _SENTENCE_END.search(unit)


def _blocks(units: list[str]) -> tuple[list[Block], list[Warning]]:
    blocks: list[Block] = []
    warnings: list[Warning] = []
    i = 0
    while i < len(units):
        run = _list_run(units, i)
        if run:
            blocks.append(_list_block(units[i : i + run]))
            i += run
            continue
        block, warning = _single_block(units, i)
        blocks.append(block)
        if warning:
            warnings.append(warning)
        i += 1
    return blocks, warnings


def _list_run(units: list[str], start: int) -> int:
    """How many units from ``start`` form one list (0 if none)."""
    first = _ORDERED.match(units[start])
    if first:
        return _ordered_run(units, start, int(first.group("n")))
    if _BULLET.match(units[start]):
        n = start
        while n < len(units) and _BULLET.match(units[n]):
            n += 1
        return n - start
    return 0


def _ordered_run(units: list[str], start: int, number: int) -> int:
    n = start
    while n < len(units):
        match = _ORDERED.match(units[n])
        if not match or int(match.group("n")) != number + (n - start):
            break
        n += 1
    length = n - start
    weak = any(_ORDERED.match(u).group("mark") in _WEAK_MARKS for u in units[start:n])  # type: ignore[union-attr]
    if length < 2 and (weak or number != 1):
        return 0
    return length


def _list_block(units: list[str]) -> Block:
    ordered = bool(_ORDERED.match(units[0]))
    pattern = _ORDERED if ordered else _BULLET
    items = []
    for unit in units:
        text, marks = inline(pattern.match(unit).group("text"))  # type: ignore[union-attr]
        items.append(ListItem(text, marks))
    return Block("list", ordered=ordered, items=tuple(items))


def _single_block(units: list[str], i: int) -> tuple[Block, Warning | None]:
    unit = units[i]
    fence = _FENCE.match(unit.split("\n", 1)[0])
    if fence and "\n" in unit:
        body = unit.split("\n")[1:]
        if body and _FENCE.match(body[-1]):
            body = body[:-1]
        return Block("code", text="\n".join(body), info=fence.group("info").strip() or None), None
    atx = _ATX.match(unit)
    if atx:
        text, _ = inline(atx.group("text"))
        return Block("heading", text=text, level=len(atx.group("hashes"))), None
    quote = _QUOTE.match(unit)
    if quote and quote.group("text").strip():
        text, marks = inline(quote.group("text").strip())
        return Block("quote", text=text, marks=marks), None
    if _is_heading(units, i):
        text, _ = inline(unit)
        return Block("heading", text=text, level=2), None
    fixed, warning = fix_quote_spacing(unit)
    text, marks = inline(fixed)
    return Block("paragraph", text=text, marks=marks), warning


def _is_heading(units: list[str], i: int) -> bool:
    """A short line without closing punctuation, followed by a longer paragraph."""
    unit = units[i]
    if len(unit) > _MAX_HEADING or _SENTENCE_END.search(unit) or unit.endswith(("?", "!", "？", "！")):
        return False
    nxt = units[i + 1] if i + 1 < len(units) else ""
    return len(nxt) > 2 * len(unit) and not _list_run(units, i + 1) and bool(_SENTENCE_END.search(nxt))


def inline(text: str) -> tuple[str, tuple[Mark, ...]]:
    """Take ``**bold**`` markers out of ``text`` and return them as ``strong`` marks on the plain text."""
    out: list[str] = []
    marks: list[Mark] = []
    pos = 0
    length = 0
    for match in _STRONG.finditer(text):
        before = text[pos : match.start()]
        out.append(before)
        length += len(before)
        inner = match.group("inner") or match.group("inner2")
        marks.append(Mark(length, length + len(inner), "strong"))
        out.append(inner)
        length += len(inner)
        pos = match.end()
    out.append(text[pos:])
    return "".join(out), tuple(marks)
