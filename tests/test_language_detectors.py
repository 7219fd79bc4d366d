"""Detectors behind the Detector protocol: restricted, ISO codes, deterministic."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from toolkit.config import Config
from toolkit.language.detectors import Detector, LangdetectSampler, ProfileScorer

LANGS = Config().languages


@pytest.mark.parametrize("make", [lambda: ProfileScorer(LANGS), lambda: LangdetectSampler(LANGS, seed=0)])
def test_detectors_answer_iso_codes_within_their_languages(make) -> None:  # type: ignore[no-untyped-def]
    detector: Detector = make()
    found = detector.detect("我们今天去公园散步，天气很好。")
    assert found[0][0] == "zh"
    assert {lang for lang, _ in found} <= set(LANGS)
    assert detector.detect("Das Wetter ist heute wirklich schön.")[0][0] == "de"


def test_langdetect_sampler_is_deterministic_when_seeded() -> None:
    text = "fare la spesa"
    answers = {tuple(LangdetectSampler(LANGS, seed=3).detect(text)) for _ in range(5)}
    assert len(answers) == 1


def test_restriction_leaves_out_other_languages() -> None:
    scorer = ProfileScorer(("en", "de"))
    assert scorer.languages == ("de", "en")
    assert {lang for lang, _ in scorer.detect("Le chat dort sur le canapé.")} <= {"en", "de"}


def test_no_evidence_gives_no_answer() -> None:
    assert ProfileScorer(LANGS).detect("") == []
    assert LangdetectSampler(LANGS).detect("12345") == []


def scored_with(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The detector names identification asks for, one per scored run, from now on."""
    import importlib

    identify = importlib.import_module("toolkit.language.identify")  # the package's ``identify`` is the function
    used: list[str] = []
    real = identify._scorer

    def spy(candidates, universe, sizes, detector):  # type: ignore[no-untyped-def]
        used.append(detector)
        return real(candidates, universe, sizes, detector)

    monkeypatch.setattr(identify, "_scorer", spy)
    return used


def test_detector_is_chosen_by_config(monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit.language import detect_text

    text = "Сегодня в Москве прошла встреча министров.\nDas Wetter ist heute wirklich schön."
    for name in ("profiles", "langdetect"):
        used = scored_with(monkeypatch)
        found = detect_text(text, config=Config(detector=name))
        assert {s.lang for s in found.languages} == {"ru", "de"}, name
        assert used and set(used) == {name}


def test_unknown_detector_is_a_usage_error() -> None:
    from toolkit.errors import UsageError
    from toolkit.language import detect_text

    with pytest.raises(UsageError, match="unknown language detector"):
        detect_text("Das Wetter ist heute wirklich schön.", config=Config(detector="nope"))


def test_lingua_detector_answers_iso_codes_within_its_languages() -> None:
    pytest.importorskip("lingua")
    from toolkit.language.lingua import LinguaDetector

    detector: Detector = LinguaDetector(LANGS)
    assert detector.detect("我们今天去公园散步，天气很好。")[0][0] == "zh"
    found = detector.detect("Das Wetter ist heute wirklich schön.")
    assert found[0][0] == "de" and {lang for lang, _ in found} <= set(LANGS)
    assert detector.detect("12345") == []


def test_lingua_labels_mixed_text_through_config(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("lingua")
    from toolkit.language import detect_text

    used = scored_with(monkeypatch)
    found = detect_text("Сегодня в Москве прошла встреча.\nDas Wetter ist heute wirklich schön.", config=Config(detector="lingua"))
    assert {s.lang for s in found.languages} == {"ru", "de"}
    assert used and set(used) == {"lingua"}


def test_a_long_text_is_scored_as_the_sum_of_its_words_without_lanes_overflowing() -> None:
    from toolkit.config import DEFAULT_LANGUAGES
    from toolkit.language.detectors import make_scorer

    scorer = make_scorer("profiles", ("en", "de", "fr", "es", "it", "nl", "pt"), DEFAULT_LANGUAGES, (1, 2, 3))
    one, seen = scorer.loglik(["zzqx"])
    many, seen_many = scorer.loglik(["zzqx"] * 100_000)
    assert seen_many == 100_000 * seen
    assert many == pytest.approx([100_000 * s for s in one], rel=1e-9)


@given(st.text(alphabet=st.characters(categories=("Ll",)), min_size=1, max_size=30))
@example("hello")
@example("januar")
@example("ǆemal")  # title case differs from upper case
def test_a_capitalized_word_costs_per_language_the_cheaper_of_its_two_readings(lower: str) -> None:
    """Without word lists a capitalized word is read as written and lower-cased; each language
    keeps its cheaper reading, the n-gram count is the written one's (``_either``, lane by lane)."""
    from toolkit.language.detectors import _LANE

    word = lower[0].upper() + lower[1:]
    if not (word[:1].isupper() and word[1:].islower()):
        return
    scorer = ProfileScorer(("en", "it", "de", "id"), word_evidence=False)
    lanes = len(scorer.languages) + 1

    def unpacked(packed: int) -> list[int]:
        return [(packed >> (_LANE * i)) & ((1 << _LANE) - 1) for i in range(lanes)]

    written, lowered = unpacked(scorer._grams(word)), unpacked(scorer._grams(word.lower()))
    expected = [min(a, b) for a, b in zip(written[:-1], lowered[:-1])] + written[-1:]
    assert unpacked(scorer._score_word(word)) == expected
