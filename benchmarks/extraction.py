"""Main-content extraction benchmark: toolkit vs trafilatura on the shared development set.

Usage::

    python benchmarks/extraction.py [DEVSET] [--no-publish] [--no-trafilatura] [--misses FILE] [--jobs N]... [--rounds N]

DEVSET defaults to ``$TOOLKIT_DEVSET`` or ``../shared/devset/extraction`` next to the
repository. It is read in place, never copied into the repository. The metric is the
set's own (see its README): whitespace collapsed, case-sensitive substring search of
``with`` (must appear) and ``without`` (must not appear) snippets, counts summed over
pages. Speed is pages per CPU-second: ``extract_html`` alone (decode included) and
trafilatura in this process, and the whole ``toolkit publish DIR --out OUT --format
json`` as a child process (start-up included, CPU time of the children from
``resource.getrusage``), once with the command's default (one process) and once with
``--jobs 0`` (a worker per core: sooner done, more CPU per page). Every extractor is timed
``--rounds`` times, interleaved (this machine's speed drifts within a run), and the speeds
are medians; a ratio is the median of the per-round ratios. trafilatura is a
benchmark-only dependency, imported here only.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DEVSET = REPO.parent / "shared" / "devset" / "extraction"


@dataclass
class Page:
    name: str
    key: str
    data: bytes
    with_: list[str]
    without: list[str]


@dataclass
class Score:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fn += other.fn
        self.fp += other.fp
        self.tn += other.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0


def load_pages(devset: Path) -> list[Page]:
    """The pages of the set and their snippets, in a stable order."""
    evaldata = json.loads((devset / "evaldata.json").read_text("utf-8"))
    pages = []
    for key in sorted(evaldata):
        entry = evaldata[key]
        path = devset / "html" / (entry["file"] + ".gz")
        data = gzip.decompress(path.read_bytes()) if path.exists() else (devset / "html" / entry["file"]).read_bytes()
        name = Path(entry["file"]).name.removesuffix(".html")
        pages.append(Page(name, key, data, entry.get("with", []), entry.get("without", [])))
    return pages


def score_page(page: Page, text: str | None) -> tuple[Score, list[str], list[str]]:
    """The set's metric for one page, plus the missed ``with`` and found ``without`` snippets."""
    flat = " ".join((text or "").split())
    missed = [s for s in page.with_ if not text or " ".join(s.split()) not in flat]
    found = [s for s in page.without if text and " ".join(s.split()) in flat]
    score = Score(len(page.with_) - len(missed), len(missed), len(found), len(page.without) - len(found))
    return score, missed, found


def run_in_process(pages: list[Page], extract: Callable[[Page], str | None]) -> tuple[dict[str, str | None], float]:
    """Outputs of ``extract`` for every page and the CPU seconds spent (crashes count as empty output)."""
    outputs: dict[str, str | None] = {}
    start = time.process_time()
    for page in pages:
        try:
            outputs[page.name] = extract(page)
        except Exception as exc:  # noqa: BLE001 - a crash finds nothing, as the metric says
            print(f"  crash on {page.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            outputs[page.name] = None
    return outputs, time.process_time() - start


def toolkit_extract(page: Page) -> str:
    from toolkit.decode import decode
    from toolkit.extract import extract_html

    decoded = decode(page.data, html=True)
    extraction = extract_html(decoded.text, url=None, config=_CONFIG)
    return "\n\n".join(b.plain_text() for b in extraction.blocks if b.plain_text())


def trafilatura_extract(page: Page) -> str | None:
    import trafilatura

    return trafilatura.extract(page.data)


def compile_bytecode() -> None:
    """Compile the toolkit's modules to bytecode first, as ``pip install`` does for an installed
    package: a checkout run with ``PYTHONDONTWRITEBYTECODE`` set would otherwise compile every
    module from source in each publish run (about 0.06 s here)."""
    import compileall

    compileall.compile_dir(str(REPO / "toolkit"), quiet=1)


def run_publish(pages: list[Page], jobs: int | None = None) -> tuple[dict[str, str | None], float] | None:
    """``toolkit publish DIR --out OUT --format json [--jobs N]`` in a child process; None when it fails to run."""
    with tempfile.TemporaryDirectory(prefix="toolkit-bench-") as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        src.mkdir()
        for page in pages:
            (src / f"{page.name}.html").write_bytes(page.data)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        cmd = [sys.executable, "-m", "toolkit", "publish", str(src), "--out", str(out), "--format", "json"]
        cmd += ["--jobs", str(jobs)] if jobs is not None else []
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if not out.exists():
            print(f"  publish did not run (exit {proc.returncode}): {proc.stderr.strip()[-300:]}", file=sys.stderr)
            return None
        outputs = {page.name: _published_text(out / f"{page.name}.json") for page in pages}
        return outputs, cpu


def _published_text(path: Path) -> str | None:
    try:
        return json.loads(path.read_text("utf-8")).get("text")
    except (OSError, ValueError):
        return None


def evaluate(pages: list[Page], outputs: dict[str, str | None]) -> tuple[Score, dict[str, Score], list[dict]]:
    """Totals, totals by category (the key's prefix, e.g. ``hard``), and per-page misses."""
    total, by_category, misses = Score(), {}, []
    for page in pages:
        score, missed, found = score_page(page, outputs.get(page.name))
        total.add(score)
        category = page.key.split("::")[0] if "::" in page.key else "main"
        by_category.setdefault(category, Score()).add(score)
        if missed or found:
            misses.append({"name": page.name, "key": page.key, "missed": missed, "found": found})
    return total, by_category, misses


def table(rows: Iterable[tuple[str, Score, float, int]]) -> str:
    lines = ["| extractor | precision | recall | F1 | pages/s |", "| --- | --- | --- | --- | --- |"]
    for name, score, cpu, count in rows:
        speed = count / cpu if cpu else float("nan")
        lines.append(f"| {name} | {score.precision:.3f} | {score.recall:.3f} | {score.f1:.3f} | {speed:.0f} |")
    return "\n".join(lines)


_CONFIG = None


def main(argv: list[str] | None = None) -> int:
    global _CONFIG
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("devset", nargs="?", default=os.environ.get("TOOLKIT_DEVSET", str(DEFAULT_DEVSET)))
    parser.add_argument("--no-publish", action="store_true", help="skip the whole `toolkit publish` run")
    parser.add_argument("--no-trafilatura", action="store_true", help="skip trafilatura")
    parser.add_argument("--misses", help="write missed/found snippets per page (JSON) to this file")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (for quick looks)")
    parser.add_argument("--jobs", type=int, action="append", metavar="N",
                        help="publish with --jobs N (repeatable; default: the command's default, one process, then --jobs 0, one per core)")
    parser.add_argument("--rounds", type=int, default=3, metavar="N",
                        help="time every extractor N times, interleaved; speeds are medians (default 3)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from toolkit.config import Config

    _CONFIG = Config()
    pages = load_pages(Path(args.devset))
    if args.limit:
        pages = pages[: args.limit]
    runners = _runners(args, pages)
    scores: dict[str, Score] = {}
    by_cat: dict[str, dict[str, Score]] = {}
    cpu: dict[str, list[float | None]] = {name: [] for name in runners}  # per round; None: that run failed
    for _ in range(max(1, args.rounds)):
        for name, run in runners.items():
            done = run()
            cpu[name].append(done[1] if done is not None else None)
            if done is None:
                continue
            outputs = done[0]
            if name not in scores:  # scored once, in the first round it ran
                scores[name], cats, misses = evaluate(pages, outputs)
                by_cat.setdefault(name.split(" ")[0], cats)
                if args.misses and name.startswith("toolkit extract_html"):
                    Path(args.misses).write_text(json.dumps(misses, ensure_ascii=False, indent=1), "utf-8")
    rows = [(name, scores[name], statistics.median(t for t in cpu[name] if t is not None), len(pages))
            for name in runners if name in scores]
    print(f"{len(pages)} pages from {args.devset}; speeds are medians of {max(1, args.rounds)} interleaved rounds\n")
    print(table(rows))
    _print_ratios(cpu, len(pages))
    print("\nF1 by category: " + "; ".join(
        f"{name}: " + ", ".join(f"{c} {s.f1:.3f}" for c, s in sorted(cats.items())) for name, cats in by_cat.items()))
    return 0


def _runners(args: argparse.Namespace, pages: list[Page]) -> dict[str, Callable[[], tuple[dict[str, str | None], float] | None]]:
    """The extractors to time, by the name their row gets, each a call giving (outputs, CPU seconds)."""
    runners: dict[str, Callable[[], tuple[dict[str, str | None], float] | None]] = {
        "toolkit extract_html (decode + extract, in process)": lambda: run_in_process(pages, toolkit_extract)}
    if not args.no_publish:
        compile_bytecode()
        for jobs in args.jobs or (None, 0):
            option = f" --jobs {jobs}" if jobs is not None else ""
            name = f"toolkit publish --format json{option} (whole run, start-up included)"
            runners[name] = lambda jobs=jobs: run_publish(pages, jobs)
    if not args.no_trafilatura:
        runners["trafilatura extract() defaults (in process)"] = lambda: run_in_process(pages, trafilatura_extract)
    return runners


def _print_ratios(cpu: dict[str, list[float | None]], count: int) -> None:
    """Each extractor's speed over trafilatura's: median of the per-round ratios (rounds where
    both ran), and the rounds."""
    base = next((v for k, v in cpu.items() if k.startswith("trafilatura")), None)
    if not base:
        return
    print()
    for name, seconds in cpu.items():
        ratios = sorted(b / s for s, b in zip(seconds, base) if s and b)
        if name.startswith("trafilatura") or not ratios:
            continue
        spread = f" (rounds: {', '.join(f'{r:.2f}' for r in ratios)})" if len(ratios) > 1 else ""
        print(f"speed ratio {name.split(' (')[0]} / trafilatura: {statistics.median(ratios):.2f}x{spread}")


if __name__ == "__main__":
    sys.exit(main())
