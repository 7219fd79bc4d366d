"""Boilerplate lines of plain-text scrapes: breadcrumbs, navigation residue, file names, marker lines.

Each rule is a small function over the document's lines; what a rule removes is
returned as a :class:`Removal` carrying the rule's name, so nothing is lost silently.
The words the rules look for (breadcrumb openers, separators, "Read more", ...) are
the per-language data tables of :mod:`toolkit.markers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .article import Removal
from .markers import Markers, load_markers

_IMAGE_FILE = re.compile(r"^[\w\-. ()\[\]%]{1,120}\.(?:jpe?g|png|gif|webp|bmp|svg|tiff?|avif|heic|ico)$", re.I)
_SHORT_NAV_WORDS = 4
_SHORT_NAV_CHARS = 40


@dataclass(frozen=True)
class LineCleaning:
    lines: tuple[str, ...]
    removed: tuple[Removal, ...]
    trail: tuple[str, ...]  # the breadcrumb items, when a breadcrumb was found


@lru_cache(maxsize=1)
def _markers() -> Markers:
    """Markers of every language: a scrape's boilerplate language need not be its text's."""
    return load_markers()


@lru_cache(maxsize=1)
def _breadcrumb_pattern() -> re.Pattern[str]:
    markers = _markers()
    openers = "|".join(re.escape(o) for o in sorted(markers.breadcrumb_openers, key=len, reverse=True))
    return re.compile(rf"^\s*(?:{openers})\s*[:：\-–—>»|]?\s*(?P<trail>.*)$", re.I)


@lru_cache(maxsize=1)
def _separator_pattern() -> re.Pattern[str]:
    seps = "|".join(re.escape(s.strip()) for s in sorted(_markers().separators, key=len, reverse=True) if s.strip())
    # spaced separators from the table; arrows and slashes also count written tight ("首页>新闻")
    return re.compile(rf"\s+(?:{seps})\s+|\s*(?:[>»›→/])\s*")


def breadcrumb_trail(line: str) -> tuple[str, ...] | None:
    """The items of a breadcrumb line (``Current location - A - B``), or ``None`` if it is not one."""
    match = _breadcrumb_pattern().match(line)
    if not match:
        return None
    trail = match.group("trail")
    items = tuple(p.strip() for p in _separator_pattern().split(trail) if p and p.strip())
    if len(items) < 2 and len(line) > 80:
        return None
    return items


def is_image_file_name(line: str) -> bool:
    """A line that is only an image file name (``1.jpg``): residue of a picture."""
    return bool(_IMAGE_FILE.match(line.strip()))


def _is_short(line: str) -> bool:
    return 0 < len(line) <= _SHORT_NAV_CHARS and len(line.split()) <= _SHORT_NAV_WORDS


def clean_lines(lines: list[str]) -> LineCleaning:
    """Drop boilerplate lines; keep everything else in order."""
    kept: list[str] = []
    removed: list[Removal] = []
    trail: tuple[str, ...] = ()
    for line in lines:
        rule, found = _classify(line)
        if found:
            trail = trail or found
        if rule:
            removed.append(Removal(line, rule))
        else:
            kept.append(line)
    kept, nav = _drop_navigation_residue(kept, trail)
    return LineCleaning(tuple(kept), tuple(removed) + tuple(nav), trail)


def _classify(line: str) -> tuple[str | None, tuple[str, ...]]:
    if not line.strip():
        return None, ()
    trail = breadcrumb_trail(line)
    if trail is not None:
        return "breadcrumb", trail
    if is_image_file_name(line):
        return "image-file-name", ()
    return _markers().line_rule(line), ()


def _drop_navigation_residue(lines: list[str], trail: tuple[str, ...]) -> tuple[list[str], list[Removal]]:
    """Short menu lines before the first real paragraph that repeat a breadcrumb item or a home word."""
    menu_words = {t.casefold() for t in trail} | {w.casefold() for w in _markers().home_words}
    removed: list[Removal] = []
    out: list[str] = []
    in_header = True
    for line in lines:
        if in_header and line.strip() and not _is_short(line):
            in_header = False
        if in_header and _is_short(line) and line.strip().casefold() in menu_words:
            removed.append(Removal(line, "navigation-residue"))
            continue
        out.append(line)
    return out, removed
