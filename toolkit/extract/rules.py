"""The HTML rules table (``toolkit/rules/html.toml``) loaded once into frozen sets.

Rules are data so that adding a language's class names or a CMS's widget names is an
edit of the table, not of the code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import ruletables

_TOKEN = re.compile(r"[a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@dataclass(frozen=True, eq=False)
class HtmlRules:
    """Tag lists, content markers and boilerplate tokens of the HTML extractor.

    Compared and hashed by identity (``eq=False``): the table is loaded once, and the
    caches keyed by it would otherwise hash all its fields on every lookup.
    """

    drop_tags: tuple[str, ...]
    boilerplate_tags: frozenset[str]
    block_tags: frozenset[str]
    content_attributes: tuple[tuple[str, frozenset[str]], ...]
    marker_attributes: frozenset[str]
    content_names: frozenset[str]
    positive_tokens: frozenset[str]
    strong_tokens: frozenset[str]
    weak_tokens: frozenset[str]
    whole_only: frozenset[str]
    any_token: frozenset[str]  # content names and boilerplate tokens: a value with none of them has no verdict
    roles: frozenset[str]
    unprotected: frozenset[str]
    min_paragraph: int
    max_link_density: float
    min_article: int
    max_lead_blocks: int
    min_lead_paragraph: int
    min_lead_heading: int
    lead_weak_ok: frozenset[str]
    credit_markers: tuple[str, ...]
    max_credit: int
    credit_edge: int
    credit_label: re.Pattern[str]
    max_label: int
    max_marker_line: int
    max_end_marker: int
    min_share_before_end: float
    max_trailing_calls: int
    max_call: int
    max_kicker: int
    kicker_window: int
    max_disclosure: int
    disclosure_window: int


@lru_cache(maxsize=1)
def load_rules() -> HtmlRules:
    """Read and cache the rules table shipped in :mod:`toolkit.rules`."""
    raw = ruletables.load_rules("html.toml")
    tags, content, boiler, limits = raw["tags"], raw["content"], raw["boilerplate"], raw["limits"]
    weak = frozenset(boiler["weak"])
    return HtmlRules(
        drop_tags=tuple(tags["drop"]),
        boilerplate_tags=frozenset(tags["boilerplate"]),
        block_tags=frozenset(tags["block"]),
        content_attributes=tuple((name, frozenset(values)) for name, values in content["attributes"].items()),
        marker_attributes=frozenset([*content["attributes"], "role"]),
        content_names=frozenset(content["names"]),
        positive_tokens=frozenset(content["positive"]),
        strong_tokens=frozenset(boiler["strong"]) - weak,  # a token in both lists is weak
        weak_tokens=weak,
        whole_only=frozenset(boiler["whole_only"]),
        any_token=frozenset([*content["names"], *boiler["strong"], *weak]),
        roles=frozenset(boiler["roles"]),
        unprotected=frozenset(boiler["unprotected"]),
        min_paragraph=int(limits["min_paragraph"]),
        max_link_density=float(limits["max_link_density"]),
        min_article=int(limits["min_article"]),
        max_lead_blocks=int(raw["lead"]["max_blocks"]),
        min_lead_paragraph=int(raw["lead"]["min_paragraph"]),
        min_lead_heading=int(raw["lead"]["min_heading"]),
        lead_weak_ok=frozenset(raw["lead"]["weak_ok"]),
        credit_markers=tuple(raw["lines"]["credit_markers"]),
        max_credit=int(raw["lines"]["max_credit"]),
        credit_edge=int(raw["lines"]["credit_edge"]),
        credit_label=_label_pattern(raw["lines"]["credit_labels"]),
        max_label=int(raw["lines"]["max_label"]),
        max_marker_line=int(raw["lines"]["max_marker_line"]),
        max_end_marker=int(raw["tail"]["max_marker"]),
        min_share_before_end=float(raw["tail"]["min_share"]),
        max_trailing_calls=int(raw["tail"]["max_calls"]),
        max_call=int(raw["tail"]["max_call"]),
        max_kicker=int(raw["kicker"]["max_chars"]),
        kicker_window=int(raw["kicker"]["window"]),
        max_disclosure=int(raw["disclosure"]["max_chars"]),
        disclosure_window=int(raw["disclosure"]["window"]),
    )


def _label_pattern(labels: list[str]) -> re.Pattern[str]:
    """``(Label:`` or ``Label :`` at the start of a line, for any of ``labels`` (longest first)."""
    names = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    return re.compile(rf"\(?\s*(?:{names})\s*:", re.IGNORECASE)


@lru_cache(maxsize=8192)
def name_tokens(value: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split a class/id attribute into (whole names, tokens), lower-cased.

    ``"post-content main__body"`` gives names ``("post-content", "main__body")`` and
    tokens ``("post", "content", "main", "body")``; camelCase is split too
    (``"CookieBoxText"`` gives ``cookie``, ``box``, ``text``). Cached: pages repeat their class names.
    """
    return split_name(value)


def split_name(value: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """:func:`name_tokens` without the cache (for callers that cache their own result).

    The tokens are the runs of ``[a-z0-9]`` of the lower-cased value, camelCase split
    first when the value has upper-case letters.
    """
    low = value.lower()
    split = low if low == value else _CAMEL.sub(" ", value).lower()
    return tuple(low.split()), tuple(_TOKEN.findall(split))
