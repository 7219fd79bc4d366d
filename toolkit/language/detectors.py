"""Detectors behind one small interface, built on langdetect's bundled profiles.

``Detector.detect(text)`` returns ``[(lang, probability), ...]`` best first, restricted to
the languages it was built for. Three implementations:

* :class:`ProfileScorer` — what identification uses (:mod:`.identify` calls its
  ``loglik``): word frequencies (:mod:`.frequencies`) for the words a language lists, and
  for the others the same n-gram model as langdetect, but scoring *every* n-gram of the word
  once (naive Bayes in log space) instead of sampling n-grams at random seven times.
  Deterministic by construction, and per-word scores are cached so a page costs about one
  dictionary lookup per word. Its packed n-gram table is the shipped file for the default
  languages (:mod:`.tablefile`), else built from a restricted ``langdetect.DetectorFactory``
  (:func:`restricted_factory`, profiles loaded once per language set, cached).
* :class:`LangdetectSampler` — langdetect's own ``Detector`` (seeded, on a restricted
  factory), for anyone who wants langdetect's exact answers (``Config(detector="langdetect")``).
* :class:`~toolkit.language.lingua.LinguaDetector` — Lingua, when the optional extra is
  installed (``pip install 'toolkit[lingua]'``; ``Config(detector="lingua")``).

Identification scores runs through the :class:`Scorer` protocol: ``ProfileScorer`` is one;
any other detector is wrapped in a :class:`ProbabilityScorer` (:func:`make_scorer` picks by
name, one of ``toolkit.config.DETECTORS``).

Codes are ISO 639-1: langdetect's ``zh-cn``/``zh-tw`` profiles both answer ``zh``.
"""

from __future__ import annotations

import math
import os
import struct
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Protocol, Sequence

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException
from langdetect.utils.lang_profile import LangProfile
from langdetect.utils.ngram import NGram

from ..config import DETECTORS
from ..errors import UsageError
from . import tablefile
from .evidence import bonus_tables
from .frequencies import word_costs

#: ISO 639-1 code -> langdetect profile names.
_PROFILE_NAMES: dict[str, tuple[str, ...]] = {"zh": ("zh-cn", "zh-tw")}
#: Smoothing: every n-gram multiplies a language's probability by floor + p, the floor being
#: this share of the smallest probability the language's profile keeps for n-grams of that
#: length (see :func:`_floors`).
_FLOOR_SHARE = 0.1
#: n-gram lengths scored by default. Single characters are left out for alphabets: they added
#: nothing measurable on the devset (words, pairs, mixed documents) and cost a third of the
#: scoring time. Scripts of thousands of characters (Han) need them: see ``gram_sizes`` in
#: ``rules/scripts.toml``.
_GRAM_SIZES = (2, 3)
#: Words longer than this are cut for scoring (their first n-grams carry the evidence).
_MAX_WORD = 24
#: Log-likelihood margin (nats) between the best two languages above which a run is sure
#: (the profile scorer's scale; other detectors are on :data:`PROBABILITY_SCALE`). 12 before
#: the word-frequency model, whose weight (3) widens the margins of short runs: 30 and 36
#: measure the same on short segments (mixed documents of ``benchmarks/langid.py``, seeds
#: 1-7: 97.8 %), letters 99.30 and 99.34 %, language-set F1 98.48 and 98.51 %.
SURE_MARGIN = 36.0


class Detector(Protocol):
    """A language detector: probabilities of the languages it was built for."""

    languages: tuple[str, ...]

    def detect(self, text: str) -> list[tuple[str, float]]:
        """Languages of ``text`` with probabilities, best first (empty when there is no evidence)."""
        ...


class Scorer(Protocol):
    """What identification needs: log-likelihoods per language of a run's words."""

    languages: tuple[str, ...]
    #: Margin (nats, on this scorer's scale) between the best two above which a run is sure.
    sure_margin: float

    def loglik(self, words: Sequence[str]) -> tuple[list[float], int]:
        """Log-likelihoods of ``words`` per language of ``self.languages``, and evidence seen (0: none)."""
        ...


def iso_code(profile_name: str) -> str:
    """``zh-cn`` -> ``zh``; other langdetect names are already ISO 639-1."""
    return profile_name.split("-")[0]


@lru_cache(maxsize=1)
def available_languages() -> frozenset[str]:
    """ISO codes for which langdetect ships a profile (the folder is listed once)."""
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


class _Normalizer(dict):  # type: ignore[type-arg]
    """``str.translate`` table applying langdetect's character normalization, filled on demand."""

    def __missing__(self, code: int) -> str:
        self[code] = NGram.normalize(chr(code))
        return self[code]


_NORMALIZE = _Normalizer()


@lru_cache(maxsize=256)
def _gram_slices(length: int, sizes: tuple[int, ...]) -> tuple[slice, ...]:
    """The n-gram slices of a padded word of ``length`` characters (a padded space alone is never a gram)."""
    return tuple(slice(i, i + n) for n in sizes for i in range(length - n + 1) if n > 1 or 0 < i < length - 1)


@lru_cache(maxsize=256)
def _head_and_tail(length: int, sizes: tuple[int, ...]) -> tuple[tuple[slice, ...], tuple[slice, ...]]:
    """:func:`_gram_slices` split into those that hold the word's first letter and the others."""
    slices = _gram_slices(length, sizes)
    return tuple(s for s in slices if s.start <= 1), tuple(s for s in slices if s.start > 1)


def padded_word(word: str) -> str:
    """The word as langdetect reads it: normalized, at most ``_MAX_WORD`` letters, between spaces."""
    if len(word) > 1 and word.isupper():
        word = word.lower()  # langdetect skips all-capital words; lower-casing keeps their evidence
    word = word[:_MAX_WORD]
    if not (word.isascii() and word.isalpha()):  # normalizing leaves ASCII letters as they are
        word = word.translate(_NORMALIZE).replace(" ", "")
    return f" {word} "


def word_ngrams(word: str, sizes: tuple[int, ...] = _GRAM_SIZES) -> Iterator[str]:
    """langdetect's n-grams of one word, padded with spaces (``" ab"``, ``"ab "``...).

    A padded space alone is never a gram (langdetect skips it too). The slicing runs in C
    (``map`` over cached ``slice`` objects): n-grams were a third of a new word's cost.
    """
    padded = padded_word(word)
    return map(padded.__getitem__, _gram_slices(len(padded), sizes))


#: Log-probabilities are stored as fixed-point costs (-log p, in thousandths of a nat)...
_SCALE = 1000
#: ...packed side by side in one Python integer, one 32-bit lane per language plus one lane
#: counting n-grams. Adding two packed integers adds every lane at once, in C, so scoring a
#: word is one dictionary lookup and one addition per n-gram, whatever the number of
#: languages. A lane holds 2**32 / 11513 (the largest n-gram cost) = 373,000 n-grams, or
#: the unseen-word costs of about 70,000 unlisted words (:mod:`.frequencies`, at most ~60,000
#: each): far more than the capped words of one run (:data:`.identify.MAX_WORDS`).
_LANE = 32


@dataclass(frozen=True)
class _Table:
    """Packed costs of each n-gram for a fixed, ordered set of ISO languages."""

    languages: tuple[str, ...]
    grams: dict[str, int]


def _pack(costs: Sequence[int]) -> int:
    packed = 1 << (_LANE * len(costs))  # the n-gram counter lane
    for i, cost in enumerate(costs):
        packed |= cost << (_LANE * i)
    return packed


@lru_cache(maxsize=16)
def _rarest(universe: tuple[str, ...]) -> dict[int, list[float]]:
    """Per n-gram length, the smallest probability each profile of ``universe`` keeps (one pass)."""
    factory = restricted_factory(universe)
    rarest: dict[int, list[float]] = {}
    for gram, probs in factory.word_lang_prob_map.items():
        row = rarest.setdefault(len(gram), [1.0] * len(probs))
        for i, p in enumerate(probs):
            if 0.0 < p < row[i]:
                row[i] = p
    return rarest


def _floors(universe: tuple[str, ...], column: list[int], sizes: tuple[int, ...]) -> dict[int, float]:
    """Probability given to an n-gram a profile lacks, per n-gram length: a share of its rarest kept one.

    langdetect's profiles keep only n-grams above a frequency cut-off, and the cut-off differs
    by profile (ro and vi keep three times as many trigrams as en, down to a tenth of the
    probability). A missing n-gram is rarer than the rarest one kept, so its probability is
    taken below that cut-off rather than one constant for all profiles, which over-penalized
    the leaner profiles (en, es, pt...) on short text.
    """
    rarest = _rarest(universe)
    return {n: _FLOOR_SHARE * min((rarest.get(n) or [1.0])[i] for i in column) for n in sizes}


def _table_key(languages: tuple[str, ...], universe: tuple[str, ...], sizes: tuple[int, ...]) -> str:
    from importlib.metadata import version as installed

    version = installed("langdetect")  # the module has no __version__: its profiles change with the release
    return tablefile.table_key(languages, universe, sizes, _SCALE, _LANE, _FLOOR_SHARE, version)


@lru_cache(maxsize=64)
def _table(languages: tuple[str, ...], universe: tuple[str, ...], sizes: tuple[int, ...]) -> _Table:
    """The n-gram table for ``languages``: the shipped file when there is one, else built from the profiles."""
    shipped = tablefile.load(_table_key(languages, universe, sizes))
    if shipped is not None:
        return _Table(*shipped)
    return _build_table(languages, universe, sizes)


def build_table_files(languages: Sequence[str]) -> list[tuple[str, bytes]]:
    """File names and bytes of every table the scorers use for ``languages`` (see :mod:`.tablefile`).

    One table per script: its candidate languages scored within the whole configured set.
    """
    from .scripts import script_table

    universe = tuple(sorted(set(languages) & available_languages()))
    files: dict[str, bytes] = {}
    for script in script_table().scripts:
        wanted = tuple(sorted(set(script.languages) & set(universe)))
        if not wanted:
            continue
        key = _table_key(wanted, universe, script.gram_sizes)
        table = _build_table(wanted, universe, script.gram_sizes)
        files[f"{key}.bin"] = tablefile.dump(key, table.languages, table.grams, _LANE // 8)
    return sorted(files.items())


def _build_table(languages: tuple[str, ...], universe: tuple[str, ...], sizes: tuple[int, ...]) -> _Table:
    """The n-gram table for ``languages``, read from the factory loaded for ``universe``."""
    factory = restricted_factory(universe)
    codes = tuple(c for c in dict.fromkeys(iso_code(n) for n in factory.langlist) if c in languages)
    columns = [[i for i, n in enumerate(factory.langlist) if iso_code(n) == c] for c in codes]
    floors = [_floors(universe, col, sizes) for col in columns]
    grams = {}
    for gram, probs in factory.word_lang_prob_map.items():
        if len(gram) not in sizes or not any(probs[i] for col in columns for i in col):
            continue
        n = len(gram)
        costs = [round(-math.log(floor[n] + max(probs[i] for i in col)) * _SCALE) for col, floor in zip(columns, floors)]
        grams[gram] = _pack(costs)
    return _Table(codes, grams)


def _as_costs(bonus: Sequence[float]) -> int:
    """A bonus for some languages as a packed cost for the others (``max - bonus``, no n-gram counted).

    Relative scores, all the segmenter compares, are the same, and costs stay non-negative.
    """
    top = max(bonus)
    return _pack([round((top - b) * _SCALE) for b in bonus]) - (1 << (_LANE * len(bonus)))


@lru_cache(maxsize=64)
def _penalty_tables(languages: tuple[str, ...]) -> tuple[dict[str, int], dict[str, int]]:
    """The word evidence of :mod:`.evidence` for ``languages`` as packed costs per word and per letter."""
    by_word, by_letter = bonus_tables(languages)
    return {w: _as_costs(b) for w, b in by_word.items()}, {c: _as_costs(b) for c, b in by_letter.items()}


#: Words summed in one packed integer before it is unpacked (see ``ProfileScorer.loglik``).
_WORDS_PER_SUM = 4096


class ProfileScorer:
    """Deterministic naive Bayes over langdetect's profiles, restricted to ``languages``.

    With ``word_evidence`` (default), each word's score also holds the function-word and
    marking-letter evidence of :mod:`toolkit.language.evidence`, and, when every language
    has a word list (:mod:`toolkit.language.frequencies`), a word some language lists is
    scored by its frequencies alone (no n-grams: as accurate, and a fraction of the cost),
    any other word by its n-grams plus each language's unseen-word cost. Cached per word.
    """

    sure_margin = SURE_MARGIN

    def __init__(
        self,
        languages: Sequence[str],
        *,
        universe: Sequence[str] | None = None,
        sizes: Sequence[int] = _GRAM_SIZES,
        word_evidence: bool = True,
    ) -> None:
        wanted = tuple(sorted(set(languages) & available_languages()))
        pool = tuple(sorted(set(universe or ()) & available_languages())) or wanted
        self._sizes = tuple(sizes)
        self._table = _table(wanted, pool, self._sizes)
        self.languages: tuple[str, ...] = self._table.languages
        self._word = lru_cache(maxsize=65536)(self._score_word)
        lanes = len(self.languages) + 1
        self._unpack = struct.Struct(f"<{lanes}I").unpack  # every lane at once, in C
        self._width = 4 * lanes
        self._high_bits = sum(1 << (_LANE * i + _LANE - 1) for i in range(lanes - 1))
        self._evidence = word_evidence
        self._penalties = _penalty_tables(self.languages)
        self._frequencies = word_costs(self.languages, _SCALE, _LANE) if word_evidence else None
        self._one_gram = 1 << (_LANE * (lanes - 1))  # a listed word counts as one piece of evidence

    def _score_word(self, word: str) -> int:
        costs = self._frequencies
        listed = costs.listed(word) if costs else None
        if listed is not None:  # a common word of some language: its frequencies say it all
            return listed + self._one_gram + self._penalty(word)
        if costs is None and word[:1].isupper() and word[1:].islower():
            # Read both ways only without word lists: with them, common words are read in any
            # case already, and a capitalized word no list holds is mostly a name (read as
            # written: mixed documents score the same, 8 of 37,219 page blocks change, and
            # these words, a third of a page's first-time cost, cost half as much).
            packed = self._capitalized(word)
        else:
            packed = self._grams(word)
        if not self._evidence:
            return packed
        packed += self._penalty(word)
        return packed + costs.unknown if costs else packed

    def _grams(self, word: str) -> int:
        """Packed costs of the word's n-grams (:func:`word_ngrams`)."""
        return self._cost(word_ngrams(word, self._sizes))

    def _cost(self, grams: Iterable[str]) -> int:
        """Packed costs of ``grams`` added up (an n-gram no profile keeps costs nothing)."""
        return sum(filter(None, map(self._table.grams.get, grams)))

    def _capitalized(self, word: str) -> int:
        """A capitalized word read both as written and lower-cased (:meth:`_either`).

        The two readings share every n-gram but those holding the first letter, so those are
        looked up once (per language, min(a + t, b + t) = t + min(a, b)).
        """
        written, lowered = padded_word(word), padded_word(word.lower())
        if len(written) != len(lowered) or written[2:] != lowered[2:]:  # normalizing moved a letter
            return self._either(self._grams(word), self._grams(word.lower()))
        head, tail = _head_and_tail(len(written), self._sizes)
        shared = self._cost(map(written.__getitem__, tail))
        return shared + self._either(self._cost(map(written.__getitem__, head)), self._cost(map(lowered.__getitem__, head)))

    def _either(self, capitalized: int, lowered: int) -> int:
        """Per language, the better (lower) cost of two readings of a capitalized word.

        A capital that starts a line or sentence (``Hello.``) is no evidence, and the
        profiles' capitalized n-grams (`` He``) come mostly from names; but German capitalizes
        its nouns (``Januar``). Each language keeps the reading that suits it best; the
        n-gram count is the capitalized reading's.

        Lane by lane, in a few whole-integer operations (no unpacking): with the top bit of
        every language lane set in ``capitalized``, subtracting ``lowered`` leaves that bit
        set exactly where ``capitalized >= lowered`` (a word's lane never reaches 2**31, so no
        lane borrows from the next), and those lanes take ``lowered``'s value.
        """
        high = self._high_bits
        take = (((capitalized | high) - lowered) & high) >> (_LANE - 1)
        mask = (take << _LANE) - take
        return capitalized ^ ((capitalized ^ lowered) & mask)

    def _penalty(self, word: str) -> int:
        """Function-word and marking-letter evidence (:mod:`.evidence`) as packed costs."""
        by_word, by_letter = self._penalties
        lower = word.lower()
        cost = by_word.get(lower, 0)
        if by_letter and not lower.isascii():  # every marking letter is beyond ASCII
            cost += sum(by_letter.get(c, 0) for c in set(lower))
        return cost

    def loglik(self, words: Sequence[str]) -> tuple[list[float], int]:
        """Summed log-likelihoods of ``words`` per language in ``self.languages``, and n-grams seen.

        Packed sums are unpacked every :data:`_WORDS_PER_SUM` words, before a lane could
        overflow into the next (a lane holds the costs of some 70,000 unlisted words).
        """
        totals, seen = [0.0] * len(self.languages), 0
        for start in range(0, len(words), _WORDS_PER_SUM):
            packed = sum(map(self._word, words[start : start + _WORDS_PER_SUM]))
            *costs, count = self._unpack(packed.to_bytes(self._width, "little"))
            totals = [total - cost / _SCALE for total, cost in zip(totals, costs)]
            seen += count
        return totals, seen

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


class ProbabilityScorer:
    """Any :class:`Detector` as a :class:`Scorer`: ``scale`` times the log of its probabilities.

    A detector answers probabilities for the whole text, not log-likelihoods that grow with
    its length; ``scale`` puts them on the profile scorer's footing so that the page prior
    weighs the same against them, and ``sure_margin`` says when a run needs no prior.
    """

    def __init__(self, detector: Detector, *, scale: float, sure_margin: float) -> None:
        self._detector = detector
        self.languages: tuple[str, ...] = detector.languages
        self._scale = scale
        self.sure_margin = sure_margin

    def loglik(self, words: Sequence[str]) -> tuple[list[float], int]:
        found = dict(self._detector.detect(" ".join(words)))
        if not any(found.values()):
            return [0.0] * len(self.languages), 0
        return [self._scale * math.log(max(found.get(lang, 0.0), _MIN_PROBABILITY)) for lang in self.languages], len(words)


#: Probabilities below this count as this (a zero would be an infinite log).
_MIN_PROBABILITY = 1e-12
#: The detectors other than ``profiles`` are wrapped in :class:`ProbabilityScorer`: evidence
#: weighs six times its log-probability, and a run is sure when the best language is 4 nats
#: (55 times) likelier than the next (measured on the mixed documents of
#: ``benchmarks/langid.py``, seeds 1-5 and 7).
PROBABILITY_SCALE = 6.0
PROBABILITY_SURE_MARGIN = 4.0 * PROBABILITY_SCALE


def make_scorer(name: str, candidates: Sequence[str], universe: Sequence[str], sizes: Sequence[int]) -> Scorer:
    """The scorer identification uses for one script's ``candidates``, with detector ``name``
    (one of ``toolkit.config.DETECTORS``)."""
    detector: Detector
    if name == "profiles":
        return ProfileScorer(candidates, universe=universe, sizes=sizes)
    if name == "langdetect":
        detector = LangdetectSampler(candidates)
    elif name == "lingua":
        from .lingua import LinguaDetector

        detector = LinguaDetector(candidates)
    else:
        raise UsageError(f"unknown language detector {name!r} (known: {', '.join(DETECTORS)})")
    return ProbabilityScorer(detector, scale=PROBABILITY_SCALE, sure_margin=PROBABILITY_SURE_MARGIN)


def softmax(scores: Sequence[float]) -> list[float]:
    """Probabilities from log-scores, computed stably."""
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]
