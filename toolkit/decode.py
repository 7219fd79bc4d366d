"""Bytes to text: BOM, HTTP charset, the page's own declaration, then detection.

Why this order: a BOM is unambiguous; the HTTP header is what the server said; a
``<meta charset>`` (or ``http-equiv``) anywhere in the head is what the author said;
detection (bs4's ``EncodingDetector`` for declarations it knows, charset-normalizer for
undeclared bytes) is the last resort. A declaration that does not decode the bytes is
overridden and the override is reported as a ``Warning``. Legacy labels are mapped the
way browsers map them (WHATWG): ``iso-8859-1`` means windows-1252, ``gb2312`` means
GB18030, ``shift_jis`` means windows-31J, ``euc-kr`` means windows-949.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .article import Warning
from .errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)

#: Browser (WHATWG) meaning of legacy labels: the superset each label stands for on the web.
#: Keys are ``codecs.lookup(label).name`` values (every latin-1 label looks up as ``iso8859-1``).
_WEB_SUPERSETS = {
    "iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254",
    "gb2312": "gb18030", "gbk": "gb18030", "shift_jis": "cp932", "euc_kr": "cp949",
    "tis-620": "cp874", "iso8859-11": "cp874", "big5": "big5hkscs",
}

#: How far into the document a charset declaration is looked for (the whole head, usually).
_HEAD_LIMIT = 65536
_META_CHARSET = re.compile(
    rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I
)
_HEAD_END = re.compile(rb"</head\s*>|<body[\s>]", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.I)
_DETECT_SAMPLE = 200_000


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the codec name used, and what the decoder was unsure about."""

    text: str
    encoding: str
    warnings: tuple[Warning, ...] = ()


def canonical_codec(label: str | None) -> str | None:
    """The Python codec for a charset label (web supersets applied), or None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'").lower()).name
    except (LookupError, ValueError):
        return None
    return _WEB_SUPERSETS.get(name, name)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML document declares in its head (``<meta>`` or XML declaration)."""
    head = data[:_HEAD_LIMIT]
    end = _HEAD_END.search(head)
    if end:
        head = head[: end.start()]
    match = _META_CHARSET.search(head) or _XML_DECL.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def decode(data: bytes, *, http_charset: str | None = None, html: bool = False) -> Decoded:
    """Decode ``data`` to text: BOM, then ``http_charset``, then the page's declaration, then detection.

    Never raises for undecodable bytes (they are replaced, with a warning); raises
    :class:`InputError` only when ``data`` is not bytes.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputError(f"decode expects bytes, got {type(data).__name__}")
    data = bytes(data)
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(codec, errors="replace").lstrip("\ufeff"), label)
    warnings: list[Warning] = []
    declared = [("HTTP", http_charset)]
    if html:
        declared.append(("document", declared_charset(data)))
    for origin, label in declared:
        decoded = _try_declared(data, origin, label, warnings)
        if decoded is not None:
            return decoded
    return _detect(data, tuple(warnings))


def _try_declared(data: bytes, origin: str, label: str | None, warnings: list[Warning]) -> Decoded | None:
    """Decode with a declared charset, or record why it was overridden and return None."""
    if not label:
        return None
    codec = canonical_codec(label)
    if codec is None:
        warnings.append(Warning("charset-unknown", f"{origin} charset {label!r} is unknown; detected instead"))
        return None
    if codec in ("utf-16", "utf-16-le", "utf-16-be", "utf-32") and b"\x00" not in data[:1024]:
        codec = "utf-8"  # a page that says UTF-16 in ASCII bytes is not UTF-16
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        warnings.append(Warning("charset-overridden", f"{origin} charset {label!r} does not decode the bytes"))
        return None
    if codec != "utf-8" and _is_single_byte(codec) and _is_utf8_with_non_ascii(data):
        warnings.append(Warning("charset-overridden", f"{origin} charset {label!r} declared but the bytes are UTF-8"))
        return Decoded(data.decode("utf-8"), "utf-8", tuple(warnings))
    return Decoded(text.lstrip("\ufeff"), codec, tuple(warnings))


def _is_single_byte(codec: str) -> bool:
    return codec.startswith(("cp12", "cp87", "iso8859", "koi8", "mac-", "cp85", "cp86"))


def _is_utf8_with_non_ascii(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _detect(data: bytes, warnings: tuple[Warning, ...]) -> Decoded:
    """Undeclared (or wrongly declared) bytes: UTF-8 if valid, else charset-normalizer's best guess."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8", warnings)
    except UnicodeDecodeError:
        pass
    codec = _guess(data)
    if codec is not None:
        try:
            return Decoded(data.decode(codec), codec, warnings)
        except UnicodeDecodeError:
            pass
    note = Warning("decode-replaced", "the encoding could not be determined; undecodable bytes replaced")
    return Decoded(data.decode("cp1252", errors="replace"), "cp1252", warnings + (note,))


def _guess(data: bytes) -> str | None:
    """charset-normalizer on the text outside tags (markup is ASCII and dilutes the signal)."""
    from charset_normalizer import from_bytes

    sample = _strip_markup(data[:_DETECT_SAMPLE])
    best = from_bytes(sample or data[:_DETECT_SAMPLE]).best()
    if best is None:
        return None
    codec = canonical_codec(best.encoding)
    if codec and sample != data:
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            return _whole_document_guess(data)
    return codec


def _whole_document_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[: _DETECT_SAMPLE * 4]).best()
    return canonical_codec(best.encoding) if best is not None else None


_TAG = re.compile(rb"<script.*?</script\s*>|<style.*?</style\s*>|<[^>]*>", re.I | re.S)


def _strip_markup(data: bytes) -> bytes:
    """Remove tags, scripts and styles, keeping the text bytes that carry the encoding signal."""
    return _TAG.sub(b" ", data)
