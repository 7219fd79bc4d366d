"""Cut the article at an end-of-article marker: "About the author", "Mehr zum Thema", "Lire aussi"...

Article containers often hold, after the text, sections about the article rather than
the article: related links, the author's bio, comments, press contacts, sources. They
open with a short heading or line from a small multilingual vocabulary (the
``article_end`` rows of ``toolkit/rules/markers/*.toml``). Once most of the text is
behind us, such a line ends the article; the line and everything after it are recorded
in ``removed`` under ``html:article-end``. Early in the text the same words head a real
section, so nothing is cut there.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..article import Block, Removal
from ..markers import load_markers
from .rules import HtmlRules

RULE = "html:article-end"
_MARKER_TYPES = frozenset({"heading", "paragraph"})
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")


@lru_cache(maxsize=1)
def _marker_pattern() -> re.Pattern[str]:
    """The markers of every language, whole or followed by a space or colon, on normalized text."""
    markers = sorted({_normalize(m) for m in load_markers().article_end}, key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(map(re.escape, markers))})(?:$|[\s:：])")


def _normalize(text: str) -> str:
    """Case-folded, white space collapsed, punctuation trimmed at both ends ("Kontakt:" -> "kontakt")."""
    return _EDGE_PUNCTUATION.sub("", " ".join(text.split()).casefold())


def is_end_marker(block: Block, rules: HtmlRules) -> bool:
    """A heading or short paragraph that opens an end-of-article section."""
    if block.type not in _MARKER_TYPES:
        return False
    text = block.plain_text()
    return len(text) <= rules.max_end_marker and _marker_pattern().match(_normalize(text)) is not None


def cut_tail(blocks: list[Block], rules: HtmlRules) -> tuple[list[Block], list[Removal]]:
    """``blocks`` up to the first end marker that has most of the text before it, and what was cut."""
    sizes = [len(b.plain_text()) for b in blocks]
    needed = max(rules.min_article, rules.min_share_before_end * sum(sizes))
    seen = 0
    for index, block in enumerate(blocks):
        if seen >= needed and is_end_marker(block, rules):
            cut = blocks[index:]
            return blocks[:index], [Removal(text, RULE) for b in cut if (text := b.plain_text())]
        seen += sizes[index]
    return blocks, []
