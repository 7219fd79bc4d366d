"""WARC and WARC.gz files: every HTTP response record is a page.

Read with warcio, streamed. The record's ``WARC-Target-URI`` becomes the document URL
and the charset of the HTTP ``Content-Type`` goes to decoding. Requests, metadata,
revisits and the like are not pages and are passed over silently; a response that is
not text (an image) is reported as skipped. A truncated record or a corrupt gzip
member is a :class:`BadRecord` naming its byte offset; when the file can seek, reading
resumes at the next record so that one damaged record does not lose the rest.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import replace
from email.message import Message
from typing import Any, BinaryIO, Iterator

from .inputs import InputFile
from .pipeline import RawDocument
from .readers import BadRecord, Item, ReadOptions, Reader

_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_TEXT_TYPES = ("text/", "application/xhtml", "application/xml", "application/html")
_SCAN_CHUNK = 1 << 20


def accepts(head: bytes, item: InputFile) -> bool:
    """A WARC file (``WARC/1.x`` first line), or a gzip file whose first member is one."""
    if head.startswith(_WARC_MAGIC):
        return True
    if not head.startswith(_GZIP_MAGIC):
        return False
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 16).startswith(_WARC_MAGIC)
    except zlib.error:
        return False


class _Counting(io.RawIOBase):
    """Counts the bytes read so that a truncated end of file can be noticed."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.count = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:  # type: ignore[override]
        data = self.stream.read(size)
        self.count += len(data)
        return data

    def readinto(self, buffer: Any) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def read(item: InputFile, stream: BinaryIO, options: ReadOptions) -> Iterator[Item]:
    """Every response record of the file, in order, with damaged records as :class:`BadRecord`."""
    gzipped = stream.peek(3)[:3] == _GZIP_MAGIC if hasattr(stream, "peek") else False
    seekable = item.path is not None and stream.seekable()
    start = 0
    while start is not None:
        start = yield from _read_from(item, stream, start, gzipped, seekable, options)


def _read_from(item: InputFile, stream: BinaryIO, start: int, gzipped: bool, seekable: bool,
               options: ReadOptions) -> Iterator[Item]:
    """Records from byte ``start`` on; returns where to resume after damage (None: done)."""
    from warcio.archiveiterator import ArchiveIterator  # here: a run without WARC input never imports warcio
    from warcio.exceptions import ArchiveLoadFailed

    if seekable:
        stream.seek(start)
    counting = _Counting(stream)
    records = ArchiveIterator(counting)
    end = start
    try:
        for rec in records:
            doc = _document(item, rec, options)
            rec_offset = start + records.get_record_offset()
            end = rec_offset + records.get_record_length()
            if doc is not None:
                yield _located(item, doc, rec_offset)
    except (ArchiveLoadFailed, zlib.error, EOFError, ValueError) as exc:
        bad_at = end
        yield BadRecord(f"offset {bad_at}", f"{item.name}:offset {bad_at}: damaged record ({_damage(exc)})")
        return _next_record(stream, bad_at + 1, gzipped) if seekable else None
    consumed = start + counting.count
    if consumed > end + 4 and _trailing_is_data(stream, end, seekable):
        yield BadRecord(f"offset {end}", f"{item.name}:offset {end}: truncated record ({consumed - end} bytes at the end could not be read)")
    return None


def _trailing_is_data(stream: BinaryIO, end: int, seekable: bool) -> bool:
    if not seekable:
        return True
    stream.seek(end)
    return bool(stream.read(_SCAN_CHUNK).strip(b"\r\n\x00"))


def _document(item: InputFile, rec: Any, options: ReadOptions) -> Item | None:
    """A response record as a document (None for records that are not pages); reads its content."""
    if rec.rec_type != "response":
        return None
    url = rec.rec_headers.get_header("WARC-Target-URI")
    content_type = rec.http_headers.get_header("Content-Type") if rec.http_headers else None
    if content_type and not content_type.lower().lstrip().startswith(_TEXT_TYPES):
        return BadRecord("", f"not a text page ({content_type.split(';')[0].strip()})", skipped=True)
    body = rec.content_stream().read(options.max_bytes + 1)
    if len(body) > options.max_bytes:
        return BadRecord("", f"longer than the limit of {options.max_bytes} bytes")
    if getattr(rec.raw_stream, "limit", 0) > 0:
        return BadRecord("", "truncated record (ends before its Content-Length)")
    is_html = bool(content_type) and "html" in content_type.lower()
    return RawDocument(body, item.name, path=item.source_path, url=url, http_charset=_charset(content_type),
                       format_hint="html" if is_html else None)


def _located(item: InputFile, doc: Item, offset: int) -> Item:
    """Fill in the record's place (``offset N``) now that warcio has told it."""
    where = f"offset {offset}"
    if isinstance(doc, BadRecord):
        reason = doc.reason if doc.skipped else f"{item.name}:{where}: {doc.reason}"
        return BadRecord(where, reason, skipped=doc.skipped)
    return replace(doc, name=f"{item.name}:{where}", record=where)


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    message = Message()
    message["Content-Type"] = content_type
    charset = message.get_param("charset")
    return charset.strip() if isinstance(charset, str) and charset.strip() else None


def _next_record(stream: BinaryIO, position: int, gzipped: bool) -> int | None:
    """The offset of the next record start (gzip member or ``WARC/1.`` line) at or after ``position``."""
    magic = _GZIP_MAGIC if gzipped else b"\n" + _WARC_MAGIC
    stream.seek(position)
    base = position
    tail = b""
    while True:
        chunk = stream.read(_SCAN_CHUNK)
        if not chunk:
            return None
        data = tail + chunk
        found = data.find(magic)
        if found >= 0:
            return base - len(tail) + found + (0 if gzipped else 1)
        tail = data[-len(magic):]
        base += len(chunk)


def _damage(exc: BaseException) -> str:
    """A one-line, printable description (warcio quotes the damaged bytes, which may be binary)."""
    from warcio.exceptions import ArchiveLoadFailed

    if isinstance(exc, ArchiveLoadFailed):
        return "corrupt gzip member or invalid WARC header"
    text = "".join(c if c.isprintable() else " " for c in str(exc))
    return f"{type(exc).__name__}: {' '.join(text.split())[:160]}"


WARC_READER = Reader("warc", accepts, read)
