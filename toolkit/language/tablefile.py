"""Precomputed n-gram tables: the scorers' tables for the default languages, shipped as package data.

Building the packed table from langdetect's 55 JSON profiles costs about 1.5 s of CPU in
every process (measured), more than publishing a hundred pages. The table is a pure
function of the profiles and a few constants, so the one for the default configuration is
written once (``python -m toolkit.language.tablefile``) and read in about 30 ms; any other
configuration is still built from the profiles. A test checks that the shipped file equals
a fresh build, so the two cannot drift.

File format (little-endian, no pickle): a header line of JSON (key, languages, lane
bytes, count), the n-grams as UTF-8 joined by NUL, then one fixed-width integer per n-gram.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from importlib import resources
from typing import Any

FOLDER = "langtables"


def table_key(*parts: Any) -> str:
    """A stable name for a table built from ``parts`` (languages, sizes, constants, versions)."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:16]


def dump(key: str, languages: tuple[str, ...], grams: dict[str, int], lane_bytes: int) -> bytes:
    """The compressed bytes of a table file."""
    names = sorted(grams)
    width = lane_bytes * (len(languages) + 1)
    header = json.dumps({"key": key, "languages": list(languages), "width": width, "count": len(names)})
    body = "\0".join(names).encode("utf-8")
    values = b"".join(grams[n].to_bytes(width, "little") for n in names)
    return zlib.compress(header.encode("utf-8") + b"\n" + len(body).to_bytes(8, "little") + body + values, 6)


def load(key: str) -> tuple[tuple[str, ...], dict[str, int]] | None:
    """The shipped table named ``key``, or ``None`` when none is shipped for it."""
    path = resources.files("toolkit.rules").joinpath(FOLDER, f"{key}.bin")
    try:
        raw = zlib.decompress(path.read_bytes())
    except (FileNotFoundError, NotADirectoryError, zlib.error):
        return None
    header_end = raw.index(b"\n")
    header = json.loads(raw[:header_end])
    if header["key"] != key:
        return None
    body_len = int.from_bytes(raw[header_end + 1 : header_end + 9], "little")
    start = header_end + 9
    names = raw[start : start + body_len].decode("utf-8").split("\0")
    values = memoryview(raw)[start + body_len :]
    width = header["width"]
    grams = {name: int.from_bytes(values[i * width : (i + 1) * width], "little") for i, name in enumerate(names)}
    return tuple(header["languages"]), grams


def main() -> None:
    """Write the table of the default configuration into the package's ``rules/langtables``."""
    from pathlib import Path

    from ..config import DEFAULT_LANGUAGES
    from .detectors import build_table_files

    folder = Path(__file__).resolve().parent.parent / "rules" / FOLDER
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.bin"):
        old.unlink()
    for name, data in build_table_files(DEFAULT_LANGUAGES):
        (folder / name).write_bytes(data)
        print(f"wrote {folder / name} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
