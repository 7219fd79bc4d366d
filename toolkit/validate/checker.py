"""Check files against their schemas and locate every error at a line and column.

One :class:`FileReport` per file: its issues sorted by document and position. An
unparsable file or line is an issue like any other; a broken schema is not (it raises
:class:`SchemaError`, exit code 2). For ``anyOf``/``oneOf`` the best-matching
alternative's error is reported, the others kept as ``alternatives``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..errors import SchemaError, UsageError
from .loaders import Document, Loaded, load_path, looks_checkable
from .resolve import Resolver, SchemaChoice, UnknownSchema

MAX_MESSAGE = 300


@dataclass(frozen=True)
class Issue:
    """One error: where (line, column, JSON path, document index), what, and which keyword said so."""

    line: int
    column: int
    message: str
    path: str = "$"
    kind: str = "schema"
    document: int = 0
    keyword: str | None = None
    schema: str | None = None
    alternatives: tuple[str, ...] = ()


@dataclass
class FileReport:
    """The outcome for one file."""

    file: str
    issues: list[Issue] = field(default_factory=list)
    documents: int = 0
    schemas: list[str] = field(default_factory=list)
    skipped: str | None = None

    @property
    def valid(self) -> bool:
        return not self.issues


def json_path(path: Iterable[str | int]) -> str:
    """``$.a[0]['odd key']``: dotted where the key is a plain name, bracketed otherwise."""
    out = ["$"]
    for key in path:
        if isinstance(key, int):
            out.append(f"[{key}]")
        elif key.isidentifier() or (key.replace("-", "_").isidentifier() and not key.startswith("-")):
            out.append(f".{key}")
        else:
            escaped = key.replace("\\", "\\\\").replace("'", "\\'")
            out.append(f"['{escaped}']")
    return "".join(out)


def one_line(message: str) -> str:
    """A message on one line, cut to a readable length."""
    flat = " ".join(message.split("\n"))
    return flat if len(flat) <= MAX_MESSAGE else flat[: MAX_MESSAGE - 1] + "…"


def _validator(choice: SchemaChoice, regex_seconds: float) -> Any:
    from .. import schema_store

    if choice.path is not None:
        return schema_store.validator_for_file(choice.path, regex_seconds=regex_seconds)
    return schema_store.validator_for(choice.name or "", regex_seconds=regex_seconds)


def _best(error: Any) -> tuple[Any, str, tuple[str, ...]]:
    """The error to show, its message, and the alternatives' messages (best first) for anyOf/oneOf.

    When one alternative matches best, its error is shown; when all are equally close
    the anyOf/oneOf error itself is shown with the alternatives' messages appended.
    """
    from jsonschema.exceptions import best_match, relevance

    if not error.context:
        return error, error.message, ()
    best = best_match([error])
    others = tuple(one_line(e.message) for e in sorted(error.context, key=relevance) if e is not best)
    if best is error:
        return error, f"{error.message} ({'; '.join(others[:3])}{'; …' if len(others) > 3 else ''})", others
    return best, best.message, others


def _pointed_path(error: Any) -> list[str | int]:
    """Where to point: the value itself, or for a forbidden extra property the first such property."""
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and error.validator_value is False and isinstance(error.instance, dict):
        known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        extras = [key for key in error.instance if key not in known]
        if extras and "patternProperties" not in error.schema:
            path.append(extras[0])
    return path


def _schema_errors(document: Document, validator: Any, label: str) -> list[Issue]:
    import referencing.exceptions

    try:
        errors = list(validator.iter_errors(document.data))
    except referencing.exceptions.Unresolvable as exc:
        from ..schema_store import unresolvable_message

        raise SchemaError(f"{label}: {unresolvable_message(exc)}") from None
    issues = []
    for error in errors:
        shown, message, alternatives = _best(error)
        line, column = document.locate(_pointed_path(shown))
        issues.append(
            Issue(line, column, one_line(message), json_path(shown.absolute_path), "schema",
                  document.index, str(shown.validator), label, alternatives)
        )
    return issues


def _unknown(document: Document, unknown: UnknownSchema) -> Issue:
    line, column = document.locate(list(unknown.at))
    return Issue(line, column, unknown.message, json_path(unknown.at), "schema", document.index, "_schema")


def check_loaded(
    path: Path, display: str, loaded: Loaded, resolver: Resolver, regex_seconds: float,
    validators: dict[SchemaChoice, Any] | None = None,
) -> FileReport:
    """Validate every document of a loaded file; ``validators`` keeps each schema's validator across files."""
    validators = {} if validators is None else validators
    report = FileReport(display, documents=len(loaded.documents), skipped=loaded.skipped)
    report.issues += [Issue(p.line, p.column, p.message, kind="parse") for p in loaded.problems]
    unchecked = 0
    for document in loaded.documents:
        choice = resolver.choose(path, document.data)
        if choice is None:
            unchecked += 1
        elif isinstance(choice, UnknownSchema):
            report.issues.append(_unknown(document, choice))
        else:
            if choice.label not in report.schemas:
                report.schemas.append(choice.label)
            if choice not in validators:
                validators[choice] = _validator(choice, regex_seconds)
            report.issues += _schema_errors(document, validators[choice], choice.label)
    if unchecked and unchecked == len(loaded.documents) and not loaded.problems:
        report.skipped = "no schema for it (use --schema, _schema or a configured glob)"
    report.issues.sort(key=lambda issue: (issue.line, issue.column, issue.document))
    return report


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError):
        return False
    return True


def walk(folder: Path) -> Iterator[Path]:
    """Checkable files under ``folder``, sorted; hidden entries and symlinks leaving the tree skipped."""
    root = folder.resolve()
    for current, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(current, name)
            if name.startswith("."):
                continue
            if path.is_symlink() and not _inside(path, root):
                continue
            if looks_checkable(path):
                yield path


def expand(paths: Sequence[str]) -> Iterator[tuple[Path, str]]:
    """Every file to check with the name reports show; a missing path is a usage error."""
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        raise UsageError(f"no such file or folder: {missing[0]}")
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        found = walk(path) if path.is_dir() else iter([path])
        for file in found:
            key = Path(os.path.realpath(file)) if file.is_symlink() else file.absolute()
            if key not in seen:
                seen.add(key)
                yield file, file.as_posix() if file is not path else given


def check_paths(paths: Sequence[str], resolver: Resolver, regex_seconds: float) -> Iterator[FileReport]:
    """Check every file under ``paths`` (files and folders), one report per file, in order."""
    validators: dict[SchemaChoice, Any] = {}
    for path, display in expand(paths):
        yield check_loaded(path, display, load_path(path), resolver, regex_seconds, validators)
