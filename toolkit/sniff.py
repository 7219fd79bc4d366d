"""Recognize an input's format by its content, never by its file name.

``.txt`` files hold Markdown with front matter (seed 003), ``.html`` files can be
plain text, and published Article JSON must be recognized so that it can be published
again. The checks are ordered data (``SNIFFERS``); the first that says yes wins.
"""

from __future__ import annotations

import re
from typing import Callable

from .fmsplit import opens_front_matter


TEXT, MARKDOWN, HTML, ARTICLE = "text", "markdown", "html", "article"

_HTML_START = re.compile(
    r"\A(?:\s|<!--.*?-->|<\?xml[^>]{0,200}\?>)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|base|link|div|article|main|section|p|table|script|style|header|nav)\b",
    re.I | re.S,
)
_TAG = re.compile(r"</?(?:p|div|span|a|br|li|ul|ol|h[1-6]|table|tr|td|img|article|section)\b[^>]*>", re.I)
_PAGE_START = re.compile(r"<!doctype\s+html\b|<html\b[^>]*>\s*<head\b", re.I)


def looks_like_html(head: str) -> bool:
    """HTML opens with a tag (after white space, comments and an XML declaration: XHTML), is
    dense with common tags, or has a page start (``<!DOCTYPE html>``, ``<html><head>``) after
    some junk (PHP warnings printed before the page)."""
    if _HTML_START.match(head):
        return True
    start = head[:8192]
    return len(_TAG.findall(start[:4096])) >= 5 or _PAGE_START.search(start) is not None


def looks_like_article(text: str) -> bool:
    """Published Article JSON: an object with ``schema_version`` near its start.

    A cheap look at the start only; the Article reader parses and validates the whole text
    (once), and rejects JSON that only looks like an Article.
    """
    stripped = text.lstrip()
    return stripped.startswith("{") and '"schema_version"' in stripped[:200]


def looks_like_front_matter(text: str) -> bool:
    """Text that opens with a ``---`` line: front matter (an unclosed one is rejected by its parser)."""
    return opens_front_matter(text)


SNIFFERS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    (ARTICLE, looks_like_article),
    (MARKDOWN, looks_like_front_matter),
    (HTML, looks_like_html),
)


def sniff(text: str) -> str:
    """The format of decoded ``text``: ``article``, ``markdown``, ``html`` or ``text``."""
    for name, check in SNIFFERS:
        if check(text):
            return name
    return TEXT
