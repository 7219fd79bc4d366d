"""Markdown (or any text) with YAML front matter: split it, load it safely, map it onto an Article.

The mapping from front-matter keys to Article fields is a data table (``FIELD_MAP``);
every key it does not name is kept, unchanged, in ``extra``.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from .article import Block, Extraction, Metadata, Related, Removal, Warning
from .dates import parse_date
from .errors import InputError
from .schema_store import first_error
from .fmsplit import split_front_matter
from .mdparse import parse_markdown
from .structure import structure_text
from .textclean import (
    clean_inline,
    clean_text,
    fix_mojibake,
    normalize_line_breaks,
    normalize_nfc,
    remove_bidi_controls,
    remove_controls,
    remove_invisible,
)

#: fixes safe for Markdown source: no entity decoding (markdown-it does that once), indentation kept
MARKDOWN_SOURCE_FIXES = (normalize_line_breaks, fix_mojibake, normalize_nfc, remove_invisible, remove_bidi_controls, remove_controls)
from .yamlsafe import load_yaml


#: front-matter key (dotted for nested keys) -> Article metadata field
FIELD_MAP: dict[str, str] = {
    "title": "title",
    "date": "date_published",
    "published": "date_published",
    "date_published": "date_published",
    "lastmod": "date_modified",
    "updated": "date_modified",
    "date_modified": "date_modified",
    "url": "url",
    "canonical_url": "url",
    "author": "authors",
    "authors": "authors",
    "subject": "categories",
    "categories": "categories",
    "category": "categories",
    "description": "description",
    "summary": "description",
    "seo.page_description": "description",
    "seo.page_keywords": "keywords",
    "keywords": "keywords",
    "tags": "keywords",
    "language": "lang_hint",
    "lang": "lang_hint",
    "site_name": "site_name",
}

#: front-matter keys whose text is the body of the article, in order of preference
BODY_KEYS: tuple[str, ...] = ("answer", "content", "body", "text")

_RELATED_KEY = re.compile(r"^related(?:_article)?_?\d+$")
_LIST_SPLIT = re.compile(r"\s*[,;，；、]\s*")
_ESCAPES = {"\\n": "\n", "\\t": "\t", "\\r": ""}
_ESCAPE_RE = re.compile(r"\\[ntr]")
_PUBLISHED_ID = re.compile(r"^[0-9a-f]{16}$")


def unescape_literals(text: str) -> str:
    """Literal ``\\n`` and ``\\t`` sequences (escaped twice by some exporters) become real ones."""
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], text)


def parse_front_matter_document(text: str, *, name: str) -> Extraction:
    """Parse a front-matter document into an Extraction (metadata, body blocks, extra fields)."""
    split = split_front_matter(text)
    if split is None:
        raise InputError(f"{name}: no closing '---' line after the front matter")
    yaml_text, body, _ = split
    data = load_yaml(yaml_text, name=name, line_offset=1)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(f"{name}: front matter is a {type(data).__name__}, not a mapping")
    warnings = _check_against_schema(data, name)
    return _to_extraction(data, body, warnings)


def _check_against_schema(data: dict[Any, Any], name: str) -> list[Warning]:
    schema = data.get("_schema")
    if not isinstance(schema, str) or not re.fullmatch(r"[A-Za-z0-9_-]+", schema):
        return []
    problem = first_error(data, f"frontmatter/{schema}")
    if problem is None:
        return []
    raise InputError(f"{name}: front matter does not match schema {schema!r}: {problem}")


def _to_extraction(data: dict[Any, Any], body: str, warnings: list[Warning]) -> Extraction:
    fields, used = _mapped_fields(data)
    published_id = _published_id(data, used)
    blocks, removed, more_warnings = _field_body(data, used)
    md_blocks, md_removed = parse_markdown(clean_text(body, fixes=MARKDOWN_SOURCE_FIXES))
    meta = Metadata(
        title=_one_line(fields.get("title")),
        description=_one_line(fields.get("description")),
        date_published=_date(fields.get("date_published"), warnings, "date_published"),
        date_modified=_date(fields.get("date_modified"), warnings, "date_modified"),
        authors=_strings(fields.get("authors")),
        site_name=_one_line(fields.get("site_name")),
        keywords=_strings(fields.get("keywords")),
        categories=_strings(fields.get("categories")),
        url=_one_line(fields.get("url")),
        # a published Article's language was detected from these same blocks, not declared:
        # detecting again without it as a hint gives the same answer (republishing is idempotent)
        lang_hint=None if published_id else _one_line(fields.get("lang_hint")),
        related=_related(data, used),
        extra=_extra(data, used),
        id=published_id,
    )
    return Extraction(blocks + md_blocks, meta, removed + md_removed, tuple(warnings) + more_warnings)


def _mapped_fields(data: dict[Any, Any]) -> tuple[dict[str, Any], set[str]]:
    """Article field -> value by :data:`FIELD_MAP` (first key present wins), and the keys used."""
    flat = dict(_flatten(data))
    fields: dict[str, Any] = {}
    used: set[str] = set()
    for key, target in FIELD_MAP.items():
        if key in flat and target not in fields and _present(flat[key]):
            fields[target] = flat[key]
            used.add(key)
    return fields, used


def _published_id(data: dict[Any, Any], used: set[str]) -> str | None:
    """The id of a toolkit-published Article (16 hex digits), kept; other ids stay in ``extra``."""
    value = data.get("id")
    if isinstance(value, str) and _PUBLISHED_ID.match(value):
        used.add("id")
        return value
    return None


def _field_body(data: dict[Any, Any], used: set[str]) -> tuple[tuple[Block, ...], tuple[Removal, ...], tuple[Warning, ...]]:
    """The body held in a front-matter field (:data:`BODY_KEYS`), structured like any plain text."""
    key = next((k for k in BODY_KEYS if isinstance(data.get(k), str)), None)
    if key is None:
        return (), (), ()
    used.add(key)
    result = structure_text(clean_text(unescape_literals(data[key])))
    return result.blocks, result.removed, result.warnings


def _flatten(data: dict[Any, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    for key, value in data.items():
        if not isinstance(key, str):
            continue
        yield prefix + key, value
        if isinstance(value, dict):
            yield from _flatten(value, prefix + key + ".")


def _present(value: Any) -> bool:
    return value not in (None, "", [], {})


def _extra(data: dict[Any, Any], used: set[str], prefix: str = "") -> dict[str, Any]:
    """Every key not mapped onto the Article, unchanged; nested mappings keep their unmapped keys."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        path = prefix + str(key)
        if path in used:
            continue
        if isinstance(value, dict) and any(u.startswith(path + ".") for u in used):
            rest = _extra(value, used, path + ".")
            if rest:
                out[str(key)] = rest
            continue
        out[str(key)] = value
    return out


def _one_line(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = clean_inline(unescape_literals(str(value)), from_markup=False)
    return text or None


def _strings(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else _LIST_SPLIT.split(str(value)) if _present(value) else []
    out: list[str] = []
    for item in items:
        text = _one_line(item)
        if text and text not in out:
            out.append(text)
    return tuple(out)


def _date(value: Any, warnings: list[Warning], field_name: str) -> str | None:
    """An ISO 8601 date (or date-time) from a front-matter value; a warning when it is not a date."""
    text = _one_line(value)
    if text is None:
        return None
    parsed = parse_date(text)
    if parsed is None:
        warnings.append(Warning("unparsed-date", f"{field_name}: {text!r} is not a date; left out"))
    return parsed


def _related(data: dict[Any, Any], used: set[str]) -> tuple[Related, ...]:
    """``related_articleN`` entries, deduplicated by URL (then title), in N order."""
    keys = sorted((k for k in data if isinstance(k, str) and _RELATED_KEY.match(k)), key=_trailing_number)
    used.update(keys)
    seen: set[str] = set()
    out: list[Related] = []
    for key in keys:
        entry = data[key]
        if not isinstance(entry, dict):
            continue
        title, url = _one_line(entry.get("title")) or "", _one_line(entry.get("url")) or ""
        identity = url or title
        if identity and identity not in seen:
            seen.add(identity)
            out.append(Related(title, url))
    return tuple(out)


def _trailing_number(key: str) -> int:
    return int(re.search(r"\d+$", key).group(0))  # type: ignore[union-attr]
