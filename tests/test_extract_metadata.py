"""Page metadata: JSON-LD first, then meta tags, then the document itself; ISO 8601 dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.config import Config
from toolkit.extract import extract_html
from toolkit.extract.metadata import normalize_date

HTML = Path(__file__).resolve().parent.parent / "fixtures" / "html"


def _meta(name: str, url: str | None = None):
    return extract_html((HTML / name).read_text("utf-8"), url=url, config=Config()).meta


def test_json_ld_and_open_graph_fill_the_metadata() -> None:
    meta = _meta("news-article.html", url="https://gazette.example/news/x?utm=1")
    assert meta.title == "River clean-up draws record crowd"
    assert meta.authors == ("Dana Fields",)
    assert meta.site_name == "Riverside Gazette"
    assert meta.date_published == "2024-03-09T08:30:00+01:00"
    assert meta.description == "Volunteers removed two tonnes of rubbish from the riverbank."
    assert meta.keywords == ("environment", "volunteers", "river")
    assert meta.url == "https://gazette.example/news/2024/03/09/river-clean-up"


def test_html_lang_is_the_language_hint() -> None:
    assert _meta("news-article.html").lang_hint == "en-gb"
    assert _meta("structure.html").lang_hint == "de"


def test_title_loses_its_site_name_suffix() -> None:
    assert _meta("listing.html").title == "News archive"
    assert _meta("structure.html").title == "Sauerteig ansetzen"


@pytest.mark.parametrize(
    "title",
    ["Anglertalk mit Stephan Höferer - Fischerhütte | hejfish.com", "08.11.2021 | Anglertalk mit Stephan Höferer"],
)
def test_an_og_title_holding_the_h1_and_a_site_or_section_name_is_the_h1(title: str) -> None:
    page = (f'<html><head><meta property="og:title" content="{title}"></head><body><article>'
            f"<h1>Anglertalk mit Stephan Höferer</h1><p>{'Text des Gesprächs über das Angeln. ' * 12}</p></article></body></html>")
    assert extract_html(page, url=None, config=Config()).meta.title == "Anglertalk mit Stephan Höferer"


def test_a_title_that_only_starts_like_the_h1_is_kept_whole() -> None:
    page = ('<html><head><meta property="og:title" content="Sauerteig ansetzen leicht gemacht"></head><body><article>'
            f"<h1>Sauerteig ansetzen</h1><p>{'Mehl und Wasser mischen und warten. ' * 12}</p></article></body></html>")
    assert extract_html(page, url=None, config=Config()).meta.title == "Sauerteig ansetzen leicht gemacht"


def test_date_in_the_url_is_used_when_the_page_has_none() -> None:
    assert _meta("structure.html", url="https://blog.example/2019/10/21/sauerteig/").date_published == "2019-10-21"


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2024-03-09T08:30:00+0100", "2024-03-09T08:30:00+01:00"),
        ("2024-03-09 08:30", "2024-03-09T08:30"),
        ("2024/03/09", "2024-03-09"),
        ("09.03.2024", "2024-03-09"),
        ("Sat, 09 Mar 2024 08:30:00 GMT", "2024-03-09T08:30:00+00:00"),
        ("2024-02-30", None),
        ("yesterday", None),
    ],
)
def test_dates_are_normalized_to_iso_8601(raw: str, iso: str | None) -> None:
    assert normalize_date(raw) == iso
