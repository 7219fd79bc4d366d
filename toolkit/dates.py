"""Dates written in many languages, to ISO 8601: ``8. Februar 2025`` -> ``2025-02-08``.

The month names and patterns are data: ``toolkit/rules/dates/<lang>.toml`` (one table per
language; rows may be added) and ``common.toml`` (ISO 8601 first, numeric forms last).
A numeric date such as ``08/02/2025`` is read only when its day/month order is unambiguous
(one number above 12, or both equal). Impossible dates (``2023-02-30``) give ``None``.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .ruletables import COMMON, load_table, table_languages

_FOLDER = "dates"


@dataclass(frozen=True)
class _Rules:
    first: tuple[re.Pattern[str], ...]
    patterns: tuple[re.Pattern[str], ...]
    ambiguous: tuple[re.Pattern[str], ...]
    months: dict[str, int]


def date_languages() -> tuple[str, ...]:
    """Languages with a dates table, sorted."""
    return table_languages(_FOLDER)


def _table(name: str) -> dict[str, Any]:
    return load_table(_FOLDER, name)


def _compile(pattern: str, months: dict[str, int]) -> re.Pattern[str]:
    names = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True)) or r"(?!x)x"
    return re.compile(pattern.replace("{month}", names), re.IGNORECASE)


@lru_cache(maxsize=32)
def _rules(langs: tuple[str, ...]) -> _Rules:
    common = _table(COMMON)
    months: dict[str, int] = {}
    for lang in langs:
        months.update({name.casefold(): number for name, number in _table(lang).get("months", {}).items()})
    own = [_compile(p, months) for lang in langs for p in _table(lang).get("patterns", ())]
    return _Rules(
        first=tuple(_compile(p, months) for p in common.get("first", ())),
        patterns=tuple(own) + tuple(_compile(p, months) for p in common.get("patterns", ())),
        ambiguous=tuple(_compile(p, months) for p in common.get("ambiguous", ())),
        months=months,
    )


def _month(value: str, months: dict[str, int]) -> int | None:
    if value.isdigit():
        return int(value)
    return months.get(value.casefold().rstrip("."))


def _iso(year: int, month: int | None, day: int, time: str | None = None, tz: str | None = None) -> str | None:
    """``YYYY-MM-DD`` (with ``THH:MM[:SS]`` and zone when given), or ``None`` if impossible."""
    if month is None:
        return None
    try:
        date = _dt.date(year, month, day)
    except ValueError:
        return None
    if not time:
        return date.isoformat()
    hour, minute, *rest = time.split(":")
    second = float(rest[0]) if rest else 0.0
    if int(hour) > 23 or int(minute) > 59 or second >= 60:
        return None
    return f"{date.isoformat()}T{time}{tz or ''}"


def _from_match(match: re.Match[str], months: dict[str, int]) -> str | None:
    groups = match.groupdict()
    return _iso(int(groups["year"]), _month(groups["month"], months), int(groups["day"]), groups.get("time"), groups.get("tz"))


def _from_ambiguous(match: re.Match[str]) -> str | None:
    a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
    if a > 12 >= b or a == b:
        return _iso(year, b, a)
    if b > 12 >= a:
        return _iso(year, a, b)
    return None


def parse_date(text: str, *, lang: str | None = None) -> str | None:
    """The first date found in ``text`` as ISO 8601, or ``None``.

    ``lang`` picks that language's month names and patterns (all languages when ``None`` or
    when the language has no table). Full-width and Arabic-Indic digits are read as digits.
    """
    text = unicodedata.normalize("NFKC", text)
    known = date_languages()
    rules = _rules((lang,) if lang in known else known)
    for group in (rules.first, rules.patterns):
        for pattern in group:
            match = pattern.search(text)
            if match:
                return _from_match(match, rules.months)
    for pattern in rules.ambiguous:
        match = pattern.search(text)
        if match:
            return _from_ambiguous(match)
    return None
