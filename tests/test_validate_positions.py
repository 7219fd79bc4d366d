"""JSON paths map back to the line and column where the value's text starts."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.validate.jsonpos import line_column, value_offset
from toolkit.validate.loaders import load_jsonl, load_text

_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8))
_values = st.recursive(
    _scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=6), children, max_size=4)),
    max_leaves=15,
)


def _paths(value: object, path: tuple = ()) -> list[tuple[tuple, object]]:
    found = [(path, value)]
    if isinstance(value, dict):
        found += [p for key, child in value.items() for p in _paths(child, path + (key,))]
    elif isinstance(value, list):
        found += [p for index, child in enumerate(value) for p in _paths(child, path + (index,))]
    return found


@settings(max_examples=80, deadline=None)
@given(value=_values, indent=st.sampled_from([None, 0, 2, "\t"]), ensure_ascii=st.booleans())
def test_every_value_is_found_where_its_text_starts(value: object, indent: object, ensure_ascii: bool) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ensure_ascii)
    for path, expected in _paths(value):
        offset = value_offset(text, path)
        assert json.JSONDecoder().raw_decode(text, offset)[0] == expected


def test_line_and_column_are_one_based_and_count_characters() -> None:
    text = '{\n  "é": "x",\n  "b": [1, 2]\n}'
    assert line_column(text, value_offset(text, ["b", 1])) == (3, 12)
    assert line_column(text, value_offset(text, ["é"])) == (2, 8)


def test_a_missing_key_points_at_its_object() -> None:
    text = '{"a": {"b": 1}}'
    assert value_offset(text, ["a", "absent"]) == 6


def test_json_lines_count_lines_and_keep_going_after_a_bad_one() -> None:
    loaded = load_jsonl('{"a": 1}\n\n{"a": \n{"b": [true, "x"]}\n')
    assert [doc.data for doc in loaded.documents] == [{"a": 1}, {"b": [True, "x"]}]
    assert loaded.documents[1].locate(["b", 1]) == (4, 14)
    assert [(p.line, p.column) for p in loaded.problems] == [(3, 7)]


def test_a_json_file_holding_several_lines_of_json_is_read_as_json_lines() -> None:
    loaded = load_text('{"a": 1}\n{"a": 2}\n{"a": 3}\n', ".json")
    assert loaded.kind == "jsonl"
    assert [doc.locate(["a"]) for doc in loaded.documents] == [(1, 7), (2, 7), (3, 7)]


def test_front_matter_positions_count_the_opening_fence() -> None:
    loaded = load_text("\ufeff---\ntitle: x\ndate: 2025-13-01\n---\nbody\n", ".md")
    (doc,) = loaded.documents
    assert doc.data == {"title": "x", "date": "2025-13-01"}
    assert doc.locate(["date"]) == (3, 7)


def test_empty_front_matter_is_an_empty_mapping() -> None:
    (doc,) = load_text("---\n---\nbody\n", ".md").documents
    assert doc.data == {}


def test_a_text_without_front_matter_is_skipped() -> None:
    assert load_text("# Title\n\ntext\n", ".md").skipped == "no front matter"
