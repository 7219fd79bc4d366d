"""Publish scraped pages as clean Articles: JSON and Markdown files plus report.json.

Inputs are files or folders (walked recursively); formats are recognized by content.
Exit status: 0 all published, 1 some input rejected, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
import time

from ..config import Config
from ..errors import UsageError

NAME = "publish"
HELP = "clean and publish pages as JSON and Markdown"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="*", default=["seeds"], metavar="INPUT",
                        help="files or folders (default: seeds)")
    parser.add_argument("--out", "-o", default="out", metavar="DIR", help="output folder (default: out)")
    parser.add_argument("--format", default="json,md", metavar="FORMATS",
                        help="comma-separated output formats: json, md (default: json,md)")
    parser.add_argument("--strict", action="store_true",
                        help="reject pages that are listings or indexes instead of publishing them with a warning")
    parser.add_argument("--languages", metavar="CODES", help="comma-separated ISO 639-1 codes detection may choose")


def build_config(args: argparse.Namespace) -> Config:
    formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
    if not formats:
        raise UsageError("--format needs at least one format")
    config = Config(formats=formats, strict=args.strict)
    if args.languages:
        config = config.replace(languages=tuple(c.strip() for c in args.languages.split(",") if c.strip()))
    return config


def run(args: argparse.Namespace) -> int:
    from ..publish import publish

    config = build_config(args)
    started = time.perf_counter()
    report = publish(args.inputs, args.out, config=config)
    for entry in report.entries:
        if entry.status == "rejected":
            where = f" ({entry.record})" if entry.record else ""
            print(f"toolkit: rejected {entry.input}{where}: {entry.reason}", file=sys.stderr)
    elapsed = time.perf_counter() - started
    rate = len(report.entries) / elapsed if elapsed > 0 else 0.0
    print(f"{report.summary()} -> {args.out}/ (report: {args.out}/report.json; {rate:.0f} docs/s)", file=sys.stderr)
    return 0 if report.ok else 1
