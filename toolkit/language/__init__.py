"""Language of every document, block and span.

Two entry points:

* :func:`detect_text` — languages of one text: primary language, letter shares, and spans
  (character offsets) covering every letter. Used by ``toolkit detect``.
* :func:`annotate` — the pipeline's step: the blocks of a document get ``lang`` where they
  differ from the document and ``spans`` where they mix languages; the document gets its
  primary language and letter shares.

The work happens in :mod:`toolkit.language.identify` (script runs, detector, context), on
long pages from a sample (:mod:`toolkit.language.pages`); the n-gram scorer is
:class:`toolkit.language.detectors.ProfileScorer`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import compress, repeat
from operator import attrgetter, is_not, not_

from ..article import Block, LanguageShare, Span
from ..config import Config
from .identify import Run, identify, letter_counts
from .pages import PageRuns, page_runs

#: Block types whose text is not natural language and is left out of detection.
SKIPPED_TYPES = ("code",)
#: Block types labelled as a whole (no spans): their text is several cells or items.
WHOLE_TYPES = ("list", "table")
#: Block types whose ``plain_text`` is their ``text`` field (read directly: most blocks are these).
_TEXT_TYPES = frozenset(("heading", "paragraph", "quote"))


@dataclass(frozen=True)
class TextLanguages:
    """Languages of one text: primary, letter shares, and spans covering every letter."""

    language: str | None
    languages: tuple[LanguageShare, ...]
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class LanguageResult:
    """Blocks with ``lang``/``spans`` set, and the document's primary language and shares."""

    blocks: tuple[Block, ...]
    language: str | None
    languages: tuple[LanguageShare, ...]


def shares(runs: list[Run]) -> tuple[LanguageShare, ...]:
    """Share of letters per language, rounded to 4 decimals, by share (desc) then code."""
    return shares_of(letter_counts(runs))


def shares_of(counts: dict[str, int]) -> tuple[LanguageShare, ...]:
    """``counts`` as rounded shares, by share (desc) then code."""
    total = sum(counts.values())
    if not total:
        return ()
    found = [LanguageShare(lang, round(n / total, 4)) for lang, n in counts.items()]
    return tuple(sorted(found, key=lambda s: (-s.share, s.lang)))


def spans_of(runs: list[Run], offset: int = 0) -> tuple[Span, ...]:
    """Merge consecutive runs of one language into spans, shifted by ``-offset``."""
    spans: list[Span] = []
    for run in runs:
        if not run.lang:
            continue
        if spans and spans[-1].lang == run.lang:
            spans[-1] = Span(spans[-1].start, run.end - offset, run.lang)
        else:
            spans.append(Span(run.start - offset, run.end - offset, run.lang))
    return tuple(spans)


def _primary(table: tuple[LanguageShare, ...], hint: str | None) -> str | None:
    if not table:
        return None
    top = [s.lang for s in table if s.share == table[0].share]
    return hint if hint in top else top[0]


def detect_text(text: str, *, config: Config, hint: str | None = None) -> TextLanguages:
    """Languages of ``text``, restricted to ``config.languages``; deterministic."""
    runs = identify(text, tuple(config.languages), hint, detector=config.detector)
    table = shares(runs)
    return TextLanguages(_primary(table, hint), table, spans_of(runs))


def _label_block(block: Block, runs: list[Run], offset: int, document: str | None) -> Block:
    """``lang`` when the block's main language is not the document's; ``spans`` when it mixes."""
    table = shares(runs)
    main = table[0].lang if table else None
    lang = main if main and main != document else None
    spans: tuple[Span, ...] = ()
    if len(table) > 1 and block.type not in WHOLE_TYPES:
        spans = spans_of(runs, offset)
    if block.lang == lang and block.spans == spans:
        return block
    return replace(block, lang=lang, spans=spans)


def _plain(block: Block) -> Block:
    """The block in the document's language: no ``lang``, no ``spans``."""
    return block if block.lang is None and not block.spans else replace(block, lang=None, spans=())


def _page_shares(page: PageRuns) -> tuple[LanguageShare, ...]:
    """Letter shares of the identified runs plus the rest of the page in its primary language."""
    counts = letter_counts([run for mine, _ in page.runs_by_block.values() for run in mine])
    if page.primary and page.rest_letters:
        counts[page.primary] = counts.get(page.primary, 0) + page.rest_letters
    return shares_of(counts)


def annotate(blocks: tuple[Block, ...], *, hint: str | None, config: Config) -> LanguageResult:
    """Detect the document's languages, then label each block.

    The document is analysed as one text (blocks joined by line breaks) so that short
    blocks — a breadcrumb, a caption — are judged with the page's languages as prior. A
    page longer than :data:`~toolkit.language.pages.PAGE_BUDGET` characters is identified
    from an even sample plus the blocks that could differ (:mod:`toolkit.language.pages`):
    the rest is in the page's primary language.
    """
    page = page_runs(_block_texts(blocks), tuple(config.languages), hint, config.detector)
    table = _page_shares(page)
    document = _primary(table, hint)
    labelled = list(blocks)
    for index in _labelled_already(blocks) - page.runs_by_block.keys():
        labelled[index] = _plain(blocks[index])
    for index, (runs, offset) in page.runs_by_block.items():
        labelled[index] = _label_block(blocks[index], runs, offset, document)
    return LanguageResult(tuple(labelled), document, table)


def _block_texts(blocks: tuple[Block, ...]) -> list[str]:
    """The text of each block that detection reads ("" for skipped types), looped over in C:
    a page's navigation alone can be a few hundred blocks."""
    texts = list(map(attrgetter("text"), blocks))
    others = map(not_, map(_TEXT_TYPES.__contains__, map(attrgetter("type"), blocks)))
    for index in compress(range(len(blocks)), others):
        texts[index] = "" if blocks[index].type in SKIPPED_TYPES else blocks[index].plain_text()
    return texts


def _labelled_already(blocks: tuple[Block, ...]) -> set[int]:
    """Indices of the blocks that carry a ``lang`` or ``spans`` already (usually none)."""
    indices = range(len(blocks))
    with_lang = compress(indices, map(is_not, map(attrgetter("lang"), blocks), repeat(None)))
    return set(with_lang).union(compress(indices, map(attrgetter("spans"), blocks)))


__all__ = ["LanguageResult", "TextLanguages", "annotate", "detect_text"]
