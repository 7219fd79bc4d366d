"""Spacing around straight double quotes: ``"Work"and " Tech"`` becomes ``"Work" and "Tech"``.

Quotes are paired left to right within a line. Only when every quote has a partner is
the spacing changed; a line with an odd number of quotes and a suspicious spacing is
left as it is, with a warning saying why.
"""

from __future__ import annotations

import re

from .article import Warning

_QUOTE = '"'
_SUSPICIOUS = re.compile(r'\w"\w|"\s+[^"]*?\s+"')


def fix_quote_spacing(line: str) -> tuple[str, Warning | None]:
    """Trim spaces inside each quoted pair and separate the pair from adjacent letters."""
    count = line.count(_QUOTE)
    if count == 0:
        return line, None
    if count % 2:
        if _SUSPICIOUS.search(line):
            return line, Warning("unbalanced-quotes", f"odd number of '\"' in {line[:60]!r}: spacing left as is")
        return line, None
    parts = line.split(_QUOTE)
    # parts at odd indexes are inside quotes
    for i in range(1, len(parts), 2):
        parts[i] = parts[i].strip()
    out = parts[0]
    for i in range(1, len(parts), 2):
        before, inside, after = out, parts[i], parts[i + 1]
        if before and before[-1].isalnum():
            before += " "
        if after and after[0].isalnum():
            after = " " + after
        out = f'{before}"{inside}"{after}'
    return out, None
