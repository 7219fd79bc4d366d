"""The HTML path: raw page text to typed blocks, metadata and an audit trail.

``extract_html(text, url=..., config=...)`` parses with lxml, reads metadata, strips
scripts and styles, measures the tree, picks the main-content element (see
:mod:`.scoring`), converts it to blocks (:mod:`.blocks`) and records what was left
out. Only :class:`~toolkit.errors.InputError` (and its subclass ``RejectedError``, for
listing pages in strict mode) escapes.
"""

from __future__ import annotations

from ..article import Extraction
from ..config import Config
from .pipeline import run

__all__ = ["extract_html"]


def extract_html(text: str, *, url: str | None = None, config: Config | None = None) -> Extraction:
    """Extract the main content of an HTML page as an :class:`~toolkit.article.Extraction`."""
    return run(text, url=url, config=config or Config())
