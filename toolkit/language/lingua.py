"""Lingua behind the :class:`~toolkit.language.detectors.Detector` protocol (optional extra).

``pip install 'toolkit[lingua]'`` installs ``lingua-language-detector``; then
``Config(detector="lingua")`` or ``toolkit detect --detector lingua`` uses it. Lingua is more
accurate than langdetect's profiles on a word or two, but slower and larger, so it is not the
default. ``benchmarks/langid.py --quick`` (25 languages, seed 7), lingua against profiles:
single words 87.2% against 78.5%, word pairs 96.4% against 90.7%, mixed-document letters 99.4%
against 99.2%; annotating a page seen before 3.8-5.2 ms against 0.2-0.3 ms; the process's
peak memory 512 MB against 102 MB (its models load lazily, per language). Its answers are
deterministic.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Sequence

from ..errors import UsageError


def _module() -> Any:
    try:
        import lingua
    except ImportError as exc:
        raise UsageError("the lingua detector needs the optional extra: pip install 'toolkit[lingua]'") from exc
    return lingua


@lru_cache(maxsize=1)
def supported_languages() -> frozenset[str]:
    """ISO 639-1 codes Lingua knows."""
    return frozenset(language.iso_code_639_1.name.lower() for language in _module().Language.all())


@lru_cache(maxsize=64)
def _build(languages: tuple[str, ...]) -> Any:
    lingua = _module()
    codes = [lingua.IsoCode639_1.from_str(lang) for lang in languages]
    return lingua.LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


class LinguaDetector:
    """Lingua restricted to ``languages`` (those it knows); ISO 639-1 codes, best first."""

    def __init__(self, languages: Sequence[str]) -> None:
        known = supported_languages()
        self.languages: tuple[str, ...] = tuple(sorted({lang for lang in languages if lang in known}))
        self._detector = _build(self.languages) if len(self.languages) > 1 else None

    def detect(self, text: str) -> list[tuple[str, float]]:
        if not any(map(str.isalpha, text)):
            return []
        if self._detector is None:  # one language (or none): nothing to choose
            return [(lang, 1.0) for lang in self.languages]
        found = [
            (value.language.iso_code_639_1.name.lower(), value.value)
            for value in self._detector.compute_language_confidence_values(text)
        ]
        found = [item for item in found if item[1] > 0.0]
        return sorted(found, key=lambda p: (-p[1], p[0]))
