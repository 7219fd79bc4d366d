"""The end of an article: end-of-article sections and trailing calls to action.

Article containers often hold, after the text, sections about the article rather than
the article: related links, the author's bio, comments, press contacts, sources. They
open with a short heading or line from a small multilingual vocabulary (the
``article_end`` rows of ``toolkit/rules/markers/*.toml``). Once most of the text is
behind us, such a line ends the article; the line and everything after it are recorded
in ``removed`` under ``html:article-end``. Early in the text the same words head a real
section, so nothing is cut there.

The last paragraph or two are often a promotion ("Follow us on Twitter", "Abonnieren
Sie unseren Newsletter"): short paragraphs holding a ``call_to_action`` word are
removed from the end under ``html:call-to-action``; a closing paragraph about the author
("Jane Doe is a reporter ... She covers", the ``author_bio`` patterns) under
``html:author-bio``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..article import Block, Removal
from ..markers import load_markers, phrase_pattern
from .rules import HtmlRules

END_RULE = "html:article-end"
CALL_RULE = "html:call-to-action"
BIO_RULE = "html:author-bio"
#: The block types a boilerplate line can be (end markers here, marker lines in blocks.py).
LINE_TYPES = frozenset({"heading", "paragraph"})
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")


@lru_cache(maxsize=1)
def _marker_pattern() -> re.Pattern[str]:
    """The end markers of every language, whole or followed by a non-word character, on normalized text."""
    markers = sorted({_normalize(m) for m in load_markers().article_end}, key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(map(re.escape, markers))})(?:$|\W)")


@lru_cache(maxsize=1)
def _call_pattern() -> re.Pattern[str]:
    """The call-to-action words of every language, each at the start of a word, any case."""
    return phrase_pattern(load_markers().call_to_action)


def fold(text: str) -> str:
    """Case-folded, white space collapsed (how a line is compared with a title or a marker)."""
    return " ".join(text.split()).casefold()


def _normalize(text: str) -> str:
    """:func:`fold`, punctuation trimmed at both ends ("Kontakt:" -> "kontakt")."""
    return _EDGE_PUNCTUATION.sub("", fold(text))


def is_end_marker(block: Block, text: str, rules: HtmlRules) -> bool:
    """A heading or short paragraph (``text`` is its plain text) that opens an end-of-article section."""
    return (block.type in LINE_TYPES and len(text) <= rules.max_end_marker
            and _marker_pattern().match(_normalize(text)) is not None)


def is_call_to_action(block: Block, text: str, rules: HtmlRules) -> bool:
    """A short paragraph (``text`` is its plain text) asking the reader to subscribe, follow or support."""
    return block.type == "paragraph" and len(text) <= rules.max_call and _call_pattern().search(text) is not None


def is_author_bio(block: Block, text: str, rules: HtmlRules) -> bool:
    """A short paragraph (``text`` is its plain text) that introduces the article's author."""
    return (block.type == "paragraph" and len(text) <= rules.max_call
            and any(p.search(text) for p in load_markers().author_bio))


def _closing_rule(block: Block, text: str, rules: HtmlRules) -> str | None:
    """The rule under which a closing paragraph goes: a call to action, an author bio, or none."""
    if is_call_to_action(block, text, rules):
        return CALL_RULE
    return BIO_RULE if is_author_bio(block, text, rules) else None


def trim_tail(blocks: list[Block], rules: HtmlRules) -> tuple[list[Block], list[Removal]]:
    """``blocks`` without an end-of-article section and its closing paragraphs (calls to action,
    author bios), and what was cut. Images after the closing paragraphs stay.

    Whatever is cut, at least ``min_share`` of the text (and ``min_article`` characters) stays.
    """
    texts = [b.plain_text() for b in blocks]
    needed = max(rules.min_article, rules.min_share_before_end * sum(map(len, texts)))
    end = _end_marker_index(blocks, texts, needed, rules)
    last = end
    while last > 0 and not texts[last - 1]:  # images after the closing paragraphs stay
        last -= 1
    closing = _closing_rules(blocks, texts, last, needed, rules)
    start = last - len(closing)
    removed = [Removal(t, rule) for t, rule in zip(texts[start:last], closing)]
    return blocks[:start] + blocks[last:end], removed + [Removal(t, END_RULE) for t in texts[end:] if t]


def _end_marker_index(blocks: list[Block], texts: list[str], needed: float, rules: HtmlRules) -> int:
    """Index of the first end marker with ``needed`` characters before it, or ``len(blocks)``."""
    seen = 0
    for index, (block, text) in enumerate(zip(blocks, texts)):
        if seen >= needed and is_end_marker(block, text, rules):
            return index
        seen += len(text)
    return len(blocks)


def _closing_rules(blocks: list[Block], texts: list[str], end: int, needed: float, rules: HtmlRules) -> list[str]:
    """The rules of the up to ``max_calls`` closing paragraphs before ``end`` (calls to action,
    author bios), in text order, keeping ``needed`` characters."""
    kept = sum(map(len, texts[:end]))
    found: list[str] = []
    while len(found) < rules.max_trailing_calls and end > 0 and kept - len(texts[end - 1]) >= needed:
        rule = _closing_rule(blocks[end - 1], texts[end - 1], rules)
        if rule is None:
            break
        found.append(rule)
        end -= 1
        kept -= len(texts[end])
    return found[::-1]
