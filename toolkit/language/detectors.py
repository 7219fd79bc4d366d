"""Detectors behind one small interface, built on langdetect's bundled profiles.

``Detector.detect(text)`` returns ``[(lang, probability), ...]`` best first, restricted to
the languages it was built for. Two implementations share one restricted
``langdetect.DetectorFactory`` (profiles loaded once per language set, cached):

* :class:`ProfileScorer` — the default: the same n-gram model as langdetect, but it scores
  *every* n-gram of the text once (naive Bayes in log space) instead of sampling n-grams at
  random seven times. Deterministic by construction, and per-word scores are cached so a
  page costs about one dictionary lookup per word. It also exposes raw log-likelihoods,
  which the segmenter combines with the document's languages as a prior.
* :class:`LangdetectSampler` — langdetect's own ``Detector`` (seeded, restricted), for
  comparison and for anyone who wants langdetect's exact answers.

Codes are ISO 639-1: langdetect's ``zh-cn``/``zh-tw`` profiles both answer ``zh``.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, Sequence

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException
from langdetect.utils.lang_profile import LangProfile
from langdetect.utils.ngram import NGram

#: ISO 639-1 code -> langdetect profile names.
_PROFILE_NAMES: dict[str, tuple[str, ...]] = {"zh": ("zh-cn", "zh-tw")}
#: Smoothing: every n-gram multiplies a language's probability by _SMOOTHING + p. langdetect
#: uses 0.5/10000; a smaller value measured better on short text (devset single words and
#: pairs, +1.5 points each), since an n-gram a language never shows is then stronger evidence.
_SMOOTHING = 1e-5
#: Weight of single characters against bigrams and trigrams (they say least about a language).
_UNIGRAM_WEIGHT = 0.5
#: Words longer than this are cut for scoring (their first n-grams carry the evidence).
_MAX_WORD = 24


class Detector(Protocol):
    """What the segmenter needs from a language detector."""

    languages: tuple[str, ...]

    def detect(self, text: str) -> list[tuple[str, float]]:
        """Languages of ``text`` with probabilities, best first (empty when there is no evidence)."""
        ...


def iso_code(profile_name: str) -> str:
    """``zh-cn`` -> ``zh``; other langdetect names are already ISO 639-1."""
    return profile_name.split("-")[0]


def available_languages() -> frozenset[str]:
    """ISO codes for which langdetect ships a profile."""
    return frozenset(iso_code(name) for name in os.listdir(PROFILES_DIRECTORY) if not name.startswith("."))


@lru_cache(maxsize=16)
def restricted_factory(languages: tuple[str, ...]) -> DetectorFactory:
    """A langdetect factory holding only the profiles of ``languages`` (loaded once, cached)."""
    import json

    names = [name for lang in languages for name in _PROFILE_NAMES.get(lang, (lang,))]
    names = [n for n in names if os.path.isfile(os.path.join(PROFILES_DIRECTORY, n))]
    factory = DetectorFactory()
    for index, name in enumerate(names):
        with open(os.path.join(PROFILES_DIRECTORY, name), encoding="utf-8") as handle:
            factory.add_profile(LangProfile(**json.load(handle)), index, len(names))
    factory.set_seed(0)
    return factory


@lru_cache(maxsize=4096)
def _normalize_char(ch: str) -> str:
    return NGram.normalize(ch)


def word_ngrams(word: str) -> list[str]:
    """langdetect's 1- to 3-grams of one word, padded with spaces (``" ab"``, ``"ab "``...)."""
    if len(word) > 1 and word.isupper():
        word = word.lower()  # langdetect skips all-capital words; lower-casing keeps their evidence
    chars = "".join(_normalize_char(c) for c in word[:_MAX_WORD]).replace(" ", "")
    padded = f" {chars} "
    grams = list(chars)
    grams += [padded[i : i + 2] for i in range(len(padded) - 1)]
    grams += [padded[i : i + 3] for i in range(len(padded) - 2)]
    return grams


@dataclass(frozen=True)
class _Table:
    """Log-probabilities of each n-gram for a fixed, ordered set of ISO languages."""

    languages: tuple[str, ...]
    grams: dict[str, tuple[float, ...]]


@lru_cache(maxsize=64)
def _table(languages: tuple[str, ...], universe: tuple[str, ...]) -> _Table:
    """The n-gram table for ``languages``, read from the factory already loaded for ``universe``."""
    factory = restricted_factory(universe)
    codes = tuple(c for c in dict.fromkeys(iso_code(n) for n in factory.langlist) if c in languages)
    columns = [[i for i, n in enumerate(factory.langlist) if iso_code(n) == c] for c in codes]
    grams = {}
    for gram, probs in factory.word_lang_prob_map.items():
        if not any(probs[i] for col in columns for i in col):
            continue
        weight = _UNIGRAM_WEIGHT if len(gram) == 1 else 1.0
        grams[gram] = tuple(weight * math.log(_SMOOTHING + max(probs[i] for i in col)) for col in columns)
    return _Table(codes, grams)


class ProfileScorer:
    """Deterministic naive Bayes over langdetect's profiles, restricted to ``languages``."""

    def __init__(self, languages: Sequence[str], *, universe: Sequence[str] | None = None) -> None:
        wanted = tuple(sorted(set(languages) & available_languages()))
        pool = tuple(sorted(set(universe or ()) & available_languages())) or wanted
        self._table = _table(wanted, pool)
        self.languages: tuple[str, ...] = self._table.languages
        self._word = lru_cache(maxsize=65536)(self._score_word)

    def _score_word(self, word: str) -> tuple[tuple[float, ...], int] | None:
        grams = self._table.grams
        rows = [grams[g] for g in word_ngrams(word) if g in grams]
        if not rows:
            return None
        return tuple(map(sum, zip(*rows))), len(rows)

    def word_scores(self, word: str) -> tuple[tuple[float, ...], int] | None:
        """Summed log-likelihoods of one word per language and the number of n-grams seen (cached)."""
        return self._word(word)

    def loglik(self, words: Sequence[str]) -> tuple[list[float], int]:
        """Summed log-likelihoods of ``words`` per language in ``self.languages``, and n-grams seen."""
        scored = [found for found in map(self._word, words) if found is not None]
        if not scored:
            return [0.0] * len(self.languages), 0
        return list(map(sum, zip(*(row for row, _ in scored)))), sum(n for _, n in scored)

    def detect(self, text: str) -> list[tuple[str, float]]:
        scores, seen = self.loglik(text.split())
        if not seen:
            return []
        return sorted(zip(self.languages, softmax(scores)), key=lambda p: (-p[1], p[0]))


class LangdetectSampler:
    """langdetect's own seeded ``Detector`` on a restricted factory (answers as langdetect gives them)."""

    def __init__(self, languages: Sequence[str], *, seed: int = 0, max_chars: int = 10000) -> None:
        wanted = tuple(sorted(set(languages) & available_languages()))
        self._factory = restricted_factory(wanted)
        self.languages: tuple[str, ...] = tuple(dict.fromkeys(iso_code(n) for n in self._factory.langlist))
        self._seed = seed
        self._max_chars = max_chars

    def detect(self, text: str) -> list[tuple[str, float]]:
        detector = self._factory.create()
        detector.seed = self._seed
        detector.set_max_text_length(self._max_chars)
        detector.append(text)
        try:
            found = detector.get_probabilities()
        except LangDetectException:
            return []
        merged: dict[str, float] = {}
        for item in found:
            merged[iso_code(item.lang)] = merged.get(iso_code(item.lang), 0.0) + item.prob
        return sorted(merged.items(), key=lambda p: (-p[1], p[0]))


def softmax(scores: Sequence[float]) -> list[float]:
    """Probabilities from log-scores, computed stably."""
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]
