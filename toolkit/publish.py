"""Publishing: inputs -> Articles -> files in the output folder, and the run report.

Work is split in two: ``process`` (read one input file and normalize what it holds; no
output) can run in worker processes; ``Publisher`` (names, writes, report) runs in the
parent so that names are handed out in input order and runs are byte-identical.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Iterator

from .article import Article
from .atomic import write_text_atomic
from .config import Config
from .errors import InputError, UsageError
from .inputs import InputFile, discover
from .outpaths import NameAllocator, safe_relative
from .pipeline import normalize_document
from .readers import BadRecord, default_stem, documents
from .report import PUBLISHED, REJECTED, SKIPPED, Entry, RunReport

REPORT_NAME = "report.json"

#: output format -> (file suffix, Article renderer)
WRITERS: dict[str, tuple[str, Callable[[Article], str]]] = {
    "json": (".json", Article.to_json),
    "md": (".md", Article.to_markdown),
}


@dataclass(frozen=True)
class Outcome:
    """What became of one document: an Article, or the reason it was rejected or skipped."""

    input: str
    stem: PurePosixPath
    record: str | None = None
    article: Article | None = None
    reason: str | None = None
    skipped: bool = False


def process(item: InputFile, config: Config) -> list[Outcome]:
    """Read one input file and normalize every document in it. Never raises for bad input."""
    if item.skipped:
        return [Outcome(item.name, default_stem(item), reason=item.skipped, skipped=True)]
    outcomes: list[Outcome] = []
    try:
        for doc in documents(item, config):
            outcomes.append(_normalize_one(item, doc, config))
    except InputError as exc:
        outcomes.append(Outcome(item.name, default_stem(item), reason=str(exc)))
    return outcomes


def _normalize_one(item: InputFile, doc: object, config: Config) -> Outcome:
    if isinstance(doc, BadRecord):
        return Outcome(item.name, default_stem(item), record=doc.record, reason=doc.reason)
    stem = getattr(doc, "stem", None) or default_stem(item)
    record = getattr(doc, "record", None)
    try:
        article = normalize_document(doc, config)  # type: ignore[arg-type]
    except InputError as exc:
        return Outcome(item.name, stem, record=record, reason=str(exc))
    return Outcome(item.name, stem, record=record, article=article)


class Publisher:
    """Writes Articles under ``out`` in the requested formats and keeps the report."""

    def __init__(self, out: Path, formats: tuple[str, ...]) -> None:
        unknown = [f for f in formats if f not in WRITERS]
        if unknown:
            raise UsageError(f"unknown output format {unknown[0]!r} (choose from {', '.join(WRITERS)})")
        self.out = out
        self.formats = formats
        self.report = RunReport()
        self._names = NameAllocator()
        self._names.allocate(PurePosixPath(Path(REPORT_NAME).stem), "")

    def take(self, outcome: Outcome) -> None:
        if outcome.article is None:
            status = SKIPPED if outcome.skipped else REJECTED
            self.report.add(Entry(outcome.input, status, record=outcome.record, reason=outcome.reason))
            return
        stem = self._names.allocate(safe_relative(outcome.stem.parts), outcome.article.id)
        outputs = tuple(self._write(stem, fmt, outcome.article) for fmt in self.formats)
        self.report.add(Entry(outcome.input, PUBLISHED, record=outcome.record, id=outcome.article.id, outputs=outputs))

    def _write(self, stem: PurePosixPath, fmt: str, article: Article) -> str:
        suffix, render = WRITERS[fmt]
        rel = stem.with_name(stem.name + suffix)
        write_text_atomic(self.out.joinpath(*rel.parts), render(article))
        return rel.as_posix()

    def finish(self) -> RunReport:
        write_text_atomic(self.out / REPORT_NAME, self.report.to_json())
        return self.report


def outcomes(inputs: Iterable[InputFile], config: Config) -> Iterator[Outcome]:
    for item in inputs:
        yield from process(item, config)


def publish(inputs: list[str], out: str | Path, *, config: Config | None = None) -> RunReport:
    """Publish every document of ``inputs`` into the folder ``out``; return the run report."""
    config = config or Config()
    out_path = Path(out)
    publisher = Publisher(out_path, config.formats)
    for outcome in outcomes(discover(inputs, exclude=out_path), config):
        publisher.take(outcome)
    return publisher.finish()
