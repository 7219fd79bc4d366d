"""Turn a file into documents to validate, recognized by content (and extension as a hint).

JSON, JSON Lines (each line its own document), YAML (multi-document too) and any text
with YAML front matter (Markdown...). Each document knows where its values are, so an
error points at a line and column; an unparsable file or line becomes a located problem
instead of an exception, so the other files are still checked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from ..fmsplit import opens_front_matter, split_front_matter
from . import jsonpos

JSON_SUFFIXES = frozenset({".json", ".geojson", ".jsonld"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
YAML_SUFFIXES = frozenset({".yaml", ".yml"})
TEXT_SUFFIXES = frozenset({".md", ".markdown", ".mdx", ".txt", ".html", ".htm", ".rst", ".adoc"})
KNOWN_SUFFIXES = JSON_SUFFIXES | JSONL_SUFFIXES | YAML_SUFFIXES | TEXT_SUFFIXES

Locate = Callable[[Sequence[str | int]], tuple[int, int]]


@dataclass(frozen=True)
class Document:
    """One document to validate: its data and how to find the line/column of a JSON path in it."""

    data: Any
    locate: Locate
    index: int = 0


@dataclass(frozen=True)
class Problem:
    """Something that could not be parsed, at a 1-based line and column."""

    line: int
    column: int
    message: str


@dataclass(frozen=True)
class Loaded:
    """What a file holds: documents, parse problems, or the reason it is not content at all."""

    kind: str
    documents: tuple[Document, ...] = ()
    problems: tuple[Problem, ...] = ()
    skipped: str | None = None


def _json_locator(text: str, start: int, line_offset: int) -> Locate:
    def locate(path: Sequence[str | int]) -> tuple[int, int]:
        line, column = jsonpos.line_column(text, jsonpos.value_offset(text, path, start))
        return line + line_offset, column

    return locate


def load_json(text: str) -> Loaded:
    """One JSON document; a file of several JSON lines is read as JSON Lines instead."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.count("\n") > 1:
            return load_jsonl(text)
        return Loaded("json", problems=(Problem(exc.lineno, exc.colno, f"invalid JSON: {exc.msg}"),))
    except RecursionError:
        return Loaded("json", problems=(Problem(1, 1, "invalid JSON: nested too deeply"),))
    return Loaded("json", documents=(Document(data, _json_locator(text, 0, 0)),))


def load_jsonl(text: str) -> Loaded:
    """JSON Lines: every non-blank line is its own document; a bad line does not hide the others."""
    documents: list[Document] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            msg, col = (exc.msg, exc.colno) if isinstance(exc, json.JSONDecodeError) else ("nested too deeply", 1)
            problems.append(Problem(number, col, f"invalid JSON: {msg}"))
            continue
        documents.append(Document(data, _json_locator(line, 0, number - 1), index=len(documents)))
    return Loaded("jsonl", documents=tuple(documents), problems=tuple(problems))


def _yaml_documents(text: str, kind: str, line_offset: int) -> Loaded:
    from ..yamlsafe import YamlSyntaxError, load_yaml_documents

    try:
        docs = load_yaml_documents(text, line_offset=line_offset)
    except YamlSyntaxError as exc:
        return Loaded(kind, problems=(Problem(exc.line or 1, exc.column or 1, f"invalid YAML: {exc.problem}"),))
    return Loaded(kind, documents=tuple(Document(doc.data, doc.position, i) for i, doc in enumerate(docs)))


def load_yaml(text: str) -> Loaded:
    """A YAML stream: every document in it."""
    return _yaml_documents(text, "yaml", 0)


def load_front_matter(text: str) -> Loaded:
    """The YAML front matter of a text file as one document (an empty one is ``{}``)."""
    split = split_front_matter(text)
    if split is None:
        return Loaded("front matter", problems=(Problem(1, 1, "front matter opened with '---' is never closed"),))
    loaded = _yaml_documents(split[0], "front matter", 1)
    if loaded.problems:
        return loaded
    if len(loaded.documents) > 1:
        return Loaded("front matter", problems=(Problem(1, 1, "front matter holds more than one YAML document"),))
    doc = loaded.documents[0] if loaded.documents else Document({}, lambda path: (2, 1))
    data = {} if doc.data is None else doc.data
    return Loaded("front matter", documents=(Document(data, doc.locate),))


def load_text(text: str, suffix: str) -> Loaded:
    """Pick the reader by extension, else by content; a text with nothing to check is skipped."""
    suffix = suffix.lower()
    bare = text.removeprefix("\ufeff")
    if suffix in JSON_SUFFIXES:
        return load_json(bare)
    if suffix in JSONL_SUFFIXES:
        return load_jsonl(bare)
    if suffix in YAML_SUFFIXES:
        return load_yaml(text)
    if opens_front_matter(text):
        return load_front_matter(text)
    if text.lstrip("\ufeff \t\r\n")[:1] in ("{", "["):
        return load_json(bare)
    return Loaded("text", skipped="no front matter" if suffix in TEXT_SUFFIXES else "not JSON, YAML or front matter")


def _decode(raw: bytes) -> str | Problem:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return Problem(line, column, f"not UTF-8 text: byte 0x{raw[exc.start]:02x}")


def load_path(path: Path) -> Loaded:
    """Read and load one file; unreadable or undecodable files become problems, binaries are skipped."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Loaded("file", problems=(Problem(1, 1, f"cannot read: {exc.strerror or exc}"),))
    if b"\x00" in raw[:8192]:
        return Loaded("binary", skipped="binary file")
    text = _decode(raw)
    if isinstance(text, Problem):
        return Loaded("text", problems=(text,))
    return load_text(text, path.suffix)


def looks_checkable(path: Path) -> bool:
    """In a folder walk: a known extension, or a file that opens with a front-matter fence."""
    if path.suffix.lower() in KNOWN_SUFFIXES:
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        return False
    return head.removeprefix(b"\xef\xbb\xbf").startswith(b"---")

