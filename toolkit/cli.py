"""Command line: parsing only builds a request; each command lives in its own module.

A command module exposes ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``. Exit codes: 0 ok, 1 invalid or rejected content, 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

from . import __version__
from .errors import SchemaError, UsageError

#: The command modules, in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = (
    "toolkit.commands.publish",
    "toolkit.commands.validate",
    "toolkit.commands.detect",
    "toolkit.commands.schema",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; given ``argv``, only the command it names gets its options declared.

    Declaring an option can import what the command needs (``validate`` imports its checker
    for the ``--format`` choices); a run pays only for its own command. Help and errors are
    the same, since argparse only reads the options of the command that is run.
    """
    parser = _Parser(prog="toolkit", description="Clean scraped pages into validated Articles; validate content.")
    parser.add_argument("--version", action="version", version=f"toolkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    wanted = _command_named(argv)
    for module_name in COMMANDS:
        module = importlib.import_module(module_name)
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.__doc__)
        if wanted is None or wanted == module.NAME:
            module.add_arguments(command)
        command.set_defaults(_run=module.run)
    return parser


def _command_named(argv: Sequence[str] | None) -> str | None:
    """The command ``argv`` runs: its first word that is not an option (the top level takes no values)."""
    if argv is None:
        return None
    return next((word for word in argv if not word.startswith("-")), None)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        return int(args._run(args))
    except (UsageError, SchemaError) as exc:
        print(f"toolkit: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("toolkit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
