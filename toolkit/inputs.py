"""Finding inputs: files, folders walked recursively (sorted), globs, ``-`` for standard input.

Globs (``crawls/*.warc.gz``, ``pages/**/*.html``) are expanded here, sorted, so that they
work the same from a shell, a Makefile, CI or the Python API.

Symbolic links inside a walked folder are never followed (a link could lead outside
the input, or publish the same page twice); they are reported as skipped. Hidden files
and folders (``.git``) are not inputs.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator

from .errors import UsageError
from .manifest import MANIFEST_NAME
from .report import REPORT_NAME

STDIN = "-"


@dataclass(frozen=True)
class InputFile:
    """One input file: where it is, and its path relative to the folder it was found in."""

    path: Path | None  # None for standard input
    rel: PurePosixPath
    skipped: str | None = None  # why it is not read (a symlink, ...)

    @property
    def name(self) -> str:
        return str(self.path) if self.path is not None else "<stdin>"

    @property
    def source_path(self) -> str:
        """What its documents record as ``source.path``: the file's path, or ``stdin``."""
        return self.path.as_posix() if self.path is not None else str(self.rel)


def discover(inputs: list[str], *, exclude: Path | None = None) -> Iterator[InputFile]:
    """Every input file named by ``inputs``, folders walked in sorted order."""
    for given in inputs:
        if given == STDIN:
            yield InputFile(None, PurePosixPath("stdin"))
            continue
        path = Path(given)
        if not path.exists() and _has_magic(given):
            yield from _expand(given, exclude)
            continue
        if path.is_dir():
            yield from _walk(path, exclude)
        elif path.is_file():
            yield InputFile(path, PurePosixPath(path.name))
        else:
            raise UsageError(f"{given}: no such file or folder")


def _has_magic(pattern: str) -> bool:
    return any(c in pattern for c in "*?[")


def check_inputs(inputs: list[str]) -> None:
    """A usage error for the first input that names nothing, before any work starts."""
    if not inputs:
        raise UsageError("no input given")
    for given in inputs:
        if given != STDIN and not Path(given).exists() and not (_has_magic(given) and glob.glob(given, recursive=True)):
            raise UsageError(f"{given}: no such file or folder")


def _expand(pattern: str, exclude: Path | None) -> Iterator[InputFile]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        raise UsageError(f"{pattern}: no file or folder matches")
    for match in matches:
        path = Path(match)
        if path.is_dir():
            yield from _walk(path, exclude)
        elif path.is_file() and not path.name.startswith(".") and not _is_run_report(path):
            yield InputFile(path, PurePosixPath(path.name))


def _walk(root: Path, exclude: Path | None) -> Iterator[InputFile]:
    excluded = exclude.resolve() if exclude is not None else None
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if _walkable(here / d, excluded))
        for filename in sorted(filenames):
            if filename.startswith(".") or _is_run_report(here / filename):
                continue
            path = here / filename
            rel = PurePosixPath(path.relative_to(root).as_posix())
            if path.is_symlink():
                yield InputFile(path, rel, skipped="symbolic link not followed")
            elif path.is_file():
                yield InputFile(path, rel)


def _walkable(path: Path, excluded: Path | None) -> bool:
    if path.name.startswith(".") or path.is_symlink():
        return False
    return excluded is None or path.resolve() != excluded


#: files ``toolkit publish`` writes for itself, and the key their first bytes carry
_RUN_FILES = {REPORT_NAME: b'"toolkit_report"', MANIFEST_NAME: b'"toolkit_manifest"'}


def _is_run_report(path: Path) -> bool:
    """A ``report.json`` or ``manifest.jsonl`` written by ``toolkit publish`` is not an input when its folder is published again."""
    marker = _RUN_FILES.get(path.name)
    if marker is None:
        return False
    try:
        with open(path, "rb") as handle:
            return marker in handle.read(64)
    except OSError:
        return False
