"""Publishing published output changes nothing: Article JSON and Markdown both come back the same."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from toolkit.errors import ToolkitError
from toolkit.pipeline import normalize

_WORDS = st.sampled_from(
    ["the", "report", "Studenten", "über", "résumé", "数据", "доклад", "*", "_", "#", "1.", "2)", "-", ">", "`", "[a](b)",
     "&amp;", "&copy;", "<b>", "|", "\\", "“quoted”", "e.g.", "2025年2月8日"]
)
_LINE = st.lists(_WORDS, min_size=1, max_size=12).map(" ".join)
_DOC = st.lists(st.one_of(_LINE, st.just(""), _LINE.map(lambda l: "1. " + l), _LINE.map(lambda l: "- " + l)), min_size=1, max_size=12).map("\n".join)

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _publish(text: str):
    try:
        return normalize(text, path="doc.txt")
    except ToolkitError:
        return None


@_SETTINGS
@given(_DOC)
def test_republishing_the_json_gives_the_same_article(text: str) -> None:
    article = _publish(text)
    if article is None:
        return
    again = normalize(article.to_json(), path="doc.json")
    assert again.to_json() == article.to_json()


@_SETTINGS
@given(_DOC)
def test_republishing_the_markdown_gives_the_same_blocks_and_metadata(text: str) -> None:
    article = _publish(text)
    if article is None or not article.blocks:
        return
    again = normalize(article.to_markdown(), path="doc.md")
    assert [b.to_dict() for b in again.blocks] == [b.to_dict() for b in article.blocks]
    assert (again.id, again.title, again.language) == (article.id, article.title, article.language)
    assert again.to_markdown() == article.to_markdown()
