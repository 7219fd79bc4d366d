"""Kickers: the short labels a page sets above its headline.

News and blog templates put a section name, a topic tag or a date line right above the
article's title ("Corona", "Nachruf", "Pressemitteilung", "21.01.2022", "Menu"). When the
title heading is found among the first blocks, the short lines before it that are not
sentences are such labels, not text: they go to ``removed`` as ``html:kicker``. Nothing is
cut when the headline is not found (the title of the metadata is the evidence).
"""

from __future__ import annotations

from ..article import Block, Removal
from .rules import HtmlRules
from .tail import LINE_TYPES, fold

KICKER_RULE = "html:kicker"
_SENTENCE_END = (".", "!", "?", "…")


def drop_kickers(blocks: list[Block], title: str | None, rules: HtmlRules) -> tuple[list[Block], list[Removal]]:
    """``blocks`` without the short label lines above the title heading, and those lines as removals."""
    headline = _headline_index(blocks, title, rules.kicker_window) if title else None
    if not headline:
        return blocks, []
    kept: list[Block] = []
    removed: list[Removal] = []
    for block in blocks[:headline]:
        text = block.plain_text().strip()
        if _is_kicker(block, text, rules):
            removed.append(Removal(text, KICKER_RULE))
        else:
            kept.append(block)
    return kept + blocks[headline:], removed


def _headline_index(blocks: list[Block], title: str, window: int) -> int | None:
    """Index of the first heading among the first ``window`` blocks that reads as ``title``."""
    wanted = fold(title)
    for index, block in enumerate(blocks[:window]):
        if block.type == "heading" and fold(block.plain_text()) == wanted:
            return index
    return None


def _is_kicker(block: Block, text: str, rules: HtmlRules) -> bool:
    """A heading or paragraph line of at most ``max_kicker`` characters that is not a sentence."""
    return (block.type in LINE_TYPES and 0 < len(text) <= rules.max_kicker
            and not text.endswith(_SENTENCE_END))
