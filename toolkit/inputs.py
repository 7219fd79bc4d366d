"""Finding inputs: files, folders walked recursively (sorted), ``-`` for standard input.

Symbolic links inside a walked folder are never followed (a link could lead outside
the input, or publish the same page twice); they are reported as skipped. Hidden files
and folders (``.git``) are not inputs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator

from .errors import UsageError

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


def discover(inputs: list[str], *, exclude: Path | None = None) -> Iterator[InputFile]:
    """Every input file named by ``inputs``, folders walked in sorted order."""
    for given in inputs:
        if given == STDIN:
            yield InputFile(None, PurePosixPath("stdin"))
            continue
        path = Path(given)
        if path.is_dir():
            yield from _walk(path, exclude)
        elif path.is_file():
            yield InputFile(path, PurePosixPath(path.name))
        else:
            raise UsageError(f"{given}: no such file or folder")


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


def _is_run_report(path: Path) -> bool:
    """A ``report.json`` written by ``toolkit publish`` is not an input when its folder is published again."""
    if path.name != "report.json":
        return False
    try:
        with open(path, "rb") as handle:
            return b'"toolkit_report"' in handle.read(64)
    except OSError:
        return False
