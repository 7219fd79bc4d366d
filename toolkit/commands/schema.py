"""Print a bundled JSON Schema (``article``, ``frontmatter/default``), or list them with ``--list``."""

from __future__ import annotations

import argparse
import sys

NAME = "schema"
HELP = "print a bundled JSON Schema by name"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare ``NAME`` or ``--list``."""
    parser.add_argument("name", nargs="?", metavar="NAME", help="article, frontmatter/default, ...")
    parser.add_argument("--list", action="store_true", help="list the bundled schema names")


def run(args: argparse.Namespace) -> int:
    """Write the schema text (or the names) to stdout."""
    from ..errors import UsageError
    from ..schema_store import bundled_name, bundled_names, schema_text

    if args.list:
        sys.stdout.write("".join(f"{name}\n" for name in bundled_names()))
        return 0
    if not args.name:
        raise UsageError("name a schema (see: toolkit schema --list)")
    text = schema_text(bundled_name(args.name) or args.name)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
