"""--resume publishes only what is missing or changed; a run killed with -9 leaves no partial file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from toolkit import publish

ROOT = Path(__file__).resolve().parent.parent


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _export(path: Path, count: int, changed: int | None = None, html: bool = False) -> Path:
    lines = []
    for n in range(count):
        body = f"Note {n}\n\nThe garden diary entry number {n} talks about tomatoes, beans and the long summer."
        if n == changed:
            body += " Edited later."
        if html:  # slower to normalize than text, so that the run is still going when it is killed
            paragraphs = "".join(f"<p>{body} Paragraph {k} of the entry, with a few more words.</p>" for k in range(20))
            body = f"<html><body><nav><a href='/'>Home</a></nav><article><h1>Note {n}</h1>{paragraphs}</article></body></html>"
        lines.append(json.dumps({"url": f"https://example.com/{n}", "title": f"Note {n}", "text": body}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_resume_after_a_complete_run_keeps_everything_and_changes_nothing(tmp_path: Path) -> None:
    src = _export(tmp_path / "notes.jsonl", 6)
    publish(str(src), tmp_path / "out")
    before = _tree(tmp_path / "out")
    report = publish(str(src), tmp_path / "out", resume=True)
    assert report.reused == 6 and report.count("published") == 6
    assert _tree(tmp_path / "out") == before


def test_resume_republishes_only_the_changed_record(tmp_path: Path) -> None:
    publish(str(_export(tmp_path / "notes.jsonl", 6)), tmp_path / "out")
    report = publish(str(_export(tmp_path / "notes.jsonl", 6, changed=3)), tmp_path / "out", resume=True)
    assert report.reused == 5
    fresh = publish(str(tmp_path / "notes.jsonl"), tmp_path / "fresh")
    assert fresh.reused == 0 and _tree(tmp_path / "out") == _tree(tmp_path / "fresh")


def test_resume_of_a_jsonl_output_copies_unchanged_lines(tmp_path: Path) -> None:
    src = str(_export(tmp_path / "notes.jsonl", 5))
    publish(src, tmp_path / "out", formats=["jsonl"])
    before = (tmp_path / "out" / "articles.jsonl").read_bytes()
    publish(str(_export(tmp_path / "notes.jsonl", 5, changed=1)), tmp_path / "out", formats=["jsonl"], resume=True)
    publish(src, tmp_path / "fresh", formats=["jsonl"])
    after = (tmp_path / "out" / "articles.jsonl").read_bytes()
    assert after == (tmp_path / "fresh" / "articles.jsonl").read_bytes()
    assert after.splitlines()[0] == before.splitlines()[0] and after.splitlines()[1] != before.splitlines()[1]


def _complete(path: Path) -> bool:
    if path.suffix == ".json" and path.name != "manifest.jsonl":
        json.loads(path.read_text(encoding="utf-8"))
    if path.suffix == ".jsonl":
        for line in path.read_text(encoding="utf-8").splitlines():
            json.loads(line)
    if path.suffix == ".md":
        assert path.read_text(encoding="utf-8").startswith("---\n")
    return True


def test_after_kill_9_no_partial_file_exists_and_resume_finishes_the_job(tmp_path: Path) -> None:
    src = _export(tmp_path / "notes.jsonl", 1000, html=True)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "toolkit", "publish", str(src), "--out", str(out), "--jobs", "1"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (out / "manifest.jsonl").exists():
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    visible = [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert visible and not (out / "report.json").exists()  # killed before the end
    assert all(_complete(p) for p in visible)
    report = publish(str(src), out, resume=True, jobs=2)
    assert report.reused > 0 and report.count("published") == 1000
    assert not [p for p in out.rglob("*") if p.name.startswith(".")]
    publish(str(src), tmp_path / "fresh", jobs=2)
    assert _tree(out) == _tree(tmp_path / "fresh")
