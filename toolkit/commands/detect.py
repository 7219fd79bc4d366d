"""Print the languages of text files: primary language, letter shares and language spans.

With ``--format text`` (default) each FILE (or ``-`` for stdin) is one text, and one line per
file gives its primary language and shares, e.g. ``notes.txt: en (en 0.93, zh 0.07)``.
With ``--format jsonl`` the inputs are JSON Lines records ``{"id": ..., "text": ...}`` and
the output is one JSON object per record with ``language``, ``languages`` and ``spans``
(character offsets into the record's text, covering every letter).
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import nullcontext
from typing import TYPE_CHECKING, ContextManager, Iterator, TextIO

from ..config import Config
from .language_options import add_language_arguments, checked_detector, parse_languages

if TYPE_CHECKING:  # the language package (langdetect profiles) is imported by run() only
    from ..language import TextLanguages

NAME = "detect"
HELP = "print the languages of text files (primary, shares, spans)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", default=["-"], metavar="FILE", help="text or JSON Lines files; '-' is stdin (default)")
    parser.add_argument("--format", choices=("text", "jsonl"), default="text", help="input and output format (default: text)")
    parser.add_argument("--hint", metavar="CODE", help="language to prefer when the text leaves it open")
    add_language_arguments(parser)


def as_record(found: TextLanguages) -> dict[str, object]:
    return {
        "language": found.language,
        "languages": [s.to_dict() for s in found.languages],
        "spans": [s.to_dict() for s in found.spans],
    }


def as_line(name: str, found: TextLanguages) -> str:
    shares = ", ".join(f"{s.lang} {s.share:.2f}" for s in found.languages)
    return f"{name}: {found.language or '-'} ({shares})" if shares else f"{name}: - (no letters)"


def _open(name: str) -> ContextManager[TextIO]:
    """The named file, or stdin (left open) for ``-``."""
    if name == "-":
        return nullcontext(sys.stdin)
    return open(name, encoding="utf-8", errors="strict")


def _records(name: str, handle: TextIO) -> Iterator[dict[str, object] | str]:
    """The record of each non-blank line, or an error message naming the line."""
    for number, line in enumerate(handle, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield f"toolkit detect: {name}: line {number}: not JSON ({exc.msg})"
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield f"toolkit detect: {name}: line {number}: expected an object with a string \"text\""
            continue
        yield record


def _run_jsonl(name: str, handle: TextIO, config: Config, hint: str | None) -> bool:
    from ..language import detect_text

    ok = True
    for record in _records(name, handle):
        if isinstance(record, str):
            print(record, file=sys.stderr)
            ok = False
            continue
        found = detect_text(record["text"], config=config, hint=hint)  # type: ignore[arg-type]
        out = {"id": record.get("id"), **as_record(found)}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return ok


def _run_one(name: str, fmt: str, config: Config, hint: str | None) -> bool:
    from ..language import detect_text

    try:
        with _open(name) as handle:
            if fmt == "jsonl":
                return _run_jsonl(name, handle, config, hint)
            found = detect_text(handle.read(), config=config, hint=hint)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(f"toolkit detect: {name}: cannot read: {reason}", file=sys.stderr)
        return False
    print(as_line(name, found))
    return True


def run(args: argparse.Namespace) -> int:
    """Detect every input; exit 1 when any input could not be read or parsed, 2 on usage errors."""
    languages = parse_languages(args.languages)
    hint = args.hint.lower() if args.hint else None
    config = Config(languages=languages, detector=checked_detector(args.detector))
    results = [_run_one(name, args.format, config, hint) for name in args.files]
    sys.stdout.flush()
    return 0 if all(results) else 1
