"""Distributed crawls on scrapy-redis: many workers, one frontier, nothing lost when one dies.

scrapy-redis shares the request queue and the duplicate filter through Redis, but has no
acknowledgement: a worker killed with requests in hand takes them with it, and their
fingerprints keep every other worker from fetching them again. branchnews adds the missing
acknowledgement on top of the unchanged scrapy-redis queue and filter:

* every request a worker schedules is also recorded in the run's ``pending`` hash, and is removed
  only when its work is done: the list page's links are scheduled, or the article's record has
  gone through the pipelines (written, unchanged, or reported as a failure);
* workers publish a heartbeat with how many requests they have in hand;
* a worker with nothing to do closes only when the queue is empty and every live worker is idle
  for a grace period; if ``pending`` still holds requests then, their workers died, and the
  requests go back on the queue (bypassing the duplicate filter).

A crawl of a site is a *run* with its own keys (``branchnews:<site>:<run>:…``); the first worker
creates it and schedules the start URLs, later workers join it, and the last worker to leave
deletes it, so the next scheduled run starts with a fresh duplicate filter.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from branchnews.pipelines.run import page_done, run_of, scheduler_of, worker_id

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 1.0
DEAD_AFTER_SECONDS = 6.0  # a worker whose heartbeat is older is gone
IDLE_CHECKS_BEFORE_CLOSE = 2  # consecutive idle checks (Scrapy runs one every 5 s)
MAX_REQUEUES = 3


def request_urls(request) -> list[str]:
    """Every URL a request's work stands for: itself, the redirects that led to it, and the
    earlier pages of a multi-page article it continues."""
    pages = request.cb_kwargs.get("pages", ())
    return [request.url, *(request.meta.get("redirect_urls") or ()), *(p.url for p in pages)]


def redis_settings(redis_url: str) -> dict:
    """The Scrapy settings that put a crawl on the shared Redis frontier."""
    return {
        "REDIS_URL": redis_url,
        "SCHEDULER": "branchnews.crawler.distributed.SharedScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,  # a worker that leaves must not flush the others' queue
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.FifoQueue",
    }


class Run:
    """Keys and membership of one distributed crawl of one site."""

    def __init__(self, server, site: str):
        self.server = server
        self.site = site
        self.worker = worker_id()
        self.current_key = f"branchnews:{site}:run"
        new = uuid.uuid4().hex[:12]
        self.created = bool(server.set(self.current_key, new, nx=True))
        self.id = server.get(self.current_key)
        self.id = self.id.decode() if isinstance(self.id, bytes) else self.id
        prefix = f"branchnews:{site}:{self.id}"
        self.queue_key = f"{prefix}:requests"
        self.dupefilter_key = f"{prefix}:dupefilter"
        self.pending_key = f"{prefix}:pending"
        self.requeued_key = f"{prefix}:requeued"
        self.workers_key = f"{prefix}:workers"
        self.beat(0)

    def beat(self, busy: int) -> None:
        self.server.hset(self.workers_key, self.worker, json.dumps({"t": time.time(), "busy": busy}))

    def live_workers(self) -> dict[str, dict]:
        now = time.time()
        out = {}
        for worker, raw in self.server.hgetall(self.workers_key).items():
            info = json.loads(raw)
            if now - info["t"] <= DEAD_AFTER_SECONDS:
                out[worker.decode() if isinstance(worker, bytes) else worker] = info
        return out

    def leave(self) -> bool:
        """Drop this worker; the last one out deletes the run. Returns True for the last one."""
        self.server.hdel(self.workers_key, self.worker)
        if self.live_workers():
            return False
        if self.server.get(self.current_key) in (self.id, self.id.encode()):
            self.server.delete(self.current_key, self.queue_key, self.dupefilter_key,
                               self.pending_key, self.requeued_key, self.workers_key)
        return True


class SharedScheduler(Scheduler):
    """scrapy-redis's scheduler, keyed per run, recording every scheduled request as pending."""

    @classmethod
    def from_crawler(cls, crawler):
        instance = super().from_crawler(crawler)
        instance.crawler = crawler
        return instance

    def open(self, spider):
        context = run_of(self.crawler)
        self.run = Run(self.server, context.profile.name)
        self.queue_key = self.run.queue_key
        result = super().open(spider)
        self.df = RFPDupeFilter(self.server, key=self.run.dupefilter_key,
                                debug=spider.settings.getbool("DUPEFILTER_DEBUG"))
        context.shared_run = self.run  # the spider leaves the start URLs to the run's creator
        logger.info("%s run %s on %s (%d requests queued)",
                    "created" if self.run.created else "joined", self.run.id,
                    spider.settings.get("REDIS_URL"), len(self.queue))
        return result

    def enqueue_request(self, request):
        added = super().enqueue_request(request)
        if added:
            self.server.hset(self.run.pending_key, request.url, self.queue._encode_request(request))
        return added

    def finished(self, *urls: str) -> None:
        if urls:
            self.server.hdel(self.run.pending_key, *urls)

    def requeue_orphans(self) -> int:
        """Put back the pending requests of dead workers; returns how many."""
        count = 0
        for url, encoded in self.server.hgetall(self.run.pending_key).items():
            tries = self.server.hincrby(self.run.requeued_key, url, 1)
            if tries > MAX_REQUEUES:
                self.server.hdel(self.run.pending_key, url)
                logger.error("%s: lost %d times with its worker; giving up on it", url, MAX_REQUEUES)
                continue
            request = self.queue._decode_request(encoded)
            self.queue.push(request.replace(dont_filter=True))
            count += 1
        return count


class Coordinator:
    """Heartbeat, acknowledgements and the decision to close, for one worker.

    ``scheduler`` gives the crawl's scheduler (a :class:`SharedScheduler` once the engine
    runs; anything else and the coordinator does nothing), ``busy`` how many requests this
    worker is downloading or parsing now.
    """

    def __init__(self, stats, scheduler: Callable[[], object], busy: Callable[[], int] = lambda: 0):
        self.stats = stats
        self._scheduler = scheduler
        self._busy = busy
        self.idle_checks = 0
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.get("BRANCHNEWS_REDIS_URL"):
            raise NotConfigured
        run_of(crawler)  # only in a branchnews crawl

        def busy() -> int:
            slot = getattr(crawler.engine, "_slot", None)  # requests being downloaded or parsed
            return len(slot.inprogress) if slot is not None else 0

        ext = cls(crawler.stats, lambda: scheduler_of(crawler), busy)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.item_done, signal=signals.item_scraped)
        crawler.signals.connect(ext.item_done, signal=signals.item_dropped)
        crawler.signals.connect(ext.page_done, signal=page_done)
        return ext

    @property
    def scheduler(self) -> SharedScheduler | None:
        scheduler = self._scheduler()
        return scheduler if isinstance(scheduler, SharedScheduler) else None

    def opened(self, spider=None):
        if self.scheduler is None:
            return
        self.loop = task.LoopingCall(self.beat)
        self.loop.start(HEARTBEAT_SECONDS, now=True)

    def beat(self):
        if self.scheduler is not None:
            self.scheduler.run.beat(self._busy())

    def page_done(self, request):
        """A list page's links are scheduled, or a page's failure reported: forget it."""
        if self.scheduler is not None and request is not None:
            self.scheduler.finished(*request_urls(request))

    def item_done(self, item, response, **kwargs):
        if response is not None:
            self.page_done(response.request)

    def idle(self, spider=None):
        scheduler = self.scheduler
        if scheduler is None:
            return
        run = scheduler.run
        run.beat(0)
        if len(scheduler.queue):
            self.idle_checks = 0
            raise DontCloseSpider
        others_busy = any(info["busy"] for w, info in run.live_workers().items() if w != run.worker)
        if others_busy:
            self.idle_checks = 0
            raise DontCloseSpider
        self.idle_checks += 1
        if self.idle_checks < IDLE_CHECKS_BEFORE_CLOSE:
            raise DontCloseSpider
        requeued = scheduler.requeue_orphans()
        if requeued:
            logger.warning("requeued %d requests left pending by workers that died", requeued)
            self.stats.inc_value("branchnews/requeued_orphans", requeued)
            self.idle_checks = 0
            raise DontCloseSpider

    def closed(self, spider=None, reason=None):
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        scheduler = self.scheduler
        if scheduler is not None and scheduler.run.leave():
            logger.info("last worker out: run %s finished", scheduler.run.id)


class RedisAddon:
    """Scrapy add-on: with ``BRANCHNEWS_REDIS_URL`` (``--redis URL``) set, be one worker of a
    distributed crawl: the shared scheduler and duplicate filter, and the coordinator.

    Listed in ``ADDONS`` by the project settings; without a URL it switches itself off.
    Settings are set at the ``addon`` priority, so a ``-s`` on the command line still wins.
    """

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.get("BRANCHNEWS_REDIS_URL"):
            raise NotConfigured  # no args: off without a warning, as on one machine
        return cls()

    def update_settings(self, settings) -> None:
        for name, value in redis_settings(settings.get("BRANCHNEWS_REDIS_URL")).items():
            settings.set(name, value, priority="addon")
        settings.set_in_component_priority_dict("EXTENSIONS", Coordinator, 510)
