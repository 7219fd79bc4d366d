"""Published Markdown says exactly what the Article says, as a CommonMark renderer shows it."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import example, given, settings, strategies as st

from markdown_model import expected_blocks, rendered_blocks
from toolkit.article import Block, ListItem, Mark
from toolkit.markdown import escape_inline, render_blocks
from toolkit.textclean import MARKUP_FIXES, clean_text

LOOKS_LIKE_SYNTAX = [
    "1. not a list",
    "2) not a list either",
    "# not a heading",
    "* not a bullet",
    "- not a bullet",
    "+ not a bullet",
    "_not emphasis_",
    "**not strong**",
    "> not a quote",
    "a | b | c",
    "`not code`",
    "[a](b) is not a link",
    "<tag> is not html",
    "&copy; is not ©",
    "---",
    "===",
    "    four spaces",
    "back\\slash at the end\\",
    "~~not struck~~",
    "![not](an image)",
    "<http://not.an/autolink>",
]


@pytest.mark.parametrize("text", LOOKS_LIKE_SYNTAX)
def test_text_that_looks_like_syntax_renders_literally(text: str) -> None:
    block = Block("paragraph", text=text.strip())
    assert rendered_blocks(render_blocks((block,))) == expected_blocks((block,))


@pytest.mark.parametrize("text", LOOKS_LIKE_SYNTAX)
def test_headings_and_list_items_render_literally(text: str) -> None:
    blocks = (Block("heading", text=text.strip(), level=2), Block("list", ordered=True, items=(ListItem(text.strip()),)))
    assert rendered_blocks(render_blocks(blocks)) == expected_blocks(blocks)


def test_bold_lead_in_is_written_as_strong_emphasis() -> None:
    item = ListItem("Enhanced Credibility: certifications help.", (Mark(0, 20, "strong"),))
    markdown = render_blocks((Block("list", ordered=True, items=(item,)),))
    assert markdown.startswith("1. **Enhanced Credibility**: certifications help.")


def test_link_destinations_with_spaces_and_parentheses_survive() -> None:
    block = Block("paragraph", text="see the docs", marks=(Mark(8, 12, "link", "https://example.com/a b(c)"),))
    assert rendered_blocks(render_blocks((block,))) == expected_blocks((block,))


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "vbscript:msgbox", "data:text/html,<script>"])
def test_unsafe_links_are_written_as_plain_text(url: str) -> None:
    block = Block("paragraph", text="click me", marks=(Mark(0, 5, "link", url),))
    markdown = render_blocks((block,))
    assert "](" not in markdown and "click me" in markdown


def test_code_with_backtick_fences_inside_is_fenced_longer() -> None:
    block = Block("code", text="```\nnot the end\n```", info="python")
    assert rendered_blocks(render_blocks((block,))) == expected_blocks((block,))


def test_table_cells_with_pipes_stay_in_their_cell() -> None:
    block = Block("table", rows=(("a|b", "c"), ("1", "2 | 3")), header=True)
    assert rendered_blocks(render_blocks((block,))) == expected_blocks((block,))


def test_escape_inline_is_stable_for_plain_words() -> None:
    assert escape_inline("plain words, nothing else") == "plain words, nothing else"


# --- property: any generated blocks round-trip through markdown-it -------------------------

_ALPHABET = st.sampled_from(list("ab cZ19.)#*_>|`[]()<>&;!-=+~\\\"'\n中éا") + ["copy", "nbsp", "http://x.y"])
_TEXT = st.lists(_ALPHABET, min_size=1, max_size=30).map(lambda parts: clean_text("".join(parts), fixes=MARKUP_FIXES))
_LINE = _TEXT.map(lambda t: " ".join(t.split()))
_URL = st.sampled_from(["https://example.com/a b", "https://x.y/(p)", "/rel/path?q=1&b=2", "https://x.y/<a>", "mailto:a@b.c"])


@st.composite
def _paragraph(draw: st.DrawFn) -> Block:
    text = draw(_TEXT.filter(bool))
    marks: list[Mark] = []
    words = [(i, i + len(w)) for i, w in _word_spans(text)]
    if words and draw(st.booleans()):
        start, end = draw(st.sampled_from(words))
        kind = draw(st.sampled_from(["strong", "em", "link", "code"]))
        marks.append(Mark(start, end, kind, draw(_URL) if kind == "link" else None))
    return Block("paragraph", text=text, marks=tuple(marks))


def _word_spans(text: str) -> list[tuple[int, str]]:
    import re

    return [(m.start(), m.group(0)) for m in re.finditer(r"[A-Za-z中é]+", text)]


_HEADING = st.builds(lambda t, lv: Block("heading", text=t, level=lv), _LINE.filter(bool), st.integers(1, 6))
_QUOTE = _TEXT.filter(bool).map(lambda t: Block("quote", text=t))
_CODE = st.builds(lambda t, i: Block("code", text=t, info=i), st.text(st.sampled_from(list("ab `~\n#*")), max_size=20), st.sampled_from([None, "py", "c++"]))
_ITEMS = st.lists(_LINE.filter(bool).map(ListItem), min_size=1, max_size=4)
_LIST = st.builds(lambda items, o: Block("list", ordered=o, items=tuple(items)), _ITEMS, st.booleans())
_NESTED = st.builds(
    lambda t, inner, o: Block("list", ordered=o, items=(ListItem(t, children=(inner,)),)), _LINE.filter(bool), _LIST, st.booleans()
)
_TABLE = st.builds(
    lambda rows, h: Block("table", rows=tuple(tuple(r) for r in rows), header=h),
    st.lists(st.lists(_LINE, min_size=2, max_size=2), min_size=1, max_size=3),
    st.booleans(),
)
_IMAGE = st.builds(lambda src, alt, cap: Block("image", src=src, alt=alt, caption=cap), _URL, _LINE, st.one_of(st.none(), _LINE.filter(bool)))
_BLOCK = st.one_of(_paragraph(), _HEADING, _QUOTE, _CODE, _LIST, _NESTED, _TABLE, _IMAGE)


@settings(max_examples=300, deadline=None)
@given(st.lists(_BLOCK, min_size=1, max_size=6))
@example([Block("heading", text="a #", level=1)])  # a trailing " #" would close the heading
def test_any_blocks_render_to_markdown_that_shows_exactly_them(blocks: list[Block]) -> None:
    assert rendered_blocks(render_blocks(tuple(blocks))) == expected_blocks(tuple(blocks))


@given(st.text(max_size=60))
def test_front_matter_round_trips_through_safe_load(title: str) -> None:
    from toolkit.markdown import front_matter
    from tests_support import article_with

    article = article_with(title=clean_text(title, fixes=MARKUP_FIXES) or None)
    loaded = yaml.safe_load(front_matter(article).strip("-\n"))
    assert (loaded or {}).get("title") == article.title
