"""Immutable run configuration: one frozen value passed down, never module-level mutable state."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .errors import UsageError

#: The 25 languages of the language-identification development set; detection is restricted to them by default.
DEFAULT_LANGUAGES: tuple[str, ...] = (
    "en", "zh", "ja", "ko", "ru", "uk", "de", "fr", "es", "pt", "it", "nl", "pl",
    "tr", "ar", "fa", "hi", "vi", "id", "th", "el", "he", "sv", "cs", "ro",
)
#: The language detectors :attr:`Config.detector` may name (see ``toolkit.language.detectors``);
#: the first is the default.
DETECTORS: tuple[str, ...] = ("profiles", "langdetect", "lingua")
DEFAULT_DETECTOR = DETECTORS[0]


@dataclass(frozen=True)
class Limits:
    """Per-document bounds so that hostile input costs bounded time and memory.

    Nesting has no limit of its own: any depth is parsed without losing text (100,000
    levels are tested), and its cost is bounded by ``max_bytes`` and ``seconds``.
    """

    max_bytes: int = 64 * 1024 * 1024  # bytes of one document or record
    seconds: float = 60.0  # wall time to normalize one document (0: no limit)
    regex_seconds: float = 2.0  # one schema ``pattern`` match in ``toolkit validate``


@dataclass(frozen=True)
class Config:
    """Everything a run may vary. Build one with :func:`Config` or ``Config().replace(...)``."""

    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    formats: tuple[str, ...] = ("json", "md")
    strict: bool = False
    seed: int = 0
    limits: Limits = field(default_factory=Limits)
    #: Language detector for runs of shared scripts: "profiles" (langdetect's profiles, scored
    #: deterministically), "langdetect" (langdetect's own seeded sampler) or "lingua" (extra).
    #: Honoured wherever this Config reaches language identification: ``--detector`` of
    #: ``toolkit detect`` and ``toolkit publish``, and the library (``detect_text``,
    #: ``annotate``, ``batch.publish``).
    detector: str = DEFAULT_DETECTOR

    def __post_init__(self) -> None:
        if self.detector not in DETECTORS:
            raise UsageError(f"unknown language detector {self.detector!r} (known: {', '.join(DETECTORS)})")

    def replace(self, **changes: Any) -> "Config":
        return replace(self, **changes)
