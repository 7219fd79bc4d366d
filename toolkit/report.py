"""The run report: every input (and every record inside one) is published or rejected with its reason.

``report.json`` is deterministic (sorted, no timings) so that two runs give the same
bytes; timings go to the one-line summary on standard error.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from . import __version__

PUBLISHED, REJECTED, SKIPPED = "published", "rejected", "skipped"


@dataclass(frozen=True)
class Entry:
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


@dataclass
class RunReport:
    entries: list[Entry] = field(default_factory=list)

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)

    def count(self, status: str) -> int:
        return sum(1 for e in self.entries if e.status == status)

    @property
    def ok(self) -> bool:
        return self.count(REJECTED) == 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "toolkit_report": 1,
            "toolkit_version": __version__,
            "totals": {
                "inputs": len(self.entries),
                PUBLISHED: self.count(PUBLISHED),
                REJECTED: self.count(REJECTED),
                SKIPPED: self.count(SKIPPED),
            },
            "items": [e.to_dict() for e in self.entries],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def summary(self) -> str:
        return f"{self.count(PUBLISHED)} published, {self.count(REJECTED)} rejected, {self.count(SKIPPED)} skipped"
