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

from lxml import etree

from .rules import HtmlRules, name_tokens

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


@dataclass(frozen=True)
class Verdict:
    """A boilerplate match: the rule name and whether it is strong."""

    rule: str
    strong: bool


#: Verdict for an element whose class/id names it as the article body.
CONTENT = Verdict("html:content", False)


def classify(el: etree._Element, rules: HtmlRules) -> Verdict | None:
    """The boilerplate rule that matches ``el``, :data:`CONTENT` for a content-named element, or None.

    Looks at tag, role, hidden state, class and id.
    """
    tag = el.tag
    if tag in rules.boilerplate_tags:
        return Verdict(f"html:{tag}", True)
    if "-" in tag:
        verdict = _cached_token_verdict(tag.replace("-", " "), rules)  # custom elements name their role: <pp-navigation>
        if verdict is not None and verdict is not CONTENT:
            return verdict
    attrib = el.attrib
    if not attrib:
        return None
    get = attrib.get
    role = get("role")
    if role and role.strip().lower() in rules.roles:
        return Verdict(f"html:role:{role.strip().lower()}", True)
    if "hidden" in attrib or get("aria-hidden") == "true":
        return Verdict("html:hidden", True)
    style = get("style")
    if style and _HIDDEN_STYLE.search(style) is not None:
        return Verdict("html:hidden", True)
    for attr in ("class", "id"):
        value = get(attr)
        if value:
            verdict = _cached_token_verdict(value, rules)
            if verdict is not None:
                return verdict
    return None


@lru_cache(maxsize=16384)
def _cached_token_verdict(value: str, rules: HtmlRules) -> Verdict | None:
    """Verdict for one class/id value; cached because pages repeat their class names."""
    names, tokens = name_tokens(value)
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
