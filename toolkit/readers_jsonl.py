"""JSON Lines exports: one record per line, the page in a configurable field.

The page comes from the first of ``page_fields`` present (``html``, ``content``, ``text``
by default), the URL and the title from their fields, and every other field goes to
``Metadata.extra`` so that nothing the scraper saved is lost. A line that is not a JSON
object, has no page field, or is over the size limit is a :class:`BadRecord` naming its
line number; the lines after it are still read. A line that is itself a published
Article (``articles.jsonl``) is republished unchanged.
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO, Iterator

from .article import Metadata
from .inputs import InputFile
from .pipeline import RawDocument
from .readers import BadRecord, Item, ReadOptions, Reader

_SUFFIXES = (".jsonl", ".ndjson", ".jl")
_SKIP_CHUNK = 1 << 20


def accepts(head: bytes, item: InputFile) -> bool:
    """A ``.jsonl``/``.ndjson`` name, or a first non-blank line that is a whole JSON object."""
    if item.rel.name.lower().endswith(_SUFFIXES):
        return True
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)
    if len(first) < 2 or not first[0].startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(first[0]), dict)
    except ValueError:
        return False


def read(item: InputFile, stream: BinaryIO, options: ReadOptions) -> Iterator[Item]:
    """One :class:`RawDocument` or :class:`BadRecord` per non-blank line, in order."""
    number = 0
    while True:
        line = stream.readline(options.max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > options.max_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield BadRecord(f"line {number}", f"{item.name}:line {number}: longer than the limit of {options.max_bytes} bytes")
            continue
        if line.strip():
            yield record(item, number, line, options)


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(_SKIP_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def record(item: InputFile, number: int, line: bytes, options: ReadOptions) -> Item:
    """The document of line ``number`` (its bytes in ``line``)."""
    where = f"line {number}"
    name = f"{item.name}:{where}"
    try:
        obj = json.loads(line.lstrip(b"\xef\xbb\xbf") if number == 1 else line)
    except ValueError as exc:
        return BadRecord(where, f"{name}: invalid JSON: {_one_line(exc)}")
    if not isinstance(obj, dict):
        return BadRecord(where, f"{name}: a JSON {type(obj).__name__}, not an object")
    if "schema_version" in obj and "blocks" in obj:  # a published Article: republish it as it is
        return RawDocument(line.strip(), name, path=item.source_path, record=where)
    return _page_record(obj, name, item.source_path, where, options)


def _page_record(obj: dict[str, Any], name: str, path: str, where: str, options: ReadOptions) -> Item:
    field = next((f for f in options.page_fields if f in obj), None)
    if field is None:
        return BadRecord(where, f"{name}: no page field (looked for {', '.join(options.page_fields)})")
    page = obj[field]
    if not isinstance(page, str):
        return BadRecord(where, f"{name}: field {field!r} is a JSON {type(page).__name__}, not a string")
    url = _text_field(obj, options.url_field)
    title = _text_field(obj, options.title_field)
    used = {field, options.url_field, options.title_field}
    extra = {k: v for k, v in obj.items() if k not in used}
    meta = Metadata(title=title, url=url, extra=extra)
    return RawDocument(
        page.encode("utf-8", errors="surrogatepass"), name, path=path, url=url, record=where, meta=meta,
        format_hint="html" if "html" in field.lower() else None,
    )


def _text_field(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    return value.strip() or None if isinstance(value, str) else None


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


JSONL_READER = Reader("jsonl", accepts, read)
