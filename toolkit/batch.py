"""Batch publishing: inputs -> Articles -> files (or one JSON Lines stream) and the run report.

(The engine behind ``toolkit.publish``; it is not named ``publish.py`` because a submodule
of that name would shadow the public function ``toolkit.publish``.)

Work is split in two. The parent streams the inputs into :class:`Task` values (one per
document: a plain file, a JSON Lines line, a WARC response record) and, when resuming,
marks those whose source sha256 is unchanged. Workers (:func:`run_chunk`, in a process
pool when ``jobs > 1``) normalize and render; they never write. The :class:`Publisher`
in the parent takes the outcomes in input order, hands out names, writes atomically and
keeps the report and the manifest, so any ``jobs`` gives byte-identical output.
"""

from __future__ import annotations

import gc
import hashlib
import sys
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path, PurePosixPath
from typing import IO, Callable, Iterable, Iterator, Sequence

from .article import Article
from .atomic import atomic_stream, remove_stale_temporaries, write_text_atomic
from .config import Config
from .errors import InputError, UsageError
from .inputs import InputFile, check_inputs, discover
from .manifest import MANIFEST_NAME, ManifestWriter, Published, load, source_key
from .outpaths import NameAllocator, safe_relative, slug
from .parallel import chunked, default_jobs, ordered_map
from .pipeline import RawDocument, normalize_document, warm_up
from .readers import BadRecord, ReadOptions, container_stem, default_stem, documents
from .report import PUBLISHED, REJECTED, REPORT_NAME, SKIPPED, Entry, RunReport

JSONL_NAME = "articles.jsonl"
STDOUT = "-"

#: file output format -> (file suffix, Article renderer); ``jsonl`` is one stream for the run
WRITERS: dict[str, tuple[str, Callable[[Article], str]]] = {
    "json": (".json", Article.to_json),
    "md": (".md", Article.to_markdown),
}
FORMATS = (*WRITERS, "jsonl")
CHUNK_DOCS = 16
CHUNK_BYTES = 4 << 20


@dataclass(frozen=True)
class PublishOptions:
    """How a run goes (what it produces is in :class:`~toolkit.config.Config`).

    ``jobs``: worker processes (None or 0: one per core). ``resume``: skip sources whose
    sha256 and outputs are unchanged since the last run. ``report``: where report.json goes
    (None: ``OUT/report.json``, or nowhere when writing to stdout). ``progress``: a bar on
    stderr (None: only when stderr is a terminal). ``log``: called with one line per rejection.
    """

    jobs: int | None = 1
    resume: bool = False
    read: ReadOptions = field(default_factory=ReadOptions)
    report: Path | None = None
    progress: bool | None = False
    log: Callable[[str], None] | None = None


@dataclass(frozen=True)
class Task:
    """One document to publish, or a record that could not be read, with where it came from."""

    input: str
    stem: str  # single file: its output stem; record of a container: the container's folder
    doc: RawDocument | BadRecord
    kept: Published | None = None  # --resume: unchanged since the last run, not normalized again

    @property
    def sha256(self) -> str | None:
        """The source's sha256 (hashed once, when the task was made); None for a bad record."""
        return self.doc.sha256 if isinstance(self.doc, RawDocument) else None


@dataclass(frozen=True)
class Outcome:
    """What became of one task: rendered outputs, or the reason it was rejected or skipped."""

    input: str
    stem: str
    record: str | None
    sha256: str | None = None
    id: str | None = None
    rendered: tuple[tuple[str, str], ...] = ()  # (format, text)
    reason: str | None = None
    skipped: bool = False
    kept: Published | None = None


# --- worker side --------------------------------------------------------------------------


def run_chunk(chunk: Sequence[Task], formats: tuple[str, ...], config: Config) -> list[Outcome]:
    """Normalize and render every task of a chunk. Never raises for bad input (runs in workers)."""
    return [run_task(task, formats, config) for task in chunk]


def run_task(task: Task, formats: tuple[str, ...], config: Config) -> Outcome:
    doc = task.doc
    if isinstance(doc, BadRecord):
        return Outcome(task.input, task.stem, doc.record or None, reason=doc.reason, skipped=doc.skipped)
    if task.kept is not None:
        return Outcome(task.input, task.kept.stem, doc.record, task.sha256, task.kept.id, kept=task.kept)
    try:
        article = normalize_document(doc, config)
        rendered = tuple((fmt, _render(fmt, article)) for fmt in formats)
    except InputError as exc:
        return Outcome(task.input, task.stem, doc.record, task.sha256, reason=str(exc))
    except Exception as exc:  # a bug must not lose the rest of the batch; it is reported as a rejection
        reason = f"{doc.name}: internal error: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
        return Outcome(task.input, task.stem, doc.record, task.sha256, reason=reason)
    return Outcome(task.input, _stem_for(task, article), doc.record, task.sha256, article.id, rendered)


def crashed(task: Task, why: str) -> Outcome:
    """The rejection of a task whose worker process died."""
    name = task.doc.name if isinstance(task.doc, RawDocument) else task.input
    return Outcome(task.input, task.stem, task.doc.record or None, task.sha256, reason=f"{name}: {why}")


def _render(fmt: str, article: Article) -> str:
    if fmt == "jsonl":
        return article.to_json(indent=None) + "\n"
    return WRITERS[fmt][1](article)


def _stem_for(task: Task, article: Article) -> str:
    """A record is named by a slug of its title and a short stable id, inside its container's folder."""
    if task.doc.record is None:  # the file itself is the document: named after the file
        return task.stem
    return (PurePosixPath(task.stem) / f"{slug(article.title or '')}-{article.id[:8]}").as_posix()


# --- parent side: reading --------------------------------------------------------------------


def tasks(inputs: Iterable[InputFile], options: ReadOptions, previous: dict[str, Published] | None,
          expected: Callable[[Published], bool]) -> Iterator[Task]:
    """Every document of every input, in order; unchanged ones marked as kept when resuming."""
    for item in inputs:
        for task in _item_tasks(item, options):
            yield _mark_kept(task, previous, expected) if previous else task


def _item_tasks(item: InputFile, options: ReadOptions) -> Iterator[Task]:
    if item.skipped:
        yield _task(item, BadRecord("", item.skipped, skipped=True))
        return
    try:
        for doc in documents(item, options):
            yield _task(item, doc)
    except InputError as exc:
        yield _task(item, BadRecord("", str(exc)))


def _task(item: InputFile, doc: RawDocument | BadRecord) -> Task:
    """A record goes in its container's folder; the file itself as a document (record None), or the
    whole file as a rejection (record ""), is named after the file."""
    stem = container_stem(item) if doc.record else default_stem(item)
    if isinstance(doc, BadRecord):
        return Task(item.name, stem.as_posix(), doc)
    # hashed once, for the manifest and the Article
    return Task(item.name, stem.as_posix(), replace(doc, sha256=hashlib.sha256(doc.data).hexdigest()))


def _mark_kept(task: Task, previous: dict[str, Published], expected: Callable[[Published], bool]) -> Task:
    before = previous.pop(source_key(task.input, task.doc.record or None), None)
    if before is None or before.sha256 != task.sha256 or not expected(before):
        return task
    # not normalized again, so its bytes need not travel to a worker
    return replace(task, doc=replace(task.doc, data=b""), kept=before)


def _weight(task: Task) -> int:
    """Bytes a task carries to its worker (a kept one carries none)."""
    return len(task.doc.data) if isinstance(task.doc, RawDocument) else 0


# --- parent side: writing --------------------------------------------------------------------


class Publisher:
    """Writes outcomes under ``out`` (or the JSON Lines to a stream), in order, and keeps the report."""

    def __init__(self, out: Path | None, formats: tuple[str, ...], *, jsonl: IO[bytes] | None = None,
                 previous_jsonl: IO[bytes] | None = None, manifest: ManifestWriter | None = None,
                 log: Callable[[str], None] | None = None) -> None:
        self.out = out
        self.formats = formats
        self.report = RunReport()
        self._jsonl = jsonl
        self._jsonl_pos = 0
        self._previous_jsonl = previous_jsonl
        self.manifest = manifest
        self._log = log
        self._names = NameAllocator()
        self._writes_files = any(f in WRITERS for f in formats)
        self._names.reserve(PurePosixPath(REPORT_NAME).with_suffix(""))  # no input may be published as report.json

    def take(self, outcome: Outcome) -> None:
        if outcome.reason is not None:
            self._reject(outcome)
        elif outcome.kept is not None:
            self._keep(outcome, outcome.kept)
        else:
            self._publish(outcome)

    def _reject(self, outcome: Outcome) -> None:
        status = SKIPPED if outcome.skipped else REJECTED
        self.report.add(Entry(outcome.input, status, record=outcome.record, reason=outcome.reason))
        if self._log is not None and status == REJECTED:
            self._log(f"toolkit: rejected: {outcome.reason}")  # the reason names the input and record

    def _publish(self, outcome: Outcome) -> None:
        assert outcome.id is not None
        stem = safe_relative(PurePosixPath(outcome.stem).parts)
        if self._writes_files:  # names matter only for files; a JSON Lines run keeps no name set (bounded memory)
            stem = self._names.allocate(stem, outcome.id)
        outputs: list[str] = []
        span = None
        for fmt, text in outcome.rendered:
            if fmt == "jsonl":
                span = self._write_line(text.encode("utf-8"))
                outputs.append(JSONL_NAME if self.out is not None else "<stdout>")
            else:
                outputs.append(self._write(stem, fmt, text))
        self._record(outcome, stem.as_posix(), tuple(outputs), span)

    def _keep(self, outcome: Outcome, kept: Published) -> None:
        if self._writes_files:
            self._names.reserve(PurePosixPath(kept.stem))
        span = None
        if kept.jsonl is not None and self._previous_jsonl is not None:
            self._previous_jsonl.seek(kept.jsonl[0])
            span = self._write_line(self._previous_jsonl.read(kept.jsonl[1]))
        self.report.reused += 1
        self._record(outcome, kept.stem, kept.outputs, span)

    def _record(self, outcome: Outcome, stem: str, outputs: tuple[str, ...], span: tuple[int, int] | None) -> None:
        self.report.add(Entry(outcome.input, PUBLISHED, record=outcome.record, id=outcome.id, outputs=outputs))
        if self.manifest is not None and outcome.sha256 is not None:
            key = source_key(outcome.input, outcome.record)
            self.manifest.add(key, Published(outcome.sha256, stem, outputs, outcome.id, span))

    def flush(self) -> None:
        """Flush JSON Lines on standard output (a file is renamed into place when its stream closes)."""
        if self.out is None and self._jsonl is not None:
            self._jsonl.flush()

    def _write_line(self, line: bytes) -> tuple[int, int]:
        assert self._jsonl is not None
        self._jsonl.write(line)
        start = self._jsonl_pos
        self._jsonl_pos += len(line)
        return start, len(line)

    def _write(self, stem: PurePosixPath, fmt: str, text: str) -> str:
        assert self.out is not None
        rel = stem.with_name(stem.name + WRITERS[fmt][0])
        write_text_atomic(self.out.joinpath(*rel.parts), text)
        return rel.as_posix()


# --- the run ---------------------------------------------------------------------------------


def check_formats(formats: tuple[str, ...], to_stdout: bool) -> None:
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UsageError(f"unknown output format {unknown[0]!r} (choose from {', '.join(FORMATS)})")
    if not formats:
        raise UsageError("at least one output format is needed")
    if to_stdout and formats != ("jsonl",):
        raise UsageError("--out - (standard output) needs --format jsonl")


def publish(inputs: Sequence[str], out: str | Path, *, config: Config | None = None,
            options: PublishOptions | None = None) -> RunReport:
    """Publish every document of ``inputs`` (files, folders, globs, ``-``) into ``out``; return the run report.

    ``out`` is a folder, or ``"-"`` for JSON Lines on standard output. Raises
    :class:`~toolkit.errors.UsageError` for a missing input or a wrong option; bad
    documents are rejections in the report, never exceptions.
    """
    config = config or Config()
    options = options or PublishOptions()
    out_path = None if str(out) == STDOUT else Path(out)
    _check_request(list(inputs), out_path, config, options)
    read_options = replace(options.read, max_bytes=config.limits.max_bytes)
    with ExitStack() as stack:
        progress = _progress(stack, options.progress)
        log = options.log
        if progress is not None and log is not None:  # lines above the bar, not through it
            log = partial(progress.write, file=sys.stderr)
        publisher, previous = _publisher(stack, out_path, config.formats, options, log)
        found = discover(list(inputs), exclude=out_path)
        expected = partial(_unchanged, out_path, config.formats)
        work = chunked(tasks(found, read_options, previous, expected), CHUNK_DOCS, _weight, CHUNK_BYTES)
        worker = partial(run_chunk, formats=config.formats, config=config)
        jobs = options.jobs or default_jobs()
        if jobs > 1:
            warm_up(config)  # forked workers inherit the loaded tables
        stack.enter_context(_collector_tuned())
        for outcome in ordered_map(worker, work, jobs, crashed):
            publisher.take(outcome)
            if progress is not None:
                progress.update(1)
        publisher.flush()
    return _finish(publisher, out_path, options)


#: young-generation threshold during a run (CPython's default is 700)
GC_YOUNG_THRESHOLD = 5000


@contextmanager
def _collector_tuned() -> Iterator[None]:
    """Less cyclic-GC work while publishing; the collector's settings come back afterwards.

    Normalizing allocates many short-lived objects: the stdlib's threshold of 700 runs
    ~500 young collections over 645 HTML pages. Freezing what is loaded (modules, rule and
    language tables) keeps the full collections from walking it again and again, and forked
    workers from touching (copying) those pages. About 0.25 ms/page less in the collector.

    What it finds is what it leaves: ``gc.unfreeze()`` thaws every frozen object, so when
    the caller (a library user, a server) already froze its own, the run neither freezes
    nor unfreezes and their frozen set stays as it was.
    """
    thresholds = gc.get_threshold()
    freezes = gc.get_freeze_count() == 0
    if freezes:
        gc.freeze()
    gc.set_threshold(max(thresholds[0], GC_YOUNG_THRESHOLD), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if freezes:
            gc.unfreeze()


def _check_request(inputs: list[str], out: Path | None, config: Config, options: PublishOptions) -> None:
    """Usage errors before any work starts."""
    check_formats(config.formats, out is None)
    if out is None and options.resume:
        raise UsageError("--resume needs an output folder, not standard output")
    check_inputs(inputs)


def _publisher(stack: ExitStack, out: Path | None, formats: tuple[str, ...], options: PublishOptions,
               log: Callable[[str], None] | None) -> tuple[Publisher, dict[str, Published] | None]:
    jsonl = previous_jsonl = manifest = None
    previous = None
    if out is not None and options.resume:
        remove_stale_temporaries(out)
        previous = load(out)
    if "jsonl" in formats:
        if out is None:
            jsonl = sys.stdout.buffer
        else:
            if previous and (out / JSONL_NAME).is_file():
                previous_jsonl = stack.enter_context(open(out / JSONL_NAME, "rb"))
            jsonl = stack.enter_context(atomic_stream(out / JSONL_NAME))
    if out is not None:
        manifest = ManifestWriter(out, previous or {}, checkpoints="jsonl" not in formats)
    publisher = Publisher(out, formats, jsonl=jsonl, previous_jsonl=previous_jsonl, manifest=manifest, log=log)
    return publisher, previous


def _unchanged(out: Path | None, formats: tuple[str, ...], before: Published) -> bool:
    """The previous outputs are what this run would write, and they are still there."""
    if out is None:
        return False
    wanted = tuple(before.stem + WRITERS[f][0] if f in WRITERS else JSONL_NAME for f in formats)
    if wanted != before.outputs:
        return False
    if "jsonl" in formats and before.jsonl is None:
        return False
    return all((out / rel).is_file() for rel in before.outputs)


def _progress(stack: ExitStack, wanted: bool | None):  # type: ignore[no-untyped-def]
    show = sys.stderr.isatty() if wanted is None else wanted
    if not show:
        return None
    from tqdm import tqdm

    return stack.enter_context(tqdm(unit=" docs", file=sys.stderr, dynamic_ncols=True, leave=False))


def _finish(publisher: Publisher, out: Path | None, options: PublishOptions) -> RunReport:
    report = publisher.report
    target = options.report or (out / REPORT_NAME if out is not None else None)
    if target is not None:
        with atomic_stream(Path(target)) as handle:
            report.write_to(handle)
    if publisher.manifest is not None:
        publisher.manifest.write()
    return report


__all__ = ["publish", "PublishOptions", "Publisher", "Outcome", "Task", "run_chunk", "FORMATS", "MANIFEST_NAME"]
