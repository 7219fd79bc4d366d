"""Language of every document, block and span.

Two entry points:

* :func:`detect_text` — languages of one text: primary language, letter shares, and spans
  (character offsets) covering every letter. Used by ``toolkit detect``.
* :func:`annotate` — the pipeline's step: the blocks of a document get ``lang`` where they
  differ from the document and ``spans`` where they mix languages; the document gets its
  primary language and letter shares.

The work happens in :mod:`toolkit.language.identify` (script runs, detector, context); the
detector sits behind :class:`toolkit.language.detectors.Detector`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..article import Block, LanguageShare, Span
from ..config import Config
from .identify import Run, identify

#: Block types whose text is not natural language and is left out of detection.
SKIPPED_TYPES = ("code",)
#: Block types labelled as a whole (no spans): their text is several cells or items.
WHOLE_TYPES = ("list", "table")


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
    counts: dict[str, int] = {}
    for run in runs:
        if run.lang:
            counts[run.lang] = counts.get(run.lang, 0) + run.letters
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
    runs = identify(text, tuple(config.languages), hint)
    table = shares(runs)
    return TextLanguages(_primary(table, hint), table, spans_of(runs))


def _block_text(block: Block) -> str:
    return "" if block.type in SKIPPED_TYPES else block.plain_text()


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


def annotate(blocks: tuple[Block, ...], *, hint: str | None, config: Config) -> LanguageResult:
    """Detect the document's languages once over all blocks, then label each block.

    The whole document is analysed as one text (blocks joined by line breaks) so that
    short blocks — a breadcrumb, a caption — are judged with the page's languages as prior.
    """
    texts = [_block_text(b) for b in blocks]
    joined = "\n".join(texts)
    runs = identify(joined, tuple(config.languages), hint)
    table = shares(runs)
    document = _primary(table, hint)
    labelled, index, offset = [], 0, 0
    for block, text in zip(blocks, texts):
        end = offset + len(text)
        mine: list[Run] = []
        while index < len(runs) and runs[index].start < end:
            mine.append(runs[index])
            index += 1
        labelled.append(_label_block(block, mine, offset, document))
        offset = end + 1
    return LanguageResult(tuple(labelled), document, table)


__all__ = ["LanguageResult", "TextLanguages", "annotate", "detect_text"]
