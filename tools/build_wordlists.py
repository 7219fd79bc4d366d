"""Compile ``toolkit/rules/wordfreq.bin``, the word-frequency table, from the ``wordfreq`` package.

Usage (build time only; ``wordfreq`` is not a runtime dependency)::

    pip install -e '.[wordlists]'        # wordfreq 3.1.1
    python tools/build_wordlists.py [--top 20000] [--languages en,de,...] [--out FILE]

For every configured language (``--languages``, default: ``toolkit.config.DEFAULT_LANGUAGES``)
that shares a script written with spaces (``spaced`` in ``toolkit/rules/scripts.toml``) with
another configured language and that wordfreq's ``small`` lists cover, the ``--top`` most
frequent words are cut into words the way identification cuts text
(:data:`toolkit.language.scripts.WORD`, so ``don't`` counts for ``don`` and ``t``) and
lower-cased; each word's cost is ``-ln(frequency)`` in sixteenths of a nat (one byte).
``coverage`` is the share of wordfreq's token frequency the listed words hold: what an
unknown word's probability is derived from (:mod:`toolkit.language.frequencies`, which also
describes the file). The output is deterministic (sorted hashes, fixed zlib level); the
script stops if two listed words share a hash. wordfreq's data is CC BY-SA 4.0: see NOTICE.
"""

from __future__ import annotations

import argparse
import math
import sys
from array import array
from importlib.metadata import version
from pathlib import Path
from typing import Sequence

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from toolkit.config import DEFAULT_LANGUAGES  # noqa: E402
from toolkit.language.frequencies import COST_UNIT, FILE, WordTable, encode, word_hash  # noqa: E402
from toolkit.language.scripts import WORD, script_table  # noqa: E402

#: wordfreq's list: ``small`` covers every language listed here, with words down to 1e-6.
WORDLIST = "small"


def listed_languages(configured: Sequence[str]) -> list[str]:
    """``configured`` languages of the spaced scripts that several of them share (the only
    ones a detector scores word by word)."""
    listed: set[str] = set()
    for script in script_table().scripts:
        mine = set(script.languages) & set(configured)
        if script.spaced and len(mine) > 1:
            listed |= mine
    return sorted(listed)


def costs(lang: str, top: int) -> tuple[dict[str, int], float]:
    """Word -> cost (1/COST_UNIT nat) for the ``top`` words of ``lang``, and their coverage."""
    import wordfreq

    ranked = sorted(wordfreq.get_frequency_dict(lang, WORDLIST).items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    freqs: dict[str, float] = {}
    for token, freq in ranked:
        for word in WORD.findall(token.lower()):
            freqs[word] = freqs.get(word, 0.0) + freq
    coverage = sum(freq for _, freq in ranked)
    return {w: min(255, round(-math.log(f) * COST_UNIT)) for w, f in freqs.items()}, coverage


def build(languages: Sequence[str], top: int) -> WordTable:
    """The table of ``languages``: one entry per listed (word, language), sorted by hash."""
    per_lang = [costs(lang, top) for lang in languages]
    entries: list[tuple[int, int, int]] = []
    owner: dict[int, str] = {}
    for column, (table, _) in enumerate(per_lang):
        for word, cost in table.items():
            key = word_hash(word)
            if owner.setdefault(key, word) != word:
                raise SystemExit(f"hash collision: {word!r} and {owner[key]!r}")
            entries.append((key, column, cost))
    entries.sort()
    return WordTable(
        tuple(languages),
        tuple(round(coverage, 6) for _, coverage in per_lang),
        array("Q", (key for key, _, _ in entries)),
        bytes(column for _, column, _ in entries),
        bytes(cost for _, _, cost in entries),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=20000, help="words per language (default 20000)")
    parser.add_argument("--out", type=Path, default=REPO / "toolkit" / "rules" / FILE, help="output file (default: the package's)")
    parser.add_argument("--languages", default=",".join(DEFAULT_LANGUAGES), help="comma-separated ISO codes (default: the configured defaults)")
    args = parser.parse_args(argv)
    try:
        import wordfreq
    except ModuleNotFoundError:
        raise SystemExit("build_wordlists: wordfreq is not installed (pip install -e '.[wordlists]')") from None

    available = set(wordfreq.available_languages(WORDLIST))
    languages = [lang for lang in listed_languages(args.languages.split(",")) if lang in available]
    table = build(languages, args.top)
    header = {"top": args.top, "cost_unit": f"1/{COST_UNIT} nat",
              "hash": "crc32 << 32 | adler32 of the lower-case word's UTF-8",
              "source": f"wordfreq {version('wordfreq')} ({WORDLIST} lists), CC BY-SA 4.0"}
    data = encode(table, header)
    args.out.write_bytes(data)
    print(f"wrote {args.out}: {len(languages)} languages ({', '.join(languages)}), {len(set(table.hashes)):,} words, {len(table.hashes):,} entries, {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
