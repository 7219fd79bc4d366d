"""Benchmark: ``toolkit validate`` against ``check-jsonschema`` on the same 2,000 files.

Generates 1,000 JSON and 1,000 YAML documents (fixed seed, a temporary folder, about one
in eight invalid), then validates all of them in one process per tool, as CI would
(process start-up included), a few times each, and prints wall and CPU time and the
ratio. Also checks that ``toolkit validate`` flags exactly the files generated invalid.

    python benchmarks/validation.py [--files 2000] [--repeat 3] [--seed 7]

check-jsonschema is a benchmark-only dependency (``pip install -e .[bench]``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["id", "title", "date", "author", "tags"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "integer", "minimum": 1},
        "slug": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        "title": {"type": "string", "minLength": 1, "maxLength": 200},
        "date": {"type": "string", "format": "date"},
        "updated": {"type": "string", "format": "date-time"},
        "author": {
            "type": "object",
            "required": ["name"],
            "properties": {"name": {"type": "string"}, "email": {"type": "string", "format": "email"}},
        },
        "tags": {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": True},
        "link": {"type": "string", "format": "uri"},
        "status": {"enum": ["draft", "published", "archived"]},
        "score": {"type": "number", "minimum": 0, "maximum": 10},
        "sections": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["heading", "words"],
                "properties": {"heading": {"type": "string"}, "words": {"type": "integer", "minimum": 0}},
            },
        },
    },
}
WORDS = "alpha beta gamma delta content schema river stone light paper garden window".split()
BREAKAGES = (
    ("date", "2025-13-01"),
    ("id", 0),
    ("link", "not a uri"),
    ("score", 11),
    ("status", "gone"),
    ("slug", "Bad Slug"),
)


def make_document(rng: random.Random, number: int) -> dict[str, object]:
    """A plausible front-matter-like record."""
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))).capitalize()
    return {
        "id": number,
        "slug": "-".join(title.lower().split()),
        "title": title,
        "date": f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "updated": f"2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T1{rng.randint(0, 9)}:30:00Z",
        "author": {"name": rng.choice(WORDS).title(), "email": f"{rng.choice(WORDS)}@example.com"},
        "tags": rng.sample(WORDS, rng.randint(1, 4)),
        "link": f"https://example.com/posts/{number}",
        "status": rng.choice(["draft", "published", "archived"]),
        "score": round(rng.uniform(0, 10), 2),
        "sections": [{"heading": rng.choice(WORDS), "words": rng.randint(0, 900)} for _ in range(rng.randint(0, 5))],
    }


def generate(folder: Path, count: int, seed: int) -> tuple[list[Path], set[str]]:
    """Write ``count`` files (half JSON, half YAML); return them and the names of the invalid ones."""
    import yaml

    rng = random.Random(seed)
    files: list[Path] = []
    invalid: set[str] = set()
    for number in range(1, count + 1):
        doc = make_document(rng, number)
        broken = rng.random() < 0.125
        if broken:
            key, bad = rng.choice(BREAKAGES)
            doc[key] = bad
        is_json = number % 2 == 0
        path = folder / (f"doc{number:05d}.json" if is_json else f"doc{number:05d}.yaml")
        text = json.dumps(doc, indent=2) if is_json else yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
        files.append(path)
        if broken:
            invalid.add(path.name)
    return files, invalid


def timed(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Wall seconds, CPU seconds (user + system of the child) and the finished process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done


def toolkit_command(schema: Path, files: list[Path], output: str) -> list[str]:
    return [sys.executable, "-m", "toolkit", "validate", "--schema", str(schema), "--format", output, "-q", *map(str, files)]


def check_jsonschema_command(schema: Path, files: list[Path]) -> list[str]:
    exe = shutil.which("check-jsonschema")
    if exe is None:
        raise SystemExit("check-jsonschema is not installed: pip install -e .[bench]")
    return [exe, "--schemafile", str(schema), *map(str, files)]


def flagged_by_toolkit(schema: Path, files: list[Path]) -> set[str]:
    done = subprocess.run(toolkit_command(schema, files, "json"), capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"toolkit validate failed ({done.returncode}): {done.stderr.strip()}")
    report = json.loads(done.stdout)
    return {Path(entry["file"]).name for entry in report["files"] if not entry["valid"]}


def measure(name: str, command: list[str], repeat: int) -> dict[str, float]:
    walls, cpus, codes = [], [], set()
    for _ in range(repeat):
        wall, cpu, done = timed(command)
        walls.append(wall)
        cpus.append(cpu)
        codes.add(done.returncode)
    result = {"wall": statistics.median(walls), "cpu": statistics.median(cpus)}
    print(f"{name:<18} wall {result['wall']:6.2f} s   cpu {result['cpu']:6.2f} s   (median of {repeat}, exit {sorted(codes)})")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="toolkit-validate-bench-") as tmp:
        folder = Path(tmp)
        schema = folder / "post.schema.json"
        schema.write_text(json.dumps(SCHEMA, indent=2), encoding="utf-8")
        (folder / "docs").mkdir()
        files, invalid = generate(folder / "docs", args.files, args.seed)
        print(f"{len(files)} files ({len(invalid)} invalid), {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
        flagged = flagged_by_toolkit(schema, files)
        agree = "yes" if flagged == invalid else f"NO ({len(flagged ^ invalid)} differ)"
        print(f"toolkit flags exactly the generated invalid files: {agree}")
        ours = measure("toolkit validate", toolkit_command(schema, files, "text"), args.repeat)
        theirs = measure("check-jsonschema", check_jsonschema_command(schema, files), args.repeat)
    print(f"ratio (check-jsonschema / toolkit): wall {theirs['wall'] / ours['wall']:.2f}x   cpu {theirs['cpu'] / ours['cpu']:.2f}x")
    return 0 if flagged == invalid else 1


if __name__ == "__main__":
    sys.exit(main())
