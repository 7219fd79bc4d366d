"""Schemas: bundled and file schemas, offline $ref, invalid schemas, bounded patterns, formats."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from toolkit import schema_store
from toolkit.errors import SchemaError

SCHEMAS = Path(__file__).resolve().parent.parent / "fixtures" / "validate" / "schemas"


def _messages(validator: object, instance: object) -> list[str]:
    return [error.message for error in validator.iter_errors(instance)]  # type: ignore[attr-defined]


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to connect anywhere fails loudly."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_the_bundled_schemas_are_listed_by_name() -> None:
    assert {"article", "frontmatter/default"} <= set(schema_store.bundled_names())


def test_first_error_names_the_path_and_the_problem() -> None:
    assert schema_store.first_error({}, "article") == "$: 'schema_version' is a required property"


def test_bundled_validators_are_cached() -> None:
    assert schema_store.validator_for("article") is schema_store.validator_for("article")


def test_an_unknown_bundled_name_is_a_schema_error() -> None:
    with pytest.raises(SchemaError, match="no bundled schema named '../article'"):
        schema_store.schema_text("../article")


def test_a_local_ref_resolves_relative_to_the_schema_file() -> None:
    validator = schema_store.validator_for_file(SCHEMAS / "post.schema.json")
    assert _messages(validator, {"title": "t", "date": "2025-01-01", "author": {"email": "x@example.com"}}) == [
        "'name' is a required property"
    ]


def test_a_recursive_ref_validates_every_level() -> None:
    validator = schema_store.validator_for_file(SCHEMAS / "tree.schema.json")
    tree = {"name": "root", "children": [{"name": "a", "children": [{"children": []}]}]}
    assert _messages(validator, tree) == ["'name' is a required property"]


def test_a_remote_ref_is_a_clear_error_and_never_a_network_call(no_network: None) -> None:
    with pytest.raises(SchemaError) as caught:
        schema_store.validator_for_file(SCHEMAS / "remote-ref.schema.json")
    message = str(caught.value)
    assert "remote-ref.schema.json" in message
    assert "'https://json.schemastore.org/address.json' refused" in message
    assert "\n" not in message


def test_a_ref_to_a_bundled_id_stays_offline(tmp_path: Path, no_network: None) -> None:
    schema = tmp_path / "uses-article.json"
    schema.write_text('{"$ref": "https://schemas.toolkit.invalid/frontmatter/default.schema.json"}')
    assert _messages(schema_store.validator_for_file(schema), {}) == ["'title' is a required property"]


def test_a_missing_local_ref_file_is_a_schema_error(tmp_path: Path) -> None:
    schema = tmp_path / "s.json"
    schema.write_text('{"properties": {"a": {"$ref": "missing.json"}}}')
    with pytest.raises(SchemaError, match="missing.json"):
        schema_store.validator_for_file(schema)


def test_an_invalid_schema_is_a_schema_error_naming_where() -> None:
    with pytest.raises(SchemaError, match=r"invalid\.schema\.json: invalid schema at \$\.type"):
        schema_store.validator_for_file(SCHEMAS / "invalid.schema.json")


def test_a_schema_that_is_not_json_names_its_line(tmp_path: Path) -> None:
    schema = tmp_path / "broken.json"
    schema.write_text('{\n  "type": "object",\n}\n')
    with pytest.raises(SchemaError, match="line 3, column 1"):
        schema_store.validator_for_file(schema)


def test_a_yaml_schema_file_is_read(tmp_path: Path) -> None:
    schema = tmp_path / "s.yaml"
    schema.write_text("type: object\nrequired: [title]\n")
    assert _messages(schema_store.validator_for_file(schema), {}) == ["'title' is a required property"]


def test_a_catastrophic_pattern_gives_up_on_the_value_instead_of_hanging() -> None:
    validator = schema_store.validator_for_file(SCHEMAS / "catastrophic.schema.json", regex_seconds=0.05)
    (message,) = _messages(validator, {"code": "a" * 64 + "!"})
    assert message.startswith("pattern '^(a|aa)+$' gave up on this value")
    assert _messages(validator, {"code": "aaaa"}) == []


def test_pattern_properties_and_additional_properties_use_the_bounded_matcher(tmp_path: Path) -> None:
    schema = tmp_path / "s.json"
    schema.write_text('{"patternProperties": {"^x-": {"type": "string"}}, "additionalProperties": false}')
    validator = schema_store.validator_for_file(schema)
    assert _messages(validator, {"x-a": "ok"}) == []
    assert _messages(validator, {"x-a": 1, "b": 2}) == [
        "1 is not of type 'string'",
        "'b' does not match any of the regexes: '^x-'",
    ]


@pytest.mark.parametrize(
    ("fmt", "good", "bad"),
    [
        ("date", "2024-02-29", "2025-13-01"),
        ("date", "2024-02-29", "2023-02-29"),
        ("date-time", "2024-01-01T10:00:00+02:00", "2024-01-01 10:00"),
        ("time", "23:59:60Z", "24:00:00Z"),
        ("email", "ada@example.com", "not-an-email"),
        ("uri", "https://example.com/a%20b?q=1#x", "https://example.com/a b"),
        ("uri", "mailto:ada@example.com", "//example.com/relative"),
        ("uri-reference", "../a/b", "a b"),
        ("hostname", "www.example.com", "-bad-.example"),
        ("uuid", "123e4567-e89b-12d3-a456-426614174000", "123e4567"),
        ("duration", "P1DT2H", "P"),
    ],
)
def test_formats_are_checked(tmp_path: Path, fmt: str, good: str, bad: str) -> None:
    schema = tmp_path / "s.json"
    schema.write_text(f'{{"format": "{fmt}"}}')
    validator = schema_store.validator_for_file(schema)
    assert _messages(validator, good) == []
    assert _messages(validator, bad) == [f"{bad!r} is not a {fmt!r}"]
