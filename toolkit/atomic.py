"""Atomic file writes: a temporary file in the target folder, then a rename.

A reader (or a run killed with ``kill -9``) sees either the old file or the whole new
one, never half of it. Unchanged content is not rewritten, so reruns keep mtimes.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically; return False when the file already had exactly that content."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    with atomic_stream(path) as handle:
        handle.write(data)
    return True


def write_text_atomic(path: Path, text: str) -> bool:
    return write_atomic(path, text.encode("utf-8"))


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


@contextmanager
def atomic_stream(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through: renamed into place only when the block ends without error.

    For outputs too big to hold in memory (``articles.jsonl``); a run killed half-way leaves
    the previous file (or none), never a partial one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        _remove_quietly(tmp)
        raise


def remove_stale_temporaries(folder: Path) -> int:
    """Delete the temporary files (``.name.XXXX.tmp``) a killed run left in ``folder``; return how many.

    Called before a ``--resume`` run, so that after ``kill -9`` and a resume no partial
    file is left, not even a hidden one.
    """
    removed = 0
    if not folder.is_dir():
        return 0
    for dirpath, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            if name.startswith(".") and name.endswith(".tmp"):
                _remove_quietly(os.path.join(dirpath, name))
                removed += 1
    return removed
