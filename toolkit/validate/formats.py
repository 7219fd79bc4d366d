"""Format checks (``"format": "date"`` ...) that need no optional packages.

jsonschema only checks ``uri``, ``date-time``, ``hostname``... when optional packages are
installed, and silently passes otherwise; these checks are always on and strict enough
for content: RFC 3339 dates and times, RFC 3986 URIs, practical e-mail addresses.
"""

from __future__ import annotations

import datetime as _dt
import re
import types
from functools import lru_cache
from typing import Any, Callable

import jsonschema

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_TIME = re.compile(r"(\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))", re.ASCII)
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL = re.compile(rf"{_ATOM}(\.{_ATOM})*|\"([^\"\\]|\\.)*\"")
_LABEL = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?", re.ASCII)
_URI_CHARS = r"A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_URI_REF = re.compile(rf"[{_URI_CHARS}]*", re.ASCII)
_IRI_REF = re.compile(rf"([{_URI_CHARS}]|[^\x00-\x7f\s])*")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_DURATION = re.compile(
    r"P(?:(?:\d+Y(?:\d+M)?(?:\d+D)?|\d+M(?:\d+D)?|\d+D)(?:T(?:\d+H(?:\d+M)?(?:\d+S)?|\d+M(?:\d+S)?|\d+S))?"
    r"|T(?:\d+H(?:\d+M)?(?:\d+S)?|\d+M(?:\d+S)?|\d+S)|\d+W)",
    re.ASCII,
)


def is_date(value: str) -> bool:
    """RFC 3339 ``full-date``: ``YYYY-MM-DD`` that exists in the calendar."""
    match = _DATE.fullmatch(value)
    if not match:
        return False
    try:
        _dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return False
    return True


def is_time(value: str) -> bool:
    """RFC 3339 ``full-time``: ``HH:MM:SS[.frac]`` with ``Z`` or an offset."""
    match = _TIME.fullmatch(value)
    if not match:
        return False
    hour, minute, second = (int(part) for part in match.group(1, 2, 3))
    if hour > 23 or minute > 59 or second > 60:
        return False
    off_h, off_m = match.group(6, 7)
    return off_h is None or (int(off_h) <= 23 and int(off_m) <= 59)


def is_date_time(value: str) -> bool:
    """RFC 3339 ``date-time``: a date, ``T`` (or ``t``), and a full time."""
    if len(value) < 11 or value[10] not in "Tt":
        return False
    return is_date(value[:10]) and is_time(value[11:])


def is_hostname(value: str) -> bool:
    """RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens."""
    name = value[:-1] if value.endswith(".") else value
    if not name or len(name) > 253:
        return False
    return all(_LABEL.fullmatch(label) for label in name.split("."))


def is_email(value: str) -> bool:
    """``local@domain`` with a dot-atom or quoted local part and a host name or address literal."""
    local, sep, domain = value.rpartition("@")
    if not sep or not _LOCAL.fullmatch(local) or len(local) > 64:
        return False
    if domain.startswith("[") and domain.endswith("]"):
        return _is_ip(domain[1:-1].removeprefix("IPv6:"))
    return is_hostname(domain)


def _is_ip(value: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def is_uri_reference(value: str) -> bool:
    """RFC 3986 URI reference: only URI characters, well-formed ``%XX`` escapes."""
    return bool(_URI_REF.fullmatch(value)) and not _BAD_PERCENT.search(value)


def is_uri(value: str) -> bool:
    """RFC 3986 absolute URI: a scheme, ``:``, and only URI characters."""
    return bool(_SCHEME.match(value)) and is_uri_reference(value)


def is_iri_reference(value: str) -> bool:
    """RFC 3987 IRI reference: like a URI reference, non-ASCII letters allowed."""
    return bool(_IRI_REF.fullmatch(value)) and not _BAD_PERCENT.search(value)


def is_iri(value: str) -> bool:
    """RFC 3987 absolute IRI."""
    return bool(_SCHEME.match(value)) and is_iri_reference(value)


def is_uuid(value: str) -> bool:
    """RFC 4122 UUID in its hyphenated form."""
    return bool(_UUID.fullmatch(value))


def is_duration(value: str) -> bool:
    """ISO 8601 duration as profiled by RFC 3339 appendix A (``P1DT2H``, ``P3W``...)."""
    return bool(_DURATION.fullmatch(value))


CHECKS: types.MappingProxyType[str, Callable[[str], bool]] = types.MappingProxyType({
    "date": is_date,
    "time": is_time,
    "date-time": is_date_time,
    "hostname": is_hostname,
    "email": is_email,
    "idn-email": is_email,
    "uri": is_uri,
    "uri-reference": is_uri_reference,
    "iri": is_iri,
    "iri-reference": is_iri_reference,
    "uuid": is_uuid,
    "duration": is_duration,
})


def _only_strings(check: Callable[[str], bool]) -> Callable[[Any], bool]:
    def wrapped(instance: Any) -> bool:
        return not isinstance(instance, str) or check(instance)

    wrapped.__doc__ = check.__doc__
    return wrapped


@lru_cache(maxsize=1)
def format_checker() -> jsonschema.FormatChecker:
    """jsonschema's format checker with the checks above taking precedence; non-strings pass."""
    checker = jsonschema.FormatChecker()
    for name, check in CHECKS.items():
        checker.checks(name)(_only_strings(check))
    return checker
