"""annotate: the pipeline's language step over the blocks of one document."""

from __future__ import annotations

from toolkit.article import Block, ListItem
from toolkit.config import Config
from toolkit.language import annotate

CONFIG = Config()
EN = "The committee published its final report on the future of public transport in the region."
EN2 = "It recommends more frequent buses, cheaper tickets and new cycle lanes in every district."


def test_blocks_in_the_document_language_get_no_lang() -> None:
    result = annotate((Block("paragraph", EN), Block("paragraph", EN2)), hint=None, config=CONFIG)
    assert result.language == "en"
    assert [b.lang for b in result.blocks] == [None, None]
    assert result.languages[0].lang == "en" and result.languages[0].share == 1.0


def test_a_foreign_block_gets_its_lang() -> None:
    blocks = (Block("paragraph", "当前位置：首页 > 新闻"), Block("paragraph", EN), Block("paragraph", EN2))
    result = annotate(blocks, hint=None, config=CONFIG)
    assert result.language == "en"
    assert result.blocks[0].lang == "zh"
    assert result.blocks[0].spans == ()


def test_a_mixed_block_gets_spans_with_offsets_into_its_text() -> None:
    text = "Der Bericht erschien gestern in Berlin. " + EN
    result = annotate((Block("paragraph", EN2), Block("paragraph", text)), hint=None, config=CONFIG)
    spans = result.blocks[1].spans
    assert {s.lang for s in spans} == {"de", "en"}
    assert text[spans[0].start : spans[0].end].startswith("Der Bericht")
    assert spans[-1].end <= len(text)


def test_lists_and_tables_are_labelled_as_a_whole() -> None:
    items = (ListItem("Привет, как дела у тебя сегодня?"), ListItem("Всё хорошо, спасибо большое."))
    table = Block("table", rows=(("Город", "Население"), ("Москва", "13 миллионов")))
    blocks = (Block("paragraph", EN), Block("list", items=items), table, Block("paragraph", EN2))
    result = annotate(blocks, hint=None, config=CONFIG)
    assert result.blocks[1].lang == "ru" and result.blocks[1].spans == ()
    assert result.blocks[2].lang == "ru" and result.blocks[2].spans == ()


def test_code_blocks_are_left_out() -> None:
    blocks = (Block("paragraph", EN), Block("code", "def main():\n    return print('hallo welt')"))
    result = annotate(blocks, hint=None, config=CONFIG)
    assert result.blocks[1] == blocks[1]
    assert [s.lang for s in result.languages] == ["en"]


def test_no_letters_gives_no_language() -> None:
    result = annotate((Block("paragraph", "2025 — 42"),), hint="en", config=CONFIG)
    assert result.language is None and result.languages == ()


def test_annotating_twice_changes_nothing() -> None:
    blocks = (Block("paragraph", "当前位置：首页"), Block("paragraph", EN + " Das ist gut so, sagt er."), Block("paragraph", EN2))
    once = annotate(blocks, hint=None, config=CONFIG)
    twice = annotate(once.blocks, hint=None, config=CONFIG)
    assert once == twice


def test_detection_reads_each_block_as_its_plain_text_and_skips_code() -> None:
    from toolkit.language import SKIPPED_TYPES, _block_texts

    items = (ListItem("Erster Punkt der Liste"), ListItem("Zweiter Punkt"))
    blocks = (
        Block("heading", "Überschrift", level=2),
        Block("paragraph", EN),
        Block("quote", EN2),
        Block("list", items=items),
        Block("table", rows=(("Stadt", "Einwohner"), ("Berlin", "3,7 Millionen"))),
        Block("image", src="a.png", alt="ein Bild", caption="Bildunterschrift"),
        Block("code", "print('hello')"),
    )
    expected = ["" if b.type in SKIPPED_TYPES else b.plain_text() for b in blocks]
    assert _block_texts(blocks) == expected
