"""Unicode script runs: which script each stretch of a sentence is written in.

The table lives in ``toolkit/rules/scripts.toml`` (data, not code). Scripts with one
language decide it without a detector (Hangul is Korean, Thai is Thai); scripts with
several hand their candidates to a detector.

One compiled regular expression finds whole runs — letters of one script joined by
spaces, digits, commas, quotes and marks, but never across a line break or a sentence end —
so a page is scanned at C speed and Python only sees one match per run, not per word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..ruletables import load_rules

#: The pseudo-script of letters no row of the table covers; it never decides a language.
OTHER = "Other"
#: Characters that end a sentence; a run never crosses them. Breadcrumb separators (``›``,
#: ``|``, ``/``) do not: the items of one breadcrumb or menu line are judged together.
BOUNDARY_CHARS = ".!?;。！？；\t\n"
#: Letters (alphanumerics that are not digits or ``_``), as used for words and letter counts.
WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, eq=False)
class Script:
    """One row of the script table (one object per row: compared and hashed by identity, fast)."""

    name: str
    languages: tuple[str, ...]
    absorbed_by: tuple[str, ...] = ()
    min_letters: int = 3
    page_absorbed_by: tuple[str, ...] = ()
    names_anywhere: bool = False
    gram_sizes: tuple[int, ...] = (2, 3)
    letters: str = ""  # the script's letters as the inside of a regex character class
    spaced: bool = True  # words separated by spaces (word lists apply)


@dataclass(frozen=True)
class ScriptTable:
    """The scripts in table order and the regex whose group ``i`` matches a run of script ``i``."""

    scripts: tuple[Script, ...]
    pattern: re.Pattern[str]

    def by_name(self, name: str) -> Script:
        """The row called ``name`` (the ``Other`` pseudo-script when there is none)."""
        return next((s for s in self.scripts if s.name == name), self.scripts[-1])


def _ranges(ranges: list[str]) -> str:
    parts = []
    for item in ranges:
        lo, _, hi = item.partition("-")
        parts.append(f"{re.escape(chr(int(lo, 16)))}-{re.escape(chr(int(hi or lo, 16)))}")
    return "".join(parts)


def _run_pattern(own: str, mixed: str | None, soft: str) -> str:
    """Letters of one script joined by soft characters; with ``mixed``, at least one own letter first."""
    if mixed is None:
        unit = f"[{own}]+"
        return f"({unit}(?:{soft}+{unit})*)"
    both = f"[{own}{mixed}]"
    return f"((?:[{mixed}]*[{own}]{both}*)(?:{soft}+{both}+)*)"


@lru_cache(maxsize=1)
def script_table() -> ScriptTable:
    """Load the script table once and compile its run regex (unknown letters last)."""
    rows = load_rules("scripts.toml")["script"]
    letters = {row["name"]: _ranges(row["ranges"]) for row in rows}
    known = "".join(letters.values())
    soft = f"(?:[^\\w{re.escape(BOUNDARY_CHARS)}]|[\\d_])"
    groups = [_run_pattern(letters[row["name"]], letters.get(row.get("mixes_with", "")), soft) for row in rows]
    groups.append(f"((?:(?![{known}])[^\\W\\d_])+)")
    scripts = tuple(
        Script(
            r["name"],
            tuple(r["languages"]),
            tuple(r.get("absorbed_by", ())),
            r.get("min_letters", 3),
            tuple(r.get("page_absorbed_by", ())),
            r.get("names_anywhere", False),
            tuple(r.get("gram_sizes", (2, 3))),
            letters[r["name"]],
            r.get("spaced", True),
        )
        for r in rows
    )
    return ScriptTable(scripts + (Script(OTHER, ()),), re.compile("|".join(groups)))


def script_runs(text: str) -> Iterator[tuple[int, int, Script]]:
    """Yield ``(start, end, script)`` for each run; ``text[start:end]`` starts and ends with a letter."""
    table = script_table()
    for match in table.pattern.finditer(text):
        yield match.start(), match.end(), table.scripts[match.lastindex - 1]  # type: ignore[operator]
