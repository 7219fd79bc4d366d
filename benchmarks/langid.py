"""Language identification benchmark: the toolkit vs langdetect used naively, side by side.

Usage::

    python benchmarks/langid.py [DEVSET_DIR] [--docs 500] [--seed 7] [--quick] [--detector NAME]

DEVSET_DIR defaults to ``$TOOLKIT_LANGID_DEVSET`` or ``../shared/devset/langid`` next to the
repository (it is read in place, never copied). Reports:

* macro accuracy over the languages on single words, word pairs and sentences, and speed;
* mixed documents generated from the devset with a fixed seed — mostly one language with a
  short foreign line (breadcrumb, caption), sentence-level switches, same-script pairs
  (en/de, ru/uk, es/pt, ...), CJK with Latin — scored by the share of letters labelled with
  the right language, accuracy on segments under 30 characters, and F1 of the set of
  languages present;
* the cost of detecting the languages of a whole page next to parsing its HTML with lxml, on
  all visible text (navigation included) and on the extracted main content.

"Naive langdetect" is langdetect 1.0.9 with all its profiles, seeded, one call per line.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from toolkit.article import Block  # noqa: E402
from toolkit.config import DEFAULT_DETECTOR, DETECTORS, Config  # noqa: E402
from toolkit.language import annotate, detect_text  # noqa: E402

KINDS = ("single-words", "word-pairs", "sentences")
SAME_SCRIPT_PAIRS = (("en", "de"), ("ru", "uk"), ("es", "pt"), ("fr", "it"), ("cs", "pl"), ("nl", "de"), ("ar", "fa"), ("sv", "de"))
CJK = ("zh", "ja", "ko")
SEPARATORS = (" › ", " > ", " / ", " | ")


def devset_dir(arg: str | None) -> Path:
    """The devset: argument, then ``$TOOLKIT_LANGID_DEVSET``, then ``../shared/devset/langid``."""
    return Path(arg or os.environ.get("TOOLKIT_LANGID_DEVSET") or REPO.parent / "shared" / "devset" / "langid")


def load(root: Path, languages: tuple[str, ...]) -> dict[str, dict[str, list[str]]]:
    data: dict[str, dict[str, list[str]]] = {}
    for kind in KINDS:
        data[kind] = {}
        for lang in languages:
            path = root / kind / f"{lang}.txt"
            lines = [line.strip() for line in path.read_text("utf-8").splitlines()]
            data[kind][lang] = [line for line in lines if line]
    return data


# --- detectors under test -------------------------------------------------------------


def naive_langdetect() -> Callable[[str], str | None]:
    """langdetect as most people call it: all profiles, seeded, ``detect(text)``."""
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def run(text: str) -> str | None:
        try:
            return detect(text).split("-")[0]
        except LangDetectException:
            return None

    return run


def toolkit_language(config: Config) -> Callable[[str], str | None]:
    return lambda text: detect_text(text, config=config).language


# --- devset accuracy ---------------------------------------------------------------------


def accuracy(data: dict[str, list[str]], detect: Callable[[str], str | None]) -> tuple[float, float]:
    """Macro accuracy over languages, and texts per second."""
    per_lang = []
    count = 0
    t0 = time.perf_counter()
    for lang, lines in data.items():
        hits = sum(detect(line) == lang for line in lines)
        per_lang.append(hits / len(lines))
        count += len(lines)
    return statistics.mean(per_lang), count / (time.perf_counter() - t0)


# --- mixed documents -------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    text: str
    lang: str


@dataclass(frozen=True)
class Doc:
    kind: str
    segments: tuple[Segment, ...]
    joins: tuple[str, ...]  # separator before segment i (joins[0] == "")

    def text(self) -> str:
        return "".join(j + s.text for j, s in zip(self.joins, self.segments))


class Generator:
    """Mixed documents built from the devset with one seeded random generator."""

    def __init__(self, data: dict[str, dict[str, list[str]]], seed: int) -> None:
        self.data = data
        self.rng = random.Random(seed)
        self.langs = sorted(data["sentences"])

    def sentence(self, lang: str) -> Segment:
        return Segment(self.rng.choice(self.data["sentences"][lang]), lang)

    def short(self, lang: str) -> Segment:
        """A short line: a word pair, the first words of a sentence, or a breadcrumb of single words."""
        choice = self.rng.randrange(3)
        if choice == 0:
            text = self.rng.choice(self.data["word-pairs"][lang])
        elif choice == 1:
            words = self.rng.choice(self.data["sentences"][lang]).split()
            text = " ".join(words[: self.rng.randint(2, 4)]) if len(words) > 1 else words[0]
            if lang in CJK or lang == "th":
                text = self.rng.choice(self.data["sentences"][lang])[: self.rng.randint(4, 10)]
        else:
            picks = [self.rng.choice(self.data["single-words"][lang]) for _ in range(self.rng.randint(2, 3))]
            text = self.rng.choice(SEPARATORS).join(picks)
        return Segment(text, lang)

    def other(self, lang: str, pool: list[str] | None = None) -> str:
        return self.rng.choice([x for x in (pool or self.langs) if x != lang])

    def foreign_line(self) -> Doc:
        main = self.rng.choice(self.langs)
        segs = [self.sentence(main) for _ in range(self.rng.randint(1, 4))]
        segs.insert(self.rng.choice((0, self.rng.randint(0, len(segs)))), self.short(self.other(main)))
        return Doc("foreign line", tuple(segs), ("",) + ("\n",) * (len(segs) - 1))

    def switches(self) -> Doc:
        a = self.rng.choice(self.langs)
        b = self.other(a)
        segs = [self.sentence(self.rng.choice((a, b))) for _ in range(self.rng.randint(2, 6))]
        segs[0], segs[-1] = self.sentence(a), self.sentence(b)
        return Doc("sentence switches", tuple(segs), self.joins(segs))

    def same_script(self) -> Doc:
        a, b = self.rng.choice(SAME_SCRIPT_PAIRS)
        segs = [self.sentence(self.rng.choice((a, b))) for _ in range(self.rng.randint(2, 6))]
        segs[0], segs[-1] = self.sentence(a), self.sentence(b)
        if self.rng.random() < 0.5:
            segs.insert(self.rng.randint(0, len(segs)), self.short(self.rng.choice((a, b))))
        return Doc("same-script pairs", tuple(segs), self.joins(segs))

    def joins(self, segs: list[Segment]) -> tuple[str, ...]:
        """Sentences follow each other on a line or start a new one; a short line is a line of its own."""
        out = [""]
        for before, after in zip(segs, segs[1:]):
            alone = len(before.text) < 30 or len(after.text) < 30
            out.append("\n" if alone else self.rng.choice((" ", "\n", "\n")))
        return tuple(out)

    def cjk_latin(self) -> Doc:
        main = self.rng.choice(CJK)
        latin = self.rng.choice(("en", "en", "de", "fr", "es", "vi", "id"))
        segs = [self.sentence(main) for _ in range(self.rng.randint(1, 4))]
        for _ in range(self.rng.randint(1, 2)):
            extra = self.short(latin) if self.rng.random() < 0.5 else self.sentence(latin)
            segs.insert(self.rng.randint(0, len(segs)), extra)
        return Doc("CJK with Latin", tuple(segs), self.joins(segs))

    def documents(self, n: int) -> list[Doc]:
        makers = (self.foreign_line, self.switches, self.same_script, self.cjk_latin)
        return [makers[i % len(makers)]() for i in range(n)]


def truth_labels(doc: Doc) -> list[str | None]:
    labels: list[str | None] = []
    for join, seg in zip(doc.joins, doc.segments):
        labels += [None] * len(join)
        labels += [seg.lang if ch.isalpha() else None for ch in seg.text]
    return labels


def predicted_by_spans(text: str, config: Config) -> tuple[list[str | None], set[str]]:
    found = detect_text(text, config=config)
    labels: list[str | None] = [None] * len(text)
    for span in found.spans:
        labels[span.start : span.end] = [span.lang] * (span.end - span.start)
    return labels, {s.lang for s in found.languages}


def predicted_by_lines(text: str, detect: Callable[[str], str | None]) -> tuple[list[str | None], set[str]]:
    labels: list[str | None] = []
    for line in text.split("\n"):
        lang = detect(line) if any(c.isalpha() for c in line) else None
        labels += [lang] * len(line) + [None]
    labels = labels[: len(text)]
    return labels, {x for x in labels if x}


@dataclass
class MixedScore:
    letters: float
    short: float
    f1: float
    short_count: int
    by_kind: dict[str, float]


def score_mixed(docs: list[Doc], predict: Callable[[str], tuple[list[str | None], set[str]]]) -> MixedScore:
    right = total = short_right = short_total = 0
    f1s = []
    kind_right: dict[str, list[int]] = {}
    for doc in docs:
        text = doc.text()
        truth = truth_labels(doc)
        labels, found = predict(text)
        pos = 0
        for join, seg in zip(doc.joins, doc.segments):
            pos += len(join)
            letters = [(truth[i], labels[i]) for i in range(pos, pos + len(seg.text)) if truth[i]]
            ok = sum(t == p for t, p in letters)
            right, total = right + ok, total + len(letters)
            tally = kind_right.setdefault(doc.kind, [0, 0])
            tally[0], tally[1] = tally[0] + ok, tally[1] + len(letters)
            if len(seg.text) < 30 and letters:
                short_total += 1
                short_right += ok * 2 > len(letters)
            pos += len(seg.text)
        expected = {s.lang for s in doc.segments}
        hit = len(expected & found)
        f1s.append(2 * hit / (len(expected) + len(found)) if found else 0.0)
    return MixedScore(
        right / total,
        short_right / max(short_total, 1),
        statistics.mean(f1s),
        short_total,
        {k: v[0] / v[1] for k, v in kind_right.items()},
    )


# --- page speed --------------------------------------------------------------------------------


def extraction_pages(limit: int) -> list[bytes]:
    """Real pages of the extraction devset (``$TOOLKIT_DEVSET`` or ``../shared/devset/extraction``)."""
    import gzip

    root = Path(os.environ.get("TOOLKIT_DEVSET") or REPO.parent / "shared" / "devset" / "extraction") / "html"
    if not root.is_dir():
        return []
    files = sorted(root.iterdir())[:limit]
    return [gzip.decompress(f.read_bytes()) if f.suffix == ".gz" else f.read_bytes() for f in files]


def page_blocks(raw: bytes) -> tuple[Block, ...]:
    """The visible text of a page, one paragraph block per line (navigation included: a worst case)."""
    import lxml.html

    root = lxml.html.document_fromstring(raw)
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    lines = (line.strip() for line in root.text_content().split("\n"))
    return tuple(Block("paragraph", line) for line in lines if line)


def best_ms(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times) * 1000


@dataclass
class PageSpeed:
    """Medians over real pages, in ms (characters: median characters of text annotated)."""

    pages: int
    parse_once: float
    parse_best: float
    first: float
    again: float
    chars: float


def extracted_blocks(raw: bytes) -> tuple[tuple[Block, ...], str | None]:
    """The main content's blocks and the page's language hint, as ``toolkit publish`` annotates them."""
    from toolkit.decode import decode
    from toolkit.extract import extract_html

    extraction = extract_html(decode(raw, html=True).text)
    return extraction.blocks, extraction.meta.lang_hint


def page_speed(config: Config, limit: int = 200, extracted: bool = False) -> PageSpeed | None:
    """Medians over real pages, in page order as a batch would see them (word cache kept).

    For each page: lxml parse once (cold, as annotate's first run is) and best of 3; annotate
    the first time the page is seen, and again (best of 3). ``extracted``: the main content's
    blocks (what ``toolkit publish`` annotates) instead of all visible text.
    """
    import warnings

    import lxml.html

    pages = extraction_pages(limit)
    if not pages:
        return None
    once, parse, first, again, chars = [], [], [], [], []
    for raw in pages:
        if extracted:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                blocks, hint = extracted_blocks(raw)
        else:
            blocks, hint = page_blocks(raw), None
        once.append(best_ms(lambda: lxml.html.document_fromstring(raw), 1))
        parse.append(best_ms(lambda: lxml.html.document_fromstring(raw), 3))
        first.append(best_ms(lambda: annotate(blocks, hint=hint, config=config), 1))
        again.append(best_ms(lambda: annotate(blocks, hint=hint, config=config), 3))
        chars.append(sum(len(b.plain_text()) for b in blocks))
    med = statistics.median
    return PageSpeed(len(pages), med(once), med(parse), med(first), med(again), med(chars))


# --- report ----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("devset", nargs="?", help="devset directory (default: $TOOLKIT_LANGID_DEVSET or ../shared/devset/langid)")
    parser.add_argument("--docs", type=int, default=500, help="mixed documents to generate (default 500)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the mixed-document generator")
    parser.add_argument("--quick", action="store_true", help="skip the naive langdetect runs (slow)")
    parser.add_argument("--detector", choices=DETECTORS, default=DEFAULT_DETECTOR,
                        help=f"the toolkit's detector (default: {DEFAULT_DETECTOR})")
    args = parser.parse_args(argv)

    config = Config(detector=args.detector)
    root = devset_dir(args.devset)
    data = load(root, config.languages)
    detect_text("warm up", config=config)
    mine = toolkit_language(config)
    naive = None if args.quick else naive_langdetect()

    print(f"# Language identification ({root}, {len(config.languages)} languages, toolkit detector: {config.detector})\n")
    print("| data | toolkit | texts/s | naive langdetect | texts/s |")
    print("| --- | --- | --- | --- | --- |")
    for kind in KINDS:
        acc, speed = accuracy(data[kind], mine)
        other = "not run (--quick) | –"
        if naive:
            other_acc, other_speed = accuracy(data[kind], naive)
            other = f"{other_acc:.1%} | {other_speed:,.0f}"
        print(f"| {kind} | {acc:.1%} | {speed:,.0f} | {other} |")

    docs = Generator(data, args.seed).documents(args.docs)
    ours = score_mixed(docs, lambda text: predicted_by_spans(text, config))
    print(f"\nMixed documents: {len(docs)} (seed {args.seed}), {ours.short_count} segments under 30 characters\n")
    print("| method | letters | short segments | language set F1 |")
    print("| --- | --- | --- | --- |")
    print(f"| toolkit | {ours.letters:.1%} | {ours.short:.1%} | {ours.f1:.1%} |")
    if naive:
        base = score_mixed(docs, lambda text: predicted_by_lines(text, naive))
        print(f"| naive langdetect, one call per line | {base.letters:.1%} | {base.short:.1%} | {base.f1:.1%} |")
    print("\nToolkit letters by document kind: " + ", ".join(f"{k} {v:.1%}" for k, v in ours.by_kind.items()))

    for extracted, what in ((False, "visible text, navigation included"), (True, "extracted main content, as publish annotates it")):
        speed = page_speed(config, extracted=extracted)
        if speed:
            print(
                f"\nWhole pages ({speed.pages} real pages of the extraction devset, {what}, median {speed.chars:,.0f} characters):"
                f" lxml parse {speed.parse_once:.2f} ms once, {speed.parse_best:.2f} ms best of 3;"
                f" annotate {speed.first:.2f} ms the first time a page is seen, {speed.again:.2f} ms again (best of 3)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
