"""Parse HTML text into an lxml tree that holds only what can become content.

``huge_tree=True`` keeps text nested deeper than libxml2's default limit (about 255
levels), which lxml otherwise drops silently. Scripts, styles and the other elements
of ``[tags] drop`` are removed with their text (their tails are kept).
"""

from __future__ import annotations

import re

from lxml import etree

from ..errors import InputError
from .rules import HtmlRules

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.S)
_NUL = "\x00"


def _parser() -> etree.HTMLParser:
    return etree.HTMLParser(
        huge_tree=True, remove_comments=True, remove_pis=True, no_network=True,
        recover=True, collect_ids=False, default_doctype=False,
    )


def parse_html(text: str) -> etree._Element | None:
    """The root ``<html>`` element, or None when the text holds nothing to parse."""
    if not isinstance(text, str):
        raise InputError(f"extract_html expects str, got {type(text).__name__}")
    declaration = _XML_DECL.match(text)  # match, not sub: sub would try every position of the page
    if declaration is not None:
        text = text[declaration.end():]
    if _NUL in text:
        text = text.replace(_NUL, "")
    if not text or text.isspace():
        return None
    parser = _parser()
    try:
        root = etree.fromstring(text, parser)
        if root is not None and _too_deep(parser):
            root = etree.fromstring(_WRAPPER_TAGS.sub(" ", text), _parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return root


#: Wrapper tags removed (text kept) when a page nests deeper than libxml2 can hold.
_WRAPPER_TAGS = re.compile(r"</?(?:div|span|font|section|center|b|i|u|small|big)\b[^>]*>", re.I)


def _too_deep(parser: etree.HTMLParser) -> bool:
    """libxml2 stops descending at 2048 levels even with huge_tree, dropping the rest silently."""
    return any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)


def strip_unwanted(root: etree._Element, rules: HtmlRules) -> None:
    """Remove the ``[tags] drop`` elements (scripts, styles, head, ...) with their text, keeping tails.

    Called after metadata was read: JSON-LD and ``<meta>`` live in elements removed here.
    """
    _unwrap_page_noscript(root)
    _expand_html_templates(root)
    etree.strip_elements(root, *rules.drop_tags, with_tail=False)
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, etree.Entity, with_tail=False)


def _unwrap_page_noscript(root: etree._Element) -> None:
    """Keep the text of a ``<noscript>`` that holds most of the page.

    Such a noscript is either a parser-recovery artefact (an unclosed tag swallowed the
    page) or the page's only server-rendered copy of its content (script-built blogs);
    either way it is the content, not a "please enable JavaScript" notice.
    """
    body = root.find("body")
    if body is None:
        return
    total = None
    for noscript in list(body.iter("noscript")):
        if len(noscript) == 0:
            continue  # text only: a "please enable JavaScript" notice
        own = len(noscript.xpath("normalize-space(.)"))
        if not own:
            continue  # markup without text (a tracking pixel): the page's text is not needed
        if total is None:
            total = len(body.xpath("normalize-space(.)"))
        if own > 0.5 * total:
            noscript.tag = "div"


_TEMPLATE_TYPES = frozenset({"text/template", "text/html", "text/x-template"})


def _expand_html_templates(root: etree._Element) -> None:
    """Parse ``<script type="text/template">`` bodies that hold markup, in place.

    Some platforms ship the article as an HTML template inside a script and render it
    with JavaScript; its markup is the page's content and is kept as such.
    """
    for script in list(root.iter("script")):
        if (script.get("type") or "").strip().lower() not in _TEMPLATE_TYPES or "<p" not in (script.text or ""):
            continue
        try:
            fragment = etree.fromstring(f"<div>{script.text}</div>", _parser())
        except (etree.ParserError, etree.XMLSyntaxError, ValueError):
            continue
        div = fragment.find(".//div") if fragment is not None else None
        if div is not None:
            div.tail = script.tail
            script.getparent().replace(script, div)


def body_of(root: etree._Element) -> etree._Element:
    """The ``<body>`` element, or the root when the page has none."""
    body = root.find("body")
    return body if body is not None else root


def is_inside(el: etree._Element, container: etree._Element) -> bool:
    """``container`` is a proper ancestor of ``el``."""
    return any(a is container for a in el.iterancestors())


def precedes(a: etree._Element, b: etree._Element) -> bool:
    """``a`` comes before ``b`` in document order (C-level counts, no Python walk)."""
    return a.xpath("count(preceding::*)") < b.xpath("count(preceding::*)")
