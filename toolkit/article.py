"""The Article: the one contract every stage hands on, and its JSON form.

Everything after parsing works on these frozen dataclasses. ``to_dict`` gives the
published JSON (defined by ``schemas/article.schema.json``) and ``from_dict`` reads
it back, so that publishing published output gives the same Article.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from typing import Any, Iterable

SCHEMA_VERSION = "1.0.0"


@dataclass(frozen=True)
class Mark:
    """Inline formatting over ``text[start:end]``: ``strong``, ``em``, ``code`` or ``link`` (with ``url``)."""

    start: int
    end: int
    type: str
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "type": self.type}
        if self.url is not None:
            out["url"] = self.url
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Mark":
        return cls(d["start"], d["end"], d["type"], d.get("url"))


@dataclass(frozen=True)
class Span:
    """A language run inside a block's text: ``text[start:end]`` is in ``lang``."""

    start: int
    end: int
    lang: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "lang": self.lang}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Span":
        return cls(d["start"], d["end"], d["lang"])


@dataclass(frozen=True)
class ListItem:
    """One list item: its own text (with marks) and nested blocks (sub-lists, further paragraphs)."""

    text: str
    marks: tuple[Mark, ...] = ()
    children: tuple["Block", ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text}
        if self.marks:
            out["marks"] = [m.to_dict() for m in self.marks]
        if self.children:
            out["children"] = [b.to_dict() for b in self.children]
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ListItem":
        return cls(
            d["text"],
            tuple(Mark.from_dict(m) for m in d.get("marks", ())),
            tuple(Block.from_dict(b) for b in d.get("children", ())),
        )


@dataclass(frozen=True)
class Block:
    """A typed block of the body.

    ``heading`` (text, level), ``paragraph``/``quote`` (text, marks), ``code`` (text, info),
    ``list`` (ordered, items), ``table`` (rows, header), ``image`` (src, alt, caption).
    ``lang``/``spans`` are set by language detection where they differ from the document.
    """

    type: str
    text: str = ""
    marks: tuple[Mark, ...] = ()
    level: int | None = None
    ordered: bool | None = None
    items: tuple[ListItem, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    header: bool = False
    src: str | None = None
    alt: str | None = None
    caption: str | None = None
    info: str | None = None
    lang: str | None = None
    spans: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        if self.type in ("heading", "paragraph", "quote", "code"):
            out["text"] = self.text
        if self.marks:
            out["marks"] = [m.to_dict() for m in self.marks]
        if self.type == "heading":
            out["level"] = self.level
        if self.type == "list":
            out["ordered"] = bool(self.ordered)
            out["items"] = [i.to_dict() for i in self.items]
        if self.type == "table":
            out["header"] = self.header
            out["rows"] = [list(r) for r in self.rows]
        if self.type == "image":
            out["src"] = self.src
            if self.alt:
                out["alt"] = self.alt
            if self.caption:
                out["caption"] = self.caption
        if self.type == "code" and self.info:
            out["info"] = self.info
        if self.lang:
            out["lang"] = self.lang
        if self.spans:
            out["spans"] = [s.to_dict() for s in self.spans]
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Block":
        return cls(
            type=d["type"],
            text=d.get("text", ""),
            marks=tuple(Mark.from_dict(m) for m in d.get("marks", ())),
            level=d.get("level"),
            ordered=d.get("ordered"),
            items=tuple(ListItem.from_dict(i) for i in d.get("items", ())),
            rows=tuple(tuple(r) for r in d.get("rows", ())),
            header=d.get("header", False),
            src=d.get("src"),
            alt=d.get("alt"),
            caption=d.get("caption"),
            info=d.get("info"),
            lang=d.get("lang"),
            spans=tuple(Span.from_dict(s) for s in d.get("spans", ())),
        )

    def plain_text(self) -> str:
        """The block as plain text, the way it contributes to ``Article.text``."""
        if self.type == "list":
            return "\n".join(_item_lines(self))
        if self.type == "table":
            return "\n".join(" | ".join(r) for r in self.rows)
        if self.type == "image":
            return ""  # captions stay on the image block; they are not running text
        return self.text


def _item_lines(block: Block, depth: int = 0) -> Iterable[str]:
    for item in block.items:
        yield "  " * depth + item.text
        for child in item.children:
            if child.type == "list":
                yield from _item_lines(child, depth + 1)
            else:
                yield "  " * (depth + 1) + child.plain_text()


@dataclass(frozen=True)
class Removal:
    """A piece of boilerplate taken out, and the rule that took it (nothing is lost silently)."""

    text: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "rule": self.rule}


@dataclass(frozen=True)
class Warning:
    """Something the cleaner was unsure about: a stable ``code`` and a human ``message``."""

    code: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class Related:
    title: str
    url: str

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "url": self.url}


@dataclass(frozen=True)
class LanguageShare:
    lang: str
    share: float

    def to_dict(self) -> dict[str, Any]:
        return {"lang": self.lang, "share": self.share}


@dataclass(frozen=True)
class Source:
    """Where the Article came from: path or URL, detected format, encoding, sha256 of the raw bytes."""

    path: str | None
    format: str
    encoding: str | None
    sha256: str
    url: str | None = None
    record: str | None = None  # e.g. "line 12" of a JSON Lines file, "offset 1234" of a WARC

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "format": self.format,
            "encoding": self.encoding,
            "sha256": self.sha256,
        }
        if self.url is not None:
            out["url"] = self.url
        if self.record is not None:
            out["record"] = self.record
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Source":
        return cls(d.get("path"), d["format"], d.get("encoding"), d["sha256"], d.get("url"), d.get("record"))


@dataclass(frozen=True)
class Metadata:
    """What a parser learned about a page besides its body; every field optional."""

    title: str | None = None
    description: str | None = None
    date_published: str | None = None
    date_modified: str | None = None
    authors: tuple[str, ...] = ()
    site_name: str | None = None
    keywords: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    url: str | None = None
    lang_hint: str | None = None
    related: tuple[Related, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    id: str | None = None  # an id the input already carries (a published Article's), kept as it is


@dataclass(frozen=True)
class Extraction:
    """What every parser (text, front matter, HTML, ...) returns: body, metadata and its audit trail."""

    blocks: tuple[Block, ...]
    meta: Metadata = field(default_factory=Metadata)
    removed: tuple[Removal, ...] = ()
    warnings: tuple[Warning, ...] = ()


@dataclass(frozen=True)
class Article:
    id: str
    source: Source
    url: str | None
    title: str | None
    description: str | None
    date_published: str | None
    date_modified: str | None
    authors: tuple[str, ...]
    site_name: str | None
    keywords: tuple[str, ...]
    categories: tuple[str, ...]
    language: str | None
    languages: tuple[LanguageShare, ...]
    blocks: tuple[Block, ...]
    text: str
    related: tuple[Related, ...]
    removed: tuple[Removal, ...]
    extra: dict[str, Any]
    warnings: tuple[Warning, ...]
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """The published JSON object, keys in a fixed order."""
        return {
            "schema_version": self.schema_version,
            "id": self.id,
            "source": self.source.to_dict(),
            "url": self.url,
            "title": self.title,
            "description": self.description,
            "date_published": self.date_published,
            "date_modified": self.date_modified,
            "authors": list(self.authors),
            "site_name": self.site_name,
            "keywords": list(self.keywords),
            "categories": list(self.categories),
            "language": self.language,
            "languages": [s.to_dict() for s in self.languages],
            "blocks": [b.to_dict() for b in self.blocks],
            "text": self.text,
            "related": [r.to_dict() for r in self.related],
            "removed": [r.to_dict() for r in self.removed],
            "extra": self.extra,
            "warnings": [w.to_dict() for w in self.warnings],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """Deterministic JSON text (UTF-8, not ASCII-escaped, trailing newline when indented)."""
        if indent is None:  # the C encoder serves the compact form
            return json.dumps(self.to_dict(), ensure_ascii=False, allow_nan=False)
        return dumps_indented(self.to_dict(), indent) + "\n"

    def to_markdown(self) -> str:
        """Markdown with YAML front matter; see :mod:`toolkit.markdown`."""
        from .markdown import render_article

        return render_article(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        return cls(
            schema_version=d["schema_version"],
            id=d["id"],
            source=Source.from_dict(d["source"]),
            url=d.get("url"),
            title=d.get("title"),
            description=d.get("description"),
            date_published=d.get("date_published"),
            date_modified=d.get("date_modified"),
            authors=tuple(d.get("authors", ())),
            site_name=d.get("site_name"),
            keywords=tuple(d.get("keywords", ())),
            categories=tuple(d.get("categories", ())),
            language=d.get("language"),
            languages=tuple(LanguageShare(s["lang"], s["share"]) for s in d.get("languages", ())),
            blocks=tuple(Block.from_dict(b) for b in d.get("blocks", ())),
            text=d.get("text", ""),
            related=tuple(Related(r["title"], r["url"]) for r in d.get("related", ())),
            removed=tuple(Removal(r["text"], r["rule"]) for r in d.get("removed", ())),
            extra=d.get("extra", {}),
            warnings=tuple(Warning(w["code"], w["message"]) for w in d.get("warnings", ())),
        )


# --- indented JSON ----------------------------------------------------------------------------
#
# ``json.dumps(..., indent=2)`` runs the stdlib's pure-Python encoder (the C one only does the
# compact form): about 0.25 ms of every published Article. The writer below gives the same
# bytes in about half the time for what Articles hold (dict, list, str, int, finite float,
# bool, None); anything else, or nesting deep enough to be a cycle, goes back to json.dumps,
# which also raises its own errors (NaN, unserializable types, circular references).

_MAX_NESTING = 100


class _Unusual(Exception):
    """A value the fast writer leaves to json.dumps."""


def dumps_indented(value: Any, indent: int = 2) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)``, faster for plain data."""
    parts: list[str] = []
    try:
        _write_json(value, parts, "\n", " " * indent, 0)
    except _Unusual:
        return json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)
    return "".join(parts)


def _write_json(value: Any, parts: list[str], newline: str, step: str, depth: int) -> None:
    """Append the JSON of ``value`` at the nesting where a line break is followed by ``newline``."""
    kind = type(value)
    if kind is str:
        parts.append(encode_basestring(value))
    elif kind is dict or kind is list or kind is tuple:
        _write_container(value, parts, newline, step, depth)
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif kind is int:
        parts.append(int.__repr__(value))
    elif kind is float and value - value == 0.0:  # finite (NaN and infinities are json.dumps's to refuse)
        parts.append(float.__repr__(value))
    else:
        raise _Unusual


def _write_container(value: Any, parts: list[str], newline: str, step: str, depth: int) -> None:
    if not value:
        parts.append("{}" if type(value) is dict else "[]")
        return
    if depth >= _MAX_NESTING:
        raise _Unusual
    inner = newline + step
    if type(value) is dict:
        separator = "{" + inner
        for key, item in value.items():
            if type(key) is not str:  # json.dumps converts other keys; leave that to it
                raise _Unusual
            parts.append(separator)
            parts.append(encode_basestring(key))
            parts.append(": ")
            _write_json(item, parts, inner, step, depth + 1)
            separator = "," + inner
        parts.append(newline + "}")
    else:
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            _write_json(item, parts, inner, step, depth + 1)
            separator = "," + inner
        parts.append(newline + "]")
