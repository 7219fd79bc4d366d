"""Word-level evidence for languages that share a script: function words and marking letters.

Letter n-grams are unsure on two to four words (``notre engagement``, ``Im Januar``,
``potem toruń``), where one very frequent function word or one letter that only some of the
languages use settles it. The table is data (``toolkit/rules/language_words.toml``); this
module turns it, for a given ordered set of candidate languages, into a bonus in nats per
candidate and word, which :class:`~toolkit.language.detectors.ProfileScorer` folds into its
cached per-word scores (so it costs nothing once a word has been seen).

A word or letter listed for several candidates is shared among them (each gets ``1/n``), so
a word every candidate uses (``a``, ``de``) changes nothing.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from ..ruletables import load_rules

#: Nats added to a language for each of its function words in a run (shared when listed twice).
WORD_NATS = 6.0
#: Nats added to a language for each distinct marking letter in a word (shared likewise).
LETTER_NATS = 6.0


def word_table() -> dict[str, dict[str, str | list[str]]]:
    """The rows of ``language_words.toml``: ``{lang: {"words": [...], "letters": "..."}}`` (cached)."""
    return load_rules("language_words.toml")


@lru_cache(maxsize=1024)
def function_words(language: str) -> frozenset[str]:
    """The function words of ``language`` (empty when the table has no row for it)."""
    return frozenset(word_table().get(language, {}).get("words", ()))


def _shared(keys_by_lang: dict[str, Sequence[str]], candidates: tuple[str, ...], nats: float) -> dict[str, tuple[float, ...]]:
    """Key -> bonus per candidate, each key's ``nats`` split among the candidates listing it."""
    owners: dict[str, list[int]] = {}
    for index, lang in enumerate(candidates):
        for key in keys_by_lang.get(lang, ()):
            owners.setdefault(key, []).append(index)
    table = {}
    for key, indices in owners.items():
        if len(indices) < len(candidates):  # a key every candidate lists tells nothing
            table[key] = tuple(nats / len(indices) if i in indices else 0.0 for i in range(len(candidates)))
    return table


@lru_cache(maxsize=64)
def bonus_tables(candidates: tuple[str, ...]) -> tuple[dict[str, tuple[float, ...]], dict[str, tuple[float, ...]]]:
    """Word -> bonus per candidate, and marking letter -> bonus per candidate (nats)."""
    rows = word_table()
    words = {lang: list(rows[lang]["words"]) for lang in candidates if lang in rows}
    letters = {lang: list(str(rows[lang]["letters"])) for lang in candidates if lang in rows}
    return _shared(words, candidates, WORD_NATS), _shared(letters, candidates, LETTER_NATS)


def word_bonus(word: str, candidates: tuple[str, ...]) -> list[float] | None:
    """Bonus in nats per candidate for one word: a function word, and each marking letter in it.

    None when the word is no evidence (the common case costs one or two lookups).
    """
    by_word, by_letter = bonus_tables(candidates)
    lower = word.lower()
    found = [by_word[lower]] if lower in by_word else []
    if by_letter and not lower.isascii():  # every marking letter is beyond ASCII
        found += [by_letter[c] for c in set(lower) if c in by_letter]
    if not found:
        return None
    return [sum(column) for column in zip(*found)]


def word_evidence(words: Sequence[str], candidates: tuple[str, ...]) -> list[float] | None:
    """Bonus in nats per candidate from the function words and marking letters of ``words``."""
    found = [bonus for bonus in (word_bonus(w, candidates) for w in words) if bonus]
    return [sum(column) for column in zip(*found)] if found else None
