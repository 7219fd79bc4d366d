"""Unicode script runs: which script each stretch of letters is written in.

The table lives in ``toolkit/rules/scripts.toml`` (data, not code). Scripts with one
language decide it without a detector (Hangul is Korean, Thai is Thai); scripts with
several hand their candidates to a detector. Letters are found with one compiled regular
expression so that a whole page is scanned at C speed.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator

#: The pseudo-script of letters no row of the table covers; it never decides a language.
OTHER = "Other"


@dataclass(frozen=True)
class Script:
    """One row of the script table."""

    name: str
    languages: tuple[str, ...]
    absorbed_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScriptTable:
    """The scripts in table order and the regex whose group ``i`` matches letters of script ``i``."""

    scripts: tuple[Script, ...]
    pattern: re.Pattern[str]

    def by_name(self, name: str) -> Script:
        for script in self.scripts:
            if script.name == name:
                return script
        return Script(OTHER, ())


def _char_class(ranges: list[str]) -> str:
    parts = []
    for item in ranges:
        lo, _, hi = item.partition("-")
        parts.append(f"{re.escape(chr(int(lo, 16)))}-{re.escape(chr(int(hi or lo, 16)))}")
    return "[" + "".join(parts) + "]"


@lru_cache(maxsize=1)
def script_table() -> ScriptTable:
    """Load the script table once and compile its letter regex (letters of other scripts last)."""
    data = tomllib.loads(resources.files("toolkit.rules").joinpath("scripts.toml").read_text("utf-8"))
    scripts, groups = [], []
    for row in data["script"]:
        scripts.append(Script(row["name"], tuple(row["languages"]), tuple(row.get("absorbed_by", ()))))
        # letters of the script, with the combining marks that follow them
        groups.append(f"((?:{_char_class(row['ranges'])}[\u0300-\u036f\u1ab0-\u1aff\u20d0-\u20ff]*)+)")
    scripts.append(Script(OTHER, ()))
    groups.append(r"([^\W\d_]+)")
    return ScriptTable(tuple(scripts), re.compile("|".join(groups)))


def letter_chunks(text: str) -> Iterator[tuple[int, int, int]]:
    """Yield ``(start, end, script_index)`` for each maximal stretch of letters of one script."""
    for match in script_table().pattern.finditer(text):
        yield match.start(), match.end(), match.lastindex - 1  # type: ignore[operator]


def count_letters(text: str) -> int:
    """Letters as the toolkit counts them for shares: characters with ``str.isalpha``."""
    return sum(1 for ch in text if ch.isalpha())
