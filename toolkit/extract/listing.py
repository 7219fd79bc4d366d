"""Is this an index or listing page (teasers of many articles) rather than one article?

Signals: several sibling ``article`` elements (or repeated teaser blocks) none of which
dominates, each mostly a linked headline; or a main element made mostly of links with
no long paragraph. A listing page is published with a ``listing-page`` warning, or
rejected in strict mode; it is never glued into a fake article.
"""

from __future__ import annotations

from lxml import etree

from ..article import Block
from .rules import HtmlRules
from .scoring import Stats

_TEASER_MAX = 600


def listing_reason(body: etree._Element, main: etree._Element, stats: Stats,
                   blocks: list[Block], rules: HtmlRules) -> str | None:
    """A one-line reason when the page looks like a listing, else None."""
    articles = [a for a in body.iter("article") if stats.text.get(a, 0) > 0]
    if len(articles) >= 3:
        sizes = sorted((stats.text.get(a, 0) for a in articles), reverse=True)
        teasers = sum(1 for a in articles if _is_teaser(a, stats))
        if sizes[0] < 2 * max(sizes[1], 1) and teasers >= 0.6 * len(articles):
            return f"{len(articles)} article teasers and no dominant article"
    longest = max((len(b.text) for b in blocks if b.type == "paragraph"), default=0)
    if stats.link_density(main) > 0.6 and longest < rules.min_article:
        return "the main content is mostly links and has no long paragraph"
    return None


def _is_teaser(article: etree._Element, stats: Stats) -> bool:
    text = stats.text.get(article, 0)
    return text < _TEASER_MAX and article.find(".//a") is not None
