"""The fast yes/no check of an Article against ``schemas/article.schema.json``.

Every Article is validated before it is written, so this is on the hot path: the bundled
schema is compiled to Python by fastjsonschema (0.3 ms per Article, against 3.2 ms for
jsonschema, measured on 60 devset Articles). jsonschema, the reference, is asked only to
explain a "no" (``toolkit.schema_store.first_error``); this module does not import it.

Before fastjsonschema, a quicker check answers "surely valid" for the usual Article
(:func:`quick_check`, about 4x faster: fastjsonschema's ``if``/``then`` raises and catches an
exception for every block whose type a branch does not name). It is never more lenient
than fastjsonschema, so its "yes" is fastjsonschema's "yes"; for anything it is unsure of,
or a schema keyword it does not know, fastjsonschema decides as before.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Mapping

import fastjsonschema

Predicate = Callable[[Any], bool]


@lru_cache(maxsize=8)
def compiled(name: str) -> Callable[[Any], Any]:
    """A bundled schema compiled with draft-07 semantics and local references only.

    Only for the toolkit's own schemas, whose keywords mean the same in draft-07 and
    2020-12 (``$defs`` is reached by JSON pointer; no ``$ref`` has siblings); a test
    checks that both validators agree on valid and broken Articles.
    """
    return fastjsonschema.compile(_bundled(name), handlers={}, use_formats=False)


def _bundled(name: str) -> dict[str, Any]:
    text = resources.files("toolkit.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    schema = json.loads(text)
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    return schema


def is_valid_fast(instance: Any, name: str) -> bool:
    """A quick yes/no against a bundled schema; on "no", ask ``schema_store.first_error`` why."""
    quick = quick_check(name)
    try:
        if quick is not None and quick(instance):
            return True
    except RecursionError:  # nesting deeper than the quick check goes: fastjsonschema decides
        pass
    try:
        compiled(name)(instance)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@lru_cache(maxsize=8)
def quick_check(name: str) -> Predicate | None:
    """A predicate that is True only for instances fastjsonschema accepts; None if the schema uses
    keywords it does not know. Patterns are compiled as fastjsonschema compiles them, so that a
    run whose Articles all pass never pays for fastjsonschema's code generation (~30 ms)."""
    patterns = _FastjsonschemaPatterns()
    schema = _bundled(name)
    try:
        return _QuickCompiler(schema, patterns).compile(schema)
    except _Unsupported:
        return None


class _FastjsonschemaPatterns(dict):  # type: ignore[type-arg]
    """pattern -> the expression fastjsonschema's generated code searches with (an unescaped ``$``
    becomes ``\\Z``, by its own DOLLAR_FINDER); a KeyError (no quick check) if that moved."""

    def __missing__(self, pattern: str) -> Any:
        try:
            from fastjsonschema.draft04 import DOLLAR_FINDER
        except ImportError:
            raise KeyError(pattern) from None
        regex = self[pattern] = re.compile(DOLLAR_FINDER.sub(r"\\Z", pattern))
        return regex


# --- the quick check ---------------------------------------------------------------------------
#
# Each schema becomes a predicate that is *sound*: True only where fastjsonschema's draft-07 code
# says valid (it may be stricter: exact ``int``/``list``/``dict`` types, no Decimal). An ``if``
# condition must be *exact* as well (a stricter condition would skip its ``then``), so it may
# only use keywords whose checks here are exactly fastjsonschema's: properties, required, and
# string const/enum.

_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "default", "examples",
                          "$defs", "definitions"})
_NOT_NUMBERS = (str, dict, list, tuple, type(None))
_TYPE_TESTS: dict[str, Predicate] = {
    "string": lambda x: isinstance(x, str),
    "null": lambda x: x is None,
    "boolean": lambda x: x is True or x is False,
    "object": lambda x: type(x) is dict,
    "array": lambda x: type(x) is list,
    "integer": lambda x: type(x) is int,
    "number": lambda x: type(x) is int or (type(x) is float and x - x == 0.0),
}


#: keywords compiled with another: properties, required, additionalProperties in _object; then, else with if
_COMPILED_WITH_OTHERS = frozenset({"properties", "required", "additionalProperties", "then", "else"})


class _Unsupported(Exception):
    """A keyword (or a form of one) the quick check leaves to fastjsonschema."""


class _QuickCompiler:
    """Compiles a schema into nested predicates; ``$ref`` targets are compiled once and shared."""

    def __init__(self, root: Mapping[str, Any], patterns: Mapping[str, Any]) -> None:
        self._root = root
        self._patterns = patterns
        self._refs: dict[str, Predicate] = {}

    def compile(self, schema: Any, exact: bool = False) -> Predicate:
        if schema is True or schema == {}:
            return _always
        if not isinstance(schema, dict):
            raise _Unsupported
        if "$ref" in schema:
            if exact or set(schema) - _ANNOTATIONS - {"$ref"}:
                raise _Unsupported
            return self._ref(schema["$ref"])
        checks = [self._object(schema, exact)]
        checks += [self._keyword(key, value, schema, exact) for key, value in schema.items()
                   if key not in _ANNOTATIONS and key not in _COMPILED_WITH_OTHERS]
        return _all_of([c for c in checks if c is not _always])

    def _ref(self, ref: str) -> Predicate:
        known = self._refs.get(ref)
        if known is not None:
            return known
        if not ref.startswith("#"):
            raise _Unsupported
        target: Any = self._root
        for part in filter(None, ref[1:].split("/")):
            if not isinstance(target, dict) or part not in target:
                raise _Unsupported
            target = target[part]
        cell: list[Predicate] = []
        self._refs[ref] = lambda x: cell[0](x)  # recursion (a block holds lists holding blocks)
        cell.append(self.compile(target))
        self._refs[ref] = cell[0]  # later references call it directly, not through the cell
        return cell[0]

    def _keyword(self, key: str, value: Any, schema: Mapping[str, Any], exact: bool) -> Predicate:
        if key in ("const", "enum"):
            options = [value] if key == "const" else value
            if not isinstance(options, list) or not all(type(o) is str for o in options):
                raise _Unsupported
            allowed = frozenset(options)
            return lambda x: isinstance(x, str) and x in allowed
        if exact:
            raise _Unsupported
        return self._sound(key, value, schema)

    def _sound(self, key: str, value: Any, schema: Mapping[str, Any]) -> Predicate:
        if key == "type":
            tests = [_TYPE_TESTS[t] for t in ([value] if isinstance(value, str) else value)]
            return tests[0] if len(tests) == 1 else (lambda x: any(t(x) for t in tests))
        if key == "pattern":
            try:
                regex = self._patterns[value]
            except KeyError:
                raise _Unsupported from None
            return lambda x: not isinstance(x, str) or regex.search(x) is not None
        if key in ("minLength", "maxLength") and type(value) is int:
            return (lambda x: not isinstance(x, str) or len(x) >= value) if key == "minLength" else \
                (lambda x: not isinstance(x, str) or len(x) <= value)
        if key in ("minimum", "maximum") and type(value) in (int, float):
            if key == "minimum":
                return lambda x: x >= value if isinstance(x, (int, float)) else isinstance(x, _NOT_NUMBERS)
            return lambda x: x <= value if isinstance(x, (int, float)) else isinstance(x, _NOT_NUMBERS)
        if key == "items" and isinstance(value, dict):
            return _each(self.compile(value))
        if key in ("allOf", "anyOf") and isinstance(value, list) and value:
            parts = [self.compile(v) for v in value]
            return _all_of(parts) if key == "allOf" else (lambda x: any(p(x) for p in parts))
        if key == "if":
            return self._if(value, schema)
        raise _Unsupported

    def _if(self, condition: Any, schema: Mapping[str, Any]) -> Predicate:
        test = self.compile(condition, exact=True)
        then = self.compile(schema.get("then", True))
        otherwise = self.compile(schema.get("else", True))
        if otherwise is _always:  # the usual form (an if/then per block type): one call fewer per test
            return lambda x: not test(x) or then(x)
        return lambda x: then(x) if test(x) else otherwise(x)

    def _object(self, schema: Mapping[str, Any], exact: bool) -> Predicate:
        """properties, required and additionalProperties in one pass over an object's keys."""
        properties = schema.get("properties", {})
        required = tuple(schema.get("required", ()))
        additional = schema.get("additionalProperties", True)  # True: any other key allowed
        if not isinstance(properties, dict) or additional not in (True, False) or "patternProperties" in schema:
            raise _Unsupported
        if not properties and not required and additional:
            return _always
        checks = {key: self.compile(sub, exact) for key, sub in properties.items()}
        allowed = None if additional else frozenset(properties)  # None: keys are not limited
        if len(checks) == 1 and not required and allowed is None:  # an if/then condition on one property
            (only, sub), = checks.items()
            return lambda x: not isinstance(x, dict) or only not in x or sub(x[only])

        def check(x: Any) -> bool:
            if not isinstance(x, dict):
                return True
            for key in required:
                if key not in x:
                    return False
            if allowed is not None and not allowed.issuperset(x):
                return False
            if len(x) < len(checks):  # walk the shorter of the object and the properties
                for key, value in x.items():
                    sub = checks.get(key)
                    if sub is not None and not sub(value):
                        return False
                return True
            for key, sub in checks.items():
                if key in x and not sub(x[key]):
                    return False
            return True

        return check


def _each(item: Predicate) -> Predicate:
    def check(x: Any) -> bool:
        if isinstance(x, (list, tuple)):
            for value in x:
                if not item(value):
                    return False
        return True

    return check


def _always(x: Any) -> bool:
    return True


def _all_of(checks: list[Predicate]) -> Predicate:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda x: first(x) and second(x)

    def every(x: Any) -> bool:
        for check in checks:
            if not check(x):
                return False
        return True

    return every
