"""The lead: paragraphs between the page title and the main-content container.

Many CMSs put the article's standfirst (lead, teaser text, excerpt, subtitle) in the
article header, next to the ``h1``, and the body in a separate container. The scoring
picks the body; this step brings back the paragraphs that sit, in document order,
after the title and before the body, inside their closest common ancestor. Only flow
elements (paragraphs, sub-headings, quotes) that are not boilerplate and not mostly
links are taken, and only a few of them: a long run there is a teaser list, not a lead.
"""

from __future__ import annotations

from lxml import etree

from .boilerplate import Verdict
from .rules import HtmlRules
from .scoring import Stats
from .tree import is_inside, precedes

_LEAD_TAGS = frozenset({"p", "h2", "h3", "h4", "blockquote"})
_WRAPPERS = frozenset({"div", "span", "section"})
_SKIP_TAGS = frozenset({"figure", "figcaption", "table", "ul", "ol", "dl", "time", "address"})


def title_before(body: etree._Element, main: etree._Element, stats: Stats) -> etree._Element | None:
    """The first ``h1`` outside boilerplate that comes before ``main`` and is not inside it."""
    for h1 in body.iter("h1"):
        verdict = _boilerplate_above(h1, body, stats)
        if verdict is not None and verdict.strong:
            continue
        if h1 is main or is_inside(h1, main) or is_inside(main, h1):
            return None
        return h1 if precedes(h1, main) else None
    return None


def lead_elements(title: etree._Element, main: etree._Element, stats: Stats,
                  rules: HtmlRules) -> list[etree._Element]:
    """The run of lead paragraphs right after ``title``, before ``main`` (empty when too long).

    The run ends at the first flow element with text that is not a lead (a teaser
    headline, a link list); boilerplate in between (bylines, share bars) is passed over.
    """
    scope = _common_ancestor(title, main)
    if scope is None:
        return []
    main_path = {id(a) for a in main.iterancestors()}
    found: list[etree._Element] = []
    started = False
    for el in _flow(scope, title, main, main_path, rules):
        if el is title:
            started = True
        elif started and _is_lead(el, scope, stats, rules):
            found.append(el)
        elif started and stats.text.get(el, 0) >= rules.min_lead_heading and _boilerplate_above(el, scope, stats) is None:
            break
    return found if len(found) <= rules.max_lead_blocks else []


def _flow(scope: etree._Element, title: etree._Element, main: etree._Element,
          main_path: set[int], rules: HtmlRules) -> list[etree._Element]:
    """Elements of ``scope`` in document order up to ``main``, not descending into candidates.

    Stops at ``main``; descends into ancestors of ``main`` and into wrappers; lead-shaped
    and skipped elements are yielded (or dropped) whole.
    """
    out: list[etree._Element] = []
    stack = list(reversed(scope))
    while stack:
        el = stack.pop()
        if el is main:
            break
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS:
            continue
        if el is title or (id(el) not in main_path and _lead_shaped(el, rules)):
            out.append(el)
            continue
        stack.extend(reversed(el))
    return out


def _lead_shaped(el: etree._Element, rules: HtmlRules) -> bool:
    """A paragraph-like element: a lead tag, or a wrapper holding only inline content."""
    if el.tag in _LEAD_TAGS:
        return True
    return el.tag in _WRAPPERS and bool((el.text or "").strip()) and not any(
        d.tag in rules.block_tags for d in el.iterdescendants() if isinstance(d.tag, str))


def _is_lead(el: etree._Element, scope: etree._Element, stats: Stats, rules: HtmlRules) -> bool:
    text = stats.text.get(el, 0)
    minimum = rules.min_lead_heading if el.tag.startswith("h") else rules.min_lead_paragraph
    if text < minimum or stats.link_density(el) >= 0.35 or _in_link(el, scope):
        return False
    verdict = _boilerplate_above(el, scope, stats)
    return verdict is None or (not verdict.strong and verdict.rule.rsplit(":", 1)[-1] in rules.lead_weak_ok)


def _in_link(el: etree._Element, stop: etree._Element) -> bool:
    """``el`` sits inside an ``<a>`` (a linked teaser headline)."""
    for a in el.iterancestors():
        if a is stop:
            return False
        if a.tag == "a":
            return True
    return False


def _boilerplate_above(el: etree._Element, stop: etree._Element, stats: Stats) -> Verdict | None:
    """The boilerplate verdict of ``el`` or of an ancestor below ``stop`` (strong verdicts win)."""
    found = None
    node = el
    while node is not None and node is not stop:
        verdict = stats.boilerplate.get(node)
        if verdict is not None and (found is None or verdict.strong):
            found = verdict
        node = node.getparent()
    return found


def _common_ancestor(a: etree._Element, b: etree._Element) -> etree._Element | None:
    ancestors = {id(x) for x in a.iterancestors()}
    for x in b.iterancestors():
        if id(x) in ancestors:
            return x
    return None
