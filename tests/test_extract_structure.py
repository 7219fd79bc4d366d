"""Typed blocks: headings, nested lists, tables, quotes, code, images and inline marks."""

from __future__ import annotations

from pathlib import Path

from toolkit.config import Config
from toolkit.extract import extract_html

HTML = Path(__file__).resolve().parent.parent / "fixtures" / "html"
URL = "https://backstube.example/rezepte/sauerteig"


def _blocks():
    return extract_html((HTML / "structure.html").read_text("utf-8"), url=URL, config=Config()).blocks


def _first(kind: str):
    return next(b for b in _blocks() if b.type == kind)


def test_nested_unordered_list_keeps_its_levels() -> None:
    lst = _first("list")
    assert lst.ordered is False
    assert [i.text for i in lst.items] == ["100 g Roggenmehl (Type 1150)", "100 ml lauwarmes Wasser"]
    child = lst.items[1].children[0]
    assert child.type == "list" and [i.text for i in child.items] == ["am besten gefiltert", "etwa 35 °C warm"]


def test_list_items_that_wrap_paragraphs_keep_every_paragraph() -> None:
    ordered = [b for b in _blocks() if b.type == "list"][1]
    assert ordered.ordered is True
    first = ordered.items[0]
    assert first.text == "Mehl und Wasser in einem Glas verrühren."
    assert [c.text for c in first.children] == ["Das Glas locker abdecken."]


def test_table_has_header_and_rows() -> None:
    table = _first("table")
    assert table.header is True
    assert table.rows == (("Tag", "Temperatur"), ("1", "26 °C"), ("2", "28 °C"))


def test_quote_and_code_blocks() -> None:
    assert _first("quote").text == "Geduld ist die wichtigste Zutat."
    code = _first("code")
    assert code.info == "python"
    assert code.text == "def fuettern(mehl, wasser):\n    return mehl + wasser"


def test_image_gets_an_absolute_src_alt_and_its_caption_which_stays_out_of_the_running_text() -> None:
    image = _first("image")
    assert image.src == "https://backstube.example/bilder/glas.jpg"
    assert image.alt == "Glas mit Sauerteig"
    assert image.caption == "Tag drei: erste Blasen."
    assert all("erste Blasen" not in b.plain_text() for b in _blocks())


def test_a_caption_without_a_usable_image_is_recorded_not_lost() -> None:
    page = """<html><body><article><h1>Sauerteig</h1>
    <p>Ein Sauerteig braucht Zeit, Wärme und regelmäßiges Füttern, dann wird das Brot locker und aromatisch.</p>
    <figure><img src="javascript:void(0)" alt=""><figcaption>Tag drei: erste Blasen.</figcaption></figure>
    </article></body></html>"""
    removed = extract_html(page, url=URL, config=Config()).removed
    assert ("html:figcaption", "Tag drei: erste Blasen.") in [(r.rule, r.text) for r in removed]


def test_heading_levels_follow_the_markup() -> None:
    assert [(b.level, b.text) for b in _blocks() if b.type == "heading"] == [
        (1, "Sauerteig ansetzen"), (2, "Zutaten"), (2, "Ablauf"), (3, "Temperaturen")]


def test_links_become_marks_with_absolute_urls_but_script_and_data_links_do_not() -> None:
    para = _blocks()[-1]
    assert para.text == "Mehr dazu im Popup, in der Datei und im Lexikon."
    assert [(para.text[m.start:m.end], m.type, m.url) for m in para.marks] == [
        ("Lexikon", "link", "https://backstube.example/lexikon/sauerteig")]


def test_bold_and_italic_marks_point_at_their_words() -> None:
    html = (HTML / "news-article.html").read_text("utf-8")
    blocks = extract_html(html, url=None, config=Config()).blocks
    marked = [(b.text[m.start:m.end], m.type) for b in blocks for m in b.marks]
    assert ("four hundred volunteers", "strong") in marked
    assert ("shopping trolleys", "em") in marked
    assert ("route map", "link") in marked


def test_mojibake_is_repaired_in_every_shape_the_fast_gate_lets_through() -> None:
    """UTF-8 read as cp1252 (two-character runs and a lone Â before a space) and as cp1251."""
    broken = ["Caf\u00c3\u00a9 cr\u00c3\u00a8me au lait, tr\u00c3\u00a8s bien",
              "Prix\u00c2 : dix euros",
              "\u0432\u0402\u045a\u0421\u0435\u0440\u0432\u0438\u0441\u0432\u0402\u045c is back"]
    html = "<html><body><article>" + "".join(f"<p>{p} und noch etwas mehr Text hier.</p>" for p in broken) + "</article></body></html>"
    text = " ".join(b.text for b in extract_html(html, config=Config()).blocks)
    assert "Café crème au lait, très bien" in text
    assert "\u00c3" not in text and "\u0432\u0402" not in text


def test_a_table_whose_header_cell_holds_a_heading_is_still_a_data_table() -> None:
    page = """<html><body><article><h1>Sauerteigbrot</h1>
    <p>Ein kräftiges Roggenbrot aus eigenem Sauerteig, das mehrere Tage frisch bleibt und gut schmeckt.</p>
    <table><thead><tr><th colspan="2"><h3>Für den Teig:</h3></th></tr></thead><tbody>
    <tr><td><span>500 g</span></td><td><span><a href="/zutaten/roggenmehl">Roggenmehl</a>, Type 1150</span></td></tr>
    <tr><td><span>350 ml</span></td><td><span><a href="/zutaten/wasser">Wasser</a>, lauwarm</span></td></tr>
    </tbody></table></article></body></html>"""
    table = next(b for b in extract_html(page, url=URL, config=Config()).blocks if b.type == "table")
    assert table.rows == (("Für den Teig:",), ("500 g", "Roggenmehl, Type 1150"), ("350 ml", "Wasser, lauwarm"))
