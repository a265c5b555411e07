"""The spider's callbacks on single responses (whole crawls: the other modules here)."""

from __future__ import annotations

import json

import pytest
from scrapy.http import HtmlResponse, Request, TextResponse

from branchnews.crawler.pages.article import ExtractionError
from branchnews.crawler.spiders.news import NewsSpider
from tests.conftest import REPO, branchnews_crawler

ARTICLE = "http://branch.example.org.cn/a/zbfc/2017/0914/123.html"
SEED = (REPO / "tests" / "fixtures" / "t1-seed" / "article.html").read_bytes()


@pytest.fixture
def spider(tmp_path):
    crawler = branchnews_crawler(tmp_path)
    spider = NewsSpider(site="sample")
    spider._set_crawler(crawler)
    yield spider
    crawler.branchnews_run.close()


def _errors(tmp_path) -> list[dict]:
    files = list((tmp_path / "sample").glob("*.errors.jsonl"))
    return [json.loads(line) for f in files for line in f.read_text("utf-8").splitlines()]


def _response(url=ARTICLE, body=SEED, cls=HtmlResponse, **kwargs):
    return cls(url, body=body, request=Request(url), headers={"Content-Type": "text/html"}, **kwargs)


def test_an_article_gives_its_record(spider):
    (record,) = list(spider.parse_article(_response()))
    assert record["url"] == ARTICLE and record["site"] == "sample"


def test_an_extraction_failure_is_reported_as_one(spider, tmp_path, monkeypatch):
    def fail(pages, list_date=None):
        raise ExtractionError(ARTICLE, "not parseable as HTML")

    monkeypatch.setattr(spider.walk, "record", fail)
    assert list(spider.parse_article(_response())) == []
    spider.run.report_error.close()
    (error,) = _errors(tmp_path)
    assert error["reason"] == f"extraction failed: {ARTICLE}: not parseable as HTML"


def test_a_bug_is_not_an_extraction_failure(spider, tmp_path, monkeypatch):
    """A ValueError from a bug propagates: Scrapy reports it as a spider error, traceback logged."""
    def bug(pages, list_date=None):
        raise ValueError("a bug")

    monkeypatch.setattr(spider.walk, "record", bug)
    with pytest.raises(ValueError, match="a bug"):
        list(spider.parse_article(_response()))
    assert _errors(tmp_path) == []


@pytest.mark.parametrize("response, reason", [
    (_response(body=b"%PDF-1.4", cls=TextResponse), None),  # text, but declared html: parsed
    (HtmlResponse(ARTICLE, body=b"\x89PNG", request=Request(ARTICLE),
                  headers={"Content-Type": "image/png"}), "not an HTML page"),
])
def test_unreadable_pages_are_reported(spider, tmp_path, response, reason):
    list(spider.parse_article(response))
    spider.run.report_error.close()
    reasons = [e["reason"] for e in _errors(tmp_path)]
    if reason:
        assert reasons == [reason]
    else:
        assert all(r.startswith("extraction failed") for r in reasons)
