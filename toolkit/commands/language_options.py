"""The language options ``toolkit detect`` and ``toolkit publish`` share: ``--languages`` and ``--detector``.

Parsing them only checks and builds values for the :class:`~toolkit.config.Config`; an
unknown code or a detector whose extra is not installed is a usage error (exit 2).
"""

from __future__ import annotations

import argparse

from ..config import DEFAULT_DETECTOR, DEFAULT_LANGUAGES, DETECTORS
from ..errors import UsageError


def add_language_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare ``--languages CODES`` and ``--detector NAME`` on ``parser``."""
    parser.add_argument("--languages", metavar="CODES",
                        help="comma-separated ISO 639-1 codes detection may choose (default: the 25 of the development set)")
    parser.add_argument("--detector", choices=DETECTORS, default=DEFAULT_DETECTOR,
                        help=f"detector for scripts shared by several languages (default: {DEFAULT_DETECTOR}; "
                             "lingua needs toolkit[lingua])")


def parse_languages(value: str | None) -> tuple[str, ...]:
    """``"en,de"`` -> ``("en", "de")``; unknown codes are a usage error."""
    from ..language.detectors import available_languages

    if not value:
        return DEFAULT_LANGUAGES
    codes = tuple(dict.fromkeys(c.strip().lower() for c in value.split(",") if c.strip()))
    unknown = [c for c in codes if c not in available_languages()]
    if unknown or not codes:
        raise UsageError(f"--languages: unknown language code(s): {', '.join(unknown) or repr(value)}")
    return codes


def checked_detector(name: str) -> str:
    """``name``, after checking that its optional package is installed (a usage error otherwise)."""
    if name == "lingua":
        from ..language.lingua import supported_languages

        supported_languages()  # a usage error naming the extra when it is not installed
    return name
