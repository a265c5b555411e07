"""The crawl's run context (pipelines/run.py): built once, file names, the error report."""

from __future__ import annotations

import json

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from branchnews.crawler.profiles import load_profile
from branchnews.pipelines.run import ErrorReport, RunContext, file_name, page_done, plan_run, reason_class, run_of
from tests.conftest import branchnews_crawler


@pytest.mark.parametrize("reason, kind", [
    ("HTTP 404", "http_404"),
    ("extraction failed: http://h/1.html: empty page", "extraction_failed"),
    ("WAF challenge page (加速乐 __jsl_clearance cookie script)", "waf_challenge_page_jsl_clearance_cookie_"),  # 40 characters at most
    ("spider error: boom", "spider_error"),
    ("", "other"),
])
def test_reason_class(reason, kind):
    assert reason_class(reason) == kind


@pytest.mark.parametrize("tag, kind, name", [
    ("", "", "2026-11-28.jsonl"),
    ("", "errors", "2026-11-28.errors.jsonl"),
    ("w-host-12", "", "2026-11-28.w-host-12.jsonl"),
    ("w-host-12", "errors", "2026-11-28.w-host-12.errors.jsonl"),
])
def test_file_names(tag, kind, name):
    assert file_name("2026-11-28", tag, kind) == name


class Stats(dict):
    def inc_value(self, key, count=1, start=0):
        self[key] = self.get(key, start) + count


class Signals:
    def __init__(self):
        self.sent = []

    def send_catch_log(self, signal, **kwargs):
        self.sent.append((signal, kwargs))


def test_error_report_logs_counts_writes_and_says_the_page_is_done(tmp_path, caplog):
    stats, signals = Stats(), Signals()
    report = ErrorReport(tmp_path / "e.jsonl", stats, signals)
    assert not (tmp_path / "e.jsonl").exists()  # a clean crawl leaves no errors file
    report("http://h/1.html", "HTTP 404", 404, request="the request")
    report("http://h/2.html", "HTTP 404", 404)
    report.close()
    lines = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text("utf-8").splitlines()]
    assert [(e["url"], e["reason"], e["status"]) for e in lines] == [
        ("http://h/1.html", "HTTP 404", 404), ("http://h/2.html", "HTTP 404", 404)]
    assert stats == {"branchnews/errors": 2, "branchnews/errors/http_404": 2}
    assert signals.sent == [(page_done, {"request": "the request"})]
    assert "http://h/1.html: HTTP 404" in caplog.text


@pytest.mark.parametrize("redis, tag, in_memory", [("", "", False), ("redis://127.0.0.1:1/0", "w-", True)])
def test_context_from_settings(tmp_path, redis, tag, in_memory):
    crawler = branchnews_crawler(tmp_path, BRANCHNEWS_REDIS_URL=redis, BRANCHNEWS_SCRIPT="traditional")
    run = run_of(crawler)
    assert run is crawler.branchnews_run and run_of(crawler) is run  # built once
    assert run.site_dir == tmp_path / "sample" and run.script == "traditional"
    assert run.file_tag.startswith(tag) and bool(run.file_tag) is bool(tag)
    assert run.normalizer.target == "traditional"
    assert (run.state.path.exists()) is not in_memory
    run.close()


def test_planned_context_is_built_on_first_use(tmp_path):
    crawler = get_crawler(settings_dict={"BRANCHNEWS_OUTPUT_DIR": str(tmp_path)})
    with pytest.raises(NotConfigured):
        run_of(crawler)  # not a branchnews crawl
    plan_run(crawler, load_profile("sample"), script="simplified", job="abc")
    run = run_of(crawler)
    assert isinstance(run, RunContext) and run.job == "abc" and run.profile.name == "sample"
    run.close()
