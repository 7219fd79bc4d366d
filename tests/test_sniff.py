"""Format sniffing: what makes a document HTML, and what must stay text."""

from __future__ import annotations

import pytest

from toolkit.sniff import HTML, MARKDOWN, TEXT, sniff

XHTML = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html\n  PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"\n'
         '  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">'
         "<head><title>t</title></head><body><p>Text</p></body></html>")
PHP_WARNINGS = ("<br />\n<b>Warning</b>:  mysql_get_server_info(): Access denied in <b>/www/plugin.php</b>"
                " on line <b>299</b><br />\n" * 3 + "<!DOCTYPE html>\n<html><head></head><body><p>Text</p></body></html>")


@pytest.mark.parametrize("text", [XHTML, PHP_WARNINGS], ids=["xhtml-with-xml-declaration", "php-warnings-before-page"])
def test_pages_with_a_prolog_before_the_html_are_html(text: str) -> None:
    assert sniff(text) == HTML


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A note on markup: every page starts with <html> and ends with </html>.\nThat is all.", TEXT),
        ("---\ntitle: About <html>\n---\nBody text.", MARKDOWN),
        ("Plain lines\nof text\n", TEXT),
    ],
)
def test_text_that_mentions_tags_is_not_html(text: str, expected: str) -> None:
    assert sniff(text) == expected
