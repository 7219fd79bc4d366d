"""The steps of :func:`toolkit.extract.extract_html`, in order, each one call."""

from __future__ import annotations

from lxml import etree

from ..article import Block, Extraction, Removal, Warning
from ..config import Config
from ..errors import RejectedError
from ..textclean import clean_text
from .blocks import Context, drop_marker_lines, element_blocks, record_removal, to_blocks
from .lead import lead_elements, title_before
from .listing import listing_reason
from .metadata import read_metadata
from .disclosure import drop_disclosures
from .inline import inline_text
from .kicker import drop_kickers
from .rules import load_rules
from .scoring import Stats, choose_main, measure
from .tail import trim_tail
from .tree import body_of, is_inside, parse_html, precedes, strip_unwanted


#: The steps after the kickers that cut lines from the blocks, in order: each returns the
#: blocks it keeps and the removals of what it cut (recorded in this order).
_LINE_STEPS = (trim_tail, drop_marker_lines, drop_disclosures)


def run(text: str, *, url: str | None, config: Config) -> Extraction:
    """Parse, read metadata, choose the main content, build blocks, check for listing pages."""
    rules = load_rules()
    root = parse_html(text)
    if root is None:
        return Extraction((), warnings=(Warning("empty-html", "the page holds no HTML content"),))
    info = read_metadata(root, url)
    strip_unwanted(root, rules)
    body = body_of(root)
    stats = measure(body, rules)
    chosen = choose_main(body, stats, rules)
    main = chosen.root
    ctx = Context(rules, stats, url or info.meta.url, keep=main, excluded=chosen.excluded)
    blocks = to_blocks(main, ctx)
    title = title_before(body, main, stats)
    leads = lead_elements(title, main, stats, rules) if title is not None else []
    blocks = [b for el in leads for b in element_blocks(el, ctx)] + blocks
    blocks = _with_title_heading(blocks, main, body, ctx)
    blocks, cut = drop_kickers(blocks, info.meta.title, rules)
    for step in _LINE_STEPS:
        blocks, more = step(blocks, rules)
        cut += more
    warnings: list[Warning] = []
    blocks = _rescue_from_json_ld(blocks, info.article_body, warnings)
    removed = _outside_removals(main, body, stats, leads) + ctx.removed + cut
    reason = listing_reason(body, main, stats, blocks, rules)
    if reason:
        if config.strict:
            raise RejectedError(f"listing page: {reason}")
        warnings.append(Warning("listing-page", reason))
    if not blocks:
        warnings.append(Warning("no-content", "no main content was found"))
    return Extraction(tuple(blocks), info.meta, tuple(removed), tuple(warnings))


def _with_title_heading(blocks: list[Block], main: etree._Element, body: etree._Element, ctx: Context) -> list[Block]:
    """Keep the page's h1 when it sits just before the main element (title outside the article body)."""
    if any(b.type == "heading" and b.level == 1 for b in blocks):
        return blocks
    h1 = next(body.iter("h1"), None)
    if h1 is None or is_inside(h1, main) or is_inside(main, h1):
        return blocks
    if ctx.stats.in_boilerplate(h1) or not precedes(h1, main):
        return blocks
    text = inline_text("".join(h1.itertext()))
    return [Block("heading", text=text, level=1)] + blocks if text else blocks


def _rescue_from_json_ld(blocks: list[Block], article_body: str | None, warnings: list[Warning]) -> list[Block]:
    """Use JSON-LD ``articleBody`` when the tree gave much less text than the page's own data."""
    if not article_body:
        return blocks
    found = sum(len(b.plain_text()) for b in blocks)
    if found >= 0.5 * len(article_body):
        return blocks
    paragraphs = [clean_text(p) for p in article_body.split("\n")]  # JSON text: entities still encoded
    rescued = [Block("paragraph", text=p) for p in paragraphs if p]
    if not rescued:
        return blocks
    warnings.append(Warning("json-ld-body", "main text taken from the page's JSON-LD articleBody"))
    return [b for b in blocks if b.type == "heading"][:1] + rescued


def _outside_removals(main: etree._Element, body: etree._Element, stats: Stats,
                      kept: list[etree._Element]) -> list[Removal]:
    """Text outside the main element, by subtree: boilerplate with its rule, the rest as ``html:outside-main``.

    Subtrees holding a ``kept`` element (a lead paragraph) are not recorded as removed.
    """
    holding = {id(a) for el in kept for a in (el, *el.iterancestors())}
    removed: list[Removal] = []
    node = main
    while node is not body:
        parent = node.getparent()
        if parent is None:
            break
        for sib in parent:
            if sib is node or id(sib) in holding:
                continue
            verdict = stats.boilerplate.get(sib)
            record_removal(sib, verdict.rule if verdict else "html:outside-main", removed)
        node = parent
    return removed
