"""JSON Schemas: bundled ones by name, local files by path; validators that never touch the network.

The bundled schemas live in the top-level ``schemas/`` folder of the repository, which is
installed as the package ``toolkit.schemas`` (see ``pyproject.toml``), so a plain
``pip install .`` carries them.

Every validator built here:

* resolves ``$ref`` from local files only (relative to the schema file, or a bundled
  schema by its ``$id``); a remote ``$ref`` is a :class:`SchemaError` found before any
  document is checked, and no retrieval function here ever opens a socket;
* checks formats (``date``, ``date-time``, ``email``, ``uri``...) without optional packages;
* runs ``pattern`` / ``patternProperties`` with a time bound, so a catastrophic regular
  expression costs at most ``regex_seconds`` per value instead of hanging the run.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import jsonschema
import referencing
import referencing.exceptions
import referencing.jsonschema

from .config import Limits
from .errors import InputError, SchemaError

BUNDLED_ID_PREFIX = "https://schemas.toolkit.invalid/"
#: Keywords whose values are data, not subschemas: their ``$ref``-looking keys are not references.
_DATA_KEYWORDS = frozenset({"const", "enum", "default", "examples", "example"})


def _schema_files() -> Any:
    return resources.files("toolkit.schemas")


def schema_text(name: str) -> str:
    """The text of a bundled schema: ``article`` or ``frontmatter/<name>``."""
    if not name or ".." in name.split("/") or name.startswith("/"):
        raise SchemaError(f"no bundled schema named {name!r}")
    path = _schema_files().joinpath(f"{name}.schema.json")
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise SchemaError(f"no bundled schema named {name!r}") from None


@lru_cache(maxsize=1)
def _bundled_names() -> tuple[str, ...]:
    names: list[str] = []
    root = _schema_files()
    for entry in root.iterdir():
        if entry.is_dir():
            names += [f"{entry.name}/{sub.name[:-12]}" for sub in entry.iterdir() if sub.name.endswith(".schema.json")]
        elif entry.name.endswith(".schema.json"):
            names.append(entry.name[:-12])
    return tuple(sorted(names))


def bundled_names() -> list[str]:
    """Names of the bundled schemas (``article``, ``frontmatter/default``...), sorted."""
    return list(_bundled_names())


def bundled_name(name: str) -> str | None:
    """The bundled schema ``name`` means: itself, else ``frontmatter/<name>``; ``None`` when neither exists."""
    names = _bundled_names()
    return next((candidate for candidate in (name, f"frontmatter/{name}") if candidate in names), None)


def _parse_schema(text: str, label: str) -> dict[str, Any]:
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaError(f"{label}: not valid JSON: line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    if not isinstance(schema, (dict, bool)):
        raise SchemaError(f"{label}: a schema must be a JSON object, not {type(schema).__name__}")
    return schema  # type: ignore[return-value]


@lru_cache(maxsize=64)
def load_schema(name: str) -> dict[str, Any]:
    """A bundled schema as data."""
    return _parse_schema(schema_text(name), f"schema {name!r}")


def _read_schema_file(path: Path) -> Any:
    """A schema file as data: JSON, or YAML for ``.yaml``/``.yml``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaError(f"{path}: cannot read schema: {getattr(exc, 'strerror', None) or exc}") from None
    if path.suffix.lower() in {".yaml", ".yml"}:
        from .yamlsafe import load_yaml

        try:
            return load_yaml(text, name=str(path))
        except InputError as exc:
            raise SchemaError(str(exc)) from None
    return _parse_schema(text, str(path))


@lru_cache(maxsize=1)
def _bundled_by_id() -> dict[str, str]:
    """``$id`` → bundled schema name, so a ``$ref`` to a bundled ``$id`` stays offline."""
    found = {}
    for name in bundled_names():
        schema = load_schema(name)
        if isinstance(schema, dict) and isinstance(schema.get("$id"), str):
            found[urldefrag(schema["$id"]).url] = name
    return found


class _Retriever:
    """``referencing`` retrieve hook: local files and bundled schemas only; everything else refused."""

    def __init__(self, base_uri: str, local_dir: Path | None) -> None:
        self.base_dir_uri = urljoin(base_uri, ".")
        self.local_dir = local_dir

    def local_path(self, uri: str) -> Path | None:
        """The file that ``uri`` names on this machine, or ``None`` when it is remote."""
        parts = urlsplit(uri)
        if parts.scheme == "file":
            from urllib.request import url2pathname  # not at start-up: it imports http.client and email

            return Path(url2pathname(parts.path))
        if self.local_dir is not None and uri.startswith(self.base_dir_uri):
            candidate = self.local_dir / uri[len(self.base_dir_uri) :]
            return candidate if candidate.is_file() else None
        return None

    def contents(self, uri: str) -> Any:
        """The schema at ``uri``; a :class:`SchemaError` for a remote or unreadable one."""
        name = _bundled_by_id().get(uri)
        if name is not None:
            return load_schema(name)
        path = self.local_path(uri)
        if path is None:
            raise SchemaError(f"$ref to {uri!r} refused: only local files are resolved (no network)")
        return _read_schema_file(path)

    def __call__(self, uri: str) -> referencing.Resource:
        try:
            contents = self.contents(uri)
        except SchemaError as exc:
            raise referencing.exceptions.NoSuchResource(ref=str(exc)) from None
        return referencing.Resource.from_contents(contents, default_specification=referencing.jsonschema.DRAFT202012)


def _id_keyword(cls: type) -> str:
    return "id" if "draft-04" in cls.META_SCHEMA.get("$schema", "") else "$id"


def _ids_and_refs(node: Any, base: str, id_key: str, ids: set[str], refs: list[tuple[str, str]]) -> None:
    """Collect the (fragment-less) ``$id`` URIs a schema embeds and its ``(base, $ref)`` pairs, in document order."""
    if isinstance(node, list):
        for item in node:
            _ids_and_refs(item, base, id_key, ids, refs)
    if not isinstance(node, dict):
        return
    if isinstance(node.get(id_key), str):
        base = urljoin(base, node[id_key])
        ids.add(urldefrag(base).url)
    for key in ("$ref", "$dynamicRef", "$recursiveRef"):
        if isinstance(node.get(key), str):
            refs.append((base, node[key]))
    for key, value in node.items():
        if key not in _DATA_KEYWORDS:
            _ids_and_refs(value, base, id_key, ids, refs)


def _check_refs(schema: Any, base: str, id_key: str, retriever: _Retriever, label: str, seen: set[str]) -> None:
    """Resolve every ``$ref`` target now, so a remote or missing one fails before any document."""
    known = {urldefrag(base).url}
    refs: list[tuple[str, str]] = []
    _ids_and_refs(schema, base, id_key, known, refs)
    for here, ref in refs:
        target = urldefrag(urljoin(here, ref)).url
        if target in known or target in seen:
            continue
        seen.add(target)
        try:
            contents = retriever.contents(target)
        except SchemaError as exc:
            raise SchemaError(f"{label}: {exc}") from None
        _check_refs(contents, target, id_key, retriever, label, seen)


def _bounded_class(cls: type, seconds: float) -> type:
    from .validate.patterns import bounded_keywords

    return jsonschema.validators.extend(cls, bounded_keywords(seconds))


def build_validator(
    schema: Any, *, label: str, base_uri: str, local_dir: Path | None, regex_seconds: float
) -> jsonschema.protocols.Validator:
    """A checked validator for ``schema``: offline ``$ref``, format checks, bounded patterns."""
    from .validate.formats import format_checker

    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as exc:
        where = exc.json_path if exc.path else "$"
        raise SchemaError(f"{label}: invalid schema at {where}: {exc.message}") from None
    id_key = _id_keyword(cls)
    if isinstance(schema, dict) and not isinstance(schema.get(id_key), str):
        schema = {**schema, id_key: base_uri}
    base = urljoin(base_uri, schema[id_key]) if isinstance(schema, dict) else base_uri
    retriever = _Retriever(base, local_dir)
    _check_refs(schema, base, id_key, retriever, label, set())
    registry: referencing.Registry = referencing.Registry(retrieve=retriever)  # type: ignore[call-arg]
    return _bounded_class(cls, regex_seconds)(schema, registry=registry, format_checker=format_checker())


@lru_cache(maxsize=64)
def _validator(name: str, regex_seconds: float) -> jsonschema.protocols.Validator:
    schema = load_schema(name)
    base = schema.get("$id", BUNDLED_ID_PREFIX + name + ".schema.json") if isinstance(schema, dict) else ""
    return build_validator(schema, label=f"schema {name!r}", base_uri=base, local_dir=None, regex_seconds=regex_seconds)


def validator_for(name: str, *, regex_seconds: float | None = None) -> jsonschema.protocols.Validator:
    """A checked, cached validator for a bundled schema; ``$ref`` is resolved offline only."""
    return _validator(name, Limits().regex_seconds if regex_seconds is None else regex_seconds)


@lru_cache(maxsize=64)
def _file_validator(path: Path, regex_seconds: float) -> jsonschema.protocols.Validator:
    schema = _read_schema_file(path)
    return build_validator(
        schema, label=str(path), base_uri=path.as_uri(), local_dir=path.parent, regex_seconds=regex_seconds
    )


def validator_for_file(path: str | Path, *, regex_seconds: float | None = None) -> jsonschema.protocols.Validator:
    """A checked, cached validator for a schema file (JSON or YAML); local ``$ref`` relative to it."""
    resolved = Path(path).resolve()
    if not resolved.is_file():
        raise SchemaError(f"{path}: no such schema file")
    return _file_validator(resolved, Limits().regex_seconds if regex_seconds is None else regex_seconds)


def unresolvable_message(exc: Exception) -> str:
    """One line for a ``$ref`` that failed during validation (``referencing`` wraps our refusal)."""
    ref = getattr(exc, "ref", None) or str(exc)
    return ref if "refused" in str(ref) else f"cannot resolve $ref {ref!r}"


def first_error(instance: Any, name: str) -> str | None:
    """The most relevant validation error as one line (``$.path: message``), or ``None`` when valid."""
    error = jsonschema.exceptions.best_match(validator_for(name).iter_errors(instance))
    if error is None:
        return None
    return f"{error.json_path}: {error.message}"


