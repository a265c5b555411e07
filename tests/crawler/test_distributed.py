"""The Redis add-on and the coordinator, built as Scrapy builds them (no Redis needed here:
tests/crawler/spiders/test_distributed.py runs whole distributed crawls on a real one)."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from branchnews.crawler.distributed import Coordinator, RedisAddon, request_urls
from branchnews.crawler.pages.article import Page
from tests.conftest import branchnews_crawler

URL = "redis://127.0.0.1:6379/0"


def test_addon_is_off_without_a_url():
    with pytest.raises(NotConfigured):
        RedisAddon.from_crawler(get_crawler(settings_dict={"BRANCHNEWS_REDIS_URL": ""}))


def test_addon_puts_the_crawl_on_the_shared_frontier():
    settings = Settings()
    settings.setmodule("branchnews.crawler.settings", priority="project")
    settings.set("BRANCHNEWS_REDIS_URL", URL, priority="cmdline")
    RedisAddon().update_settings(settings)
    assert settings["REDIS_URL"] == URL and settings.getbool("SCHEDULER_PERSIST")
    assert settings["SCHEDULER"] == "branchnews.crawler.distributed.SharedScheduler"
    assert settings["DUPEFILTER_CLASS"] == "scrapy_redis.dupefilter.RFPDupeFilter"
    assert settings.getdict("EXTENSIONS")[Coordinator] == 510
    assert "branchnews.crawler.extensions.RunSummary" in settings.getdict("EXTENSIONS")


def test_a_command_line_setting_beats_the_addon():
    settings = Settings({"BRANCHNEWS_REDIS_URL": URL})
    settings.set("SCHEDULER_QUEUE_CLASS", "scrapy_redis.queue.LifoQueue", priority="cmdline")
    RedisAddon().update_settings(settings)
    assert settings["SCHEDULER_QUEUE_CLASS"] == "scrapy_redis.queue.LifoQueue"


def test_addon_enabled_through_the_addons_setting():
    crawler = get_crawler(settings_dict={"BRANCHNEWS_REDIS_URL": URL,
                                         "ADDONS": {RedisAddon: 0}})
    assert crawler.settings["SCHEDULER"] == "branchnews.crawler.distributed.SharedScheduler"
    # the coordinator needs a branchnews run context: off in the crawl of another spider
    assert not any(isinstance(e, Coordinator) for e in crawler.extensions.middlewares)


def test_request_urls_cover_redirects_and_earlier_pages():
    request = Request("http://h/a/1_2.html", meta={"redirect_urls": ["http://h/s/1"]},
                      cb_kwargs={"pages": (Page("http://h/a/1.html", b""),)})
    assert request_urls(request) == ["http://h/a/1_2.html", "http://h/s/1", "http://h/a/1.html"]


@pytest.mark.parametrize("redis", ["", URL])
def test_coordinator_only_in_a_distributed_crawl(tmp_path, redis):
    crawler = branchnews_crawler(tmp_path, BRANCHNEWS_REDIS_URL=redis)
    if redis:
        coordinator = Coordinator.from_crawler(crawler)
        assert coordinator.scheduler is None  # no engine yet: nothing to acknowledge to
        coordinator.page_done(Request("http://h/"))  # and nothing breaks
        coordinator.idle()
    else:
        with pytest.raises(NotConfigured):
            Coordinator.from_crawler(crawler)
    crawler.branchnews_run.close()


class FakeShared:
    """Stands in for the Redis-backed scheduler's acknowledgement (the real one: crawl tests)."""

    run = "a run"

    def __init__(self):
        self.done = []

    def finished(self, *urls):
        self.done += urls


def test_coordinator_acknowledges_pages_and_items(monkeypatch):
    import branchnews.crawler.distributed as distributed

    shared = FakeShared()
    monkeypatch.setattr(distributed, "SharedScheduler", FakeShared)
    coordinator = Coordinator(stats=None, scheduler=lambda: shared)
    coordinator.page_done(Request("http://h/list.html"))
    response = type("R", (), {"request": Request("http://h/a/1.html")})()
    coordinator.item_done({"id": "x"}, response)
    coordinator.item_done({"id": "y"}, None)  # an item without a response acknowledges nothing
    assert shared.done == ["http://h/list.html", "http://h/a/1.html"]
