"""Article to Markdown: YAML front matter, then the blocks as CommonMark (+ GFM tables).

The body says exactly what the Article says: text that looks like Markdown syntax is
escaped so that a CommonMark renderer shows it literally; marks become emphasis, code
spans and links; unsafe link schemes are never written as links.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

import yaml

from .article import Article, Block, ListItem, Mark

#: front-matter keys, in this order (Hugo- and Jekyll-compatible names)
FRONT_MATTER_KEYS: tuple[str, ...] = ("title", "date", "lastmod", "language", "url", "tags", "categories", "authors", "description", "id")

_ALWAYS_ESCAPE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d{1,9}[.)])")
_IN_DESTINATION = re.compile(r"[<>\\]")  # backslashed inside a link's <destination>
_IN_TITLE = re.compile(r'["\\]')  # and inside its "title"
_UNSAFE_SCHEMES = re.compile(r"^\s*(?:javascript|vbscript|data|file):", re.I)
_MARK_SYNTAX = {"strong": ("**", "**"), "em": ("*", "*")}


def render_article(article: Article) -> str:
    """The whole Markdown file: front matter and body, ending in one newline."""
    body = render_blocks(article.blocks)
    return front_matter(article) + ("\n" + body if body else "")


def front_matter(article: Article) -> str:
    """YAML front matter with keys in :data:`FRONT_MATTER_KEYS` order; empty values left out."""
    values: dict[str, Any] = {
        "title": article.title,
        "date": article.date_published,
        "lastmod": article.date_modified,
        "language": article.language,
        "url": article.url,
        "tags": list(article.keywords),
        "categories": list(article.categories),
        "authors": list(article.authors),
        "description": article.description,
        "id": article.id,
    }
    kept = {k: values[k] for k in FRONT_MATTER_KEYS if values[k] not in (None, "", [])}
    text = _simple_yaml(kept)
    if text is None:
        text = yaml.safe_dump(kept, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000)
    return f"---\n{text}---\n"


# --- YAML without PyYAML, for the usual front matter ------------------------------------------
#
# yaml.safe_dump is about 0.3 ms per Article (its emitter looks at every character in Python).
# For a mapping of strings and lists of strings whose characters are all printable and whose
# values are shorter than the folding width, its output is known exactly: plain when the
# emitter's analysis allows a block plain scalar and the resolver reads it back as a string,
# else single quotes. Anything else goes to yaml.safe_dump.

#: printable characters that PyYAML's emitter (with allow_unicode) writes as they are: no line
#: breaks (\x85, \u2028, \u2029), tabs, controls, BOM or noncharacters
_YAML_PRINTABLE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe]+")
#: what makes PyYAML's analyze_scalar refuse a block plain scalar (given only printable characters)
_YAML_BLOCK_INDICATOR = re.compile(r"\A(?:[#,\[\]{}&*!|>'\"%@`]|[?:-](?: |\Z)|---|\.\.\.)|: |:\Z| #")
#: far below width=10_000, so that no line is ever folded
_YAML_SIMPLE_MAX = 4000


def _simple_yaml(mapping: dict[str, Any]) -> str | None:
    """``yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False, default_flow_style=False,
    width=10_000)`` for a non-empty mapping of simple strings and lists of them; None otherwise."""
    if not mapping:
        return None
    lines: list[str] = []
    for key, value in mapping.items():
        if _yaml_scalar(key) != key:
            return None
        if isinstance(value, str):
            scalar = _yaml_scalar(value)
            if scalar is None:
                return None
            lines.append(f"{key}: {scalar}\n")
        elif isinstance(value, list) and value:
            lines.append(f"{key}:\n")
            for item in value:
                scalar = _yaml_scalar(item) if isinstance(item, str) else None
                if scalar is None:
                    return None
                lines.append(f"- {scalar}\n")
        else:
            return None
    return "".join(lines)


def _yaml_scalar(value: str) -> str | None:
    """A string scalar as PyYAML's emitter writes it in block context: plain or single-quoted;
    None when it might do something else (double quotes, leading or trailing spaces, folding)."""
    if not 0 < len(value) <= _YAML_SIMPLE_MAX or value[0] == " " or value[-1] == " ":
        return None
    if _YAML_PRINTABLE.fullmatch(value) is None:
        return None
    if _YAML_BLOCK_INDICATOR.search(value) is None and _plain_reads_as_string(value):
        return value
    return "'" + value.replace("'", "''") + "'"


#: the safe dumper's resolver (SafeDumper's own class), asked as its serializer asks it
_RESOLVER = yaml.resolver.Resolver()


def _plain_reads_as_string(value: str) -> bool:
    """True when no implicit resolver of the safe dumper (bool, int, float, null, timestamp...) takes it."""
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _RESOLVER.DEFAULT_SCALAR_TAG


def render_blocks(blocks: Iterable[Block]) -> str:
    """Blocks separated by blank lines; adjacent lists of one kind alternate markers so they stay apart."""
    parts: list[str] = []
    previous: Block | None = None
    alternate = False
    for block in blocks:
        if block.type == "list":
            alternate = previous is not None and previous.type == "list" and previous.ordered == block.ordered and not alternate
            part = _list(block, alternate=alternate)
        else:
            alternate = False
            part = render_block(block)
        if part:
            parts.append(part)
            previous = block
    return "\n".join(p + "\n" for p in parts)


def render_block(block: Block) -> str:
    renderer = _RENDERERS.get(block.type)
    return renderer(block) if renderer else ""


def _heading(block: Block) -> str:
    text = _CLOSING_HASHES.sub(r"\1\\\2", escape_inline(block.text.replace("\n", " ")).strip())
    return f"{'#' * (block.level or 2)} {text}" if text else ""


#: A heading's trailing " ###" is a closing sequence in CommonMark, not text: escaped.
_CLOSING_HASHES = re.compile(r"(\s)(#+)$")


def _paragraph(block: Block) -> str:
    return render_inline(block.text, block.marks)


def _quote(block: Block) -> str:
    inner = render_inline(block.text, block.marks)
    return "\n".join("> " + line if line else ">" for line in inner.split("\n")) if inner else ""


def _code(block: Block) -> str:
    longest = max((len(m) for m in re.findall(r"`+", block.text)), default=0)
    info = (block.info or "").replace("\n", " ").strip()
    fence = "~" * max(3, longest + 1) if "`" in info else "`" * max(3, longest + 1)
    body = block.text if block.text.endswith("\n") or not block.text else block.text + "\n"
    return f"{fence}{info}\n{body}{fence}"


def _image(block: Block) -> str:
    if not block.src or _UNSAFE_SCHEMES.match(block.src):
        return escape_inline(block.caption or block.alt or "")
    title = f' "{_escape_title(block.caption)}"' if block.caption else ""
    return f"![{_escape_piece(' '.join((block.alt or '').split()))}]({_destination(block.src)}{title})"


def _table(block: Block) -> str:
    rows = [list(r) for r in block.rows if r]
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    header, body = (rows[0], rows[1:]) if block.header else ([""] * width, rows)
    lines = [_table_row(header), "|" + "|".join(" --- " for _ in range(width)) + "|"]
    lines.extend(_table_row(r) for r in body)
    return "\n".join(lines)


def _table_row(cells: list[str]) -> str:
    return "|" + "|".join(f" {escape_inline(' '.join(c.split()))} " for c in cells) + "|"


def _list(block: Block, indent: str = "", *, alternate: bool = False) -> str:
    lines: list[str] = []
    for n, item in enumerate(block.items, start=1):
        marker = (f"{n})" if alternate else f"{n}.") if block.ordered else ("*" if alternate else "-")
        lines.extend(_list_item(item, marker, indent))
    return "\n".join(lines)


def _list_item(item: ListItem, marker: str, indent: str) -> list[str]:
    pad = indent + " " * (len(marker) + 1)
    text = render_inline(item.text, item.marks)
    first, *rest = text.split("\n") if text else [""]
    lines = [f"{indent}{marker} {first}".rstrip()]
    lines.extend(pad + line for line in rest)
    for child in item.children:
        rendered = _list(child, pad) if child.type == "list" else _indent(render_block(child), pad)
        if rendered:
            lines.append("")
            lines.append(rendered)
    return lines


def _indent(text: str, pad: str) -> str:
    return "\n".join(pad + line if line else "" for line in text.split("\n"))


_RENDERERS = {
    "heading": _heading,
    "paragraph": _paragraph,
    "quote": _quote,
    "code": _code,
    "image": _image,
    "table": _table,
    "list": _list,
}


def render_inline(text: str, marks: Iterable[Mark] = ()) -> str:
    """Text with its marks as Markdown; line breaks become hard breaks."""
    if not text:
        return ""
    pieces: list[str] = []
    pos = 0
    for mark in _usable_marks(text, marks):
        pieces.append(_escape_piece(text[pos : mark.start]))
        rendered_mark = _render_mark(text[mark.start : mark.end], mark)
        if rendered_mark.startswith("["):
            _escape_trailing_bang(pieces)
        pieces.append(rendered_mark)
        pos = mark.end
    pieces.append(_escape_piece(text[pos:]))
    rendered = "".join(pieces)
    lines = rendered.split("\n")
    return "\\\n".join(_escape_line_start(line.strip()) for line in lines)


def _escape_trailing_bang(pieces: list[str]) -> None:
    """A "!" right before a link's "[" would make it an image: it is written as "\\!"."""
    for i in range(len(pieces) - 1, -1, -1):
        if pieces[i]:
            if pieces[i].endswith("!"):
                pieces[i] = pieces[i][:-1] + "\\!"
            return


def _usable_marks(text: str, marks: Iterable[Mark]) -> list[Mark]:
    """Non-overlapping marks, trimmed to non-space ends, in order (nested marks are not written)."""
    out: list[Mark] = []
    end = 0
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        start, stop = mark.start, mark.end
        while start < stop and text[start].isspace():
            start += 1
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if start >= end and stop > start and "\n" not in text[start:stop]:
            out.append(Mark(start, stop, mark.type, mark.url))
            end = stop
    return out


def _render_mark(inner: str, mark: Mark) -> str:
    if mark.type == "code":
        ticks = "`" * (max((len(m) for m in re.findall(r"`+", inner)), default=0) + 1)
        pad = " " if inner.startswith("`") or inner.endswith("`") or (inner.startswith(" ") and inner.endswith(" ")) else ""
        return f"{ticks}{pad}{inner}{pad}{ticks}"
    if mark.type == "link":
        if not mark.url or _UNSAFE_SCHEMES.match(mark.url):
            return _escape_piece(inner)
        return f"[{_escape_piece(inner)}]({_destination(mark.url)})"
    opening, closing = _MARK_SYNTAX.get(mark.type, ("", ""))
    return f"{opening}{_escape_piece(inner)}{closing}"


def _escape_piece(text: str) -> str:
    """Markdown syntax characters, and an ``&`` that looks like an entity, with a backslash before them.

    The replacement is a function rather than a template string: ``re`` expands a template in
    Python on every call (a devset Article's Markdown: 0.30 -> 0.19 ms, best of 7).
    """
    text = _ALWAYS_ESCAPE.sub(_backslashed, text)
    return _ENTITY_LIKE.sub(_backslashed, text) if "&" in text else text


def _backslashed(match: re.Match[str]) -> str:
    return "\\" + match.group()


def escape_inline(text: str) -> str:
    """Escape ``text`` so that CommonMark shows it literally, at the start of a line too."""
    return _escape_line_start(_escape_piece(text))


def _escape_line_start(line: str) -> str:
    return _LINE_START.sub(lambda m: m.group(1) + _escape_first(m.group(2)), line, count=1)


def _escape_first(token: str) -> str:
    if token[0].isdigit():
        return token[:-1] + "\\" + token[-1]  # "1." -> "1\.": not a list marker
    return "\\" + token


def _destination(url: str) -> str:
    cleaned = url.replace("\n", "").replace("\r", "")
    return "<" + _ENTITY_LIKE.sub(_backslashed, _IN_DESTINATION.sub(_backslashed, cleaned)) + ">"


def _escape_title(text: str) -> str:
    return _ENTITY_LIKE.sub(_backslashed, _IN_TITLE.sub(_backslashed, " ".join(text.split())))
