"""The toolkit's own exceptions: the only ones that may escape a public entry point.

Every message is one line that names the input (and the record inside it) so that a
batch report or a terminal shows what failed and why without a traceback.
"""

from __future__ import annotations


class ToolkitError(Exception):
    """Base of every error the toolkit raises on purpose."""


class InputError(ToolkitError):
    """The input cannot be turned into an Article (unreadable, undecodable, malformed, too large)."""


class RejectedError(InputError):
    """The input was read but rejected by a rule (empty content, strict-mode listing page, invalid Article)."""


class UsageError(ToolkitError):
    """The command line or the API call is wrong (exit code 2)."""


class SchemaError(ToolkitError):
    """A JSON Schema is broken, missing or refers to something it may not load (exit code 2)."""
