"""Safe YAML for untrusted input: data only, timestamps as strings, duplicate keys refused.

PyYAML's ``SafeLoader`` already refuses ``!!python/...`` tags; on top of it these loaders
keep dates as the strings they were written as (``2023-02-30`` is data, not a crash),
refuse duplicate keys naming both lines, and bound alias expansion (billion laughs) by
the number of values a document holds once its aliases are expanded (:func:`expanded_size`).

:func:`load_yaml` returns plain data (the front-matter reader uses it);
:func:`load_yaml_documents` also keeps each document's node tree so that a JSON path
inside the data maps back to a line and column (``toolkit validate`` uses it). Both use
libyaml when PyYAML was built with it, else the pure-Python parser, and both apply the
same bound to every document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import yaml

from .errors import InputError

#: how many values a document may hold once its aliases are expanded (what JSON output would write)
MAX_EXPANDED_VALUES = 200_000
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"


class YamlSyntaxError(InputError):
    """A YAML text that cannot be loaded; carries the 1-based line and column of the problem."""

    def __init__(self, name: str, problem: str, line: int | None, column: int | None) -> None:
        self.name, self.problem, self.line, self.column = name, problem, line, column
        where = f"line {line}, column {column}: " if line is not None else ""
        super().__init__(f"{name}: invalid YAML: {where}{problem}")


class _SafeConstruction:
    """Constructor behaviour shared by the pure-Python and the libyaml loader."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE:
                continue
            key = self.construct_object(key_node, deep=True)  # type: ignore[attr-defined]
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark, "found an unhashable key", key_node.start_mark
                ) from None
            if key in seen:
                first = seen[key].start_mark.line + 1 + getattr(self, "line_offset", 0)
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (first on line {first})", key_node.start_mark
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


class _Loader(_SafeConstruction, yaml.SafeLoader):
    """Pure-Python SafeLoader without timestamps, with the duplicate-key check."""


_RESOLVERS = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.yaml_implicit_resolvers = _RESOLVERS

if getattr(yaml, "__with_libyaml__", False):

    class _CLoader(_SafeConstruction, yaml.CSafeLoader):  # type: ignore[misc, valid-type]
        """libyaml-backed twin of :class:`_Loader`."""

    _CLoader.yaml_implicit_resolvers = _RESOLVERS
    _LOADER: type = _CLoader
else:  # pragma: no cover - PyYAML without libyaml
    _LOADER = _Loader


def _new_loader(text: str, line_offset: int) -> Any:
    loader = _LOADER(text)
    loader.line_offset = line_offset
    return loader


def _syntax_error(exc: Exception, name: str, line_offset: int) -> YamlSyntaxError:
    if not isinstance(exc, yaml.YAMLError):
        return YamlSyntaxError(name, str(exc) or type(exc).__name__, None, None)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", None) or str(exc).splitlines()[0])
    context = getattr(exc, "context", None)
    if context and "duplicate" not in problem:
        problem = f"{context}: {problem}"
    if mark is None:
        return YamlSyntaxError(name, problem, None, None)
    return YamlSyntaxError(name, problem, mark.line + 1 + line_offset, mark.column + 1)


_LOAD_ERRORS = (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError)


def load_yaml(text: str, *, name: str = "<yaml>", line_offset: int = 0) -> Any:
    """Parse one YAML document safely; any problem becomes an :class:`InputError` naming ``name``."""
    loader = _new_loader(text, line_offset)
    try:
        data = loader.get_single_data()
    except _LOAD_ERRORS as exc:
        raise _syntax_error(exc, name, line_offset) from None
    finally:
        loader.dispose()
    _refuse_alias_bomb(data, name)
    return data


def _refuse_alias_bomb(data: Any, name: str) -> None:
    """A :class:`YamlSyntaxError` when ``data`` expands past :data:`MAX_EXPANDED_VALUES`."""
    if expanded_size(data) > MAX_EXPANDED_VALUES:
        raise YamlSyntaxError(name, f"aliases expand to more than {MAX_EXPANDED_VALUES} values (alias bomb?)", None, None)


def expanded_size(data: Any) -> int:
    """The number of values ``data`` holds with shared (aliased) parts counted every time they appear.

    Computed per distinct container, so a billion-laughs document is measured without expanding it.
    """
    sizes: dict[int, int] = {}

    def size(value: Any) -> int:
        if not isinstance(value, (dict, list)):
            return 1
        known = sizes.get(id(value))
        if known is not None:
            return known
        sizes[id(value)] = 1  # a recursive alias counts once instead of looping
        children = list(value.keys()) + list(value.values()) if isinstance(value, dict) else value
        total = 1 + sum(size(child) for child in children)
        sizes[id(value)] = min(total, MAX_EXPANDED_VALUES + 1)
        return total

    try:
        return size(data)
    except RecursionError:
        return MAX_EXPANDED_VALUES + 1


@dataclass(frozen=True)
class YamlDocument:
    """One document of a YAML stream: its data and the node tree that says where each value is."""

    data: Any
    node: yaml.Node | None
    line_offset: int = 0

    def position(self, path: Sequence[str | int]) -> tuple[int, int]:
        """1-based (line, column) of the value at ``path``, or of its deepest existing ancestor."""
        node = node_at(self.node, path) if self.node is not None else None
        if node is None:
            return 1 + self.line_offset, 1
        return node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1


def _key_matches(key_node: yaml.Node, key: str | int) -> bool:
    return isinstance(key_node, yaml.ScalarNode) and key_node.value == str(key)


def _child(node: yaml.Node, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        found = None
        for key_node, value_node in node.value:
            if _key_matches(key_node, key):
                found = value_node
        return found
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]
    return None


def node_at(node: yaml.Node, path: Iterable[str | int]) -> yaml.Node:
    """The node at ``path`` (keys and indexes), stopping at the deepest node that exists."""
    for key in path:
        child = _child(node, key)
        if child is None:
            break
        node = child
    return node


def load_yaml_documents(text: str, *, name: str = "<yaml>", line_offset: int = 0) -> list[YamlDocument]:
    """Every document of a YAML stream with its node tree; problems raise :class:`YamlSyntaxError`."""
    loader = _new_loader(text, line_offset)
    documents: list[YamlDocument] = []
    try:
        while loader.check_node():
            node = loader.get_node()
            data = loader.construct_document(node)
            _refuse_alias_bomb(data, name)
            documents.append(YamlDocument(data, node, line_offset))
    except _LOAD_ERRORS as exc:
        raise _syntax_error(exc, name, line_offset) from None
    finally:
        loader.dispose()
    return documents
