"""Main-content extraction: what is kept, what is removed (with its rule), and robustness."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from toolkit.article import Block
from toolkit.config import Config
from toolkit.errors import InputError, RejectedError
from toolkit.extract import extract_html

HTML = Path(__file__).resolve().parent.parent / "fixtures" / "html"


def _extract(name: str, **kwargs):
    return extract_html((HTML / name).read_text("utf-8"), url=kwargs.pop("url", None), config=kwargs.pop("config", Config()))


def _text(extraction) -> str:
    return "\n\n".join(b.plain_text() for b in extraction.blocks)


def test_article_body_is_kept_and_page_chrome_is_not() -> None:
    text = _text(_extract("news-article.html"))
    assert "More than four hundred volunteers joined the spring clean-up" in text
    for chrome in ("We use cookies", "Most read", "All rights reserved", "Share on Facebook",
                   "Great job everyone", "Last year's clean-up in pictures", "Home > News"):
        assert chrome not in text


def test_boilerplate_goes_to_removed_with_stable_rule_names() -> None:
    removed = {r.rule: r.text for r in _extract("news-article.html").removed}
    assert "We use cookies" in removed["html:class-token:cookie"]
    assert "Great job everyone" in removed["html:class-token:comments"]
    assert "All rights reserved" in removed["html:footer"]
    assert "Most read" in removed["html:aside"]


def test_scripts_styles_and_noscript_never_reach_the_output() -> None:
    extraction = _extract("news-article.html")
    everything = _text(extraction) + " ".join(r.text for r in extraction.removed)
    assert "trackPageView" not in everything
    assert "enable JavaScript" not in everything
    assert "display: none" not in everything


def test_title_heading_and_subheadings_are_kept() -> None:
    headings = [(b.level, b.text) for b in _extract("news-article.html").blocks if b.type == "heading"]
    assert headings == [(1, "River clean-up draws record crowd"), (2, "Schools join in")]


def test_content_split_over_articles_and_sections_inside_main_is_kept_whole() -> None:
    text = _text(_extract("sections-in-main.html"))
    for phrase in ("Chaque membre reçoit une parcelle", "L'eau de pluie est collectée", "Les outils communs sont rangés"):
        assert phrase in text
    assert "tous droits réservés" not in text


def test_text_nested_deeper_than_the_parser_limit_is_not_lost() -> None:
    assert "Text at the bottom of a very deep tree" in _text(_extract("deep-nesting.html"))


def test_listing_page_is_published_with_a_warning() -> None:
    codes = [w.code for w in _extract("listing.html").warnings]
    assert "listing-page" in codes


def test_listing_page_is_rejected_with_its_reason_in_strict_mode() -> None:
    with pytest.raises(RejectedError, match="listing page"):
        _extract("listing.html", config=Config(strict=True))


def test_an_article_page_is_not_flagged_as_listing() -> None:
    assert not [w for w in _extract("news-article.html").warnings if w.code == "listing-page"]


def test_block_text_is_clean_and_entities_are_decoded_once() -> None:
    blocks = _extract("news-article.html").blocks
    assert any("recycling & composting" in b.text for b in blocks)
    for block in blocks:
        assert block.text == " ".join(block.text.split()) or "\n" in block.text


@pytest.mark.parametrize("text", ["", "   ", "plain words, no markup", "<html></html>", "<?xml version='1.0' encoding='utf-8'?><p>x</p>"])
def test_degenerate_pages_give_an_extraction_not_an_exception(text: str) -> None:
    extraction = extract_html(text, url=None, config=Config())
    assert extract_html(text, url=None, config=Config()) == extraction  # and the same one every time
    assert all(b.plain_text() == b.plain_text().strip() for b in extraction.blocks)  # text is clean at the edges


def test_non_text_input_is_an_input_error() -> None:
    with pytest.raises(InputError):
        extract_html(b"<p>bytes</p>", url=None, config=Config())  # type: ignore[arg-type]


_TAGS = st.sampled_from(["div", "p", "a", "ul", "li", "ol", "table", "tr", "td", "h2", "pre", "b", "nav",
                         "article", "main", "figure", "img", "br", "script", "blockquote", "section"])


@st.composite
def _html(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        tag = draw(_TAGS)
        parts.append(draw(st.sampled_from([f"<{tag} class='content nav x'>", f"</{tag}>", f"<{tag} href='javascript:x'>"])))
        parts.append(draw(st.text(max_size=30)))
    return "".join(parts)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=500), _html()))
def test_any_text_extracts_without_raising(text: str) -> None:
    extraction = extract_html(text, url="https://example.org/a/b", config=Config())
    for block in extraction.blocks:
        for mark in block.marks:
            assert 0 <= mark.start < mark.end <= len(block.text)


def test_lead_paragraph_between_title_and_body_is_kept() -> None:
    text = _text(_extract("lead-in-header.html"))
    assert "Der Stadtrat hat am Dienstag beschlossen" in text
    assert text.index("Der Stadtrat hat") < text.index("Die ersten Abschnitte entstehen")
    assert "Die Kosten von rund acht Millionen Euro" in text


def test_lead_scan_stops_at_teaser_headlines_and_skips_bylines() -> None:
    extraction = _extract("lead-in-header.html")
    text = _text(extraction)
    assert "Von Petra Sommer" not in text
    assert "Stadtfest lockt" not in text
    assert not any("Der Stadtrat hat" in r.text for r in extraction.removed)


def test_sections_behind_deep_single_child_wrappers_are_joined() -> None:
    text = _text(_extract("wrapped-sections.html"))
    for phrase in ("Since the channel was dredged", "Dock workers welcomed the figures", "The city council will vote in June"):
        assert phrase in text
    assert "About" not in text


def test_camel_case_ids_and_custom_element_names_mark_boilerplate() -> None:
    extraction = _extract("named-chrome.html")
    text = _text(extraction)
    assert "central library will open on Sundays" in text
    assert "We and our partners store information" not in text
    assert "friends of the library" not in text
    rules = {r.rule for r in extraction.removed}
    assert {"html:class-token:cookie", "html:class-token:navigation"} <= rules


def test_comment_thread_longer_than_the_article_is_still_boilerplate() -> None:
    extraction = _extract("comments-outweigh-article.html")
    text = _text(extraction)
    assert "The new bridge over the Elbe will carry trams" in text
    assert "federal share of the funding stays the same" in text
    assert "I have been waiting for this bridge" not in text
    assert any("I have been waiting" in r.text and r.rule == "html:class-token:comments" for r in extraction.removed)


def test_sidebar_longer_than_the_article_is_still_boilerplate() -> None:
    from toolkit.extract.rules import load_rules
    from toolkit.extract.scoring import measure
    from toolkit.extract.tree import body_of, parse_html, strip_unwanted

    rules = load_rules()
    root = parse_html((HTML / "sidebar-outweighs-article.html").read_text("utf-8"))
    strip_unwanted(root, rules)
    body = body_of(root)
    stats = measure(body, rules)
    sidebar = body.find(".//div[@id='sidebar']")
    assert stats.boilerplate[sidebar].rule == "html:class-token:sidebar"
    assert "The village bakery reopened on Saturday" in _text(_extract("sidebar-outweighs-article.html"))


def test_copyright_and_picture_credit_lines_without_class_names_are_removed() -> None:
    extraction = extract_html((HTML / "credit-lines.html").read_text("utf-8"), config=Config())
    text = " ".join(b.plain_text() for b in extraction.blocks)
    assert "Die Kosten von rund 2,4 Millionen Euro" in text and "wegfallende Parkplätze" in text
    assert "©" not in text and "Alle Rechte vorbehalten" not in text
    assert {r.rule for r in extraction.removed if "©" in r.text} == {"html:credit-line"}


def test_content_markers_are_collected_in_document_order_by_the_measuring_pass() -> None:
    from toolkit.extract.rules import load_rules
    from toolkit.extract.scoring import measure
    from toolkit.extract.tree import body_of, parse_html

    rules = load_rules()
    page = ("<html><body><main id='m'><article id='a'><div itemprop='articleBody' id='ab'>x</div></article>"
            "<div property='articleBody' id='pb'>y</div><div itemprop='articleBody text' id='no'>z</div>"
            "<section role='main' id='r'><p itemprop='text' id='t'>w</p></section></main></body></html>")
    body = body_of(parse_html(page))
    assert [el.get("id") for el in measure(body, rules).marked] == ["m", "a", "ab", "pb", "r", "t"]


def test_class_and_id_verdicts_split_names_and_camel_case_as_before() -> None:
    from toolkit.extract.boilerplate import CONTENT, classify_attrs
    from toolkit.extract.rules import load_rules, name_tokens

    rules = load_rules()
    assert name_tokens("post-content main__body CookieBoxText") == (
        ("post-content", "main__body", "cookieboxtext"), ("post", "content", "main", "body", "cookie", "box", "text"))
    assert classify_attrs("div", {"class": "row entry-content"}, rules) is CONTENT
    assert classify_attrs("div", {"class": "row col-6", "id": "sidebar"}, rules).rule == "html:class-token:sidebar"
    assert classify_attrs("div", {"class": "page-header"}, rules) is None  # whole-only token inside a longer name
    assert classify_attrs("div", {"class": "CookieBanner"}, rules).rule == "html:class-token:cookie"
    assert classify_attrs("div", {"class": "x", "style": "display: none"}, rules).rule == "html:hidden"
    assert classify_attrs("div", {"role": " Navigation "}, rules).rule == "html:role:navigation"
    assert classify_attrs("div", {"href": "x"}, rules) is None


def test_sections_after_an_end_of_article_heading_are_removed_with_their_rule() -> None:
    extraction = _extract("article-end-sections.html")
    text = _text(extraction)
    assert "The wheel will turn again in spring" in text
    for tail in ("About the author", "Maria Lopez covers local government", "Related articles", "bridge repairs"):
        assert tail not in text
    cut = [r.text for r in extraction.removed if r.rule == "html:article-end"]
    assert cut[0] == "About the author" and any("bridge repairs" in t for t in cut)


def test_an_end_marker_early_in_the_text_is_a_section_heading_and_stays() -> None:
    text = _text(_extract("article-end-sections.html"))
    assert "See also" in text and "The conversion followed the plan" in text


def test_short_source_and_photo_label_lines_are_credit_lines() -> None:
    extraction = _extract("article-end-sections.html")
    assert "Source: Riverside Council" not in _text(extraction)
    assert ("Source: Riverside Council", "html:credit-line") in {(r.text, r.rule) for r in extraction.removed}


def test_a_closing_call_to_action_is_removed_but_the_same_words_mid_article_stay() -> None:
    extraction = _extract("article-end-sections.html")
    text = _text(extraction)
    assert "Residents who subscribe to the library's newsletter" in text
    assert "Follow Riverside Weekly" not in text
    assert ("Follow Riverside Weekly on Twitter and sign up for our newsletter.", "html:call-to-action") in {
        (r.text, r.rule) for r in extraction.removed}


def test_marker_lines_of_the_tables_are_removed_from_html_text_with_their_rule() -> None:
    extraction = _extract("article-end-sections.html")
    assert "Posted on" not in _text(extraction) and "Read more" not in _text(extraction)
    rules = {r.text: r.rule for r in extraction.removed}
    assert rules["Posted on March 3, 2024 by Maria Lopez"] == "html:marker:posted-on"
    assert rules["Read more »"] == "html:marker:read-more"


def test_a_noscript_left_open_by_the_page_does_not_hide_the_article() -> None:
    text = _text(_extract("unclosed-noscript.html"))
    assert "Sono almeno nove le femmine" in text and "quarto anno consecutivo" in text


def test_a_tracking_pixel_noscript_is_dropped_with_its_image() -> None:
    page = (HTML / "news-article.html").read_text("utf-8").replace(
        "<body>", '<body><noscript><img src="https://example.org/pixel.gif" alt=""></noscript>', 1)
    extraction = extract_html(page, url=None, config=Config())
    assert "pixel.gif" not in repr(extraction.blocks)
    assert "More than four hundred volunteers joined the spring clean-up" in _text(extraction)


_BLOCKS = st.lists(
    st.builds(lambda kind, text: Block(kind, text=text, level=2 if kind == "heading" else None),
              st.sampled_from(["heading", "paragraph"]),
              st.one_of(st.sampled_from(["About the author", "Related articles", "Kommentare:", "Notas relacionadas",
                                         "Folgen Sie uns", "Subscribe to our newsletter",
                                         "Jane Doe is a reporter. She covers the city."]),
                        st.text(alphabet="abc def", min_size=1, max_size=300))),
    max_size=30)


@settings(max_examples=200, deadline=None)
@given(_BLOCKS)
@example([Block("paragraph", text="abc def " * 40), Block("heading", text="About the author", level=2),
          Block("paragraph", text="abc def"), Block("paragraph", text="Folgen Sie uns")])  # an end section is cut
@example([Block("paragraph", text="abc def " * 40), Block("paragraph", text="Jane Doe is a reporter. She covers the city."),
          Block("paragraph", text="Folgen Sie uns")])  # closing paragraphs are cut: a bio, a call to action
def test_trimming_the_tail_keeps_the_head_of_the_text_and_records_all_it_cuts(blocks) -> None:
    from toolkit.extract.rules import load_rules
    from toolkit.extract.tail import trim_tail

    rules = load_rules()
    kept, removed = trim_tail(blocks, rules)
    assert kept == blocks[:len(kept)]
    total = sum(len(b.plain_text()) for b in blocks)
    if len(kept) < len(blocks):
        assert sum(len(b.plain_text()) for b in kept) >= max(rules.min_article, rules.min_share_before_end * total)
        assert [r.text for r in removed] == [b.plain_text() for b in blocks[len(kept):] if b.plain_text()]
        assert {r.rule for r in removed} <= {"html:article-end", "html:call-to-action", "html:author-bio"}
    else:
        assert removed == []


def test_short_labels_above_the_headline_are_kickers_and_go_to_removed() -> None:
    extraction = _extract("kicker-above-headline.html")
    text = _text(extraction)
    assert "Heritage" not in text and "03.03.2024 | Harbour" not in text
    kickers = [r.text for r in extraction.removed if r.rule == "html:kicker"]
    assert kickers == ["Heritage", "03.03.2024 | Harbour"]


def test_a_sentence_above_the_headline_and_lines_below_it_are_not_kickers() -> None:
    text = _text(_extract("kicker-above-headline.html"))
    assert "The crane is back." in text
    assert "Restoration" in text and text.index("Harbour crane returns") < text.index("Restoration")


def test_without_a_heading_that_reads_as_the_title_no_line_is_a_kicker() -> None:
    html = (HTML / "kicker-above-headline.html").read_text("utf-8").replace(
        '<meta property="og:title" content="Harbour crane returns to the quay">', "").replace(
        "<title>Harbour crane returns to the quay - Coastal News</title>", "<title>Coastal News</title>")
    extraction = extract_html(html, url=None, config=Config())
    assert not [r for r in extraction.removed if r.rule == "html:kicker"]


@settings(max_examples=200, deadline=None)
@given(_BLOCKS, st.sampled_from(["About the author", "abc", "Related articles", ""]))
def test_kickers_come_only_from_before_the_headline_and_nothing_is_lost(blocks, title) -> None:
    from toolkit.extract.kicker import drop_kickers
    from toolkit.extract.rules import load_rules

    kept, removed = drop_kickers(blocks, title or None, load_rules())
    assert len(kept) + len(removed) == len(blocks)
    assert all(len(r.text) <= load_rules().max_kicker and r.rule == "html:kicker" for r in removed)
    if removed:
        headline = next(i for i, b in enumerate(blocks)
                        if b.type == "heading" and " ".join(b.plain_text().split()).casefold() == title.casefold())
        assert kept[-(len(blocks) - headline):] == blocks[headline:]


def _without_end_sections() -> str:
    html = (HTML / "article-end-sections.html").read_text("utf-8")
    html = html.replace("<h3>About the author</h3>\n", "")
    start, end = html.index("    <h3>Related articles</h3>"), html.index("  </div>\n</div>")
    return html[:start] + html[end:]


def test_a_closing_paragraph_about_the_author_goes_to_removed_as_a_bio() -> None:
    extraction = extract_html(_without_end_sections(), url=None, config=Config())
    assert "Maria Lopez covers local government" not in _text(extraction)
    rules = [r.rule for r in extraction.removed if r.rule in ("html:author-bio", "html:call-to-action")]
    assert rules == ["html:call-to-action", "html:author-bio"]


def test_a_paragraph_about_a_person_mid_article_is_not_a_bio() -> None:
    html = _without_end_sections().replace(
        "<p>Librarians say", "<p>Anna Berg is a retired teacher who has read in the mill since 1970. She says the new rooms are brighter.</p>\n    <p>Librarians say")
    assert "Anna Berg is a retired teacher" in _text(extract_html(html, url=None, config=Config()))


def test_closing_paragraphs_are_found_behind_a_last_image_and_the_image_stays() -> None:
    html = _without_end_sections().replace("  </div>\n</div>", '    <img src="/mill-wheel.jpg" alt="">\n  </div>\n</div>')
    extraction = extract_html(html, url=None, config=Config())
    assert extraction.blocks[-1].type == "image"
    assert "Follow Riverside Weekly" not in _text(extraction)
    assert "Maria Lopez covers local government" not in _text(extraction)


def test_disclosures_at_the_edges_go_to_removed_and_the_same_words_mid_article_stay() -> None:
    extraction = _extract("disclosure-at-edges.html")
    text = _text(extraction)
    assert "This post contains affiliate links" not in text and "Advertising disclosure" not in text
    assert "Critics say that affiliate links tempt reviewers" in text
    disclosed = [r.text for r in extraction.removed if r.rule == "html:disclosure"]
    assert len(disclosed) == 2 and disclosed[0].startswith("This post contains affiliate links")


def test_a_sentence_that_links_most_of_itself_stays_but_a_linked_teaser_goes() -> None:
    page = """<html><body><article><h1>New spokesman at the plant</h1>
    <p>The company named a new spokesman on Monday, who will handle press relations for the plant and its suppliers.</p>
    <p>He replaces Anna Berg, <a href="/people/anna-berg">who for the last eight months combined the role with her work in the marketing department.</a></p>
    <p><a href="/news/other">Read the other story about the plant and its new owners, published last week</a></p>
    <p>Before that he spent four years as the press officer of an insurer, where he ran corporate communications.</p>
    </article></body></html>"""
    extraction = extract_html(page, url=None, config=Config())
    text = _text(extraction)
    assert "He replaces Anna Berg, who for the last eight months" in text
    assert "Read the other story" not in text
    assert any(r.rule == "html:link-density" and "Read the other story" in r.text for r in extraction.removed)
