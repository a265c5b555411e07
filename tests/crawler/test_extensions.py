"""RunSummary: the run summary a crawl writes, and the template-change warning."""

from __future__ import annotations

import json

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from branchnews.crawler.extensions import RunSummary, coverage_warnings
from tests.conftest import branchnews_crawler


@pytest.mark.parametrize("previous, current, articles, prev, warned", [
    ({"editor": 0.9}, {"editor": 0.1}, 10, 10, ["editor coverage fell from 90% to 10%"]),
    ({"editor": 0.9}, {"editor": 0.7}, 10, 10, []),  # a fall within the noise
    ({"editor": 0.9}, {"editor": 0.1}, 2, 10, []),  # too few articles to judge
    ({"editor": 0.9}, {}, 10, 10, ["editor coverage fell from 90% to 0%"]),
])
def test_coverage_warnings(previous, current, articles, prev, warned):
    assert coverage_warnings(previous, current, articles, prev) == warned


def _summary(tmp_path, stats_values: dict) -> RunSummary:
    stats = MemoryStatsCollector(get_crawler())
    for key, value in stats_values.items():
        stats.set_value(key, value)
    return RunSummary(stats, site="sample", runs_dir=tmp_path / "runs", interval=0, job="j1")


def test_summary_written_at_close(tmp_path):
    ext = _summary(tmp_path, {"downloader/response_count": 12, "branchnews/articles": 4,
                              "branchnews/new": 3, "branchnews/unchanged": 1,
                              "branchnews/coverage/editor": 2, "branchnews/errors": 1,
                              "branchnews/errors/http_404": 1})
    ext.opened()
    ext.closed(reason="finished")
    (path,) = (tmp_path / "runs").glob("*.json")
    summary = json.loads(path.read_text("utf-8"))
    assert summary["site"] == "sample" and summary["job"] == "j1"
    assert summary["pages_fetched"] == 12 and summary["finish_reason"] == "finished"
    assert summary["articles"] == {"extracted": 4, "new": 3, "updated": 0, "unchanged": 1,
                                   "skipped_known": 0}
    assert summary["failures"] == {"total": 1, "by_reason": {"http_404": 1}}
    assert summary["coverage"]["editor"] == 0.5 and "warnings" not in summary


def test_a_coverage_fall_against_the_previous_run_is_warned(tmp_path, caplog):
    first = _summary(tmp_path, {"branchnews/articles": 10, "branchnews/coverage/editor": 10})
    first.closed(reason="finished")
    second = _summary(tmp_path, {"branchnews/articles": 10, "branchnews/coverage/editor": 1})
    second.started = second.started.replace(year=second.started.year + 1)  # a later file name
    second.closed(reason="finished")
    latest = sorted((tmp_path / "runs").glob("*.json"))[-1]
    assert json.loads(latest.read_text("utf-8"))["warnings"] == ["editor coverage fell from 100% to 10%"]
    assert "the site may have changed its template" in caplog.text


@pytest.mark.parametrize("runs, warned", [
    (["r1", "r1"], False),  # a sibling worker's share of the same distributed run
    (["r1", "r2"], True),  # the site's previous distributed run
    ([None, "r2"], True),  # a crawl alone, then a distributed one
])
def test_a_distributed_worker_is_compared_with_earlier_runs_only(tmp_path, runs, warned):
    earlier, later = ({"branchnews/articles": 10, "branchnews/coverage/editor": n} for n in (10, 1))
    for values, run, years in ((earlier, runs[0], 0), (later, runs[1], 1)):
        ext = _summary(tmp_path, values)
        ext.shared_run = lambda run=run: run
        ext.started = ext.started.replace(year=ext.started.year + years)  # a later file name
        ext.closed(reason="finished")
    assert ext.written["distributed_run"] == runs[1]
    assert ("warnings" in ext.written) is warned


def test_from_crawler(tmp_path):
    crawler = branchnews_crawler(tmp_path, BRANCHNEWS_PROGRESS_INTERVAL=5)
    ext = RunSummary.from_crawler(crawler)
    assert ext.runs_dir == tmp_path / "sample" / "runs" and ext.interval == 5 and ext.site == "sample"
    assert ext.queued() == 0  # no engine yet
    crawler.branchnews_run.close()
    with pytest.raises(NotConfigured):
        RunSummary.from_crawler(get_crawler())
