"""Which elements are boilerplate, and by which rule.

Each rule has a stable name that ends up in ``Article.removed``: ``html:<tag>`` for
``nav``/``footer``/``aside``/``form``/``menu``, ``html:role:<role>`` for ARIA roles,
``html:hidden`` for hidden elements, ``html:class-token:<token>`` for class/id tokens.
Strong rules remove an element wherever it is; weak rules only when the element is
short or mostly links (see :func:`is_weak_enough`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .rules import HtmlRules, split_name

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


@dataclass(frozen=True)
class Verdict:
    """A boilerplate match: the rule name and whether it is strong."""

    rule: str
    strong: bool


#: Verdict for an element whose class/id names it as the article body.
CONTENT = Verdict("html:content", False)


def classify_attrs(tag: str, attrs: dict[str, str], rules: HtmlRules) -> Verdict | None:
    """The boilerplate rule matching an element's tag and attributes, :data:`CONTENT` for a
    content-named element, or None.

    Looks at tag, role, hidden state, class and id. The measuring pass reads each
    element's attributes once (``dict(el.items())``, one C call) and passes them here,
    instead of one lxml call per attribute looked at.
    """
    if tag in rules.boilerplate_tags:
        return _tag_verdict(tag)
    if "-" in tag:
        verdict = _cached_token_verdict(tag.replace("-", " "), rules)  # custom elements name their role: <pp-navigation>
        if verdict is not None and verdict is not CONTENT:
            return verdict
    if not attrs:
        return None
    if not _STATE_ATTRIBUTES.isdisjoint(attrs):
        verdict = _state_verdict(attrs, rules)
        if verdict is not None:
            return verdict
    value = attrs.get("class")
    if value:
        verdict = _cached_token_verdict(value, rules)
        if verdict is not None:
            return verdict
    value = attrs.get("id")
    return _cached_token_verdict(value, rules) if value else None


def _state_verdict(attrs: dict[str, str], rules: HtmlRules) -> Verdict | None:
    """A boilerplate ARIA role, or a hidden element (``hidden``, ``aria-hidden``, ``display: none``)."""
    role = attrs.get("role")
    if role:
        role = role.strip().lower()
        if role in rules.roles:
            return _role_verdict(role)
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return HIDDEN
    style = attrs.get("style")
    if style and _HIDDEN_STYLE.search(style) is not None:
        return HIDDEN
    return None


#: Attributes that make an element boilerplate by its state (role, hidden), rarer than class and id.
_STATE_ATTRIBUTES = frozenset({"role", "hidden", "aria-hidden", "style"})

#: The attributes :func:`classify_attrs` reads: an element with none of them (and an
#: ordinary tag) has no verdict, so the measuring pass does not ask.
CLASSIFIED_ATTRIBUTES = frozenset({"role", "hidden", "aria-hidden", "style", "class", "id"})

#: Verdict for hidden elements (``hidden``, ``aria-hidden``, ``display: none``).
HIDDEN = Verdict("html:hidden", True)


@lru_cache(maxsize=64)
def _tag_verdict(tag: str) -> Verdict:
    """The strong verdict of a boilerplate tag (one shared object per tag)."""
    return Verdict(f"html:{tag}", True)


@lru_cache(maxsize=64)
def _role_verdict(role: str) -> Verdict:
    """The strong verdict of a boilerplate ARIA role (one shared object per role)."""
    return Verdict(f"html:role:{role}", True)


@lru_cache(maxsize=16384)
def _cached_token_verdict(value: str, rules: HtmlRules) -> Verdict | None:
    """Verdict for one class/id value; cached because pages repeat their class names.

    Most values hold no rule token at all: two C-level set tests answer those.
    """
    names, tokens = split_name(value)
    if rules.any_token.isdisjoint(names) and rules.any_token.isdisjoint(tokens):
        return None
    for name in names:
        if name in rules.content_names:
            return CONTENT
    for name in names:
        if name in rules.strong_tokens:
            return Verdict(f"html:class-token:{name}", True)
        if name in rules.weak_tokens:
            return Verdict(f"html:class-token:{name}", False)
    for token in tokens:
        if token in rules.whole_only:
            continue
        if token in rules.strong_tokens:
            return Verdict(f"html:class-token:{token}", True)
        if token in rules.weak_tokens:
            return Verdict(f"html:class-token:{token}", False)
    return None


def is_weak_enough(text_len: int, link_len: int, rules: HtmlRules) -> bool:
    """A weak match is boilerplate when it is short or mostly links."""
    return text_len < rules.min_article or link_len > rules.max_link_density * max(text_len, 1)
