"""Batch publishing benchmark: pages per second and peak memory on ~100 MB and ~1 GB of JSON Lines.

Generates JSON Lines exports (fixed seed) in a temporary folder: each record is an HTML
page (navigation, an article of 20 to 45 paragraphs, a footer) whose sentences are real
sentences of 25 languages from the language-identification development set (read from
``--sentences``, outside the repository, never copied into it). Then runs

    python -m toolkit publish EXPORT.jsonl --format jsonl --out OUT --jobs N --no-progress

as a child process and reports wall time, pages per second, the peak RSS of the
largest process (``wait4`` rusage: the parent or a worker) and the peak of the sum of
RSS over the whole process tree (sampled from /proc every 0.2 s). Streaming means the
memory figures stay flat when the input grows tenfold.

    python benchmarks/batch.py              # the ~100 MB run only
    python benchmarks/batch.py --large      # also the ~1 GB run (several minutes)
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SENTENCES = Path("/work/shared/devset/langid/sentences")
MB = 1024 * 1024


def load_sentences(folder: Path) -> dict[str, list[str]]:
    """Sentences per language (file stem), blank lines dropped."""
    out = {}
    for path in sorted(folder.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if lines:
            out[path.stem] = lines
    if not out:
        raise SystemExit(f"no sentences in {folder} (use --sentences DIR)")
    return out


def page(rng: random.Random, sentences: list[str]) -> tuple[str, str]:
    """A title and an HTML page of realistic paragraphs in one language."""
    title = rng.choice(sentences)[:80]
    paragraphs = "\n".join(
        f"<p>{html.escape(' '.join(rng.choice(sentences) for _ in range(rng.randint(2, 6))))}</p>"
        for _ in range(rng.randint(20, 45))
    )
    body = (f"<html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head><body>"
            f"<nav><a href='/'>Home</a> | <a href='/news'>News</a> | <a href='/about'>About</a></nav>"
            f"<article><h1>{html.escape(title)}</h1>\n{paragraphs}\n</article>"
            f"<footer>Copyright 2024 Example Media. All rights reserved.</footer></body></html>")
    return title, body


def generate(path: Path, size: int, corpus: dict[str, list[str]], seed: int) -> int:
    """Write about ``size`` bytes of JSON Lines to ``path``; return the number of records."""
    rng = random.Random(seed)
    languages = sorted(corpus)
    written = count = 0
    with open(path, "w", encoding="utf-8") as handle:
        while written < size:
            lang = rng.choice(languages)
            title, body = page(rng, corpus[lang])
            line = json.dumps({"url": f"https://example.com/{lang}/{count}", "title": title, "html": body,
                               "lang": lang, "crawled_at": "2024-05-01T00:00:00Z"}, ensure_ascii=False) + "\n"
            handle.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    return count


def tree_rss(root: int) -> int:
    """Sum of RSS (bytes) of ``root`` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, ()))
    return total


def run(export: Path, out: Path, jobs: int) -> dict[str, float]:
    """Publish ``export`` in a child process; wall time, pages/s and peak memory."""
    cmd = [sys.executable, "-m", "toolkit", "publish", str(export), "--format", "jsonl", "--out", str(out),
           "--jobs", str(jobs), "--no-progress"]
    started = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(child.pid))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = child.stderr.read() if child.stderr else b""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    sampler.join()
    wall = time.perf_counter() - started
    if child.returncode not in (0, 1):  # before reading report.json, which a failed run may not have written
        raise SystemExit(f"publish failed ({child.returncode}): {stderr.decode(errors='replace')[-2000:]}")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    published = report["totals"]["published"]
    return {"published": published, "rejected": report["totals"]["rejected"], "wall": wall,
            "pages_per_s": published / wall, "maxrss_mb": usage.ru_maxrss / 1024, "tree_peak_mb": peak[0] / MB}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=Path, default=Path(os.environ.get("TOOLKIT_SENTENCES", DEFAULT_SENTENCES)))
    parser.add_argument("--large", action="store_true", help="also publish ~1 GB (several minutes)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=20240501)
    parser.add_argument("--small-mb", type=int, default=100)
    parser.add_argument("--large-mb", type=int, default=1024)
    args = parser.parse_args()
    corpus = load_sentences(args.sentences)
    sizes = [args.small_mb] + ([args.large_mb] if args.large else [])
    print(f"toolkit publish --format jsonl --jobs {args.jobs}; {os.cpu_count()} cores; Python {sys.version.split()[0]}")
    print(f"{'input':>9} {'records':>8} {'published':>9} {'rejected':>8} {'wall s':>8} {'pages/s':>8} "
          f"{'maxrss MB':>9} {'tree peak MB':>12}")
    with tempfile.TemporaryDirectory(prefix="toolkit-batch-bench-") as tmp:
        for size in sizes:
            export = Path(tmp) / f"export-{size}mb.jsonl"
            records = generate(export, size * MB, corpus, args.seed)
            result = run(export, Path(tmp) / f"out-{size}", args.jobs)
            print(f"{export.stat().st_size / MB:>7.0f}MB {records:>8} {result['published']:>9} {result['rejected']:>8} "
                  f"{result['wall']:>8.1f} {result['pages_per_s']:>8.1f} {result['maxrss_mb']:>9.0f} "
                  f"{result['tree_peak_mb']:>12.0f}", flush=True)
            export.unlink()
            (Path(tmp) / f"out-{size}" / "articles.jsonl").unlink()


if __name__ == "__main__":
    main()
