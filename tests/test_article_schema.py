"""The fast compiled Article check agrees with jsonschema (the reference) on valid and broken Articles."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from toolkit.pipeline import normalize
from toolkit.article_check import is_valid_fast
from toolkit.schema_store import first_error

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").iterdir())

BREAKAGES = [
    lambda a: a.pop("schema_version"),
    lambda a: a.update(language="EN!"),
    lambda a: a.update(id="not-hex"),
    lambda a: a["blocks"].append({"type": "heading", "text": "no level"}),
    lambda a: a["blocks"].append({"type": "list", "ordered": True, "items": [{"text": 3}]}),
    lambda a: a["blocks"].append({"type": "video", "text": "x"}),
    lambda a: a["source"].update(sha256="short"),
    lambda a: a.update(date_published="8 February 2025"),
    lambda a: a["languages"].append({"lang": "en", "share": 1.5}),
    lambda a: a["removed"].append({"text": "x", "rule": ""}),
    lambda a: a.update(unexpected="field"),
]


@pytest.fixture(scope="module")
def articles() -> list[dict]:
    return [json.loads(normalize(p.read_bytes(), path=p.name).to_json()) for p in SEEDS]


def test_published_seed_articles_are_valid_for_both_validators(articles: list[dict]) -> None:
    for article in articles:
        assert is_valid_fast(article, "article") and first_error(article, "article") is None


@pytest.mark.parametrize("breakage", range(len(BREAKAGES)))
def test_both_validators_reject_the_same_broken_articles(articles: list[dict], breakage: int) -> None:
    for article in articles:
        broken = copy.deepcopy(article)
        BREAKAGES[breakage](broken)
        assert not is_valid_fast(broken, "article")
        assert first_error(broken, "article") is not None
