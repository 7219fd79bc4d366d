"""Markdown bodies to typed blocks, with markdown-it-py (CommonMark + GFM tables).

The body of a Markdown file with front matter is Markdown, so it is parsed as such:
headings, paragraphs, nested lists, quotes, code, tables and images become blocks, and
emphasis, code spans and links become marks. Because the toolkit's own Markdown writer
round-trips through markdown-it, publishing a published ``.md`` gives the same blocks.
Raw HTML blocks are not body text: they are recorded in ``removed``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .article import Block, ListItem, Mark, Removal
from .textclean import MARKUP_FIXES, clean_text

_MARK_TYPES = {"strong_open": "strong", "em_open": "em"}
_UNSAFE = ("javascript:", "vbscript:", "data:", "file:")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table")


@dataclass
class _Cursor:
    tokens: list[Token]
    i: int = 0
    removed: list[Removal] = field(default_factory=list)

    def next(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def done(self) -> bool:
        return self.i >= len(self.tokens)


def parse_markdown(text: str) -> tuple[tuple[Block, ...], tuple[Removal, ...]]:
    """Blocks of a Markdown text, and the raw HTML blocks left out."""
    cursor = _Cursor(_parser().parse(text))
    blocks = _blocks(cursor, stop=None)
    return tuple(blocks), tuple(cursor.removed)


def _blocks(cursor: _Cursor, stop: str | None) -> list[Block]:
    blocks: list[Block] = []
    while not cursor.done():
        token = cursor.next()
        if token.type == stop:
            break
        blocks.extend(_block(token, cursor))
    return blocks


def _block(token: Token, cursor: _Cursor) -> list[Block]:
    if token.type == "heading_open":
        text, _, _ = _inline(cursor.next())
        cursor.next()
        return [Block("heading", text=" ".join(text.split()), level=int(token.tag[1]))] if text.strip() else []
    if token.type == "paragraph_open":
        return _paragraph(cursor)
    if token.type in ("fence", "code_block"):
        return [Block("code", text=token.content.rstrip("\n"), info=token.info.strip() or None)]
    if token.type == "blockquote_open":
        inner = _blocks(cursor, "blockquote_close")
        text = "\n".join(b.text for b in inner if b.type in ("paragraph", "quote") and b.text)
        return [Block("quote", text=text)] if text else []
    if token.type in ("bullet_list_open", "ordered_list_open"):
        return [_list(cursor, ordered=token.type == "ordered_list_open")]
    if token.type == "table_open":
        return [_table(cursor)]
    if token.type == "html_block" and token.content.strip():
        cursor.removed.append(Removal(token.content.strip(), "markdown:html-block"))
    return []


def _paragraph(cursor: _Cursor) -> list[Block]:
    text, marks, images = _inline(cursor.next())
    cursor.next()
    blocks = [Block("paragraph", text=text, marks=marks)] if text.strip() else []
    return blocks + images


def _list(cursor: _Cursor, *, ordered: bool) -> Block:
    close = "ordered_list_close" if ordered else "bullet_list_close"
    items: list[ListItem] = []
    while not cursor.done():
        token = cursor.next()
        if token.type == close:
            break
        if token.type == "list_item_open":
            items.append(_item(_blocks(cursor, "list_item_close")))
    return Block("list", ordered=ordered, items=tuple(items))


def _item(inner: list[Block]) -> ListItem:
    if inner and inner[0].type == "paragraph":
        return ListItem(inner[0].text, inner[0].marks, tuple(inner[1:]))
    return ListItem("", (), tuple(inner))


def _table(cursor: _Cursor) -> Block:
    rows: list[tuple[str, ...]] = []
    row: list[str] = []
    header = False
    while not cursor.done():
        token = cursor.next()
        if token.type == "table_close":
            break
        if token.type == "thead_open":
            header = True
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline":
            row.append(_inline(token)[0])
        elif token.type == "tr_close":
            rows.append(tuple(row))
    if header and rows and not any(rows[0]):
        rows, header = rows[1:], False
    return Block("table", rows=tuple(rows), header=header)


def _inline(token: Token) -> tuple[str, tuple[Mark, ...], list[Block]]:
    """Plain text of an inline token, its marks (offsets into that text) and its images."""
    parts: list[str] = []
    marks: list[Mark] = []
    images: list[Block] = []
    open_marks: list[tuple[str, int, str | None]] = []
    length = 0
    for child in token.children or []:
        piece = _child_text(child)
        if piece:
            parts.append(piece)
            length += len(piece)
        if child.type in _MARK_TYPES or child.type == "link_open":
            url = str(child.attrs.get("href", "")) if child.type == "link_open" else None
            open_marks.append((_MARK_TYPES.get(child.type, "link"), length, url))
        elif child.type in ("strong_close", "em_close", "link_close") and open_marks:
            kind, start, url = open_marks.pop()
            if length > start and not (kind == "link" and (not url or url.lower().startswith(_UNSAFE))):
                marks.append(Mark(start, length, kind, url))
        elif child.type == "code_inline":
            marks.append(Mark(length - len(piece), length, "code"))
        elif child.type == "image":
            images.append(_image(child))
    return _cleaned("".join(parts), marks), tuple(sorted(marks, key=lambda m: (m.start, -m.end))), images


def _cleaned(text: str, marks: list[Mark]) -> str:
    """Clean the text only when cleaning keeps its length (so mark offsets stay valid)."""
    cleaned = clean_text(text, fixes=MARKUP_FIXES)
    if len(cleaned) == len(text) or not marks:
        return cleaned
    return text


def _child_text(child: Token) -> str:
    if child.type in ("text", "code_inline", "html_inline"):
        return child.content
    if child.type == "softbreak":
        return " "
    if child.type == "hardbreak":
        return "\n"
    return ""


def _image(token: Token) -> Block:
    alt = "".join(c.content for c in token.children or [] if c.type in ("text", "code_inline"))
    title = token.attrs.get("title")
    return Block("image", src=str(token.attrs.get("src", "")), alt=alt or None, caption=str(title) if title else None)
