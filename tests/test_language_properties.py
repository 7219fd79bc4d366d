"""Invariants of language spans: every letter covered once, offsets valid, deterministic."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.config import Config
from toolkit.language import detect_text

CONFIG = Config()
PIECES = [
    "The weather is nice today. ",
    "Das Wetter ist heute schön. ",
    "今天天气很好。",
    "今日はいい天気です。",
    "오늘은 날씨가 좋습니다. ",
    "Сегодня хорошая погода. ",
    "الطقس جميل اليوم. ",
    "\n",
    " › ",
    "OK ",
]
mixed = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)
anything = st.text(max_size=200)


def assert_spans_cover_letters(text: str) -> None:
    found = detect_text(text, config=CONFIG)
    covered = [0] * len(text)
    previous_end = 0
    for span in found.spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.start >= previous_end, "spans overlap or are out of order"
        previous_end = span.end
        assert span.lang in CONFIG.languages
        for i in range(span.start, span.end):
            covered[i] += 1
    for i, ch in enumerate(text):
        if ch.isalpha():
            assert covered[i] == 1, f"letter {ch!r} at {i} not covered exactly once"
    assert (found.language is None) == (not any(c.isalpha() for c in text))


@settings(max_examples=60, deadline=None)
@given(mixed)
def test_spans_cover_every_letter_of_mixed_text(text: str) -> None:
    assert_spans_cover_letters(text)


@settings(max_examples=150, deadline=None)
@given(anything)
def test_any_unicode_never_crashes_and_spans_cover_letters(text: str) -> None:
    assert_spans_cover_letters(text)


@settings(max_examples=30, deadline=None)
@given(mixed)
def test_detection_is_deterministic(text: str) -> None:
    assert detect_text(text, config=CONFIG) == detect_text(text, config=CONFIG)


@settings(max_examples=40, deadline=None)
@given(mixed)
def test_shares_are_rounded_and_sorted(text: str) -> None:
    shares = detect_text(text, config=CONFIG).languages
    assert list(shares) == sorted(shares, key=lambda s: (-s.share, s.lang))
    assert all(round(s.share, 4) == s.share for s in shares)


LANGS = ("cs", "de", "en", "es", "fr", "pt")
scores_st = st.lists(st.floats(-500, 0, allow_nan=False), min_size=len(LANGS), max_size=len(LANGS)).map(lambda s: dict(zip(LANGS, s)))
prior_st = st.dictionaries(st.sampled_from(LANGS + ("zh",)), st.floats(0, 1, allow_nan=False), max_size=4)


@given(scores_st, prior_st)
def test_the_posterior_best_is_the_argmax_over_every_candidate(scores: dict[str, float], prior: dict[str, float]) -> None:
    import math

    from toolkit.language.identify import EVIDENCE_WEIGHT, PRIOR_FLOOR, _posterior_best

    floor = PRIOR_FLOOR / len(scores)
    mass = sum(prior.get(lang, 0.0) for lang in scores) or 1.0
    ranked = [(EVIDENCE_WEIGHT * s + math.log(floor + prior.get(lang, 0.0) / mass), lang) for lang, s in scores.items()]
    assert _posterior_best(scores, prior) == max(ranked)[1]
