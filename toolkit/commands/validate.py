"""Check JSON, JSON Lines, YAML and front matter against JSON Schemas, pointing at the line.

Exit codes: 0 all valid; 1 a file is invalid or unparsable (every other file is still
checked); 2 usage error or broken schema.
"""

from __future__ import annotations

import argparse
import sys

NAME = "validate"
HELP = "check content files against JSON Schemas; errors point at file:line:column"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare ``PATH... [--schema FILE|NAME] [--format ...] [-q|-v]``."""
    from ..config import Limits
    from ..validate.reporters import REPORTERS

    parser.add_argument("paths", nargs="+", metavar="PATH", help="files and folders (folders are walked)")
    parser.add_argument("--schema", metavar="FILE|NAME", help="a schema file or a bundled schema name for every document")
    parser.add_argument("--format", choices=sorted(REPORTERS), default="text", help="output format (default: text)")
    parser.add_argument(
        "--pattern-timeout", type=float, default=Limits().regex_seconds, metavar="SECONDS",
        help="time bound for one 'pattern' match (default: %(default)s)",
    )
    noise = parser.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", dest="verbosity", action="store_const", const=-1, default=0, help="errors only, no summary")
    noise.add_argument("-v", "--verbose", dest="verbosity", action="store_const", const=1, help="also name valid and skipped files")


def run(args: argparse.Namespace) -> int:
    """Check every file, report as it goes, and return the exit code."""
    from ..errors import UsageError
    from ..validate.checker import check_paths
    from ..validate.reporters import Summary, make_reporter
    from ..validate.resolve import Resolver, find_settings

    if args.pattern_timeout <= 0:
        raise UsageError("--pattern-timeout must be positive")
    resolver = Resolver(args.schema, find_settings())
    reporter = make_reporter(args.format, sys.stdout, sys.stderr, args.verbosity)
    summary = Summary()
    for report in check_paths(args.paths, resolver, args.pattern_timeout):
        summary.add(report)
        reporter.file(report)
    reporter.finish(summary)
    return 1 if summary.errors else 0
