"""The resume manifest: what each source (input file or record) was published as, by its sha256.

``OUT/manifest.jsonl`` has one header line and one line per published source:
``{"key": "crawl.jsonl\\tline 3", "sha256": ..., "stem": ..., "outputs": [...], "jsonl": [offset, length]}``.
It is rewritten atomically (temporary file, then rename): at the end of a run and, when
outputs are files, every few seconds (never more than a tenth of the time), so that after ``kill -9`` a ``--resume`` run skips
what was already written. Entries of the current run are spooled to an anonymous
temporary file; the previous manifest is held as a dict while resuming (its size grows
with the number of records: about 300 bytes each).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .atomic import atomic_stream

MANIFEST_NAME = "manifest.jsonl"
_HEADER = {"toolkit_manifest": 1}
CHECKPOINT_SECONDS = 2.0  # at least; a checkpoint waits ten times as long as the last one took
FIRST_CHECKPOINT = 64  # entries: even a short run that is killed early has something to resume from


@dataclass(frozen=True)
class Published:
    """A source as the manifest remembers it."""

    sha256: str
    stem: str
    outputs: tuple[str, ...]
    id: str | None = None
    jsonl: tuple[int, int] | None = None  # offset and length of its line in articles.jsonl

    def to_dict(self, key: str) -> dict[str, Any]:
        out: dict[str, Any] = {"key": key, "sha256": self.sha256, "stem": self.stem, "id": self.id,
                               "outputs": list(self.outputs)}
        if self.jsonl is not None:
            out["jsonl"] = list(self.jsonl)
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Published":
        jsonl = d.get("jsonl")
        return cls(d["sha256"], d["stem"], tuple(d["outputs"]), d.get("id"), tuple(jsonl) if jsonl else None)  # type: ignore[arg-type]


def source_key(input_name: str, record: str | None) -> str:
    return f"{input_name}\t{record or ''}"


def load(out: Path) -> dict[str, Published]:
    """The previous run's manifest (empty when there is none or it is unreadable)."""
    entries: dict[str, Published] = {}
    try:
        with open(out / MANIFEST_NAME, encoding="utf-8") as handle:
            if "toolkit_manifest" not in handle.readline():
                return {}
            for line in handle:
                d = json.loads(line)
                entries[d["key"]] = Published.from_dict(d)
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return entries


class ManifestWriter:
    """Collects this run's entries and writes ``manifest.jsonl`` atomically."""

    def __init__(self, out: Path, previous: dict[str, Published], *, checkpoints: bool) -> None:
        self.path = out / MANIFEST_NAME
        self.previous = previous
        self.checkpoints = checkpoints
        self._spool: IO[bytes] = tempfile.TemporaryFile("w+b")
        self._last = time.monotonic()
        self._interval = CHECKPOINT_SECONDS
        self._count = 0

    def add(self, key: str, entry: Published) -> None:
        self._spool.write(_line(key, entry))
        self._count += 1
        due = self._count == FIRST_CHECKPOINT or time.monotonic() - self._last > self._interval
        if self.checkpoints and due:
            started = time.monotonic()
            self.write(keep_previous=True)
            self._interval = max(CHECKPOINT_SECONDS, 10 * (time.monotonic() - started))

    def write(self, *, keep_previous: bool = False) -> None:
        """This run's entries, plus (at a checkpoint) the previous ones not yet reached."""
        self._spool.seek(0)
        with atomic_stream(self.path) as handle:
            handle.write((json.dumps(_HEADER) + "\n").encode("utf-8"))
            shutil.copyfileobj(self._spool, handle)
            if keep_previous:
                for key, entry in self.previous.items():
                    handle.write(_line(key, entry))
        self._spool.seek(0, 2)
        self._last = time.monotonic()


def _line(key: str, entry: Published) -> bytes:
    return (json.dumps(entry.to_dict(key), ensure_ascii=False) + "\n").encode("utf-8")
