"""Which schema checks which document.

In order: ``--schema FILE|NAME``; else the document's ``_schema`` key, looked up as
``<schema_dir>/<name>.schema.json`` (configured folder) then as the bundled
``frontmatter/<name>``; else the first matching glob of the configuration; else a
published Article (a ``schema_version`` key) gets the bundled ``article`` schema.

Configuration, found from the current folder upwards: ``toolkit.toml`` (table
``[validate]``) or ``pyproject.toml`` (table ``[tool.toolkit.validate]``)::

    [tool.toolkit.validate]
    schema_dir = "schemas/content"          # for `_schema: name`
    [tool.toolkit.validate.schemas]
    "posts/**/*.md" = "frontmatter/default" # a bundled name ...
    "data/*.json" = "schemas/data.json"     # ... or a file, relative to the config file
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError

_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


@dataclass(frozen=True)
class SchemaChoice:
    """A schema to use: a bundled one by ``name`` or a file by ``path``; ``label`` is what reports show."""

    label: str
    name: str | None = None
    path: Path | None = None


@dataclass(frozen=True)
class UnknownSchema:
    """A document names a schema (``_schema``) that does not exist: an error in that document."""

    message: str
    at: tuple[str, ...] = ("_schema",)


@dataclass(frozen=True)
class Settings:
    """The ``validate`` configuration: where it was found, the ``_schema`` folder, the glob mapping."""

    root: Path
    source: Path | None = None
    schema_dir: Path | None = None
    globs: tuple[tuple[re.Pattern[str], str], ...] = ()


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob as a regex over ``/``-separated relative paths; ``**`` spans folders, no ``/`` = any folder."""
    out = [] if "/" in pattern.strip("/") else ["(?:.*/)?"]
    i = 0
    pattern = pattern.lstrip("/")
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read configuration: {exc}") from None


def _table(path: Path) -> dict[str, Any] | None:
    data = _read_toml(path)
    if path.name == "toolkit.toml":
        table = data.get("validate", data.get("tool", {}).get("toolkit", {}).get("validate"))
        return table if table is not None else {}
    return data.get("tool", {}).get("toolkit", {}).get("validate")


def _settings_from(path: Path, table: dict[str, Any]) -> Settings:
    root = path.parent
    schema_dir = table.get("schema_dir")
    mapping = table.get("schemas", {})
    if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
        raise UsageError(f"{path}: 'schemas' must map glob patterns to schema names or files")
    globs = tuple((glob_regex(pattern), target) for pattern, target in mapping.items())
    return Settings(root, path, (root / schema_dir) if isinstance(schema_dir, str) else None, globs)


def find_settings(start: Path | None = None) -> Settings:
    """The nearest ``toolkit.toml`` or ``pyproject.toml`` with a validate table, from ``start`` upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for candidate in ("toolkit.toml", "pyproject.toml"):
            path = folder / candidate
            if path.is_file():
                table = _table(path)
                if table is not None:
                    return _settings_from(path, table)
    return Settings(root=here)


def _bundled(name: str) -> SchemaChoice | None:
    from ..schema_store import bundled_name

    found = bundled_name(name)
    return SchemaChoice(found, name=found) if found is not None else None


def _target(value: str, base: Path) -> SchemaChoice:
    path = base / value
    if path.is_file():
        return SchemaChoice(value, path=path)
    found = _bundled(value)
    if found is None:
        raise UsageError(f"no schema file or bundled schema named {value!r}")
    return found


class Resolver:
    """Chooses the schema of each document (see the module docstring for the order)."""

    def __init__(self, explicit: str | None, settings: Settings) -> None:
        self.settings = settings
        self.explicit = _target(explicit, Path.cwd()) if explicit else None

    def by_name(self, name: Any) -> SchemaChoice | UnknownSchema:
        """The schema a ``_schema`` value names."""
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            return UnknownSchema(f"_schema must be a plain schema name, not {name!r}")
        folder = self.settings.schema_dir
        if folder is not None:
            for suffix in (".schema.json", ".json", ".schema.yaml", ".yaml"):
                if (folder / f"{name}{suffix}").is_file():
                    return SchemaChoice(name, path=folder / f"{name}{suffix}")
        found = _bundled(f"frontmatter/{name}")
        return found if found is not None else UnknownSchema(f"unknown schema {name!r} named by _schema")

    def by_glob(self, file: Path) -> SchemaChoice | None:
        """The schema of the first configured glob that matches ``file``."""
        if not self.settings.globs:
            return None
        try:
            relative = Path(os.path.relpath(file.resolve(), self.settings.root)).as_posix()
        except ValueError:
            return None
        for regex, target in self.settings.globs:
            if regex.fullmatch(relative):
                try:
                    return _target(target, self.settings.root)
                except UsageError as exc:
                    raise UsageError(f"{self.settings.source}: {exc}") from None
        return None

    def choose(self, file: Path, data: Any) -> SchemaChoice | UnknownSchema | None:
        """The schema for one document of ``file``; ``None`` when nothing says which."""
        if self.explicit is not None:
            return self.explicit
        if isinstance(data, dict) and "_schema" in data:
            return self.by_name(data["_schema"])
        by_glob = self.by_glob(file)
        if by_glob is not None:
            return by_glob
        if isinstance(data, dict) and "schema_version" in data:
            return SchemaChoice("article", name="article")
        return None
