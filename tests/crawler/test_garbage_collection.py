from __future__ import annotations

import gc

import pytest
from scrapy.utils.test import get_crawler

from branchnews.crawler import settings as project
from branchnews.crawler.garbage_collection import GcThreshold
from branchnews.crawler.spiders.news import NewsSpider


@pytest.fixture
def python_thresholds():
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def _project_crawler(**overrides):
    """A crawler with the project's extensions and collector setting (Scrapy's test helper
    builds it for the reactor the tests run, not the project's)."""
    values = {name: getattr(project, name) for name in ("EXTENSIONS", "BRANCHNEWS_GC_THRESHOLD")}
    return get_crawler(NewsSpider, {**values, **overrides})


@pytest.mark.parametrize(("overrides", "thresholds"), [
    ({}, (50_000, 10, 10)),  # the project's setting, as every crawl is built
    ({"BRANCHNEWS_GC_THRESHOLD": "20000"}, (20_000, 10, 10)),  # -s from the command line
    ({"BRANCHNEWS_GC_THRESHOLD": "0"}, (700, 10, 10)),  # 0: Python's own, untouched
])
def test_a_crawler_sets_the_collectors_first_threshold(python_thresholds, overrides, thresholds):
    crawler = _project_crawler(**overrides)
    enabled = [type(e) for e in crawler.extensions.middlewares]
    assert (GcThreshold in enabled) == (thresholds[0] != 700)
    assert gc.get_threshold() == thresholds
