"""A real crawl of a site that fails in every common way: good pages land, bad ones are reported.

One crawl (module fixture) against :mod:`tests.faultserver`, with short limits so the timeout and
the size cap trip quickly: ``RETRY_TIMES=2``, ``DOWNLOAD_TIMEOUT=2``, ``DOWNLOAD_MAXSIZE=5000000``,
no AutoThrottle, no delay.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass

import pytest

from tests.conftest import run_cli
from tests.faultserver import (ARTICLE_PATH, FLAKY, GBK, HUGE_BYTES, LANDS, OFFSITE_PATH,
                               WAF_LIST_PATH, FaultServer)

SETTINGS = {"RETRY_TIMES": "2", "DOWNLOAD_TIMEOUT": "2", "DOWNLOAD_MAXSIZE": "5000000",
            "AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "LOG_LEVEL": "INFO"}
BUDGET_SECONDS = 60
SUMMARY = re.compile(r"branchnews: (\d+) new records in .*, (\d+) errors")


# path → (reason substring, status) of its line in the errors file.
FAULT_TABLE = [
    pytest.param(ARTICLE_PATH.format("notfound"), "HTTP 404", 404, id="404"),
    pytest.param(ARTICLE_PATH.format("slow"), "TimeoutError", None, id="timeout"),
    pytest.param(ARTICLE_PATH.format("truncated"), "DataLoss", None, id="truncated"),
    pytest.param(ARTICLE_PATH.format("loop_a"), "redirect loop", 302, id="redirect-loop"),
    pytest.param(ARTICLE_PATH.format("huge"), "max size", None, id="20MB-with-length"),
    pytest.param(ARTICLE_PATH.format("huge_stream"), "max size", None, id="20MB-streamed"),
    pytest.param(ARTICLE_PATH.format("binary"), "binary content", 200, id="png-as-html"),
    pytest.param(ARTICLE_PATH.format("waf"), "WAF challenge page (阿里云 acw_sc__v2", 200, id="waf-acw"),
    pytest.param(ARTICLE_PATH.format("waf_jsl"), "WAF challenge page (加速乐", 521, id="waf-jsl-521"),
    pytest.param(ARTICLE_PATH.format("empty"), "empty page", 200, id="empty-200"),
    pytest.param(WAF_LIST_PATH, "WAF challenge page", 200, id="waf-list-page"),
]
FAULT_PATHS = {p.values[0] for p in FAULT_TABLE}


@dataclass
class Crawl:
    server: FaultServer
    returncode: int
    stderr: str
    records: list[dict]
    errors: list[dict]
    seconds: float

    def url(self, path: str) -> str:
        return self.server.url + path

    def records_for(self, path: str) -> list[dict]:
        return [r for r in self.records if r["url"] == self.url(path)]

    def errors_for(self, path: str) -> list[dict]:
        return [e for e in self.errors if e["url"] == self.url(path)]


def _jsonl(files) -> list[dict]:
    return [json.loads(line) for f in sorted(files) for line in f.read_text("utf-8").splitlines()
            if line.strip()]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> Crawl:
    tmp = tmp_path_factory.mktemp("faults")
    out = tmp / "out"
    with FaultServer() as server:
        profile = tmp / "faults.toml"
        profile.write_text(f'name = "faults"\nstart_urls = ["{server.url}/news/index.html"]\n'
                           "[links]\n"
                           "article = ['/news/art/\\w+\\.html$']\n"
                           "list = ['/news/index(?:_\\d+)?\\.html$']\n", encoding="utf-8")
        settings = [arg for name, value in SETTINGS.items() for arg in ("-s", f"{name}={value}")]
        started = time.monotonic()
        result = run_cli("crawl", str(profile), "-o", str(out), *settings, timeout=2 * BUDGET_SECONDS)
        seconds = time.monotonic() - started
    site = out / "faults"
    return Crawl(server, result.returncode, result.stderr,
                 records=_jsonl(site.glob("*[0-9].jsonl")),
                 errors=_jsonl(site.glob("*.errors.jsonl")), seconds=seconds)


def test_the_crawl_finishes_in_budget_and_summarises(crawl):
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    assert crawl.seconds < BUDGET_SECONDS
    summary = SUMMARY.search(crawl.stderr)
    assert summary, crawl.stderr[-2000:]
    assert int(summary.group(1)) == len(LANDS) == len(crawl.records)
    assert int(summary.group(2)) == len(crawl.errors)


@pytest.mark.parametrize("article", [pytest.param(a, id=a.slug) for a in LANDS])
def test_every_good_page_lands_once_as_served(crawl, article):
    records = crawl.records_for(article.path)
    assert len(records) == 1, [r["url"] for r in crawl.records]
    record = records[0]
    assert record["title"] == article.title
    assert record["published"] == article.date
    assert (record["source"], record["author"], record["editor"]) == (
        article.source, article.author, article.editor)
    assert record["paragraphs"] == list(article.paragraphs)
    assert record["status"] == 200
    assert not crawl.errors_for(article.path)


def test_the_500_page_landed_on_its_retry(crawl):
    assert crawl.server.counts[FLAKY.path] == 2


def test_the_lying_charset_is_caught(crawl):
    (record,) = crawl.records_for(GBK.path)
    assert record["encoding"] == "gb18030"
    assert any(w.startswith("charset_mismatch") for w in record["warnings"])


@pytest.mark.parametrize("path, reason, status", FAULT_TABLE)
def test_fault_is_reported(crawl, path, reason, status):
    lines = crawl.errors_for(path)
    assert len(lines) == 1, crawl.errors
    assert reason in lines[0]["reason"]
    assert lines[0]["status"] == status
    assert not crawl.records_for(path)


def test_nothing_else_is_reported(crawl):
    reported = {e["url"] for e in crawl.errors}
    assert reported <= {crawl.url(p) for p in FAULT_PATHS}


def test_no_bad_page_reaches_the_dataset(crawl):
    landed = {r["url"] for r in crawl.records}
    assert landed == {crawl.url(a.path) for a in LANDS}


def test_the_offsite_link_is_never_fetched(crawl):
    assert OFFSITE_PATH not in crawl.server.counts
    assert all(host.startswith("127.0.0.1:") for _path, host in crawl.server.requests)
    assert not any("offsite" in e["url"] for e in crawl.errors)


def test_huge_pages_are_cut_off_not_downloaded(crawl):
    for slug in ("huge", "huge_stream"):
        path = ARTICLE_PATH.format(slug)
        assert crawl.server.counts[path] == 1  # a size cap is final: no retry
        assert crawl.server.huge_bytes_sent.get(path, 0) < HUGE_BYTES
