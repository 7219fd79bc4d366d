"""Small builders for tests."""

from __future__ import annotations

from typing import Any

from toolkit.article import Article, Source


def article_with(**fields: Any) -> Article:
    base: dict[str, Any] = dict(
        id="0123456789abcdef",
        source=Source("x.txt", "text", "utf-8", "0" * 64),
        url=None, title=None, description=None, date_published=None, date_modified=None,
        authors=(), site_name=None, keywords=(), categories=(), language=None, languages=(),
        blocks=(), text="", related=(), removed=(), extra={}, warnings=(),
    )
    base.update(fields)
    return Article(**base)
