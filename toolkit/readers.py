"""Readers: one input file to the documents inside it.

A plain file is one document. Container formats (JSON Lines exports, WARC files) hold
many; each reader says whether it accepts a file (by its first bytes) and yields
:class:`~toolkit.pipeline.RawDocument` values, or :class:`BadRecord` for a record it
cannot read, so that one bad record never stops the rest of the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Callable, Iterator, Union

from .config import Config
from .errors import InputError
from .inputs import InputFile
from .pipeline import RawDocument


@dataclass(frozen=True)
class BadRecord:
    """A record that could not be read: where it is and why."""

    record: str
    reason: str


Item = Union[RawDocument, BadRecord]


@dataclass(frozen=True)
class Reader:
    name: str
    accepts: Callable[[bytes, InputFile], bool]
    read: Callable[[InputFile, bytes, Config], Iterator[Item]]


def read_bytes(item: InputFile, config: Config) -> bytes:
    """The bytes of an input file (or standard input), refusing what is over the size limit."""
    import sys

    limit = config.limits.max_bytes
    try:
        if item.path is None:
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(item.path, "rb") as handle:
                data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{item.name}: cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InputError(f"{item.name}: larger than the limit of {limit} bytes")
    return data


def _single(item: InputFile, data: bytes, config: Config) -> Iterator[Item]:
    yield RawDocument(data, item.name, path=str(item.rel) if item.path is None else item.path.as_posix())


def _always(data: bytes, item: InputFile) -> bool:
    return True


def registered_readers() -> tuple[Reader, ...]:
    """Readers in the order they are asked; the last accepts every file."""
    return (Reader("file", _always, _single),)


def documents(item: InputFile, config: Config) -> Iterator[Item]:
    """The documents of one input file, from the first reader that accepts it."""
    data = read_bytes(item, config)
    for reader in registered_readers():
        if reader.accepts(data[:65536], item):
            yield from reader.read(item, data, config)
            return


def default_stem(item: InputFile) -> PurePosixPath:
    """``a/b/page.ext`` -> ``a/b/page``."""
    return item.rel.with_suffix("") if item.rel.suffix else item.rel
