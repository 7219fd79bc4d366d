"""Publish scraped pages as clean Articles: JSON and Markdown files, or one JSON Lines stream, plus report.json.

Inputs are files, folders (walked recursively), globs, JSON Lines exports, WARC(.gz)
files, or - for standard input; formats are recognized by content. With --format jsonl
--out - the Articles go to standard output, one per line; the report then goes only
to --report FILE, and the summary to standard error. Exit status: 0 all published,
1 some input or record rejected (the rest of the batch still ran), 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

from ..config import Config, Limits
from ..errors import UsageError
from .language_options import add_language_arguments, checked_detector, parse_languages

NAME = "publish"
HELP = "clean and publish pages as JSON, JSON Lines and Markdown"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="*", default=["seeds"], metavar="INPUT",
                        help="files, folders, globs, JSON Lines, WARC(.gz), or - for stdin (default: seeds)")
    parser.add_argument("--out", "-o", default="out", metavar="DIR",
                        help="output folder, or - for JSON Lines on standard output (default: out)")
    parser.add_argument("--format", default="json,md", metavar="FORMATS",
                        help="comma-separated output formats: json, md, jsonl (OUT/articles.jsonl) (default: json,md)")
    parser.add_argument("--strict", action="store_true",
                        help="reject pages that are listings or indexes instead of publishing them with a warning")
    add_language_arguments(parser)
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                        help="worker processes; 0: one per core (default: 1, the most pages per CPU-second; "
                             "workers finish sooner but spend more CPU per page)")
    parser.add_argument("--resume", action="store_true",
                        help="publish only what is missing or changed since the last run into OUT (by source sha256)")
    parser.add_argument("--report", metavar="FILE", help="where report.json goes (default: OUT/report.json; none with --out -)")
    parser.add_argument("--page-field", default="html,content,text", metavar="NAMES",
                        help="JSON Lines: fields holding the page, first present wins (default: html,content,text)")
    parser.add_argument("--url-field", default="url", metavar="NAME", help="JSON Lines: the URL field (default: url)")
    parser.add_argument("--title-field", default="title", metavar="NAME", help="JSON Lines: the title field (default: title)")
    parser.add_argument("--max-bytes", type=int, metavar="N",
                        help="reject a document (or a record) larger than N bytes (default: 64 MiB)")
    parser.add_argument("--timeout", type=float, metavar="SECONDS",
                        help="reject a document that takes longer than this to normalize (default: 60; 0: no limit)")
    progress = parser.add_mutually_exclusive_group()
    progress.add_argument("--progress", dest="progress", action="store_const", const=True,
                          help="always show a progress bar on stderr (default: only when stderr is a terminal)")
    progress.add_argument("--no-progress", dest="progress", action="store_const", const=False, help="never show one")


def build_config(args: argparse.Namespace) -> Config:
    formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
    if not formats:
        raise UsageError("--format needs at least one format")
    config = Config(formats=formats, strict=args.strict, detector=checked_detector(args.detector))
    config = config.replace(limits=_limits(config.limits, args))
    if args.languages:
        config = config.replace(languages=parse_languages(args.languages))
    return config


def _limits(limits: Limits, args: argparse.Namespace) -> Limits:
    if args.max_bytes is not None and args.max_bytes < 1:
        raise UsageError("--max-bytes must be at least 1")
    if args.timeout is not None and args.timeout < 0:
        raise UsageError("--timeout cannot be negative")
    changes = {"max_bytes": args.max_bytes, "seconds": args.timeout}
    return replace(limits, **{k: v for k, v in changes.items() if v is not None})


def build_options(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from ..batch import PublishOptions
    from ..readers import ReadOptions

    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (one per core) or more")
    fields = tuple(f.strip() for f in args.page_field.split(",") if f.strip())
    if not fields:
        raise UsageError("--page-field needs at least one field name")
    return PublishOptions(
        jobs=args.jobs or None, resume=args.resume, report=Path(args.report) if args.report else None,
        read=ReadOptions(page_fields=fields, url_field=args.url_field, title_field=args.title_field),
        progress=args.progress, log=_log,
    )


def _log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    from ..batch import REPORT_NAME, publish

    config = build_config(args)
    options = build_options(args)
    started = time.perf_counter()
    try:
        report = publish(args.inputs, args.out, config=config, options=options)
    except BrokenPipeError:  # the reader of our stdout went away (`| head -1`): stop quietly
        _silence_stdout()
        return 0
    elapsed = time.perf_counter() - started
    rate = report.count("published") / elapsed if elapsed > 0 else 0.0
    where = "stdout" if args.out == "-" else f"{args.out}/"
    report_at = args.report or (None if args.out == "-" else f"{args.out}/{REPORT_NAME}")
    note = f"report: {report_at}; " if report_at else ""
    print(f"{report.summary()} -> {where} ({note}{rate:.1f} pages/s)", file=sys.stderr)
    return 0 if report.ok else 1


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
