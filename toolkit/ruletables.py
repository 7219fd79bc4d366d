"""TOML data tables under ``toolkit/rules/``, parsed once and cached.

:func:`load_rules` reads any one file (``scripts.toml``, ``language_words.toml``...). The
per-language folders (``markers``, ``dates``) hold one file per language (``en.toml``,
``zh.toml``, ...) and ``common.toml`` for what all languages share: :func:`table_languages`
lists them and :func:`load_table` reads one.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

COMMON = "common"


@lru_cache(maxsize=128)
def load_rules(*parts: str) -> dict[str, Any]:
    """``toolkit/rules/<parts...>`` parsed as TOML (cached; callers must not mutate it)."""
    path = resources.files("toolkit.rules")
    for part in parts:
        path = path.joinpath(part)
    return tomllib.loads(path.read_text("utf-8"))


@lru_cache(maxsize=16)
def table_languages(folder: str) -> tuple[str, ...]:
    """The languages that have a table in ``folder``, sorted (``common`` excluded; listed once, cached)."""
    root = resources.files("toolkit.rules").joinpath(folder)
    names = (p.name[:-5] for p in root.iterdir() if p.name.endswith(".toml"))
    return tuple(sorted(n for n in names if n != COMMON))


def load_table(folder: str, name: str) -> dict[str, Any]:
    """``toolkit/rules/<folder>/<name>.toml`` as a dict (cached; callers must not mutate it)."""
    return load_rules(folder, f"{name}.toml")
