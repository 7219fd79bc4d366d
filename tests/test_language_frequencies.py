"""The word-frequency model: a common word of a language says which language a short line is in."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from toolkit.config import DEFAULT_LANGUAGES, Config
from toolkit.language import detect_text
from toolkit.language.detectors import _LANE, _SCALE, ProfileScorer
from toolkit.language.frequencies import COST_UNIT, word_costs, word_hash, word_table
from toolkit.language.scripts import script_table

CONFIG = Config()
LATIN = ("cs", "de", "en", "es", "fr", "id", "it", "nl", "pl", "pt", "ro", "sv", "tr", "vi")
REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("approval consultation", "en"),  # n-grams alone: Italian
        ("Inicio › Noticias › Deportes", "es"),  # n-grams alone: Portuguese
        ("Anmelden", "de"),  # n-grams alone: Dutch
        ("Inloggen", "nl"),
        ("Logga in", "sv"),
        ("Autentificare", "ro"),
        ("Leia mais", "pt"),
        ("Головна сторінка", "uk"),
        ("صفحه اصلی", "fa"),
    ],
)
def test_a_short_line_of_common_words_is_in_the_language_that_uses_them(text: str, lang: str) -> None:
    assert detect_text(text, config=CONFIG).language == lang


def test_every_language_sharing_a_spaced_script_has_a_list() -> None:
    table = word_table()
    assert table is not None
    for script in script_table().scripts:
        mine = set(script.languages) & set(DEFAULT_LANGUAGES)
        if script.spaced and len(mine) > 1:
            assert mine <= set(table.languages), script.name
    assert all(0.5 < c < 1.0 for c in table.coverage)
    assert list(table.hashes) == sorted(table.hashes)
    assert len(table.hashes) == len(table.langs) == len(table.costs)


def test_scripts_without_spaces_or_languages_without_a_list_get_no_word_model() -> None:
    assert word_costs(("ja", "zh"), _SCALE, _LANE) is None  # Han: a run is not a word
    assert word_costs(("da", "en"), _SCALE, _LANE) is None  # no list shipped for Danish
    assert ProfileScorer(("da", "en")).detect("the house") != []  # n-grams still score it


def test_the_word_hash_is_stable() -> None:
    assert word_hash("the") == 0x3C456DE6_02940142  # what the shipped table was built with


def _lanes(packed: int, count: int) -> list[int]:
    return [(packed >> (_LANE * i)) & ((1 << _LANE) - 1) for i in range(count)]


def test_a_common_word_is_cheapest_in_its_own_language_and_case_does_not_matter() -> None:
    costs = word_costs(LATIN, _SCALE, _LANE)
    assert costs is not None
    for word, lang in (("the", "en"), ("und", "de"), ("właśnie", "pl"), ("também", "pt"), ("và", "vi")):
        found = costs.listed(word)
        assert found is not None and found == costs.listed(word.capitalize()) == costs.listed(word.upper())
        lanes = _lanes(found, len(LATIN))
        assert min(lanes) == lanes[LATIN.index(lang)], word
    assert costs.listed("qxzvbrkl") is None


def test_an_unlisted_word_costs_less_where_the_list_covers_less_of_the_language() -> None:
    table = word_table()
    assert table is not None
    index = table.languages.index
    assert table.unknown_nats(index("tr")) < table.unknown_nats(index("en"))  # many word forms


def test_no_listed_word_costs_as_much_as_an_unseen_one() -> None:
    table = word_table()
    assert table is not None
    rarest = max(table.costs) / COST_UNIT
    assert all(rarest < table.unknown_nats(i) for i in range(len(table.languages)))


@given(st.text(alphabet=st.characters(categories=("Ll", "Lu")), min_size=1, max_size=30))
@example("the")
@example("Também")
@example("DE")  # listed by several languages
def test_a_listed_word_never_costs_more_than_an_unseen_one(word: str) -> None:
    costs = word_costs(LATIN, _SCALE, _LANE)
    assert costs is not None
    found = costs.listed(word)
    if found is not None:
        assert all(a <= b for a, b in zip(_lanes(found, len(LATIN)), _lanes(costs.unknown, len(LATIN))))


@pytest.mark.skipif(importlib.util.find_spec("wordfreq") is None, reason="build-time extra: pip install -e '.[wordlists]'")
def test_the_shipped_table_equals_a_fresh_build_from_wordfreq(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import build_wordlists
    finally:
        sys.path.pop(0)
    shipped = (REPO / "toolkit" / "rules" / "wordfreq.bin").read_bytes()
    assert build_wordlists.main(["--out", str(tmp_path / "wordfreq.bin")]) == 0
    assert (tmp_path / "wordfreq.bin").read_bytes() == shipped
