"""End to end over the four sample pages: what each seed must publish as."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.article import Article
from toolkit.cli import main
from toolkit.pipeline import normalize

SEED_FILES = {
    "000": "000_406d62282c3718ba.txt",
    "001": "001_fee66a178c7b4779.txt",
    "002": "002_958f612640a3b7f2.txt",
    "003": "003_2be4c30466cd4569.txt",
}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("out")
    assert main(["publish", str(seeds_dir), "--out", str(out)]) == 0
    return out


def _article(out: Path, seed: str) -> dict:
    return json.loads((out / SEED_FILES[seed].replace(".txt", ".json")).read_text(encoding="utf-8"))


def _markdown(out: Path, seed: str) -> str:
    return (out / SEED_FILES[seed].replace(".txt", ".md")).read_text(encoding="utf-8")


def _body(markdown: str) -> str:
    return markdown.split("---\n", 2)[2]


def test_every_seed_is_published_with_json_markdown_and_report(published: Path) -> None:
    report = json.loads((published / "report.json").read_text())
    assert report["totals"] == {"inputs": 4, "published": 4, "rejected": 0, "skipped": 0}
    for name in SEED_FILES.values():
        assert (published / name.replace(".txt", ".json")).is_file()
        assert (published / name.replace(".txt", ".md")).is_file()


def test_seed_000_breadcrumb_is_removed_and_recorded(published: Path) -> None:
    article = _article(published, "000")
    breadcrumb = "Current location - Education and Training Encyclopedia"
    assert article["title"] == "What are the benefits of engineering education certification for students?"
    assert breadcrumb not in article["text"]
    assert breadcrumb not in _markdown(published, "000")
    assert any(r["text"].startswith(breadcrumb) and r["rule"] == "breadcrumb" for r in article["removed"])
    assert article["language"] == "en"


def test_seed_000_title_is_not_repeated_as_first_body_line(published: Path) -> None:
    article = _article(published, "000")
    assert not article["text"].startswith(article["title"])
    assert _body(_markdown(published, "000")).lstrip().startswith("The benefits of engineering")


def test_seed_000_six_roles_are_one_ordered_list(published: Path) -> None:
    lists = [b for b in _article(published, "000")["blocks"] if b["type"] == "list"]
    assert len(lists) == 1
    assert lists[0]["ordered"] is True
    assert len(lists[0]["items"]) == 6
    assert lists[0]["items"][0]["text"].startswith("which can guide college entrance")


def test_seed_001_navigation_breadcrumb_and_image_names_are_removed(published: Path) -> None:
    article = _article(published, "001")
    body = _body(_markdown(published, "001"))
    removed = {r["text"] for r in article["removed"]}
    for residue in ("International", "About", "当前位置: 首页 > International > About", "1.jpg", "2.jpg"):
        assert residue in removed
    for residue in ("当前位置", "1.jpg", "2.jpg"):
        assert residue not in article["text"] and residue not in body
    lines = set(article["text"].split("\n")) | set(body.split("\n"))
    assert "International" not in lines and "About" not in lines


def test_seed_001_title_language_and_curly_quotes(published: Path) -> None:
    article = _article(published, "001")
    assert article["title"] == "Introduction of International Exchanges and Cooperation Office"
    assert article["language"] == "en"
    assert "“going-out”" in article["text"]


def test_seed_002_title_paragraphs_and_quote_spacing(published: Path) -> None:
    article = _article(published, "002")
    assert article["title"].startswith('MSTU "STANKIN" expands the horizons')
    assert sum(1 for b in article["blocks"] if b["type"] == "paragraph") >= 6
    fixed = '"Industrial Work" and "Software Technologies"'
    assert fixed in article["text"] or any(w["code"] == "unbalanced-quotes" for w in article["warnings"])


def test_seed_003_front_matter_maps_onto_the_article(published: Path) -> None:
    article = _article(published, "003")
    assert article["title"] == "What are the benefits of obtaining engineering certifications?"
    assert article["date_published"] == "2025-02-08"
    assert article["description"].startswith("This content discusses the numerous benefits")
    assert len(article["keywords"]) == 10 and article["keywords"][0] == "engineering certifications"
    assert article["extra"]["score"] == -1.0
    assert "answer" not in article["extra"] and "related_article1" not in article["extra"]


def test_seed_003_answer_is_intro_list_of_eight_bold_lead_ins_and_closing(published: Path) -> None:
    blocks = _article(published, "003")["blocks"]
    assert [b["type"] for b in blocks] == ["paragraph", "list", "paragraph"]
    items = blocks[1]["items"]
    assert blocks[1]["ordered"] is True and len(items) == 8
    assert items[0]["text"].startswith("Enhanced Credibility: ")
    assert all(i["marks"][0]["type"] == "strong" and i["marks"][0]["start"] == 0 for i in items)
    assert "1. **Enhanced Credibility**: Certifications" in _markdown(published, "003")


def test_seed_003_related_articles_are_deduplicated(published: Path) -> None:
    related = _article(published, "003")["related"]
    assert len(related) == 2
    assert related[0]["url"].endswith("scholarship-opportunities-in-engineering")


def test_seed_003_has_no_html_entities_left(published: Path) -> None:
    assert "&nbsp;" not in json.dumps(_article(published, "003"), ensure_ascii=False)
    assert "&nbsp;" not in _markdown(published, "003")


def test_two_runs_give_byte_identical_files(published: Path, tmp_path: Path, seeds_dir: Path) -> None:
    assert main(["publish", str(seeds_dir), "--out", str(tmp_path)]) == 0
    for path in sorted(published.iterdir()):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_publishing_published_json_gives_the_same_article(published: Path, tmp_path: Path) -> None:
    assert main(["publish", str(published), "--out", str(tmp_path), "--format", "json"]) == 0
    for seed in SEED_FILES:
        first = _article(published, seed)
        again = json.loads((tmp_path / SEED_FILES[seed].replace(".txt", ".json")).read_text())
        assert again == first


def test_api_normalize_gives_the_published_article(published: Path, seeds_dir: Path) -> None:
    path = seeds_dir / SEED_FILES["003"]
    article = normalize(path.read_bytes(), path=path.as_posix())
    assert isinstance(article, Article)
    assert article.title == _article(published, "003")["title"]


def test_publishing_published_markdown_gives_the_same_body_and_metadata(published: Path, tmp_path: Path) -> None:
    for seed in SEED_FILES:
        md = published / SEED_FILES[seed].replace(".txt", ".md")
        again = normalize(md.read_bytes(), path=md.name)
        first = _article(published, seed)
        assert [b.to_dict() for b in again.blocks] == first["blocks"]
        assert (again.id, again.title, again.language, list(again.keywords)) == (
            first["id"], first["title"], first["language"], first["keywords"]
        )
