"""What a CommonMark renderer (markdown-it-py) shows for a Markdown text, as comparable data.

Used by the tests to check that a published Markdown file says exactly what its Article
says: the same blocks, the same text, the same link targets.
"""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from toolkit.article import Block

_MD = MarkdownIt("commonmark").enable("table")


def rendered_blocks(markdown: str) -> list[tuple[Any, ...]]:
    """The block structure markdown-it sees: ``(type, ...)`` tuples."""
    tokens = _MD.parse(markdown)
    out, _ = _blocks(tokens, 0, None)
    return out


def _blocks(tokens: list[Token], i: int, stop: str | None) -> tuple[list[tuple[Any, ...]], int]:
    out: list[tuple[Any, ...]] = []
    while i < len(tokens):
        tok = tokens[i]
        if stop and tok.type == stop:
            return out, i + 1
        if tok.type == "heading_open":
            out.append(("heading", int(tok.tag[1]), _inline(tokens[i + 1])[0]))
            i += 3
        elif tok.type == "paragraph_open":
            text, links, images = _inline(tokens[i + 1])
            out.append(("image", *images[0]) if images and not text.strip() else ("paragraph", text, tuple(links)))
            i += 3
        elif tok.type in ("fence", "code_block"):
            out.append(("code", tok.content))
            i += 1
        elif tok.type == "blockquote_open":
            inner, i = _blocks(tokens, i + 1, "blockquote_close")
            out.append(("quote", "\n".join(b[1] for b in inner if b[0] == "paragraph")))
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            ordered = tok.type == "ordered_list_open"
            items, i = _items(tokens, i + 1, tok.type.replace("_open", "_close"))
            out.append(("list", ordered, tuple(items)))
        elif tok.type == "table_open":
            rows, i = _table(tokens, i + 1)
            out.append(("table", tuple(rows)))
        else:
            i += 1
    return out, i


def _items(tokens: list[Token], i: int, stop: str) -> tuple[list[tuple[Any, ...]], int]:
    items = []
    while tokens[i].type != stop:
        if tokens[i].type == "list_item_open":
            inner, i = _blocks(tokens, i + 1, "list_item_close")
            first = inner[0][1] if inner and inner[0][0] == "paragraph" else ""
            rest = inner[1:] if inner and inner[0][0] == "paragraph" else inner
            items.append((first, tuple(rest)))
        else:
            i += 1
    return items, i + 1


def _table(tokens: list[Token], i: int) -> tuple[list[tuple[str, ...]], int]:
    rows: list[tuple[str, ...]] = []
    row: list[str] = []
    while tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "tr_open":
            row = []
        elif tok.type == "inline":
            row.append(_inline(tok)[0])
        elif tok.type == "tr_close":
            rows.append(tuple(row))
        i += 1
    return rows, i + 1


def _inline(token: Token) -> tuple[str, list[str], list[tuple[str, str, str | None]]]:
    text: list[str] = []
    links: list[str] = []
    images: list[tuple[str, str, str | None]] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            text.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            text.append("\n")
        elif child.type == "link_open":
            links.append(str(child.attrs.get("href")))
        elif child.type == "image":
            title = child.attrs.get("title")
            alt = "".join(c.content for c in child.children or [] if c.type in ("text", "code_inline"))
            images.append((str(child.attrs.get("src")), alt, str(title) if title else None))
        elif child.type == "html_inline":
            text.append(child.content)
    return "".join(text), links, images


def expected_blocks(blocks: tuple[Block, ...]) -> list[tuple[Any, ...]]:
    """What the renderer should show for Article blocks (same shape as :func:`rendered_blocks`)."""
    return [e for e in (_expected(b) for b in blocks) if e is not None]


def _expected(block: Block) -> tuple[Any, ...] | None:
    if block.type == "heading":
        return ("heading", block.level, " ".join(block.text.split())) if block.text.strip() else None
    if block.type == "paragraph":
        links = tuple(_MD.normalizeLink(m.url) for m in sorted(block.marks, key=lambda m: m.start) if m.type == "link" and m.url)
        return ("paragraph", block.text, links) if block.text else None
    if block.type == "quote":
        return ("quote", block.text) if block.text else None
    if block.type == "code":
        return ("code", block.text if block.text.endswith("\n") or not block.text else block.text + "\n")
    if block.type == "image":
        return ("image", _MD.normalizeLink(block.src or ""), block.alt or "", block.caption)
    if block.type == "table":
        rows = [tuple(" ".join(c.split()) for c in r) for r in block.rows if r]
        if not rows:
            return None
        width = max(len(r) for r in rows)
        rows = [r + ("",) * (width - len(r)) for r in rows]
        return ("table", tuple(rows) if block.header else (("",) * width, *rows))
    if block.type == "list":
        return ("list", bool(block.ordered), tuple((i.text, tuple(expected_blocks(i.children))) for i in block.items))
    return None
