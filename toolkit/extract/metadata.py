"""Page metadata: title, dates, authors, canonical URL, site name, description, keywords, language.

Sources, most trusted first: JSON-LD (``schema.org`` Article-like objects), Open Graph
and ``article:*`` meta tags, other ``<meta>`` names, ``<link rel=canonical>``, then
the document itself (``<title>`` without its site-name suffix, ``h1``, ``<time
datetime>``, a date in the URL). Dates come out as ISO 8601 (``YYYY-MM-DD`` or with
time and offset) or not at all. Read before scripts and the head are stripped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any, Iterator
from urllib.parse import urljoin

from lxml import etree

from ..article import Metadata
from ..textclean import clean_inline
from .inline import inline_text

_ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "report", "scholarlyarticle", "techarticle",
    "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle",
    "backgroundnewsarticle", "socialmediaposting", "liveblogposting", "posting", "review",
    "recipe", "webpage", "itempage", "medicalwebpage", "qapage", "howto",
})
#: Article types that describe the page rather than an article on it (ranked below the others).
_PAGE_TYPES = frozenset({"webpage", "itempage", "medicalwebpage", "qapage"})
_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)
_SLASHED = re.compile(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b")
_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[-_]|$)")
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»/]{1,2}\s+")
_LANG = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")
# Elements found through their attribute (``//@rel[.='author']/..``): libxml2 tests one
# attribute per element this way, about twice as fast as ``//*[@rel='author' or ...]``.
_DATE_PUBLISHED = "//@itemprop[.='datePublished']/.."
_AUTHOR_ELEMENTS = "//@rel[.='author']/.. | //@itemprop[.='author']/.."


@dataclass(frozen=True)
class PageInfo:
    """Metadata plus what only the extractor uses: the JSON-LD ``articleBody``."""

    meta: Metadata
    article_body: str | None


def read_metadata(root: etree._Element, url: str | None) -> PageInfo:
    """Everything the page says about itself (see the module docstring for the order of sources)."""
    ld = _json_ld_article(root)
    metas, sections = _meta_tags(root)
    site = _first(_ld_name(ld.get("publisher")), metas.get("og:site_name"), metas.get("application-name"))
    # Later sources are read only when the earlier ones gave nothing (tree searches cost).
    title = _first(_text(ld.get("headline")), metas.get("og:title"), metas.get("twitter:title")) or _strip_site(
        _element_text(root.find(".//title")), site)
    if not title or _TITLE_SEPARATORS.search(title):  # the h1 is the title, or names its headline part
        h1 = _element_text(root.find(".//h1"))
        title = _headline_part(title, h1) if title else h1
    canonical = _canonical(root, metas, url)
    published = _first_date(
        ld.get("datePublished"), metas.get("article:published_time"), metas.get("datepublished"),
        metas.get("date"), metas.get("dc.date"), metas.get("dc.date.issued"), metas.get("citation_publication_date"),
        metas.get("pubdate"), metas.get("publishdate"), metas.get("sailthru.date"),
    ) or _first_date(_time_element(root), _url_date(canonical), _url_date(url), ld.get("dateCreated"))
    modified = _first_date(ld.get("dateModified"), metas.get("article:modified_time"), metas.get("og:updated_time"))
    meta = Metadata(
        title=title,
        description=_first(_text(ld.get("description")), metas.get("og:description"), metas.get("description")),
        date_published=published,
        date_modified=modified,
        authors=_authors(ld, metas, root),
        site_name=site,
        keywords=_keywords(ld, metas),
        categories=_dedupe(_as_list(ld.get("articleSection")) + sections),
        url=canonical,
        lang_hint=_lang(root.get("lang") or root.get("xml:lang") or metas.get("content-language")),
    )
    body = _text(ld.get("articleBody"))
    return PageInfo(meta, body)


def _first(*values: str | None) -> str | None:
    for value in values:
        if value:
            return value
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if not isinstance(value, str):
        return None
    return clean_inline(value, from_markup=False) or None  # JSON-LD: entities still encoded


def _element_text(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    return inline_text("".join(el.itertext())) or None


def _meta_tags(root: etree._Element) -> tuple[dict[str, str], list[str]]:
    """``<meta name|property|itemprop=... content=...>`` as a dict (first occurrence wins, keys
    lower-case), and every ``article:section`` value in document order (pages repeat that one).

    One walk over the tree: ``iter("meta")`` visits every element of the page.
    """
    found: dict[str, str] = {}
    sections: list[str] = []
    for el in root.iter("meta"):
        content = el.get("content")
        if not content:
            continue
        named = el.get("property") or el.get("name")
        key = named or el.get("itemprop") or el.get("http-equiv")
        if not key:
            continue
        value = inline_text(content)
        if named and named.lower() == "article:section" and content.strip():
            sections.append(value)
        key = key.strip().lower()
        if value and key not in found:
            found[key] = value
    return found, sections


def _json_objects(root: etree._Element) -> Iterator[dict[str, Any]]:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text.strip().rstrip(";"), strict=False)
        except (ValueError, RecursionError):
            continue
        yield from _flatten(data, 0)


def _flatten(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 5:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _flatten(graph, depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, dict):
            yield from _flatten(main, depth + 1)


def _json_ld_article(root: etree._Element) -> dict[str, Any]:
    """The most article-like JSON-LD object (a non-webpage Article type beats a WebPage)."""
    best: dict[str, Any] = {}
    best_rank = 0
    for obj in _json_objects(root):
        types = obj.get("@type")
        names = {t.lower() for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)}
        if not names & _ARTICLE_TYPES:
            continue
        rank = 1 if names & _PAGE_TYPES else 2
        if rank > best_rank:
            best, best_rank = obj, rank
    return best


def _ld_name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _strip_site(title: str | None, site: str | None) -> str | None:
    """``<title>`` without its site-name part ("Headline | Site", "Site - Headline")."""
    if not title:
        return None
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    if site:
        kept = [p for p in parts if p.strip().lower() != site.lower()]
        if kept and len(kept) < len(parts):
            return " - ".join(kept)
    first, longest = parts[0], max(parts, key=len)
    return first if len(first) * 3 >= len(longest) else longest


def _headline_part(title: str | None, h1: str | None) -> str | None:
    """The page's ``h1`` when the title is that headline plus a site or section name
    ("Headline - Section | site.com", "08.11.2021 | Headline"), else ``title``."""
    if not title or not h1 or title == h1 or len(h1) < 8:
        return title
    if title.startswith(h1) and _TITLE_SEPARATORS.match(title, len(h1)):
        return h1
    if title.endswith(h1) and _SEPARATOR_AT_END.search(title[: len(title) - len(h1)]):
        return h1
    return title


_SEPARATOR_AT_END = re.compile(_TITLE_SEPARATORS.pattern + "$")


def _canonical(root: etree._Element, metas: dict[str, str], url: str | None) -> str | None:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and (link.get("href") or "").strip():
            href = link.get("href").strip()
            return urljoin(url, href) if url else href
    return metas.get("og:url") or url


def normalize_date(value: Any) -> str | None:
    """An ISO 8601 date or date-time for the common date shapes of the web, or None."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    match = _ISO.search(value)
    if match:
        return _iso_from_match(match)
    match = _SLASHED.search(value)
    if match:
        return _iso_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = _DOTTED.search(value)
    if match:
        return _iso_date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.isoformat() if parsed else None


def _iso_date(year: int, month: int, day: int) -> str | None:
    try:
        return datetime(year, month, day).strftime("%Y-%m-%d") if 1900 <= year <= 2100 else None
    except ValueError:
        return None


def _iso_from_match(m: re.Match[str]) -> str | None:
    date = _iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if date is None or m.group(4) is None:
        return date
    hour, minute = int(m.group(4)), int(m.group(5))
    if hour > 23 or minute > 59:
        return date
    out = f"{date}T{hour:02d}:{minute:02d}"
    if m.group(6) is not None:
        out += f":{int(m.group(6)):02d}" if int(m.group(6)) < 60 else ":00"
    offset = m.group(8)
    if offset:
        out += "Z" if offset == "Z" else (offset if ":" in offset else f"{offset[:3]}:{offset[3:]}")
    return out


def _first_date(*values: Any) -> str | None:
    for value in values:
        date = normalize_date(value)
        if date:
            return date
    return None


def _time_element(root: etree._Element) -> str | None:
    for el in root.iter("time"):
        value = el.get("datetime")
        if value:
            return value
    for el in root.xpath(_DATE_PUBLISHED):
        return el.get("content") or el.get("datetime") or "".join(el.itertext())
    return None


def _url_date(url: str | None) -> str | None:
    match = _URL_DATE.search(url or "")
    return f"{match.group(1)}-{match.group(2)}-{match.group(3)}" if match else None


def _authors(ld: dict[str, Any], metas: dict[str, str], root: etree._Element) -> tuple[str, ...]:
    names: list[str] = []
    for author in _as_objects(ld.get("author")):
        name = _ld_name(author)
        if name:
            names.append(name)
    if not names:
        names = [n for n in (metas.get("author"), metas.get("article:author"), metas.get("dc.creator")) if n]
        names = [n for n in names if not n.startswith("http")]
    if not names:
        names = [_element_text(el) or "" for el in root.xpath(_AUTHOR_ELEMENTS)[:3]]
    return _dedupe(n for n in names if n and len(n) <= 100)


def _as_objects(value: Any) -> list[Any]:
    return value if isinstance(value, list) else ([value] if value else [])


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [inline_text(v) for v in value.split(",")]
    if isinstance(value, list):
        return [inline_text(v) for v in value if isinstance(v, str)]
    return []


def _keywords(ld: dict[str, Any], metas: dict[str, str]) -> tuple[str, ...]:
    words = _as_list(ld.get("keywords")) or _as_list(metas.get("keywords")) or _as_list(metas.get("news_keywords"))
    return _dedupe(words)


def _dedupe(values: Any) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        if value and value not in seen:
            seen[value] = None
    return tuple(seen)


def _lang(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip().replace("_", "-").lower()
    return value if _LANG.match(value) else None
