"""WARC and WARC.gz: response records become Articles; damaged records are rejections by offset."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit import publish

BATCH = Path("fixtures/batch")


def _articles(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]


def _items(out: Path) -> list[dict]:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))["items"]


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_response_records_become_articles_with_target_uri_and_http_charset(tmp_path: Path, name: str) -> None:
    report = publish(str(BATCH / name), tmp_path, formats=["jsonl"])
    articles = {a["url"]: a for a in _articles(tmp_path)}
    assert set(articles) == {"https://example.com/news/1", "https://example.cn/news/2",
                             "https://example.de/artikel/3", "https://example.ru/news/5"}
    assert articles["https://example.cn/news/2"]["title"] == "学院举办国际交流周活动"  # GBK from the HTTP header
    assert articles["https://example.ru/news/5"]["title"] == "В городе открылся новый парк"
    assert "Großer Andrang" in articles["https://example.de/artikel/3"]["title"]
    assert report.ok


def test_a_non_text_response_is_skipped_with_its_offset(tmp_path: Path) -> None:
    publish(str(BATCH / "crawl.warc.gz"), tmp_path, formats=["json"])
    skipped = [i for i in _items(tmp_path) if i["status"] == "skipped"]
    assert skipped == [{"input": str(BATCH / "crawl.warc.gz"), "record": "offset 3240", "status": "skipped",
                        "reason": "not a text page (image/png)"}]


def test_compressed_and_plain_warc_give_the_same_articles(tmp_path: Path) -> None:
    publish(str(BATCH / "crawl.warc.gz"), tmp_path / "gz", formats=["jsonl"])
    publish(str(BATCH / "crawl.warc"), tmp_path / "plain", formats=["jsonl"])
    strip = lambda a: {k: v for k, v in a.items() if k != "source"}  # noqa: E731
    assert [strip(a) for a in _articles(tmp_path / "gz")] == [strip(a) for a in _articles(tmp_path / "plain")]


def test_a_truncated_last_record_is_rejected_by_offset_and_the_rest_published(tmp_path: Path) -> None:
    report = publish(str(BATCH / "crawl-truncated.warc.gz"), tmp_path, formats=["json"])
    rejected = [i for i in _items(tmp_path) if i["status"] == "rejected"]
    assert [i["record"] for i in rejected] == ["offset 4185"]
    assert "truncated" in rejected[0]["reason"] and "crawl-truncated.warc.gz:offset 4185" in rejected[0]["reason"]
    assert report.count("published") == 3


def test_a_corrupt_gzip_member_is_rejected_and_the_records_after_it_still_published(tmp_path: Path) -> None:
    report = publish(str(BATCH / "crawl-corrupt.warc.gz"), tmp_path, formats=["json"])
    items = _items(tmp_path)
    assert [(i["record"], i["status"]) for i in items] == [
        ("offset 572", "published"), ("offset 1504", "rejected"), ("offset 2382", "published"),
        ("offset 3240", "skipped"), ("offset 4185", "published")]
    assert "\n" not in items[1]["reason"] and items[1]["reason"].isprintable()
    assert report.count("rejected") == 1


def test_warc_records_are_named_by_title_inside_the_crawl_folder(tmp_path: Path) -> None:
    publish(str(BATCH / "crawl.warc.gz"), tmp_path, formats=["json", "md"])
    published = [i for i in _items(tmp_path) if i["status"] == "published"]
    assert "crawl/学院举办国际交流周活动-330eb7b9.json" in published[1]["outputs"]
    assert all(o.startswith("crawl/") for i in published for o in i["outputs"])
