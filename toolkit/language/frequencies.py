"""Word-level model: how frequent a word is in each language, from wordfreq's word lists.

Letter n-grams say little about one or two words (``coloca parte``, ``approval
consultation``); whether each word is a common word of a language says much more. The
table ``toolkit/rules/wordfreq.bin`` holds, for each language that shares a spaced script
with another configured language, its 20,000 most frequent words with their cost
``-ln(frequency)`` in sixteenths of a nat (compiled from the ``wordfreq`` package by
``tools/build_wordlists.py``; CC BY-SA 4.0, see NOTICE). A word a language's list lacks is
an unseen word of that language: it gets that language's share of unseen words,
``(1 - coverage) / UNSEEN_TYPES``, so a language whose list covers less of its text (Czech,
Turkish: many word forms) loses less on a word it lacks than English does.

The table is kept compact and quick to load (no Python object per word): one entry per
listed (word, language), sorted by a 64-bit hash of the word (:func:`word_hash`) in an
``array`` searched with ``bisect``, next to the entries' language and cost bytes. The hashes
are stored raw (they do not compress), the two byte columns zlib-compressed. Loading it
costs a few milliseconds and a few MB, where dictionaries of the 270,000 words cost 85 ms and
29 MB, and a word x language matrix of costs 40 ms and 15 MB (measured).

:class:`WordCosts` gives a word's costs in the candidate languages, packed as the n-gram
scorer adds them up. :class:`~toolkit.language.detectors.ProfileScorer` scores a word some
candidate lists by these costs alone, and any other word by its letter n-grams plus each
language's unseen-word cost; once per word (the score is cached).
"""

from __future__ import annotations

import json
import math
import sys
import zlib
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

#: The compiled table, under ``toolkit/rules/``.
FILE = "wordfreq.bin"
#: Costs in the table are in 1/COST_UNIT nat, one byte each (up to 15.9 nats: frequency 1e-7).
COST_UNIT = 16
#: Weight of the word costs (nats of score per nat of ``-ln(frequency)``), on the scale of
#: the n-gram log-likelihoods unlisted words get. Measured on the mixed documents of
#: ``benchmarks/langid.py`` (seeds 1-7): short segments 96.8 % at 1.5, 97.3 % at 2, 97.8 % at
#: 3 and 97.7 % at 4; single words and pairs within 0.1 point from 2 to 4.
WORD_WEIGHT = 3.0
#: Bits of the hash prefix the table is indexed by (4,096 buckets of about 85 entries).
BUCKET_BITS = 12
#: Unseen word types a language is taken to have: an unlisted word's probability is
#: ``(1 - coverage) / UNSEEN_TYPES``, about 5e-9 for English (10^6 and 10^8 measured within
#: 0.3 points on short segments).
UNSEEN_TYPES = 1e7
#: Least share of a language's text left to unseen words, whatever its list's coverage.
MIN_UNSEEN_SHARE = 1e-6


def word_hash(word: str) -> int:
    """64-bit key of a lower-case word: zlib's CRC-32 and Adler-32 of its UTF-8, side by side (in C)."""
    data = word.encode("utf-8")
    return zlib.crc32(data) << 32 | zlib.adler32(data)


@dataclass(frozen=True, eq=False)
class WordTable:
    """Listed (word, language) entries of several languages, sorted by word hash then language."""

    languages: tuple[str, ...]
    coverage: tuple[float, ...]  # share of each language's text its listed words hold
    hashes: array  # type: ignore[type-arg]  # word_hash of each entry ('Q'), sorted
    langs: bytes  # each entry's language, an index into ``languages``
    costs: bytes  # each entry's cost, in 1/COST_UNIT nat

    @cached_property
    def buckets(self) -> array:  # type: ignore[type-arg]
        """Where the hashes starting with each :data:`BUCKET_BITS`-bit prefix start (one more
        for the end): a search then reads a few neighbouring entries, not 19 scattered ones."""
        shift = 64 - BUCKET_BITS
        return array("I", (bisect_left(self.hashes, prefix << shift) for prefix in range((1 << BUCKET_BITS) + 1)))

    def find(self, word: str) -> range:
        """Indices of the entries of ``word`` (lower case): one per language that lists it."""
        key = word_hash(word)
        prefix = key >> (64 - BUCKET_BITS)
        hashes, buckets = self.hashes, self.buckets
        start = bisect_left(hashes, key, buckets[prefix], buckets[prefix + 1])
        end = start
        while end < len(hashes) and hashes[end] == key:
            end += 1
        return range(start, end)

    def unknown_nats(self, index: int) -> float:
        """Cost of a word language ``index`` does not list: ``-ln((1 - coverage) / UNSEEN_TYPES)``."""
        return -math.log(max(1.0 - self.coverage[index], MIN_UNSEEN_SHARE) / UNSEEN_TYPES)


def encode(table: WordTable, header: dict[str, object]) -> bytes:
    """A table file: a JSON header line, the hashes (raw, little-endian), then the language and
    cost bytes (zlib)."""
    head = dict(header, languages=list(table.languages), coverage=list(table.coverage), entries=len(table.hashes))
    hashes = array("Q", table.hashes)
    if sys.byteorder == "big":
        hashes.byteswap()
    columns = zlib.compress(table.langs + table.costs, 9)
    return json.dumps(head, sort_keys=True).encode("utf-8") + b"\n" + hashes.tobytes() + columns


@lru_cache(maxsize=1)
def word_table() -> WordTable | None:
    """The shipped table (loaded once), or None when the package has none."""
    path = resources.files("toolkit.rules").joinpath(FILE)
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    end = raw.index(b"\n")
    header = json.loads(raw[:end])
    count = header["entries"]
    hashes = array("Q")
    hashes.frombytes(raw[end + 1 : end + 1 + 8 * count])
    if sys.byteorder == "big":
        hashes.byteswap()
    columns = zlib.decompress(raw[end + 1 + 8 * count :])
    return WordTable(tuple(header["languages"]), tuple(header["coverage"]), hashes, columns[:count], columns[count:])


class WordCosts:
    """A word's cost in each of ``languages`` (weighted by :data:`WORD_WEIGHT`, in ``1/scale``
    nat), packed one ``lane``-bit lane per language as the n-gram scorer adds them up
    (:class:`~toolkit.language.detectors.ProfileScorer`)."""

    def __init__(self, table: WordTable, languages: tuple[str, ...], scale: int, lane: int) -> None:
        self._table = table
        unlisted = [round(WORD_WEIGHT * table.unknown_nats(table.languages.index(lang)) * scale) for lang in languages]
        #: the packed costs of a word no language lists
        self.unknown = sum(cost << (lane * i) for i, cost in enumerate(unlisted))
        # table language, cost byte -> what its listing takes off ``unknown`` (0 for non-candidates)
        unit = WORD_WEIGHT * scale / COST_UNIT
        self._discount = [[0] * 256 for _ in table.languages]
        for i, lang in enumerate(languages):
            self._discount[table.languages.index(lang)] = [(unlisted[i] - round(c * unit)) << (lane * i) for c in range(256)]

    def listed(self, word: str) -> int | None:
        """Packed costs of ``word`` (any case): ``self.unknown`` less what each language that
        lists it saves; None when none of ``languages`` lists it."""
        table = self._table
        packed = self.unknown
        for i in table.find(word.lower()):
            packed -= self._discount[table.langs[i]][table.costs[i]]
        return None if packed == self.unknown else packed


@lru_cache(maxsize=64)
def word_costs(languages: tuple[str, ...], scale: int, lane: int) -> WordCosts | None:
    """The word model for ``languages`` (None for fewer than two, or unless the table lists every one of them)."""
    table = word_table()
    if table is None or len(languages) < 2 or not set(languages) <= set(table.languages):
        return None
    return WordCosts(table, languages, scale, lane)
