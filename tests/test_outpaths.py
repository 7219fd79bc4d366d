"""Output names never leave the output folder and never collide."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest
from hypothesis import given, strategies as st

from toolkit.outpaths import NameAllocator, safe_component, safe_relative, slug


@pytest.mark.parametrize(
    ("name", "expected"),
    [("../../etc/passwd", "etc-passwd"), ("CON", "_CON"), ("nul.txt", "_nul.txt"), ("a\x00b", "a-b"), ("", "untitled"), ("..", "untitled")],
)
def test_hostile_names_become_safe_components(name: str, expected: str) -> None:
    assert safe_component(name) == expected


def test_long_names_are_cut_to_120_utf8_bytes() -> None:
    assert len(safe_component("é" * 300).encode("utf-8")) <= 120


def test_chinese_titles_give_usable_slugs() -> None:
    assert slug("学院举办 国际交流周") == "学院举办-国际交流周"


@given(st.lists(st.text(max_size=40), min_size=1, max_size=5))
def test_any_parts_make_a_relative_path_without_parent_steps(parts: list[str]) -> None:
    path = safe_relative(tuple(parts))
    assert not path.is_absolute()
    assert ".." not in path.parts and all(p and "/" not in p and "\\" not in p for p in path.parts)


def test_allocator_never_hands_out_a_name_twice() -> None:
    names = NameAllocator()
    first = names.allocate(PurePosixPath("a/page"), "1111222233334444")
    second = names.allocate(PurePosixPath("a/PAGE"), "5555666677778888")
    assert first == PurePosixPath("a/page") and second == PurePosixPath("a/PAGE-55556666")
