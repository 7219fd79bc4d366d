"""Per-language TOML tables under ``toolkit/rules/<folder>/`` (``markers``, ``dates``).

One file per language (``en.toml``, ``zh.toml``, ...) and ``common.toml`` for what all
languages share. Files are package data; each is parsed once and cached.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

COMMON = "common"


def table_languages(folder: str) -> tuple[str, ...]:
    """The languages that have a table in ``folder``, sorted (``common`` excluded)."""
    root = resources.files("toolkit.rules").joinpath(folder)
    names = (p.name[:-5] for p in root.iterdir() if p.name.endswith(".toml"))
    return tuple(sorted(n for n in names if n != COMMON))


@lru_cache(maxsize=128)
def load_table(folder: str, name: str) -> dict[str, Any]:
    """``toolkit/rules/<folder>/<name>.toml`` as a dict (cached; callers must not mutate it)."""
    path = resources.files("toolkit.rules").joinpath(folder).joinpath(f"{name}.toml")
    return tomllib.loads(path.read_text("utf-8"))
