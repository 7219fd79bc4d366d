"""parse_date: dates in many languages to ISO 8601."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.dates import parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年2月8日", "2025-02-08"),
        ("２０２５年２月８日", "2025-02-08"),
        ("8 февраля 2025", "2025-02-08"),
        ("8 февраля 2025 г.", "2025-02-08"),
        ("8. Februar 2025", "2025-02-08"),
        ("8 de febrero de 2025", "2025-02-08"),
        ("8 de fevereiro de 2025", "2025-02-08"),
        ("8 février 2025", "2025-02-08"),
        ("1er mars 2025", "2025-03-01"),
        ("2025년 2월 8일", "2025-02-08"),
        ("February 8, 2025", "2025-02-08"),
        ("8th of February 2025", "2025-02-08"),
        ("Posted on Feb 8, 2025 by admin", "2025-02-08"),
        ("٨ فبراير ٢٠٢٥", "2025-02-08"),
        ("8 شباط 2025", "2025-02-08"),
        ("8 maart 2025", "2025-03-08"),
        ("8 febbraio 2025", "2025-02-08"),
        ("2025-02-08", "2025-02-08"),
        ("2025/02/08", "2025-02-08"),
        ("08.02.2025", "2025-02-08"),
        ("2025-02-08T10:30:00+08:00", "2025-02-08T10:30:00+08:00"),
        ("2025-02-08 10:30", "2025-02-08T10:30"),
        ("13/02/2025", "2025-02-13"),
        ("02/13/2025", "2025-02-13"),
    ],
)
def test_dates_in_many_languages(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2023-02-30", "31 April 2025", "2025-02-08T25:00", "08/02/2025", "no date here", ""])
def test_impossible_or_ambiguous_dates_give_none(text: str) -> None:
    assert parse_date(text) is None


def test_language_restricts_month_names() -> None:
    assert parse_date("8 Mai 2025", lang="de") == "2025-05-08"
    assert parse_date("8 février 2025", lang="de") is None


def test_unknown_language_uses_every_table() -> None:
    assert parse_date("8 février 2025", lang="xx") == "2025-02-08"


@given(st.text(max_size=60))
def test_any_text_gives_none_or_a_valid_iso_date(text: str) -> None:
    import datetime

    found = parse_date(text)
    if found is not None:
        datetime.date.fromisoformat(found[:10])


@given(st.dates())
def test_iso_dates_round_trip(day) -> None:  # type: ignore[no-untyped-def]
    assert parse_date(day.isoformat()) == day.isoformat()
