"""Safe YAML: data only, strings for timestamps, duplicate keys and alias bombs refused, positions kept."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.errors import InputError
from toolkit.yamlsafe import YamlSyntaxError, load_yaml, load_yaml_documents


def test_timestamps_stay_the_strings_they_were_written_as() -> None:
    assert load_yaml("date: 2023-02-30\nwhen: 2024-01-01T10:00:00Z\n") == {
        "date": "2023-02-30",
        "when": "2024-01-01T10:00:00Z",
    }


def test_a_duplicate_key_names_both_lines_counting_the_offset() -> None:
    with pytest.raises(InputError) as caught:
        load_yaml("title: a\nbody: b\ntitle: c\n", name="post.md", line_offset=1)
    assert str(caught.value) == "post.md: invalid YAML: line 4, column 1: duplicate key 'title' (first on line 2)"


def test_python_tags_are_refused_with_their_position() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml("name: !!python/object/apply:os.system ['true']\n", name="evil.yaml")
    assert (caught.value.line, caught.value.column) == (1, 7)
    assert "python/object/apply" in caught.value.problem


def test_an_alias_bomb_is_refused() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"b{i}: &b{i} [*{'a' if i == 0 else f'b{i - 1}'}, *{'a' if i == 0 else f'b{i - 1}'}]" for i in range(60)]
    with pytest.raises(InputError, match="aliases"):
        load_yaml("\n".join(lines) + "\n", name="bomb.yaml")


def test_a_bomb_of_few_aliases_is_refused_in_every_document_of_a_stream() -> None:
    lines, previous = ["a: &a [x, x, x, x, x, x, x, x, x, x]"], "a"
    for level in range(8):  # 80 aliases expanding to 10**9 values
        lines.append(f"b{level}: &b{level} [" + ", ".join([f"*{previous}"] * 10) + "]")
        previous = f"b{level}"
    with pytest.raises(YamlSyntaxError, match="aliases expand to more than"):
        load_yaml_documents("ok: 1\n---\n" + "\n".join(lines) + "\n", name="bomb.yaml")


def test_many_aliases_of_a_small_value_are_fine() -> None:
    assert load_yaml("a: &a 1\nb: [" + ", ".join(["*a"] * 150) + "]\n")["b"] == [1] * 150


def test_a_few_aliases_are_fine() -> None:
    assert load_yaml("base: &b {x: 1}\nother: *b\n") == {"base": {"x": 1}, "other": {"x": 1}}


def test_every_document_of_a_stream_is_loaded_with_its_positions() -> None:
    docs = load_yaml_documents("a: 1\n---\nb:\n  - x\n  - y\n")
    assert [doc.data for doc in docs] == [{"a": 1}, {"b": ["x", "y"]}]
    assert docs[1].position(["b", 1]) == (5, 5)
    assert docs[0].position(["a"]) == (1, 4)


def test_a_missing_path_points_at_its_deepest_existing_ancestor() -> None:
    doc = load_yaml_documents("outer:\n  inner: {x: 1}\n")[0]
    assert doc.position(["outer", "inner", "absent"]) == (2, 10)


def test_merge_keys_point_at_the_merged_value() -> None:
    doc = load_yaml_documents("base: &b\n  x: 1\nother:\n  <<: *b\n  y: 2\n")[0]
    assert doc.data["other"] == {"x": 1, "y": 2}
    assert doc.position(["other", "x"]) == (2, 6)


_keys = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
_leaves = st.one_of(st.integers(-10**6, 10**6), st.from_regex(r"[A-Za-z][A-Za-z0-9 ]{0,12}[A-Za-z0-9]", fullmatch=True))
_trees = st.recursive(
    _leaves,
    lambda children: st.one_of(st.lists(children, min_size=1, max_size=4), st.dictionaries(_keys, children, min_size=1, max_size=4)),
    max_leaves=12,
)


def _leaf_paths(value: object, path: tuple = ()) -> list[tuple[tuple, object]]:
    if isinstance(value, dict):
        return [p for key, child in value.items() for p in _leaf_paths(child, path + (key,))]
    if isinstance(value, list):
        return [p for index, child in enumerate(value) for p in _leaf_paths(child, path + (index,))]
    return [(path, value)]


@settings(max_examples=60, deadline=None)
@given(tree=st.dictionaries(_keys, _trees, min_size=1, max_size=4), flow=st.booleans())
def test_the_reported_position_of_a_value_is_where_its_text_starts(tree: dict, flow: bool) -> None:
    text = yaml.safe_dump(tree, default_flow_style=flow, width=10_000)
    lines = text.splitlines()
    (doc,) = load_yaml_documents(text)
    assert doc.data == tree
    for path, leaf in _leaf_paths(tree):
        line, column = doc.position(list(path))
        at = lines[line - 1][column - 1 :]
        assert at.lstrip("'\"").startswith(str(leaf)), (path, at)
