"""``pattern`` and ``patternProperties`` with a time bound per value.

A schema may carry a regular expression with catastrophic backtracking (``^(a|aa)+$``);
with Python's ``re`` one long value hangs the whole run. The ``regex`` package takes a
``timeout``; a value whose match runs out of time is reported as an error at that value
and the run goes on. ``regex`` is imported on the first pattern, not at start-up.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Iterator

from jsonschema.exceptions import ValidationError


class PatternTimeout(Exception):
    """A pattern did not finish matching a value within its time bound."""


@lru_cache(maxsize=512)
def _compiled(pattern: str) -> Any:
    import regex

    return regex.compile(pattern)


def search(pattern: str, text: str, seconds: float) -> bool:
    """Whether ``pattern`` matches somewhere in ``text``; :class:`PatternTimeout` past ``seconds``."""
    compiled = _compiled(pattern)
    try:
        return compiled.search(text, timeout=seconds) is not None
    except TimeoutError:
        raise PatternTimeout(pattern) from None


def _timeout_error(pattern: str, seconds: float) -> ValidationError:
    return ValidationError(f"pattern {pattern!r} gave up on this value after {seconds:g} s (catastrophic backtracking?)")


Keyword = Callable[[Any, Any, Any, dict[str, Any]], Iterator[ValidationError]]


def bounded_keywords(seconds: float) -> dict[str, Keyword]:
    """Replacements for jsonschema's ``pattern``, ``patternProperties`` and ``additionalProperties``."""

    def pattern(validator: Any, patrn: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
        if not validator.is_type(instance, "string"):
            return
        try:
            if not search(patrn, instance, seconds):
                yield ValidationError(f"{instance!r} does not match {patrn!r}")
        except PatternTimeout:
            yield _timeout_error(patrn, seconds)

    def pattern_properties(validator: Any, patterns: dict[str, Any], instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
        if not validator.is_type(instance, "object"):
            return
        for patrn, subschema in patterns.items():
            for key, value in instance.items():
                try:
                    matched = search(patrn, key, seconds)
                except PatternTimeout:
                    yield _timeout_error(patrn, seconds)
                    continue
                if matched:
                    yield from validator.descend(value, subschema, path=key, schema_path=patrn)

    def additional_properties(validator: Any, extra_schema: Any, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
        if not validator.is_type(instance, "object"):
            return
        extras, errors = _extras(instance, schema, seconds)
        yield from errors
        if validator.is_type(extra_schema, "object"):
            for extra in extras:
                yield from validator.descend(instance[extra], extra_schema, path=extra)
        elif not extra_schema and extras:
            yield ValidationError(_extras_message(extras, schema))

    return {"pattern": pattern, "patternProperties": pattern_properties, "additionalProperties": additional_properties}


def _extras(instance: dict[str, Any], schema: dict[str, Any], seconds: float) -> tuple[list[str], list[ValidationError]]:
    properties = schema.get("properties", {})
    patterns = list(schema.get("patternProperties", {}))
    extras: list[str] = []
    errors: list[ValidationError] = []
    for key in instance:
        if key in properties:
            continue
        try:
            if any(search(patrn, key, seconds) for patrn in patterns):
                continue
        except PatternTimeout as exc:
            errors.append(_timeout_error(str(exc), seconds))
            continue
        extras.append(key)
    return extras, errors


def _extras_message(extras: list[str], schema: dict[str, Any]) -> str:
    listed = ", ".join(repr(each) for each in sorted(extras, key=str))
    if "patternProperties" in schema:
        verb = "does" if len(extras) == 1 else "do"
        patterns = ", ".join(repr(each) for each in sorted(schema["patternProperties"]))
        return f"{listed} {verb} not match any of the regexes: {patterns}"
    verb = "was" if len(extras) == 1 else "were"
    return f"Additional properties are not allowed ({listed} {verb} unexpected)"
