"""Output names: input paths and titles become safe relative paths inside the output folder.

Nothing a document says (a title like ``../../etc/passwd``, a control character, a
Windows device name, 300 characters) can make a path outside the output folder or one
that a common file system refuses.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f<>:"/\\|?*\u202a-\u202e\u2066-\u2069\u200b-\u200f]+')
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)]
)
MAX_COMPONENT_BYTES = 120


def safe_component(name: str, *, fallback: str = "untitled") -> str:
    """One path component: no separators, controls, leading dots, reserved names; at most 120 UTF-8 bytes."""
    text = unicodedata.normalize("NFC", name)
    text = _UNSAFE.sub("-", text)
    text = re.sub(r"\s+", " ", text).strip(" .-")
    text = _truncate_utf8(text, MAX_COMPONENT_BYTES).rstrip(" .-")
    if not text or text in (".", ".."):
        return fallback
    if text.split(".")[0].casefold() in _WINDOWS_RESERVED:
        text = "_" + text
    return text


def safe_relative(parts: tuple[str, ...]) -> PurePosixPath:
    """A relative path made of safe components (``..`` and empty parts dropped)."""
    cleaned = [safe_component(p) for p in parts if p not in ("", ".", "..")]
    return PurePosixPath(*cleaned) if cleaned else PurePosixPath("untitled")


def slug(title: str, *, max_bytes: int = 80) -> str:
    """A Unicode-safe slug of a title: letters and digits of any script, joined by hyphens."""
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", title).casefold())
    return safe_component(_truncate_utf8("-".join(words), max_bytes).strip("-"), fallback="untitled")


def _truncate_utf8(text: str, max_bytes: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return text
    return encoded[:max_bytes].decode("utf-8", errors="ignore")


class NameAllocator:
    """Hands out output stems, never the same one twice (case-insensitively, as on macOS and Windows)."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def allocate(self, stem: PurePosixPath, article_id: str) -> PurePosixPath:
        candidate = stem
        if str(candidate).casefold() in self._used:
            candidate = stem.with_name(f"{stem.name}-{article_id[:8]}")
        n = 2
        while str(candidate).casefold() in self._used:
            candidate = stem.with_name(f"{stem.name}-{article_id[:8]}-{n}")
            n += 1
        self._used.add(str(candidate).casefold())
        return candidate

    def reserve(self, stem: PurePosixPath) -> None:
        """Mark a name as taken (one a resumed run keeps from the previous run)."""
        self._used.add(str(stem).casefold())
