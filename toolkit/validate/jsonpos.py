"""Where a value sits in a JSON text: from a JSON path (keys and indexes) to an offset.

Documents are parsed with the stdlib's C decoder; only when a document has errors is its
text scanned again, along the error's path only, skipping sibling values with the same
C decoder (``raw_decode``) -- so valid files cost nothing extra.
"""

from __future__ import annotations

import json
import re
from typing import Sequence

_DECODER = json.JSONDecoder()
_WS = re.compile(r"[ \t\n\r]*")
_scanstring = json.decoder.scanstring


def _skip_ws(text: str, pos: int) -> int:
    return _WS.match(text, pos).end()  # type: ignore[union-attr]


def _skip_value(text: str, pos: int) -> int:
    return _DECODER.raw_decode(text, pos)[1]


def _member(text: str, pos: int, key: str) -> int | None:
    """Offset of the value of ``key`` in the object at ``pos`` (the last one if repeated)."""
    found = None
    pos = _skip_ws(text, pos + 1)
    while pos < len(text) and text[pos] == '"':
        name, pos = _scanstring(text, pos + 1, True)
        pos = _skip_ws(text, pos)
        if text[pos : pos + 1] != ":":
            return found
        pos = _skip_ws(text, pos + 1)
        if name == key:
            found = pos
        pos = _skip_ws(text, _skip_value(text, pos))
        if text[pos : pos + 1] != ",":
            break
        pos = _skip_ws(text, pos + 1)
    return found


def _item(text: str, pos: int, index: int) -> int | None:
    """Offset of item ``index`` in the array at ``pos``."""
    pos = _skip_ws(text, pos + 1)
    for _ in range(index):
        if text[pos : pos + 1] in ("]", ""):
            return None
        pos = _skip_ws(text, _skip_value(text, pos))
        if text[pos : pos + 1] != ",":
            return None
        pos = _skip_ws(text, pos + 1)
    return pos if text[pos : pos + 1] not in ("]", "") else None


def value_offset(text: str, path: Sequence[str | int], start: int = 0) -> int:
    """Offset of the value at ``path`` in ``text`` (a valid JSON text), or of its deepest existing ancestor."""
    pos = _skip_ws(text, start)
    try:
        for key in path:
            opener = text[pos : pos + 1]
            if opener == "{" and isinstance(key, str):
                found = _member(text, pos, key)
            elif opener == "[" and isinstance(key, int):
                found = _item(text, pos, key)
            else:
                found = None
            if found is None:
                break
            pos = found
    except (ValueError, IndexError):
        pass
    return pos


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``offset``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
