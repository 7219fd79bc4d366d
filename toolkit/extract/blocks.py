"""Turn the chosen main-content element into typed blocks.

A non-recursive walk (an explicit stack: deep nesting never hits Python's recursion
limit) collects inline text into :class:`~.inline.Inline` buffers and flushes them at
block boundaries. Headings, lists, tables, code, quotes and images get their own
builders; those nest (a list inside a list item) up to ``_MAX_NESTING`` levels, deeper
ones are read as plain flow. Boilerplate and link-dense elements inside the main
element are skipped and recorded as removals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin

from lxml import etree

from ..article import Block, ListItem, Removal
from ..markers import load_markers
from .inline import Inline, OpenMark, fix_chars, inline_text
from .rules import HtmlRules
from .scoring import Stats
from .tail import LINE_TYPES

_MAX_NESTING = 40
_MARK_TAGS = {"strong": "strong", "b": "strong", "em": "em", "i": "em", "cite": "em",
              "code": "code", "kbd": "code", "samp": "code", "tt": "code"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_PRUNABLE = frozenset({"ul", "ol", "div", "section", "table", "p", "dl", "span", "header", "center", "font"})
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
_SCHEME_JUNK = re.compile(r"[\s\x00-\x1f]+")
_LANG_CLASS = re.compile(r"(?:lang(?:uage)?-|brush:\s*)([A-Za-z0-9_+#.-]+)")
_FLUSH = object()


@dataclass
class Context:
    """What every builder of one page shares: rules, measurements, base URL, the removals."""

    rules: HtmlRules
    stats: Stats
    base_url: str | None
    removed: list[Removal] = field(default_factory=list)
    keep: etree._Element | None = None  # the main element: never pruned
    excluded: frozenset[etree._Element] = frozenset()  # parts of it that are not main content


def safe_url(href: str | None, base: str | None) -> str | None:
    """An absolute (when ``base`` is known) URL, or None for empty and script/data URLs."""
    if not href:
        return None
    href = href.strip()
    probe = _SCHEME_JUNK.sub("", href).lower()
    if not probe or probe.startswith(_UNSAFE_SCHEMES):
        return None
    if base:
        try:
            return urljoin(base, href)
        except ValueError:
            return None
    return href


def to_blocks(main: etree._Element, ctx: Context) -> list[Block]:
    """The blocks of ``main`` in document order."""
    sink = _Sink(ctx)
    _walk(main, sink, 0)
    sink.flush()
    return _drop_orphan_headings(_drop_credit_lines(sink.blocks, ctx), ctx)


def element_blocks(el: etree._Element, ctx: Context) -> list[Block]:
    """The blocks of ``el`` itself (a heading stays a heading), ``el`` not checked for boilerplate."""
    sink = _Sink(replace(ctx, keep=el))
    _drain([("el", el, ())], sink, 0)
    sink.flush()
    return [b for b in sink.blocks if b is not _GAP]


#: Placeholder in a block list where something was removed (used to spot orphan headings).
_GAP = Block("paragraph", text="")


def _drop_credit_lines(blocks: list[Block], ctx: Context) -> list[Block]:
    """Replace short copyright and picture-credit paragraphs by a gap and record them.

    They carry no class name more often than not (a bare ``<p>© dpa</p>`` under the
    last paragraph), so only their text gives them away: see ``[lines]`` in html.toml.
    """
    rules = ctx.rules
    out: list[Block] = []
    for block in blocks:
        text = block.text
        if block.type == "paragraph" and text and len(text) < rules.max_credit and _is_credit(text, rules):
            ctx.removed.append(Removal(text, "html:credit-line"))
            out.append(_GAP)
        else:
            out.append(block)
    return out


def drop_marker_lines(blocks: list[Block], rules: HtmlRules) -> tuple[list[Block], list[Removal]]:
    """Blocks without the marker lines of any language ("Posted on ...", "Read more", "Share",
    "0 comments", see :mod:`toolkit.markers`) of at most ``max_marker_line`` characters, and the
    removals, as ``html:marker:<rule>``.

    Runs after the tail was trimmed: an end-of-article marker ("Comments") cuts what follows it there.
    """
    kept: list[Block] = []
    removed: list[Removal] = []
    markers = load_markers()
    for block in blocks:
        text = block.text
        rule = None
        if block.type in LINE_TYPES and text and len(text) <= rules.max_marker_line:
            rule = markers.line_rule(text)
        if rule:
            removed.append(Removal(text, f"html:marker:{rule}"))
        else:
            kept.append(block)
    return kept, removed


def _is_credit(text: str, rules: HtmlRules) -> bool:
    """A credit marker next to the start or the end of ``text`` (where credits name their owner),
    or a short line opening with a credit label ("Foto: dpa", "Quelle:")."""
    if len(text) <= rules.max_label and rules.credit_label.match(text) is not None:
        return True
    edge = rules.credit_edge
    head, tail = text[:edge], text[-edge:]
    return any(m in head or m in tail for m in rules.credit_markers)


def _drop_orphan_headings(blocks: list[Block], ctx: Context) -> list[Block]:
    """Drop headings whose whole section was removed ("Related articles" over a pruned teaser list)."""
    out: list[Block] = []
    for index, block in enumerate(blocks):
        if block is _GAP:
            continue
        if block.type == "heading" and _is_orphan(blocks, index):
            ctx.removed.append(Removal(block.text, "html:orphan-heading"))
            continue
        out.append(block)
    return out


def _is_orphan(blocks: list[Block], index: int) -> bool:
    level = blocks[index].level or 6
    gap = False
    for block in blocks[index + 1:]:
        if block is _GAP:
            gap = True
            continue
        return gap and block.type == "heading" and (block.level or 6) <= level
    return True


class _Sink:
    """Collects blocks; holds the paragraph being built."""

    def __init__(self, ctx: Context, kind: str = "paragraph") -> None:
        self.ctx = ctx
        self.kind = kind
        self.blocks: list[Block] = []
        self.inline = Inline()

    def flush(self) -> None:
        if not self.inline.pieces:
            return
        text, marks = self.inline.build()
        if text:
            self.blocks.append(Block(self.kind, text=text, marks=marks))


def _skip_rule(el: etree._Element, ctx: Context) -> str | None:
    """Why ``el`` (inside the main element) is left out, or None to keep it."""
    if el is ctx.keep:
        return None
    verdict = ctx.stats.boilerplate.get(el)
    if verdict is not None:
        return verdict.rule
    if el in ctx.excluded:
        return "html:outside-main"
    if el.tag in _PRUNABLE:
        stats = ctx.stats
        text = stats.text.get(el, 0)
        links = stats.links.get(el, 0)
        if text and links > ctx.rules.max_link_density * text and not _is_linked_sentence(el, text, links):
            return "html:link-density"
    return None


_SENTENCE_ENDS = (".", "!", "?", "…", ".\"", ".\u201d", ".\u00bb")


def _is_linked_sentence(el: etree._Element, text: int, links: int) -> bool:
    """A paragraph of running text that links much of itself ("X replaced Y, <a>who for eight
    months ...</a>"): some words of its own before the link, and it ends a sentence."""
    if el.tag != "p" or text < 80 or text - links < 15:
        return False
    return "".join(el.itertext()).rstrip().endswith(_SENTENCE_ENDS)


def record_removal(el: etree._Element, rule: str, removed: list[Removal]) -> None:
    """Append ``el``'s text (cleaned, without the mojibake fix) to ``removed`` under ``rule``."""
    text = inline_text(" ".join(el.itertext()), mojibake=False)
    if text:
        removed.append(Removal(text, rule))


def _record(el: etree._Element, rule: str, ctx: Context) -> None:
    record_removal(el, rule, ctx.removed)


def _walk(root: etree._Element, sink: _Sink, depth: int) -> None:
    """Walk ``root``'s content into ``sink`` (root itself is not checked for boilerplate)."""
    stack: list = []
    _push_children(root, (), stack)
    _drain(stack, sink, depth)


def _sub_blocks(el: etree._Element, ctx: Context, depth: int, kind: str = "paragraph") -> list[Block]:
    """The blocks of ``el``'s content collected on their own (gaps left out)."""
    sub = _Sink(ctx, kind)
    _walk(el, sub, depth)
    sub.flush()
    return [b for b in sub.blocks if b is not _GAP]


def _drain(stack: list, sink: _Sink, depth: int) -> None:
    """Visit the stack's items until it is empty (text pieces, elements, flush markers)."""
    while stack:
        item = stack.pop()
        if item is _FLUSH:
            sink.flush()
            continue
        kind, value, open_marks = item
        if kind == "text":
            sink.inline.add(value, open_marks)
            continue
        _visit(value, open_marks, stack, sink, depth)


def _push_children(el: etree._Element, marks: tuple[OpenMark, ...], stack: list) -> None:
    for child in reversed(el):
        if child.tail:
            stack.append(("text", child.tail, marks))
        stack.append(("el", child, marks))
    if el.text:
        stack.append(("text", el.text, marks))


def _visit(el: etree._Element, marks: tuple[OpenMark, ...], stack: list, sink: _Sink, depth: int) -> None:
    ctx = sink.ctx
    tag = el.tag
    if not isinstance(tag, str):
        return
    rule = _skip_rule(el, ctx)
    if rule is not None:
        _record(el, rule, ctx)
        sink.flush()
        sink.blocks.append(_GAP)
        return
    if tag == "br":
        sink.inline.line_break()
        return
    mark_type = _MARK_TAGS.get(tag)
    if mark_type is not None:
        _push_children(el, marks + (OpenMark(id(el), mark_type),), stack)
        return
    if tag == "a":
        url = safe_url(el.get("href"), ctx.base_url)
        inner = marks + (OpenMark(id(el), "link", url),) if url else marks
        _push_children(el, inner, stack)
        return
    special = _SPECIAL.get(tag) if depth < _MAX_NESTING else None
    if special is not None:
        sink.flush()
        if tag != "table" or _is_data_table(el):
            special(el, sink, depth + 1)
            return
    if tag in ctx.rules.block_tags or "-" in tag:
        sink.flush()
        stack.append(_FLUSH)
        _push_children(el, marks, stack)
        return
    _push_children(el, marks, stack)


def _heading(el: etree._Element, sink: _Sink, depth: int) -> None:
    stats = sink.ctx.stats
    if el.tag != "h1" and stats.text.get(el, 0) and stats.links.get(el, 0) >= stats.text.get(el, 0):
        _record(el, "html:linked-heading", sink.ctx)  # a teaser headline, not a section title
        sink.blocks.append(_GAP)
        return
    text = _inline_text(el, sink.ctx, depth)
    if text:
        sink.blocks.append(Block("heading", text=text, level=_HEADINGS[el.tag]))


def _inline_text(el: etree._Element, ctx: Context, depth: int) -> str:
    return " ".join(b.plain_text() for b in _sub_blocks(el, ctx, depth)).replace("\n", " ").strip()


def _quote(el: etree._Element, sink: _Sink, depth: int) -> None:
    for block in _sub_blocks(el, sink.ctx, depth, "quote"):
        if block.type == "paragraph":
            block = Block("quote", text=block.text, marks=block.marks)
        sink.blocks.append(block)


def _code(el: etree._Element, sink: _Sink, depth: int) -> None:
    text = fix_chars("".join(el.itertext()).replace("\r\n", "\n"))
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines).strip("\n")
    if text.strip():
        sink.blocks.append(Block("code", text=text, info=_code_info(el)))


def _code_info(el: etree._Element) -> str | None:
    for node in (el, *el.iterchildren("code")):
        match = _LANG_CLASS.search(node.get("class") or "")
        if match:
            return match.group(1).lower()
    return None


def _list(el: etree._Element, sink: _Sink, depth: int) -> None:
    items = []
    for li in el:
        if li.tag != "li":
            continue
        rule = _skip_rule(li, sink.ctx)
        if rule is not None:
            _record(li, rule, sink.ctx)
            continue
        item = _list_item(li, sink.ctx, depth)
        if item is not None:
            items.append(item)
    if not items:
        _walk(el, sink, depth)  # no <li>: read it as flow
        sink.flush()
        return
    sink.blocks.append(Block("list", ordered=el.tag == "ol", items=tuple(items)))


def _list_item(li: etree._Element, ctx: Context, depth: int) -> ListItem | None:
    blocks = _sub_blocks(li, ctx, depth)
    if not blocks:
        return None
    first = blocks[0]
    if first.type == "paragraph":
        return ListItem(first.text.replace("\n", " "), first.marks if "\n" not in first.text else (), tuple(blocks[1:]))
    return ListItem("", (), tuple(blocks))


def _is_data_table(table: etree._Element) -> bool:
    """A table of data (several rows with several cells), not a layout grid holding the page."""
    if table.find(".//table") is not None:
        return False
    if table.xpath("count(.//td//p|.//td//div|.//td//ul|.//td//ol|.//td//h1|.//td//h2|.//td//h3|.//td//blockquote)") > 0:
        return False
    rows = table.xpath(".//tr")
    wide = sum(1 for r in rows if len(r.xpath("td|th")) >= 2)
    return wide >= 2


def _table(el: etree._Element, sink: _Sink, depth: int) -> None:
    rows = []
    header = False
    for tr in el.xpath(".//tr"):
        cells = tr.xpath("td|th")
        row = tuple(inline_text("".join(c.itertext())) for c in cells)
        if any(row):
            if not rows:
                header = all(c.tag == "th" for c in cells) or tr.getparent().tag == "thead"
            rows.append(row)
    caption = el.find("caption")
    if caption is not None:
        text = inline_text("".join(caption.itertext()))
        if text:
            sink.blocks.append(Block("paragraph", text=text))
    if rows:
        sink.blocks.append(Block("table", rows=tuple(rows), header=header))


def _image(el: etree._Element, sink: _Sink, depth: int, caption: str | None = None) -> bool:
    """Append an image block (absolute ``src`` when the page URL is known); False when it has no usable src."""
    src = safe_url(el.get("src") or el.get("data-src"), sink.ctx.base_url)
    if src:
        alt = inline_text(el.get("alt") or "") or None
        sink.blocks.append(Block("image", src=src, alt=alt, caption=caption))
    return bool(src)


def _figure(el: etree._Element, sink: _Sink, depth: int) -> None:
    """An image with its ``<figcaption>`` on the block (captions are not running text: they stay
    out of ``Article.text``); a caption without a usable image is recorded as removed."""
    img = el.find(".//img")
    caption_el = el.find(".//figcaption")
    if img is None:
        _walk(el, sink, depth)
        sink.flush()
        return
    caption = inline_text("".join(caption_el.itertext())) if caption_el is not None else ""
    if not _image(img, sink, depth, caption or None) and caption:
        _record(caption_el, "html:figcaption", sink.ctx)


_SPECIAL = {
    "h1": _heading, "h2": _heading, "h3": _heading, "h4": _heading, "h5": _heading, "h6": _heading,
    "ul": _list, "ol": _list, "pre": _code, "blockquote": _quote, "table": _table,
    "img": _image, "figure": _figure,
}
