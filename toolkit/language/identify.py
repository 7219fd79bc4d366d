"""Which language every letter of a text is in: segment by script, detect, then decide with context.

The steps, in order (each one a small function):

1. **Segment.** Lines, then sentences (a gap between two letter chunks holding ``. ! ? 。 | ›``
   and the like ends a sentence), then runs of one Unicode script inside a sentence.
2. **Decide by script.** A script with one configured language decides it (Hangul, Thai,
   Greek...). Han inside a sentence that also holds kana is Japanese (or Korean with Hangul).
3. **Detect.** Runs in scripts shared by several languages are scored by the detector over
   the languages of that script only (Cyrillic: ru/uk; Latin: the Latin ones): word
   frequencies (:mod:`.frequencies`), letter n-grams of the words no list holds, function
   words and marking letters (:mod:`.evidence`). A run is scored a few words at a time,
   lower-case words first, until it is sure (:data:`SCORE_STEPS`), and word scores are
   cached, so a page costs about one lookup per word.
4. **Context.** Runs with strong evidence fix the document's languages; short, ambiguous runs
   are decided with those languages as a prior (among the run's candidates), then once more
   with the languages of the other runs; runs with no evidence (a two-letter Latin
   word, a name inside a Chinese sentence, letters of an unknown script) take the language
   of their sentence, line or document.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import not_
from typing import Iterable

from ..config import DEFAULT_DETECTOR
from .detectors import Scorer, make_scorer
from .scripts import WORD, Script, script_runs, script_table

#: A gap between letter chunks that ends a sentence or a breadcrumb item.
SENTENCE_GAP = re.compile(r"[.!?;。！？；\t]")
#: A run in a shared script inside a sentence dominated by another script is a borrowed name
#: (``Python`` in a Chinese sentence) unless it has at least this many letters.
MIN_EMBEDDED_LETTERS = 16
#: How many words of a run are scored, step by step while it stays unsure (lower-case words
#: first, see :func:`scoring_order`). 10 then 48 before the word-frequency model; with it, 3
#: common words settle most runs: on the 200 pages of the benchmark's page timing, 3-12-48
#: scores half as many new words per page as 10-48 (median 12, was 26) and labels 3 blocks
#: of 37,219 otherwise; mixed documents, seeds 1-7: letters 99.39 % (99.34 % with 10-48),
#: short segments the same.
SCORE_STEPS = (3, 12, 48)
#: Only this many words of a run are scored: enough to decide, and bounded cost on long text.
MAX_WORDS = SCORE_STEPS[-1]
#: Weight of the detector's log-likelihood against the document prior for unsure runs. 0.6
#: before the word-frequency model, which widens the margins of short runs; with it, 0.4 keeps
#: a line of words common to two languages (``segundo trailer``: es and pt) with the page's
#: language (mixed documents, seeds 1-7: short segments 97.27 % at 0.4, 97.37 % at 0.6,
#: 97.09 % at 0.3; language-set F1 98.32 / 98.20 / 98.36 %).
EVIDENCE_WEIGHT = 0.4
#: Share of the prior given to languages not (yet) seen in the document.
PRIOR_FLOOR = 0.01
#: Han runs shorter than this on a page with kana are Japanese (longer ones are scored).
SHORT_ABSORBED = 12
#: Extra prior mass for the caller's hint (e.g. an HTML ``lang`` attribute).
HINT_WEIGHT = 0.3
#: Weight of an unsure run's letters in the prior of the other runs (:func:`_reconsider`).
UNSURE_WEIGHT = 0.5


@dataclass
class Run:
    """A stretch of letters of one script inside one sentence (working record, not public)."""

    start: int
    end: int
    script: Script
    sentence: int
    line: int
    words: list[str] = field(default_factory=list)
    letters: int = 0
    lang: str | None = None
    sure: bool = False
    scores: dict[str, float] | None = None
    absorbable: bool = False


def segment(text: str) -> list[Run]:
    """Cut ``text`` into runs of one script, never across a line break or a sentence end."""
    runs: list[Run] = []
    sentence = line = 0
    prev_end = 0
    for start, end, script in script_runs(text):
        if runs:
            gap = text[prev_end:start]
            newlines = gap.count("\n")
            line += newlines
            if newlines or SENTENCE_GAP.search(gap):
                sentence += 1
        words = WORD.findall(text, start, end)
        joined = "".join(words)
        letters = len(joined) if joined.isalpha() else sum(map(str.isalpha, joined))
        if letters:  # a run of numerals such as "¼" or "Ⅻ" has no letters
            runs.append(Run(start, end, script, sentence, line, words, letters))
        prev_end = end
    return runs


@lru_cache(maxsize=64)
def _scorer(candidates: tuple[str, ...], universe: tuple[str, ...], sizes: tuple[int, ...], detector: str) -> Scorer:
    return make_scorer(detector, candidates, universe, sizes)


@lru_cache(maxsize=256)
def _candidates(script: Script, languages: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(lang for lang in script.languages if lang in languages)


def _absorbing_language(run: Run, runs_in_sentence: Iterable[Run], languages: tuple[str, ...]) -> str | None:
    """Han in a sentence with kana is Japanese (the table's ``absorbed_by``)."""
    for other in runs_in_sentence:
        if other.script.name in run.script.absorbed_by:
            found = _candidates(other.script, languages)
            if found:
                return found[0]
    return None


def _is_borrowed(run: Run, sentence_runs: list[Run]) -> bool:
    """A short run in a shared script amid a sentence of another script (a name, a product)."""
    if len(run.words) > 1 or run.letters >= MIN_EMBEDDED_LETTERS:
        return False
    return sum(r.letters for r in sentence_runs if r.script is not run.script) > run.letters


def decide_by_script(runs: list[Run], languages: tuple[str, ...], detector: str = DEFAULT_DETECTOR) -> None:
    """Label what the script alone decides; score the rest with the detector."""
    by_sentence: dict[int, list[Run]] = {}
    for run in runs:
        by_sentence.setdefault(run.sentence, []).append(run)
    for run in runs:
        candidates = _candidates(run.script, languages)
        siblings = by_sentence[run.sentence]
        if run.script.absorbed_by:
            absorbed = _absorbing_language(run, siblings, languages)
            if absorbed:
                run.lang, run.sure = absorbed, True
                continue
            run.absorbable = True
        if len(candidates) == 1:
            run.lang, run.sure = candidates[0], True
        elif len(candidates) > 1 and run.letters >= run.script.min_letters and not _is_borrowed(run, siblings):
            _score(run, candidates, languages, detector)


def _score(run: Run, candidates: tuple[str, ...], languages: tuple[str, ...], detector: str) -> None:
    """Detector evidence from a few words of the run, more only while it stays unsure
    (:data:`SCORE_STEPS`, lower-case words first: :func:`scoring_order`)."""
    scorer = _scorer(candidates, languages, run.script.gram_sizes, detector)
    words = scoring_order(run.words[:MAX_WORDS])
    totals, seen = scorer.loglik(words[:SCORE_STEPS[0]])
    margin = _margin(totals)
    for start, end in zip(SCORE_STEPS, SCORE_STEPS[1:]):
        if margin >= scorer.sure_margin or start >= len(words):
            break
        more, extra = scorer.loglik(words[start:end])
        totals, seen = [a + b for a, b in zip(totals, more)], seen + extra
        margin = _margin(totals)
    if not seen:
        return
    run.scores = dict(zip(scorer.languages, totals))
    run.lang = scorer.languages[totals.index(max(totals))]
    run.sure = margin >= scorer.sure_margin


def scoring_order(words: list[str]) -> list[str]:
    """The run's lower-case words, then the others (each in text order).

    Lower-case words are mostly common words: listed, cheap to score, telling. Capitalized
    words are often names: no word list holds them, so each costs a full n-gram reading (a
    third of a page's first-time cost) and says little about the language.
    """
    if len(words) <= SCORE_STEPS[0]:  # scored together in any order
        return words
    is_lower = list(map(str.islower, words))
    return list(compress(words, is_lower)) + list(compress(words, map(not_, is_lower)))


def _margin(totals: list[float]) -> float:
    if len(totals) < 2:
        return math.inf
    second, top = sorted(totals)[-2:]
    return top - second


def document_prior(runs: list[Run], hint: str | None) -> dict[str, float]:
    """Letter shares of the languages of sure runs (plus the hint): what the page is mostly in."""
    counts: dict[str, float] = {}
    for run in runs:
        if run.sure and run.lang:
            counts[run.lang] = counts.get(run.lang, 0.0) + run.letters
    total = sum(counts.values())
    prior = {lang: n / total for lang, n in counts.items()} if total else {}
    if hint:
        scale = 1.0 - HINT_WEIGHT if prior else 0.0
        prior = {lang: p * scale for lang, p in prior.items()}
        prior[hint] = prior.get(hint, 0.0) + (HINT_WEIGHT if scale else 1.0)
    return prior


@lru_cache(maxsize=256)
def _page_absorbing(script: Script, languages: tuple[str, ...]) -> tuple[str, ...]:
    """The configured languages of the scripts that absorb ``script`` page-wide (``page_absorbed_by``)."""
    table = script_table()
    return tuple(lang for name in script.page_absorbed_by for lang in _candidates(table.by_name(name), languages))


def _absorbing_in_document(run: Run, prior: dict[str, float], languages: tuple[str, ...]) -> str | None:
    """A short Han run on a Japanese page is Japanese: the language of an absorbing script present."""
    if not run.absorbable or run.letters >= SHORT_ABSORBED:
        return None
    present = [lang for lang in _page_absorbing(run.script, languages) if prior.get(lang, 0.0) > 0.0]
    return max(present, key=prior.__getitem__) if present else None


def decide_with_prior(runs: list[Run], prior: dict[str, float], languages: tuple[str, ...]) -> None:
    """Unsure runs: detector evidence, damped, plus the log of the document prior."""
    for run in runs:
        if run.sure:
            continue
        absorbed = _absorbing_in_document(run, prior, languages)
        if absorbed:
            run.lang, run.scores = absorbed, None  # the script rule overrides the detector
            continue
        if run.scores:
            run.lang = _posterior_best(run.scores, prior)
    _reconsider(runs, prior)


def _reconsider(runs: list[Run], prior: dict[str, float]) -> None:
    """Unsure runs once more, the prior now also holding what every *other* run was found in.

    The first prior holds only sure runs; a page of short lines (a breadcrumb, a caption, a
    list of names) has few, so its lines are judged again with each other's languages
    (unsure runs at half weight, a run never counting for itself), blended with the first.
    """
    counts: dict[str, float] = {}
    for run in runs:
        if run.lang:
            counts[run.lang] = counts.get(run.lang, 0.0) + run.letters * (1.0 if run.sure else UNSURE_WEIGHT)
    for run in runs:
        if run.sure or not run.scores or not run.lang:
            continue
        others = dict(counts)
        others[run.lang] -= run.letters * UNSURE_WEIGHT
        total = sum(others.values())
        if total > 0:
            blended = {lang: prior.get(lang, 0.0) / 2 for lang in prior}
            for lang, n in others.items():
                blended[lang] = blended.get(lang, 0.0) + n / total / 2
            run.lang = _posterior_best(run.scores, blended)


def _posterior_best(scores: dict[str, float], prior: dict[str, float]) -> str:
    """argmax of damped evidence plus log prior (ties: the larger code, for determinism).

    The prior is taken among the run's candidates: on a Chinese page with one Spanish
    sentence, Spanish is all of the Latin letters, not a tenth of the page.
    """
    floor = PRIOR_FLOOR / len(scores)
    present = [lang for lang in scores if lang in prior]
    mass = sum(prior[lang] for lang in present) or 1.0
    ranked = [(EVIDENCE_WEIGHT * scores[lang] + math.log(floor + prior[lang] / mass), lang) for lang in present]
    unseen = math.log(floor)  # the languages the prior lacks: one logarithm for all of them
    ranked += [(EVIDENCE_WEIGHT * score + unseen, lang) for lang, score in scores.items() if lang not in prior]
    return max(ranked)[1]


def inherit(runs: list[Run], primary: str | None, languages: tuple[str, ...]) -> None:
    """Runs with no evidence take the language of their sentence, then their line, then the page.

    Only languages the run's script can be written in are taken (a lone Han character on a
    Dutch page is not Dutch); failing those, the script's first configured language.
    """
    for key in ("sentence", "line"):
        groups: dict[int, dict[str, int]] = {}
        for run in runs:
            if run.lang:
                tally = groups.setdefault(getattr(run, key), {})
                tally[run.lang] = tally.get(run.lang, 0) + run.letters
        for run in runs:
            if run.lang is None and getattr(run, key) in groups:
                run.lang = _best_allowed(groups[getattr(run, key)], _allowed(run, languages))
    for run in runs:
        if run.lang is None:
            allowed = _allowed(run, languages)
            fallback = primary if primary and (allowed is None or primary in allowed) else None
            run.lang = fallback or (allowed or languages or (None,))[0]


def _allowed(run: Run, languages: tuple[str, ...]) -> tuple[str, ...] | None:
    """The languages a run may inherit, or None for any (unknown letters, Latin names)."""
    if run.script.names_anywhere:
        return None
    return _candidates(run.script, languages) or None


def _best_allowed(tally: dict[str, int], allowed: tuple[str, ...] | None) -> str | None:
    options = [lang for lang in sorted(tally) if allowed is None or lang in allowed]
    return max(options, key=tally.__getitem__) if options else None


def letter_counts(runs: list[Run]) -> dict[str, int]:
    """Letters per language of ``runs``."""
    counts: dict[str, int] = {}
    for run in runs:
        if run.lang:
            counts[run.lang] = counts.get(run.lang, 0) + run.letters
    return counts


def primary_language(runs: list[Run], hint: str | None) -> str | None:
    """The language with most letters (ties: the hint, then the code)."""
    counts = letter_counts(runs)
    if not counts:
        return None
    return max(sorted(counts), key=lambda lang: (counts[lang], lang == hint))


def identify(
    text: str,
    languages: tuple[str, ...],
    hint: str | None = None,
    prior: dict[str, float] | None = None,
    detector: str = DEFAULT_DETECTOR,
) -> list[Run]:
    """Every run of letters in ``text`` with its language (``lang`` None only with no languages at all).

    ``prior`` (letter shares of the languages around ``text``, e.g. the rest of its page)
    replaces the prior ``text`` would give itself: a block judged on its page's evidence.
    ``detector`` names the detector that scores runs of shared scripts (``toolkit.config.DETECTORS``).
    """
    runs = segment(text)
    if not runs:
        return runs
    hint = hint if hint in languages else None
    decide_by_script(runs, languages, detector)
    decide_with_prior(runs, document_prior(runs, hint) if prior is None else prior, languages)
    inherit(runs, primary_language(runs, hint) or hint, languages)
    return runs


__all__ = ["Run", "document_prior", "identify", "letter_counts", "primary_language", "segment"]
