"""The shipped n-gram tables are exactly what the profiles give, and they are what detection uses."""

from __future__ import annotations

import importlib
from importlib import resources

from toolkit.config import DEFAULT_LANGUAGES, Config
from toolkit.language import detect_text
from toolkit.language import detectors


def test_shipped_tables_equal_a_fresh_build_from_the_profiles() -> None:
    folder = resources.files("toolkit.rules").joinpath("langtables")
    shipped = {p.name: p.read_bytes() for p in folder.iterdir() if p.name.endswith(".bin")}
    assert dict(detectors.build_table_files(DEFAULT_LANGUAGES)) == shipped


def test_detection_with_shipped_tables_matches_tables_built_from_profiles(monkeypatch) -> None:
    texts = ["The committee met on Tuesday.", "Der Ausschuss tagte am Dienstag.", "Комитет собрался во вторник.", "O comitê se reuniu."]
    shipped = [detect_text(t, config=Config()).languages for t in texts]
    detectors._table.cache_clear()
    monkeypatch.setattr(detectors.tablefile, "load", lambda key: None)
    identify = importlib.import_module("toolkit.language.identify")
    identify._scorer.cache_clear()
    built = [detect_text(t, config=Config()).languages for t in texts]
    identify._scorer.cache_clear()
    detectors._table.cache_clear()
    assert shipped == built
