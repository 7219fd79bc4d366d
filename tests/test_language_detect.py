"""detect_text: primary language, letter shares and spans of mixed-language text."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.config import Config
from toolkit.language import detect_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "language"
CONFIG = Config()


def lang_of(text: str, fragment: str) -> set[str]:
    """Languages of the spans that overlap the letters of ``fragment`` inside ``text``."""
    found = detect_text(text, config=CONFIG)
    start = text.index(fragment)
    end = start + len(fragment)
    return {s.lang for s in found.spans if s.start < end and s.end > start}


@pytest.mark.parametrize(
    ("name", "primary", "fragment", "fragment_lang"),
    [
        ("en-page-zh-breadcrumb.txt", "en", "当前位置：首页", "zh"),
        ("ru-news-en-names.txt", "ru", "The new release is available worldwide starting today", "en"),
        ("de-article-ja-caption.txt", "de", "東京の夜景を描いた版画", "ja"),
        ("en-report-ar-paragraph.txt", "en", "يهدف هذا التقرير", "ar"),
        ("ja-page.txt", "ja", "東京都", "ja"),
        ("same-script-es-pt.txt", "es", "A câmara municipal aprovou ontem", "pt"),
        ("ru-page-en-greeting.txt", "ru", "Hello", "en"),
    ],
)
def test_fixture_primary_and_foreign_fragment(name: str, primary: str, fragment: str, fragment_lang: str) -> None:
    text = (FIXTURES / name).read_text("utf-8")
    assert detect_text(text, config=CONFIG).language == primary
    assert lang_of(text, fragment) == {fragment_lang}


def test_scripts_that_name_their_language_need_no_detector() -> None:
    for text, lang in [("안녕하세요", "ko"), ("สวัสดีครับ", "th"), ("Καλημέρα", "el"), ("שלום", "he"), ("こんにちは", "ja")]:
        assert detect_text(text, config=CONFIG).language == lang


def test_han_without_kana_is_chinese_unless_the_page_is_japanese() -> None:
    assert detect_text("北京大学", config=CONFIG).language == "zh"
    text = "東京都\nきのうは東京都内で大きな訓練が行われました。"
    assert lang_of(text, "東京都\n") == {"ja"}


def test_codes_are_iso_639_1() -> None:
    found = detect_text("我们今天去公园散步。", config=CONFIG)
    assert found.language == "zh"


def test_cyrillic_russian_and_ukrainian_are_told_apart() -> None:
    text = "Сегодня в городе прошёл большой праздник. Сьогодні в місті відбулося велике свято, і всі раділи."
    assert lang_of(text, "Сегодня в городе") == {"ru"}
    assert lang_of(text, "Сьогодні в місті") == {"uk"}


def test_a_name_inside_a_chinese_sentence_is_chinese() -> None:
    text = "我们使用Python开发了这个系统。"
    assert detect_text(text, config=CONFIG).languages[0].share == 1.0


def test_two_latin_letters_are_no_evidence() -> None:
    text = "Сегодня в городе прошёл большой праздник, OK."
    assert {s.lang for s in detect_text(text, config=CONFIG).languages} == {"ru"}


def test_shares_sum_to_one_and_are_sorted() -> None:
    text = (FIXTURES / "en-page-zh-breadcrumb.txt").read_text("utf-8")
    shares = detect_text(text, config=CONFIG).languages
    assert abs(sum(s.share for s in shares) - 1) < 1e-3
    assert list(shares) == sorted(shares, key=lambda s: (-s.share, s.lang))


def test_no_letters_means_no_language() -> None:
    found = detect_text("12345 — !!! 2025-02-08", config=CONFIG)
    assert (found.language, found.languages, found.spans) == (None, (), ())


def test_restricting_languages_restricts_answers() -> None:
    config = Config(languages=("en", "de"))
    found = detect_text("Le chat est sur la table et il dort tranquillement.", config=config)
    assert {s.lang for s in found.languages} <= {"en", "de"}


def test_hint_decides_a_short_ambiguous_text() -> None:
    assert detect_text("Hotel", config=CONFIG, hint="de").language == "de"


def test_a_long_chinese_sentence_on_a_japanese_page_stays_chinese() -> None:
    zh = "在选号的时候，可以结合开奖号码的这一些规律进行选号。"
    text = "昨日の午後、東京都内で大規模な防災訓練が行われ、多くの住民が参加しました。\n" + zh
    assert lang_of(text, zh) == {"zh"}


def test_a_capitalized_word_is_read_both_ways() -> None:
    """``Hello`` scores as ``hello`` would (a line start), ``Januar`` keeps its German capital."""
    from toolkit.language.detectors import ProfileScorer

    scorer = ProfileScorer(("en", "it", "de", "id"), word_evidence=False)
    capitalized, lowered = scorer.loglik(["Hello"])[0], scorer.loglik(["hello"])[0]
    assert all(a >= b for a, b in zip(capitalized, lowered))
    assert detect_text("Im Januar", config=CONFIG).language == "de"


def test_lower_case_words_are_scored_before_capitalized_ones() -> None:
    from toolkit.language.identify import scoring_order

    words = "Anna Schmidt und Peter Müller aus Hamburg sind heute nach Berlin gezogen".split()
    assert scoring_order(words) == [
        "und", "aus", "sind", "heute", "nach", "gezogen", "Anna", "Schmidt", "Peter", "Müller", "Hamburg", "Berlin"
    ]
