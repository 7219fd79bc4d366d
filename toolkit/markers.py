"""Multilingual boilerplate markers, loaded from the data tables in ``toolkit/rules/markers/``.

One TOML file per language (``en.toml``, ``zh.toml``, ...) plus ``common.toml`` for what
every language shares (breadcrumb separators). Each file holds lists that grow by rows —
``breadcrumb_openers`` (``You are here``, ``当前位置``...), ``home_words`` (``Home``,
``首页``...), ``article_end`` (``About the author``, ``Mehr zum Thema``: what follows is not
the article), ``call_to_action`` (``subscribe``, ``folgen Sie``), ``disclosure`` (``affiliate links``,
``enthält Werbung``), ``author_bio`` (case-sensitive
patterns of a closing paragraph about the author: "Jane Doe is a reporter ... She") — and ``[[line]]`` tables,
each a regular expression for a whole boilerplate line ("Posted on ...", "Read more", share
and cookie lines) with the rule name that the cleaner records in ``Article.removed``. Adding a language is adding a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

from .ruletables import COMMON, load_table, table_languages

_FOLDER = "markers"


@dataclass(frozen=True)
class Markers:
    """The markers of some languages, merged (duplicates dropped, order kept)."""

    languages: tuple[str, ...]
    breadcrumb_openers: tuple[str, ...]
    home_words: tuple[str, ...]
    separators: tuple[str, ...]
    article_end: tuple[str, ...]
    call_to_action: tuple[str, ...]
    disclosure: tuple[str, ...]
    author_bio: tuple[re.Pattern[str], ...]
    line_patterns: tuple[tuple[re.Pattern[str], str], ...]

    def line_rule(self, line: str) -> str | None:
        """The rule name of the first line pattern that matches ``line``, or ``None``."""
        for pattern, rule in self.line_patterns:
            if pattern.search(line):
                return rule
        return None


def marker_languages() -> tuple[str, ...]:
    """The languages that have a markers table, sorted."""
    return table_languages(_FOLDER)


def _table(name: str) -> dict[str, Any]:
    return load_table(_FOLDER, name)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _compile(pattern: str, lang: str, where: str, flags: int) -> re.Pattern[str]:
    """``pattern`` compiled, or a ``ValueError`` naming the table and the row."""
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ValueError(f"markers/{lang}.toml: {where}: bad pattern: {exc}") from exc


@lru_cache(maxsize=32)
def _load(langs: tuple[str, ...]) -> Markers:
    tables = [_table(COMMON)] + [_table(lang) for lang in langs]
    patterns = []
    for lang, table in zip((COMMON,) + langs, tables):
        for row in table.get("line", ()):
            patterns.append((_compile(row["pattern"], lang, f"rule {row.get('rule')!r}", re.IGNORECASE), row["rule"]))
    return Markers(
        languages=langs,
        breadcrumb_openers=_unique(o for t in tables for o in t.get("breadcrumb_openers", ())),
        home_words=_unique(w for t in tables for w in t.get("home_words", ())),
        separators=_unique(s for t in tables for s in t.get("separators", ())),
        article_end=_unique(m for t in tables for m in t.get("article_end", ())),
        call_to_action=_unique(m for t in tables for m in t.get("call_to_action", ())),
        disclosure=_unique(m for t in tables for m in t.get("disclosure", ())),
        author_bio=tuple(_compile(p, lang, "author_bio", 0) for lang, t in zip((COMMON,) + langs, tables)
                         for p in t.get("author_bio", ())),
        line_patterns=tuple(patterns),
    )


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Any of ``phrases`` (a marker list: ``call_to_action``, ``disclosure``) at the start of a
    word, any case, longest first. An empty list gives a pattern that never matches."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    alternatives = "|".join(map(re.escape, ordered)) or r"(?!x)x"
    return re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)


def load_markers(langs: Iterable[str] | None = None) -> Markers:
    """Markers of ``langs`` (ISO 639-1 codes; all tables when ``None``), loaded once and cached.

    Codes without a table are ignored, so callers may pass any detected language.
    """
    available = marker_languages()
    wanted = available if langs is None else tuple(sorted(set(langs) & set(available)))
    return _load(wanted)
