"""Readers: one input file to the documents inside it, streamed.

A plain file is one document. Container formats (JSON Lines exports, WARC files) hold
many; each reader says whether it accepts a file (by its first bytes) and yields
:class:`~toolkit.pipeline.RawDocument` values, or :class:`BadRecord` for a record it
cannot read, so that one bad record never stops the rest of the file. Readers get a
binary stream, not the whole file, so that a 1 GB export is never held in memory.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO, Callable, Iterator, Union

from .errors import InputError
from .inputs import InputFile
from .pipeline import RawDocument

HEAD_BYTES = 65536
#: suffixes dropped from a container's name to make the folder its records are published in
CONTAINER_SUFFIXES = (".warc.gz", ".arc.gz", ".jsonl.gz", ".warc", ".jsonl", ".ndjson", ".jl", ".gz")


@dataclass(frozen=True)
class BadRecord:
    """A record that could not be read (or is deliberately not a page): where it is and why."""

    record: str
    reason: str
    skipped: bool = False


Item = Union[RawDocument, BadRecord]


@dataclass(frozen=True)
class ReadOptions:
    """What readers may vary: the per-record size limit and the JSON Lines field names."""

    max_bytes: int = 64 * 1024 * 1024
    page_fields: tuple[str, ...] = ("html", "content", "text")
    url_field: str = "url"
    title_field: str = "title"


@dataclass(frozen=True)
class Reader:
    """A container format: ``accepts(head, item)`` decides, ``read(item, stream, options)`` yields records."""

    name: str
    accepts: Callable[[bytes, InputFile], bool]
    read: Callable[[InputFile, BinaryIO, ReadOptions], Iterator[Item]]


class _HeadThenRest(io.RawIOBase):
    """A raw stream that gives the already-read ``head`` first, then the rest of ``rest``.

    Standard input cannot seek back after sniffing; this puts the sniffed bytes back.
    """

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: "memoryview | bytearray") -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def read_limited(stream: BinaryIO, limit: int, name: str) -> bytes:
    """At most ``limit`` bytes of ``stream``; an :class:`InputError` naming ``name`` when there are more.

    A file is read by its size: ``read(limit + 1)`` would allocate limit + 1 bytes (64 MiB, fresh
    pages every time) for each small page. If the file grew since, the rest is read after.
    """
    want = min(limit, _size_of(stream)) + 1
    data = stream.read(want)
    if len(data) == want and want <= limit:  # more than the size said: read on, as read(limit + 1) would
        data += stream.read(limit + 1 - want)
    if len(data) > limit:
        raise InputError(f"{name}: larger than the limit of {limit} bytes")
    return data


def _size_of(stream: BinaryIO) -> int:
    """The size of a regular file behind ``stream``; a huge number for anything else (a pipe, stdin)."""
    try:
        info = os.fstat(stream.fileno())
    except (OSError, AttributeError, ValueError):  # io.UnsupportedOperation is both of the last two
        return sys.maxsize
    return info.st_size if stat.S_ISREG(info.st_mode) else sys.maxsize


def _single(item: InputFile, stream: BinaryIO, options: ReadOptions) -> Iterator[Item]:
    data = read_limited(stream, options.max_bytes, item.name)
    yield RawDocument(data, item.name, path=item.source_path)


def _always(head: bytes, item: InputFile) -> bool:
    return True


def registered_readers() -> tuple[Reader, ...]:
    """Readers in the order they are asked; the last accepts every file."""
    from .readers_jsonl import JSONL_READER
    from .readers_warc import WARC_READER

    return (WARC_READER, JSONL_READER, Reader("file", _always, _single))


def open_input(item: InputFile) -> tuple[bytes, BinaryIO]:
    """The first bytes of an input (for sniffing) and a stream of all of it, from the start."""
    try:
        if item.path is None:
            raw = sys.stdin.buffer
            head = _read_head(raw)
            return head, io.BufferedReader(_HeadThenRest(head, raw), buffer_size=1 << 20)
        stream = open(item.path, "rb", buffering=1 << 20)
        head = stream.peek(HEAD_BYTES)[:HEAD_BYTES]
        return head, stream  # type: ignore[return-value]
    except OSError as exc:
        raise InputError(f"{item.name}: cannot read: {exc.strerror or exc}") from None


def _read_head(raw: BinaryIO) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < HEAD_BYTES:
        chunk = raw.read(HEAD_BYTES - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def documents(item: InputFile, options: ReadOptions) -> Iterator[Item]:
    """The documents of one input file, from the first reader that accepts it."""
    head, stream = open_input(item)
    try:
        for reader in registered_readers():
            if reader.accepts(head, item):
                try:
                    yield from reader.read(item, stream, options)
                except OSError as exc:
                    raise InputError(f"{item.name}: cannot read: {exc.strerror or exc}") from None
                return
    finally:
        if item.path is not None:
            stream.close()


def default_stem(item: InputFile) -> PurePosixPath:
    """``a/b/page.ext`` -> ``a/b/page``."""
    return item.rel.with_suffix("") if item.rel.suffix else item.rel


def container_stem(item: InputFile) -> PurePosixPath:
    """``a/crawl.warc.gz`` -> ``a/crawl``: the folder that a container's records are published in."""
    name = item.rel.name
    for suffix in CONTAINER_SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return item.rel.with_name(name[: -len(suffix)])
    return default_stem(item)
