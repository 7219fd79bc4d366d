"""Boilerplate markers: per-language data tables merged by load_markers."""

from __future__ import annotations

import pytest

from toolkit.markers import load_markers, marker_languages

REQUIRED = ("en", "zh", "ja", "ko", "ru", "de", "fr", "es", "pt", "ar")


def test_every_required_language_has_a_table() -> None:
    assert set(REQUIRED) <= set(marker_languages())


@pytest.mark.parametrize(
    "opener",
    ["You are here", "Current location", "当前位置", "您的位置", "Вы здесь", "Sie sind hier", "Vous êtes ici",
     "Usted está aquí", "Você está aqui", "現在位置", "현재 위치", "أنت هنا"],
)
def test_breadcrumb_openers_are_known(opener: str) -> None:
    assert opener in load_markers().breadcrumb_openers


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Posted on February 8, 2025 by admin", "posted-on"),
        ("Read more »", "read-more"),
        ("阅读全文", "read-more"),
        ("Weiterlesen", "read-more"),
        ("Читать далее", "read-more"),
        ("اقرأ المزيد", "read-more"),
        ("分享到：微信 微博 QQ空间", "share"),
        ("Share on Facebook", "share"),
        ("We use cookies to improve your experience.", "cookie"),
        ("Wir verwenden Cookies, um unsere Website zu verbessern.", "cookie"),
        ("発表日：2025年2月8日", None),
        ("公開日：2025年2月8日", "posted-on"),
        ("Bisher keine Kommentare", "comments"),
        ("Comments are closed.", "comments"),
        ("Kommentare zu Bauvorhaben nimmt die Stadt bis Freitag entgegen.", None),
        ("Last updated: 13 July 2020", "label"),
        ("Von:\nGötz Warnke", "label"),
        ("Von Berlin nach Paris: eine Reise", None),
        ("Stand der Technik: was heute geht", None),
        ("zurück zur Listenansicht", "back-link"),
        ("← Back to all posts", "back-link"),
        ("Back to the Future", None),
        ("« Zurück zur Übersicht", "back-link"),
        ("Volver al inicio", "back-link"),
        ("Retour à l'accueil", "back-link"),
        ("Torna alla home", "back-link"),
        ("Terug naar het overzicht", "back-link"),
        ("Zurück zur Natur", None),
        ("Regresar a casa fue lo más difícil.", None),
        ("Retour à la normale pour les transports en commun.", None),
        ("Torna al centro del dibattito la riforma delle pensioni.", None),
        ("Voltar ao trabalho depois das férias foi difícil.", None),
        ("Вернуться к нормальной жизни будет непросто.", None),
        ("Terug naar de basis: zo werkt het.", None),
        ("Powrót do szkoły budzi emocje wśród rodziców.", None),
        ("PUEDES VER: ¿Qué es la Sunedu y para qué sirve?", "read-also"),
        ("Lesen Sie auch: Was die Bahn jetzt plant", "read-also"),
        ("Читайте также: Новые правила въезда", "read-also"),
        ("(Noch keine Bewertungen)", "rating"),
        ("Stand: Die Regierung hat noch nicht entschieden.", None),
        ("Letzte Änderung 14.02.2019", "updated-date"),
        ("Updated 2021-03-04", "updated-date"),
        ("Updated 3 players in the list", None),
        ("Stand der Dinge 12.3.2020", None),
        ("Related: the minister resigned on Friday evening.", None),
        ("Recommended: a tent for two and a light stove.", None),
    ],
)
def test_line_patterns_name_their_rule(line: str, rule: str | None) -> None:
    assert load_markers().line_rule(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        "We read more books this year than ever before, and the library was full every weekend.",
        "Share prices rose sharply after the announcement on Monday morning.",
        "The home team won the match in the final minute.",
    ],
)
def test_real_sentences_are_not_boilerplate(line: str) -> None:
    assert load_markers().line_rule(line) is None


def test_restricting_languages_and_unknown_codes() -> None:
    markers = load_markers(["de", "xx"])
    assert markers.languages == ("de",)
    assert "Sie sind hier" in markers.breadcrumb_openers
    assert "当前位置" not in markers.breadcrumb_openers
    assert "›" in markers.separators


def test_markers_are_cached_and_frozen() -> None:
    assert load_markers() is load_markers()
    with pytest.raises(AttributeError):
        load_markers().home_words = ()  # type: ignore[misc]


def test_home_words() -> None:
    assert {"Home", "首页", "Startseite", "Главная", "Accueil", "Inicio", "ホーム", "홈", "الرئيسية"} <= set(load_markers().home_words)


@pytest.mark.parametrize(
    ("paragraph", "bio"),
    [
        ("Jane Doe is a reporter at the Daily News. She covers city hall.", True),
        ("Martin has worked as a Python developer since 2007; his career began in 2001.", True),
        ("Smith was charged with murder; his trial begins next month.", False),
        ("Smith is expected to appear in court; his lawyer declined to comment.", False),
        ("The Senator has been a strong voice for his constituents, she said.", False),
    ],
)
def test_author_bio_patterns_match_bios_not_closing_news_lines(paragraph: str, bio: bool) -> None:
    assert any(p.search(paragraph) for p in load_markers().author_bio) is bio


@pytest.mark.parametrize(
    "closing",
    [
        "Die Stadt will die betroffenen Familien unterstützen.",
        "Was hat Ihnen der Arzt gesagt?",
        "Residents are invited to join our community meeting on Friday.",
        "Así lo informó nuestro canal aliado en la región.",
    ],
)
def test_closing_sentences_of_an_article_are_not_calls_to_action(closing: str) -> None:
    from toolkit.article import Block
    from toolkit.extract.rules import load_rules
    from toolkit.extract.tail import is_call_to_action

    assert not is_call_to_action(Block("paragraph", text=closing), closing, load_rules())


def test_phrase_pattern_matches_a_phrase_at_a_word_start_in_any_case_and_an_empty_list_nothing() -> None:
    from toolkit.markers import phrase_pattern

    pattern = phrase_pattern(["affiliate links", "folgen Sie"])
    assert pattern.search("This post contains Affiliate Links.") is not None
    assert pattern.search("FOLGEN SIE uns") is not None
    assert pattern.search("nonaffiliate links") is None  # not at the start of a word
    assert phrase_pattern([]).search("anything at all") is None
