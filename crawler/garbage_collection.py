"""Python's cyclic garbage collector, tuned for a crawl: a collection per 50,000 new objects.

A crawl allocates a great many short-lived objects per page (Twisted deferreds, asyncio tasks,
lxml proxies, Scrapy's requests and responses) and holds a great many long-lived ones (each
site's crawler, scheduler, middlewares, index). At Python's default (a young collection every 700
allocations, an older one every ten of those) the collector keeps re-walking the long-lived ones:
measured on a 200-site fleet, 14–25 % of its CPU, the difference between one process keeping up
with its sites' politeness and falling behind it (``bench/RESULTS.md``). Most garbage here is
freed by reference counting anyway; cycles still go, only less often, and peak memory did not
grow. ``BRANCHNEWS_GC_THRESHOLD`` sets the first threshold (0: Python's own); the setting is the
process's, so in a fleet every site's crawler sets the same value.
"""

from __future__ import annotations

import gc

from scrapy.exceptions import NotConfigured


class GcThreshold:
    """Sets the collector's first threshold as a crawler is built (the other two are kept)."""

    def __init__(self, threshold: int):
        _, older, oldest = gc.get_threshold()
        gc.set_threshold(threshold, older, oldest)

    @classmethod
    def from_crawler(cls, crawler):
        threshold = crawler.settings.getint("BRANCHNEWS_GC_THRESHOLD")
        if threshold <= 0:
            raise NotConfigured
        return cls(threshold)
