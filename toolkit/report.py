"""The run report: every input (and every record inside one) is published, rejected with its reason, or skipped.

``report.json`` is deterministic (input order, no timings) so that two runs give the same
bytes; timings go to the one-line summary on standard error. Entries are spooled to an
anonymous temporary file as they come, not kept in memory, so that a run over millions of
records stays within bounded memory; ``report.json`` is streamed from the spool at the end.
"""

from __future__ import annotations

import json
import tempfile
import textwrap
from dataclasses import dataclass, field
from typing import IO, Any, Iterator

from . import __version__

REPORT_NAME = "report.json"  # in the output folder, unless the run is told otherwise
PUBLISHED, REJECTED, SKIPPED = "published", "rejected", "skipped"
STATUSES = (PUBLISHED, REJECTED, SKIPPED)


@dataclass(frozen=True)
class Entry:
    """One input, or one record of a container input, and what became of it."""

    input: str
    status: str
    record: str | None = None
    id: str | None = None
    outputs: tuple[str, ...] = ()
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"input": self.input}
        if self.record is not None:
            out["record"] = self.record
        out["status"] = self.status
        if self.id is not None:
            out["id"] = self.id
        if self.outputs:
            out["outputs"] = list(self.outputs)
        if self.reason is not None:
            out["reason"] = self.reason
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Entry":
        return cls(d["input"], d["status"], d.get("record"), d.get("id"), tuple(d.get("outputs", ())), d.get("reason"))


@dataclass
class RunReport:
    """Totals in memory; entries in a spool file, read back by :meth:`entries`."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    reused: int = 0  # published entries whose outputs a ``--resume`` run kept
    _spool: IO[str] | None = field(default=None, repr=False)

    def add(self, entry: Entry) -> None:
        self.counts[entry.status] += 1
        if self._spool is None:
            self._spool = tempfile.TemporaryFile("w+", encoding="utf-8")
        self._spool.write(json.dumps(entry.to_dict(), ensure_ascii=False) + "\n")

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def entries(self) -> list[Entry]:
        """Every entry, in input order (read back from the spool; for large runs use :meth:`iter_entries`)."""
        return list(self.iter_entries())

    def iter_entries(self) -> Iterator[Entry]:
        for item in self._items():
            yield Entry.from_dict(item)

    def _items(self) -> Iterator[dict[str, Any]]:
        if self._spool is None:
            return
        self._spool.flush()
        self._spool.seek(0)
        for line in self._spool:
            yield json.loads(line)
        self._spool.seek(0, 2)

    @property
    def ok(self) -> bool:
        return self.count(REJECTED) == 0

    def header(self) -> dict[str, Any]:
        return {
            "toolkit_report": 1,
            "toolkit_version": __version__,
            "totals": {"inputs": self.total, **{s: self.count(s) for s in STATUSES}},
        }

    def write_to(self, handle: IO[bytes]) -> None:
        """``report.json``, streamed: the same bytes as ``json.dumps(..., indent=2)`` of the whole report."""
        head = json.dumps(self.header(), ensure_ascii=False, indent=2)
        handle.write(head[:-2].encode("utf-8") + b',\n  "items": [')
        first = True
        for item in self._items():
            text = textwrap.indent(json.dumps(item, ensure_ascii=False, indent=2), "    ")
            handle.write((b"\n" if first else b",\n") + text.encode("utf-8"))
            first = False
        handle.write(b"]\n}\n" if first else b"\n  ]\n}\n")

    def to_dict(self) -> dict[str, Any]:
        return {**self.header(), "items": list(self._items())}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def summary(self) -> str:
        kept = f" ({self.reused} unchanged, kept)" if self.reused else ""
        return f"{self.count(PUBLISHED)} published{kept}, {self.count(REJECTED)} rejected, {self.count(SKIPPED)} skipped"
