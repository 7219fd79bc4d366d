"""Where YAML front matter starts and ends: the one rule shared by publishing, sniffing and validation.

Kept free of heavy imports so that ``toolkit validate`` can use it without loading the
Article pipeline.
"""

from __future__ import annotations

import re

_OPENING = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)


def opens_front_matter(text: str) -> bool:
    """Text whose first line is ``---`` (a BOM before it allowed)."""
    return _OPENING.match(text) is not None


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """``(yaml_text, body, body_start_line)`` for text that opens with ``---``; ``None`` otherwise.

    ``body_start_line`` is the 1-based line number of the first body line. Front matter
    without a closing ``---`` (or ``...``) line is not front matter: ``None``.
    """
    opening = _OPENING.match(text)
    if not opening:
        return None
    closing = _CLOSING.search(text, opening.end())
    if not closing:
        return None
    body_start = closing.end() + 1 if text[closing.end() : closing.end() + 1] == "\n" else closing.end()
    return text[opening.end() : closing.start()], text[body_start:], text.count("\n", 0, body_start) + 1
