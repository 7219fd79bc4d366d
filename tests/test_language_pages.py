"""Long pages: identified from an even sample plus the blocks that could differ."""

from __future__ import annotations

from toolkit.article import Block
from toolkit.config import Config
from toolkit.language import annotate
from toolkit.language.pages import (
    PAGE_BUDGET,
    could_differ,
    count_letters,
    foreign_letter,
    head_of,
    sample_points,
    with_foreign_letters,
)

CONFIG = Config()
EN = [
    "The committee published its final report on the future of public transport in the region.",
    "It recommends more frequent buses, cheaper tickets and new cycle lanes in every district.",
    "Members of the public can comment on the proposals until the end of next month.",
    "The council will decide on the budget for the first stage of the plan in the spring.",
]


def long_english_page(n: int = 60) -> list[Block]:
    blocks = [Block("paragraph", EN[i % len(EN)]) for i in range(n)]
    assert sum(len(b.text) for b in blocks) > PAGE_BUDGET
    return blocks


def test_a_block_longer_than_the_spacing_is_always_sampled() -> None:
    lengths = [10] * 50 + [2000] + [10] * 50
    assert 50 in sample_points(lengths, 4)


def test_sample_points_are_spread_and_in_range() -> None:
    chosen = sample_points([100] * 100, 8)
    assert len(chosen) == 8 and chosen == sorted(chosen) and chosen[0] < 15 and chosen[-1] > 85


def test_head_is_cut_at_a_space() -> None:
    text = "word " * 100
    assert head_of(text, 20).endswith("word") and 20 <= len(head_of(text, 20)) <= 40


def test_a_foreign_script_line_on_a_long_page_gets_its_lang() -> None:
    blocks = long_english_page()
    blocks.insert(37, Block("paragraph", "当前位置：首页 > 新闻"))
    result = annotate(tuple(blocks), hint=None, config=CONFIG)
    assert result.language == "en"
    assert result.blocks[37].lang == "zh"
    assert [b.lang for i, b in enumerate(result.blocks) if i != 37] == [None] * 60


def test_a_long_page_has_the_shares_of_all_its_letters() -> None:
    blocks = long_english_page()
    blocks.insert(10, Block("paragraph", "Сегодня хорошая погода, и мы идём гулять в парк."))
    result = annotate(tuple(blocks), hint=None, config=CONFIG)
    shares = {s.lang: s.share for s in result.languages}
    assert set(shares) == {"en", "ru"} and 0.005 < shares["ru"] < 0.05


def test_foreign_letters_are_found_outside_the_page_scripts_only() -> None:
    texts = ["Grüße aus Köln — “ok” ¼ ™", "Привет", "Hello 今日", "Ωmega"]
    assert with_foreign_letters(texts, foreign_letter("de"), set()) == {1, 2, 3}
    assert with_foreign_letters(texts, foreign_letter("de"), {1}) == {2, 3}
    assert with_foreign_letters(["Hello", "今日はいい天気"], foreign_letter("ja"), set()) == {0}


def test_letter_count_is_exact_for_ascii_and_close_otherwise() -> None:
    assert count_letters("Hello, world 42!") == 10
    assert count_letters("Grüße aus Köln — «ok»\u00a0x") == sum(map(str.isalpha, "Grüße aus Köln — «ok»\u00a0x"))
    assert count_letters("Привет, мир") == 9


ES = "El ayuntamiento publicó ayer su informe final sobre el futuro del transporte público en la región y los barrios."


def test_a_long_foreign_paragraph_in_the_same_script_is_found_by_its_function_words() -> None:
    blocks = long_english_page()
    for index in range(len(blocks)):  # wherever it sits, sampled or not
        page = list(blocks)
        page.insert(index, Block("paragraph", ES))
        result = annotate(tuple(page), hint=None, config=CONFIG)
        assert result.language == "en" and result.blocks[index].lang == "es", index


def test_function_words_screen_flags_other_languages_not_names_or_menus() -> None:
    assert could_differ(ES, "en")
    assert not could_differ(EN[0], "en")
    assert not could_differ("Home Products Services Contact Imprint Careers Newsroom Partners", "en")
