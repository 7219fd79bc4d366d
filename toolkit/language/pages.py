"""Whole pages on a budget: score an even sample, then only the blocks that could differ.

A long page's language is clear from a few hundred letters, and n-gram scoring is what a
page costs (a few microseconds per new word, in Python). So a page longer than
:data:`PAGE_BUDGET` characters is not scored whole:

1. **Sample.** :data:`SAMPLE_POINTS` points are spread evenly over the page's characters;
   each block hit contributes its head (its first :data:`HEAD_CHARS` characters, cut at a
   space). A block longer than the spacing is always hit.
2. **Identify the sample** with the usual steps (script, detector, page prior): this gives
   the primary language.
3. **Flag what could differ**: a sampled block whose head holds another language, any
   block with letters in a script the primary language is not written in (one regex scan of
   the page, in C), and any block of :data:`SCREEN_CHARS` or more whose words hold more
   function words of another language than of the primary's (:func:`could_differ`).
4. **Identify the flagged blocks** in full, with the sample's languages as prior (a flagged
   block sampled whole keeps its first answer). Every other block is in the primary language.

Short pages take the exact path: every block identified, as one text (:func:`page_runs`);
:func:`toolkit.language.detect_text` always does (its spans cover every letter).
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, repeat

from ..config import DEFAULT_DETECTOR
from .evidence import function_words
from .identify import Run, document_prior, identify, primary_language
from .scripts import script_table

#: Pages with more characters than this are sampled; shorter ones are identified whole.
PAGE_BUDGET = 1500
#: Points of the sample, spread evenly over the page's characters.
SAMPLE_POINTS = 6
#: Characters of a sampled block's head (cut at the next space, at most twice this).
HEAD_CHARS = 80
#: Blocks at least this long are screened for another language by their function words.
SCREEN_CHARS = 80
#: Words of a screened block that are counted (:func:`could_differ`)...
SCREEN_WORDS = 40
#: ...taken from at most its first this many characters.
SCREEN_HEAD = 400

#: UTF-8 bytes that are not counted as letters: ASCII non-letters, continuation bytes, and
#: the lead bytes of U+0080–U+00BF (no-break space, ``«``, ``°``...) and U+2000–U+2FFF
#: (dashes, quotes, bullets, arrows). Every other character counts as one letter.
NOT_LETTER_BYTES = bytes(
    b for b in range(256) if (b < 128 and not chr(b).isalpha()) or 0x80 <= b <= 0xBF or b in (0xC2, 0xE2)
)


@dataclass(frozen=True)
class PageRuns:
    """Runs of the identified part of a page, grouped by block, and letters of the rest."""

    runs_by_block: dict[int, tuple[list[Run], int]]  # block index -> (runs, offset of its text)
    primary: str | None
    rest_letters: int


def sample_points(lengths: list[int], points: int = SAMPLE_POINTS) -> list[int]:
    """Indices of the blocks hit by ``points`` points spread evenly over the page's characters."""
    total = sum(lengths)
    if not total:
        return []
    starts = list(accumulate(lengths, initial=0))
    hits = (bisect_right(starts, (i + 0.5) * total / points) - 1 for i in range(points))
    return sorted(dict.fromkeys(min(i, len(lengths) - 1) for i in hits))


def head_of(text: str, size: int = HEAD_CHARS) -> str:
    """The first ``size`` characters of ``text``, extended to the next space (at most ``2 * size``)."""
    if len(text) <= size:
        return text
    cut = text.find(" ", size, 2 * size)
    return text[: cut if cut > 0 else 2 * size]


#: Characters never worth a look when scanning for foreign letters: ASCII but letters,
#: Latin-1 punctuation and signs, general punctuation (dashes, quotes, spaces).
_NEVER_FOREIGN = "\\x00-\\x40\\x5b-\\x60\\x7b-\\x7f\\u00a0-\\u00bf\\u00d7\\u00f7\\u2000-\\u206f"


@lru_cache(maxsize=64)
def foreign_letter(language: str) -> re.Pattern[str]:
    """Characters outside the scripts ``language`` is written in (candidate letters), as runs.

    One negated character class: a fast scan in C. Matches are checked with ``str.isalpha``.
    """
    own = "".join(s.letters for s in script_table().scripts if language in s.languages)
    return re.compile(f"[^{_NEVER_FOREIGN}{own}]+")


@lru_cache(maxsize=64)
def _screen_words(primary: str) -> dict[str, int]:
    """+1 for the function words only other languages of ``primary``'s scripts have, -1 for its own."""
    own = function_words(primary)
    rivals = {lang for script in script_table().scripts if primary in script.languages for lang in script.languages}
    others = frozenset().union(*(function_words(lang) for lang in rivals - {primary})) - own
    return dict.fromkeys(others, 1) | dict.fromkeys(own, -1)


def could_differ(text: str, primary: str) -> bool:
    """Whether a long block in the primary's script may be in another language.

    Running text is about a third function words (``the``, ``und``, ``de``): a block whose
    first :data:`SCREEN_WORDS` words hold more function words of other languages of the
    script than of the primary's is worth identifying. A block with none (menus, names) is
    not flagged. Counted in C, in one pass (``map`` over a dict of +1 and -1). On the
    devset's sentences of 80+ characters this flags 0.4 % of the primary's own and misses
    10 % of the others'.
    """
    words = text[:SCREEN_HEAD].lower().split(None, SCREEN_WORDS)[:SCREEN_WORDS]
    return sum(map(_screen_words(primary).get, words, repeat(0))) > 0


def _group(runs: list[Run], texts: list[str], order: list[int]) -> dict[int, tuple[list[Run], int]]:
    """Split the runs of ``"\\n".join(texts)`` by text; keys are ``order`` (block indices)."""
    grouped: dict[int, tuple[list[Run], int]] = {}
    index = offset = 0
    for block, text in zip(order, texts):
        end = offset + len(text)
        mine: list[Run] = []
        while index < len(runs) and runs[index].start < end:
            mine.append(runs[index])
            index += 1
        grouped[block] = (mine, offset)
        offset = end + 1
    return grouped


def _identify_parts(
    parts: dict[int, str],
    languages: tuple[str, ...],
    hint: str | None,
    prior: dict[str, float] | None = None,
    detector: str = DEFAULT_DETECTOR,
) -> tuple[list[Run], dict[int, tuple[list[Run], int]]]:
    """Identify the texts of ``parts`` (block index -> text) as one text; runs grouped by block."""
    order = sorted(parts)
    texts = [parts[i] for i in order]
    runs = identify("\n".join(texts), languages, hint, prior, detector)
    return runs, _group(runs, texts, order)


def count_letters(text: str) -> int:
    """Letters of ``text``: exact for ASCII, close otherwise (see :data:`NOT_LETTER_BYTES`).

    Counting with ``str.isalpha`` costs a quarter of a page's budget; this is one C pass.
    """
    return len(text.encode("utf-8", "surrogatepass").translate(None, NOT_LETTER_BYTES))


@lru_cache(maxsize=64)
def _ascii_is_foreign(pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` (a :func:`foreign_letter` scan) finds ASCII letters."""
    return pattern.search(string.ascii_letters) is not None


def with_foreign_letters(texts: list[str], pattern: re.Pattern[str], skip: set[int], joined: str | None = None) -> set[int]:
    """Indices of the texts (not in ``skip``) where ``pattern`` finds a real letter.

    One scan of the joined texts (``joined``, when the caller has it), in C; each match is
    checked with ``str.isalpha`` (``¼``, ``™`` or ``→`` are not letters).
    """
    text = "\n".join(texts) if joined is None else joined
    if text.isascii() and not _ascii_is_foreign(pattern):  # no scan: an ASCII letter is not foreign here
        return set()
    first = pattern.search(text)
    if first is None:  # most pages: no character outside the primary's scripts
        return set()
    starts = list(accumulate(map((1).__add__, map(len, texts)), initial=0))  # each text and its line break
    found = set()
    for match in pattern.finditer(text, first.start()):
        index = bisect_right(starts, match.start()) - 1
        if index not in skip and any(map(str.isalpha, match.group())):
            found.add(index)
    return found


def page_runs(
    texts: list[str], languages: tuple[str, ...], hint: str | None, detector: str = DEFAULT_DETECTOR
) -> PageRuns:
    """The runs of a page's block texts: sampled past :data:`PAGE_BUDGET` characters, else all
    blocks identified as one text (blocks joined by line breaks)."""
    if sum(map(len, texts)) > PAGE_BUDGET:
        sampled = sampled_runs(texts, languages, hint, detector)
        if sampled is not None:
            return sampled
    return PageRuns(_identify_parts(dict(enumerate(texts)), languages, hint, None, detector)[1], None, 0)


def sampled_runs(
    texts: list[str], languages: tuple[str, ...], hint: str | None, detector: str = DEFAULT_DETECTOR
) -> PageRuns | None:
    """Identify a long page from a sample plus the blocks that could differ (None: no letters sampled)."""
    parts = {i: head_of(texts[i]) for i in sample_points([len(t) for t in texts])}
    runs, grouped = _identify_parts(parts, languages, hint, None, detector)
    primary = primary_language(runs, hint)
    if primary is None:
        return None
    differ = {i for i, (mine, _) in grouped.items() if any(r.lang != primary for r in mine)}
    kept = {i: grouped[i] for i in differ if parts[i] == texts[i]}  # sampled whole: already judged
    foreign = foreign_letter(primary)
    whole = {i for i in differ if i not in kept}
    joined = "\n".join(texts)
    whole |= with_foreign_letters(texts, foreign, set(parts), joined)
    screened = compress(range(len(texts)), map(SCREEN_CHARS.__le__, map(len, texts)))  # long blocks, in C
    whole |= {i for i in screened if i not in whole and parts.get(i) != texts[i] and could_differ(texts[i], primary)}
    if whole:
        prior = document_prior(runs, hint)
        kept.update(_identify_parts({i: texts[i] for i in whole}, languages, hint, prior, detector)[1])
    rest = count_letters(joined) - sum(count_letters(texts[i]) for i in kept)
    return PageRuns(kept, primary, rest)
