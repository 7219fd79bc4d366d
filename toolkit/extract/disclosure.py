"""Advertising and affiliate disclosures at the edges of an article.

Commercial pages open or close their text with a notice about the page, not part of it:
"This post contains affiliate links", "*Werbung. Dieser Beitrag enthält Werbung",
"Advertising disclosure: we may receive compensation". A short paragraph among the first
or last ``window`` blocks that holds a ``disclosure`` phrase of the marker tables goes to
``removed`` as ``html:disclosure``. In the middle of the text the same words are reporting
("the platform now labels paid partnerships"), so nothing is cut there.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..article import Block, Removal
from ..markers import load_markers, phrase_pattern
from .rules import HtmlRules

DISCLOSURE_RULE = "html:disclosure"


@lru_cache(maxsize=1)
def _disclosure_pattern() -> re.Pattern[str]:
    """The disclosure phrases of every language, each at the start of a word, any case."""
    return phrase_pattern(load_markers().disclosure)


def drop_disclosures(blocks: list[Block], rules: HtmlRules) -> tuple[list[Block], list[Removal]]:
    """``blocks`` without the disclosure paragraphs at their edges, and those paragraphs as removals."""
    edge = rules.disclosure_window
    kept: list[Block] = []
    removed: list[Removal] = []
    for index, block in enumerate(blocks):
        at_edge = index < edge or index >= len(blocks) - edge
        text = block.plain_text() if at_edge and block.type == "paragraph" else ""
        if text and len(text) <= rules.max_disclosure and _disclosure_pattern().search(text):
            removed.append(Removal(text, DISCLOSURE_RULE))
        else:
            kept.append(block)
    return kept, removed
