"""Measure the tree once, then choose the element that holds the main content.

One bottom-up pass (:func:`measure`) gives every element its text length, link-text
length, the length of its "good paragraphs" (long enough, few links) and a
readability-style score pushed to parents and grandparents of paragraphs; boilerplate
subtrees (see :mod:`.boilerplate`) count for nothing. :func:`choose_main` then prefers
semantic markers (``itemprop=articleBody``, content class names, a dominant
``article``, ``main``) and falls back to the best-scored container, widened while its
parent adds a good share of paragraph text (content split over sections or articles).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .boilerplate import CLASSIFIED_ATTRIBUTES, CONTENT, Verdict, classify_attrs, is_weak_enough
from .rules import HtmlRules, name_tokens
from .tree import is_inside

_NEVER_BOILERPLATE = frozenset({"html", "body", "article", "main"})
_PARAGRAPH_LIKE = frozenset({"p", "pre", "blockquote", "h2", "h3", "h4", "h5", "h6", "dd", "li", "td", "div", "section", "article", "font", "center", "span", "main"})
_DIRECT_TEXT_HOLDERS = frozenset({"div", "td", "section", "article", "font", "center", "span", "main", "li", "dd", "blockquote"})


@dataclass
class Stats:
    """Per-element measurements of one tree (dicts keyed by element, valid for that tree only).

    ``marked``: the elements the page marks as content (``article``, ``main``,
    ``role=main``, the ``[content] attributes`` of html.toml), in document order.
    """

    text: dict[etree._Element, int] = field(default_factory=dict)
    links: dict[etree._Element, int] = field(default_factory=dict)
    para: dict[etree._Element, int] = field(default_factory=dict)
    score: dict[etree._Element, float] = field(default_factory=dict)
    boilerplate: dict[etree._Element, Verdict] = field(default_factory=dict)
    content_named: list[etree._Element] = field(default_factory=list)
    marked: list[etree._Element] = field(default_factory=list)

    def link_density(self, el: etree._Element) -> float:
        total = self.text.get(el, 0)
        return self.links.get(el, 0) / total if total else 0.0

    def in_boilerplate(self, el: etree._Element) -> bool:
        """``el`` or one of its ancestors is boilerplate."""
        node = el
        while node is not None:
            if node in self.boilerplate:
                return True
            node = node.getparent()
        return False


_MARKER_TAGS = frozenset({"article", "main"})


def measure(body: etree._Element, rules: HtmlRules) -> Stats:
    """Bottom-up pass over ``body``: text, link text, good-paragraph text, scores, boilerplate.

    One loop over the elements in reverse document order (children before parents),
    each element's numbers added to its parent's; attributes are read once per element
    (``el.items()``) for both the boilerplate rules and the content markers.
    """
    stats = Stats()
    text, links, para, score, boiler = stats.text, stats.links, stats.para, stats.score, stats.boilerplate
    direct: dict[etree._Element, int] = {}
    elements = list(body.iter(etree.Element))
    protect = _protection_threshold(body)
    raw_para: dict[etree._Element, int] = {}
    min_par = rules.min_paragraph
    bp_tags = rules.boilerplate_tags
    unprotected = rules.unprotected
    marker_attrs = rules.marker_attributes
    named, marked = stats.content_named, stats.marked
    for el in reversed(elements):
        tag = el.tag
        items = el.items()
        attrs = dict(items) if items else None
        if tag in _MARKER_TAGS or (attrs is not None and not marker_attrs.isdisjoint(attrs) and _marks_content(attrs, rules)):
            marked.append(el)
        own = el.text
        own = len(own.strip()) if own else 0
        t = own + text.get(el, 0)
        lk = t if tag == "a" else links.get(el, 0)
        text[el] = t
        links[el] = lk
        d = own + direct.get(el, 0)
        good = 0
        if t >= min_par and lk * 2 < t and tag in _PARAGRAPH_LIKE:
            if tag in _DIRECT_TEXT_HOLDERS:
                if d >= min_par * 2:
                    good = d
            else:
                good = t - lk
        p = para.get(el, 0)
        if good > p:
            para[el] = p = good
        raw = raw_para.get(el, 0)
        if good > raw:
            raw = good
        parent = el.getparent()
        if parent is None:
            continue
        tail = el.tail
        tail = len(tail.strip()) if tail else 0
        if tail:
            direct[parent] = direct.get(parent, 0) + tail
        if raw:
            raw_para[parent] = raw_para.get(parent, 0) + raw
        if tag not in _NEVER_BOILERPLATE and (tag in bp_tags or "-" in tag or (
                attrs is not None and not CLASSIFIED_ATTRIBUTES.isdisjoint(attrs))):
            verdict = classify_attrs(tag, attrs or {}, rules)
            if verdict is CONTENT:
                named.append(el)
            elif verdict is not None and (raw < protect or _unprotected(el, verdict, unprotected)) and (
                    verdict.strong or is_weak_enough(t, lk, rules)):
                boiler[el] = verdict
                text[parent] = text.get(parent, 0) + tail
                continue
        text[parent] = text.get(parent, 0) + t + tail
        if lk:
            links[parent] = links.get(parent, 0) + lk
        if p:
            para[parent] = para.get(parent, 0) + p
        if good:
            s = (1.0 + min(good, 400) / 100.0) * (1.0 - lk / t)
            score[parent] = score.get(parent, 0.0) + s
            grand = parent.getparent()
            if grand is not None:
                score[grand] = score.get(grand, 0.0) + s / 2
    marked.reverse()
    return stats


def _marks_content(attrs: dict[str, str], rules: HtmlRules) -> bool:
    """The attributes mark the article body (``role=main``, ``itemprop=articleBody``...)."""
    if attrs.get("role") == "main":
        return True
    for name, values in rules.content_attributes:
        if attrs.get(name) in values:
            return True
    return False


def _unprotected(el: etree._Element, verdict: Verdict, unprotected: frozenset[str]) -> bool:
    """The verdict is one that no page wrapper carries, and it names ``el`` itself.

    Only when a class or id *starts* with the token (``comments``, ``comments-area``):
    wrappers carry such tokens inside longer names (``page--has-comments``).
    """
    if verdict.rule not in unprotected:
        return False
    if not verdict.rule.startswith("html:class-token:"):
        return True  # a tag or role rule names the element itself
    token = verdict.rule.rsplit(":", 1)[-1]
    for attr in ("class", "id"):
        for name in name_tokens(el.get(attr) or "")[0]:
            if name == token or (name.startswith(token) and not name[len(token)].isalnum()):
                return True
    return False


def _protection_threshold(body: etree._Element) -> float:
    """Paragraph text above which a boilerplate-looking element is a page wrapper, not boilerplate.

    Estimated before the pass from the text of all ``<p>`` elements (one C-level call):
    an element holding 40 % of it holds the article, whatever its class says. Pages with
    little ``<p>`` text use the length of all their text instead (read only then).
    """
    in_paragraphs = len("".join(body.xpath(".//p//text()")).split())
    if in_paragraphs > 20:
        return 0.4 * (in_paragraphs * 6)
    return 0.4 * (float(body.xpath("string-length(normalize-space(.))")) or 1.0)


def _class_weight(el: etree._Element, rules: HtmlRules) -> float:
    weight = 1.0
    for attr in ("class", "id"):
        value = el.get(attr)
        if value:
            names, tokens = name_tokens(value)
            if any(n in rules.content_names for n in names):
                weight = max(weight, 1.5)
            elif any(t in rules.positive_tokens for t in tokens):
                weight = max(weight, 1.2)
    return weight


def best_scored(stats: Stats, rules: HtmlRules) -> etree._Element | None:
    """The container with the best paragraph score, link density and class weight."""
    best, best_score = None, 0.0
    for el, s in stats.score.items():
        value = s * (1.0 - stats.link_density(el)) * _class_weight(el, rules)
        if value > best_score and not stats.in_boilerplate(el):
            best, best_score = el, value
    return best


def widen(el: etree._Element, stats: Stats) -> etree._Element:
    """Climb to the parent while it adds a good share of paragraph text at a low link density."""
    para = stats.para
    while True:
        parent = el.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return el
        mine, theirs = para.get(el, 0), para.get(parent, 0)
        if theirs - mine < 0.2 * mine or stats.link_density(parent) > 0.35:
            return el
        el = parent


def semantic_candidates(stats: Stats, rules: HtmlRules) -> list[etree._Element]:
    """Elements marked as the article by the page itself, strongest marker kind first.

    Order: ``[content] attributes`` (itemprop=articleBody...), content class names,
    a dominant ``article``, ``main``. The marked elements were collected by :func:`measure`.
    """
    marked = stats.marked
    selected = [el for el in marked if el.tag not in _MARKER_TAGS and el.get("role") != "main"]
    named = sorted(stats.content_named, key=lambda e: -stats.para.get(e, 0))
    articles = [a for a in marked if a.tag == "article" and not stats.in_boilerplate(a)]
    articles.sort(key=lambda e: -stats.para.get(e, 0))
    dominant = []
    if articles and (len(articles) == 1 or stats.para.get(articles[0], 0) >= 2 * stats.para.get(articles[1], 0)):
        dominant = articles[:1]
    mains = [el for el in marked if el.tag == "main" or el.get("role") == "main"]
    found = selected + named + dominant + mains
    return [el for el in found if stats.para.get(el, 0) >= rules.min_article and not stats.in_boilerplate(el)]


@dataclass(frozen=True)
class MainContent:
    """The main-content container and the children of it (at any level) that are left out."""

    root: etree._Element
    excluded: frozenset[etree._Element]


def choose_main(body: etree._Element, stats: Stats, rules: HtmlRules) -> MainContent:
    """The main content: a semantic marker when it holds enough, else the best score; then
    widened over siblings that carry paragraph text of their own (content split into sections)."""
    scored = best_scored(stats, rules)
    if scored is None or stats.para.get(scored, 0) < _MIN_SHARE_OF_PAGE * stats.para.get(body, 0):
        centre = _paragraph_centre(body, stats)
        scored = centre if centre is not None else scored
    fallback = scored if scored is not None else body
    fallback_para = stats.para.get(widen(fallback, stats), 0) if scored is not None else 0
    chosen = fallback
    for candidate in semantic_candidates(stats, rules):
        if stats.para.get(candidate, 0) >= 0.5 * fallback_para:
            chosen = candidate
            break
    return include_siblings(chosen, body, stats)


_MIN_SHARE_OF_PAGE = 0.25
_CENTRE_SHARE = 0.6


def _paragraph_centre(body: etree._Element, stats: Stats) -> etree._Element | None:
    """The deepest element holding most of the page's good paragraph text.

    Elements above half of the total lie on one ancestor chain, so the smallest of
    those is the deepest. Used when the best-scored container holds little of the page.
    """
    threshold = _CENTRE_SHARE * stats.para.get(body, 0)
    if threshold <= 0:
        return None
    best, best_para = None, None
    for el, value in stats.para.items():
        if value >= threshold and (best_para is None or value < best_para) and not stats.in_boilerplate(el):
            best, best_para = el, value
    return best


def include_siblings(top: etree._Element, body: etree._Element, stats: Stats) -> MainContent:
    """Climb from ``top`` while siblings hold good paragraphs; siblings that do not are excluded."""
    para, excluded = stats.para, set()
    node, base = top, max(para.get(top, 0), 1)
    levels = 0
    while levels < _CLIMB_LEVELS:
        parent = node.getparent()
        if parent is None or node is body:
            break
        if stats.text.get(parent, 0) == stats.text.get(node, 0) and parent is not body:
            node = parent  # a wrapper adding no text: climbing it costs no level
            continue
        kept, dropped = _split_siblings(node, parent, base, stats)
        if not any(stats.text.get(k, 0) for k in kept):
            break
        excluded.update(dropped)
        node = parent
        levels += 1
        base = max(base, para.get(node, 0) - sum(para.get(d, 0) for d in dropped))
    return MainContent(_lowest_wrapper(top, node, stats), frozenset(excluded))


def _lowest_wrapper(top: etree._Element, node: etree._Element, stats: Stats) -> etree._Element:
    """Step back down from ``node`` through wrappers that add no text, not below ``top``."""
    while node is not top:
        children = [c for c in node if isinstance(c.tag, str) and stats.text.get(c, 0)]
        if len(children) != 1 or stats.text.get(children[0], 0) != stats.text.get(node, 0) or (node.text or "").strip():
            return node
        if not (children[0] is top or is_inside(top, children[0])):
            return node
        node = children[0]
    return node


_CLIMB_LEVELS = 3


_FLOW_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "blockquote",
                        "pre", "figure", "table", "ul", "ol", "dl", "span", "strong", "b", "em", "i", "font"})


def _split_siblings(node: etree._Element, parent: etree._Element, base: int,
                    stats: Stats) -> tuple[list[etree._Element], list[etree._Element]]:
    """Siblings of ``node`` to keep and to leave out.

    Kept: flow content (paragraphs, headings, lists, quotes...) that is not mostly links,
    and containers holding a fair share of good paragraph text. Left out: link-heavy
    siblings and containers without enough paragraph text (teasers, widgets).
    """
    kept, dropped = [], []
    threshold = max(0.1 * base, 50)
    for sib in parent:
        if sib is node or sib in stats.boilerplate or not isinstance(sib.tag, str):
            continue
        if stats.link_density(sib) >= 0.35:
            dropped.append(sib)
        elif sib.tag in _FLOW_TAGS or stats.para.get(sib, 0) >= threshold or _holds_structured_text(sib, threshold, stats):
            kept.append(sib)
        else:
            dropped.append(sib)
    return kept, dropped


def _holds_structured_text(el: etree._Element, threshold: float, stats: Stats) -> bool:
    """Enough text in lists or tables at a low link density: ingredients, specifications, facts."""
    if stats.text.get(el, 0) < threshold or stats.link_density(el) >= 0.2:
        return False
    return next(el.iter("ul", "ol", "dl", "table"), None) is not None
