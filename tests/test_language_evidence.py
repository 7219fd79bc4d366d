"""Word-level evidence: function words and marking letters settle short same-script lines."""

from __future__ import annotations

import pytest

from toolkit.config import Config
from toolkit.language import detect_text
from toolkit.language.detectors import ProfileScorer
from toolkit.language.evidence import function_words, word_bonus, word_evidence, word_table

CONFIG = Config()
LATIN = ("cs", "de", "en", "es", "fr", "id", "it", "nl", "pl", "pt", "ro", "sv", "tr", "vi")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("notre engagement", "fr"),  # "notre": French only
        ("Im Januar", "de"),  # "im": German only
        ("Mer info under Gymgolv", "sv"),  # "mer", "under"
        ("Їхали ми", "uk"),  # "ї" is Ukrainian, not Russian
    ],
)
def test_a_function_word_or_marking_letter_decides_a_short_line(text: str, lang: str) -> None:
    assert detect_text(text, config=CONFIG).language == lang


def test_a_word_every_candidate_lists_is_no_evidence() -> None:
    assert word_evidence(["de"], ("es", "pt")) is None


def test_a_shared_word_is_split_among_the_languages_listing_it() -> None:
    bonus = word_evidence(["la"], LATIN)
    assert bonus is not None
    owners = [lang for lang, b in zip(LATIN, bonus) if b > 0]
    assert {"es", "fr", "it"} <= set(owners) and "en" not in owners
    assert len({round(b, 6) for b in bonus if b > 0}) == 1


def test_a_marking_letter_counts_once_per_word() -> None:
    once = word_bonus("toruń", LATIN)
    assert once is not None and once == word_bonus("poznańń", LATIN)
    assert max(once) == once[LATIN.index("pl")]


def test_scores_hold_the_word_evidence() -> None:
    plain = ProfileScorer(LATIN, word_evidence=False)
    rich = ProfileScorer(LATIN)
    (a, seen_a), (b, seen_b) = plain.loglik(["notre"]), rich.loglik(["notre"])
    assert seen_a > 0 and seen_b > 0
    fr, nl = LATIN.index("fr"), LATIN.index("nl")
    assert (b[fr] - b[nl]) - (a[fr] - a[nl]) > 5.0


def test_every_row_is_lower_case_and_has_words() -> None:
    for lang, row in word_table().items():
        assert row["words"], lang
        assert all(w == w.lower() for w in row["words"]), lang
        assert function_words(lang)


ZH = "今天的会议讨论了城市交通的未来发展计划。"
ES = "La ciudad presentó ayer un nuevo plan de transporte público para todos los barrios."
PT = "A cidade apresentou ontem um novo plano de transporte público para todos os bairros."


def _lang_at(text: str, index: int) -> str:
    return next(s.lang for s in detect_text(text, config=CONFIG).spans if s.start <= index < s.end)


@pytest.mark.parametrize(("sentence", "lang"), [(ES, "es"), (PT, "pt")])
def test_a_short_latin_line_on_a_chinese_page_follows_the_pages_latin_text(sentence: str, lang: str) -> None:
    text = "\n".join([ZH, sentence, "segundo trailer", ZH])
    assert _lang_at(text, text.index("segundo trailer")) == lang


def test_a_missing_ngram_costs_by_the_profiles_own_cut_off() -> None:
    from toolkit.language.detectors import _floors, restricted_factory

    factory = restricted_factory(CONFIG.languages)
    column = {name: [i] for i, name in enumerate(factory.langlist)}
    en, ro = (_floors(CONFIG.languages, column[lang], (2, 3)) for lang in ("en", "ro"))
    assert ro[3] < en[3] / 5  # ro keeps trigrams down to a tenth of en's cut-off
