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
deletes it, so the next scheduled run starts with a fresh duplicate filter. A run nobody beats
for (its workers died, or gave up on Redis) is stale: the next worker deletes it and starts a
new one, rather than joining a frontier no one will finish.

Redis going away does not stop a worker at once (:mod:`branchnews.crawler.redis_link`): it
keeps the requests and acknowledgements it could not send and sends them when Redis answers
again; if Redis came back without the run (restarted empty), the first worker back starts a
new run from the start URLs and the others join it. After ``BRANCHNEWS_REDIS_RETRY_SECONDS``
without Redis the worker closes its crawl with the finish reason ``redis_lost``.
"""

from __future__ import annotations

import importlib
import json
import logging
import time
import uuid
from collections import deque
from collections.abc import Callable

from scrapy import signals
from scrapy.exceptions import CloseSpider, DontCloseSpider, NotConfigured
from redis.backoff import NoBackoff
from redis.retry import Retry
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.misc import load_object
from scrapy_redis import connection, defaults
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task
from twisted.internet.defer import Deferred

from branchnews.crawler.redis_link import RedisLink, Unavailable
from branchnews.pipelines.run import page_done, run_of, scheduler_of, worker_id

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 1.0
DEAD_AFTER_SECONDS = 6.0  # a worker whose heartbeat is older is gone
IDLE_CHECKS_BEFORE_CLOSE = 2  # consecutive idle checks (Scrapy runs one every 5 s)
MAX_REQUEUES = 3
REDIS_LOST = "redis_lost"  # the finish reason of a worker that gave up on Redis
RUN_PARTS = ("requests", "dupefilter", "pending", "requeued", "workers")

# Join the site's current run, or create one, in one step (so that two workers starting at once
# agree). The current run is joined when a worker beat for it within DEAD_AFTER_SECONDS, or when
# it is the caller's own (a worker back after an outage is alive, whatever its heartbeat says);
# otherwise it is stale: its keys are deleted and a new run is made current.
# KEYS[1] the site's current-run key; ARGV: key prefix, worker, now, dead after, own run id
# (or ""), heartbeat, new run id. Returns {run id, "joined" | "created", stale run id or ""}.
JOIN_OR_CREATE = """
local current = redis.call('GET', KEYS[1])
if current then
  local workers = ARGV[1] .. current .. ':workers'
  local live = current == ARGV[5]
  if not live then
    for _, raw in ipairs(redis.call('HVALS', workers)) do
      if tonumber(ARGV[3]) - cjson.decode(raw)['t'] <= tonumber(ARGV[4]) then
        live = true
        break
      end
    end
  end
  if live then
    redis.call('HSET', workers, ARGV[2], ARGV[6])
    return {current, 'joined', ''}
  end
  for _, part in ipairs({%s}) do
    redis.call('DEL', ARGV[1] .. current .. ':' .. part)
  end
end
redis.call('SET', KEYS[1], ARGV[7])
redis.call('HSET', ARGV[1] .. ARGV[7] .. ':workers', ARGV[2], ARGV[6])
return {ARGV[7], 'created', current or ''}
""" % ", ".join(f"'{part}'" for part in RUN_PARTS)


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
        # Calls block the reactor: an unreachable host must fail in seconds, not scrapy-redis's
        # 30, and into our retrying (redis_link), not redis-py's sleeping one.
        "REDIS_PARAMS": {"socket_connect_timeout": 5, "socket_timeout": 10},
    }


def _serializer(value):
    """``SCHEDULER_SERIALIZER``, a module's name or the module (as scrapy-redis reads it)."""
    return importlib.import_module(value) if isinstance(value, str) else value


def _text(value) -> str:
    return value.decode() if isinstance(value, bytes) else value


class Run:
    """Keys and membership of one distributed crawl of one site."""

    def __init__(self, server, site: str, run_id: str, *, created: bool = False,
                 stale: str = "", worker: str | None = None):
        self.server = server
        self.site = site
        self.worker = worker or worker_id()
        self.id = run_id
        self.created = created  # this worker made the run (and schedules its start URLs)
        self.stale = stale  # the id of a stale run this one replaced
        self.current_key = f"branchnews:{site}:run"
        prefix = f"branchnews:{site}:{run_id}"
        self.queue_key = f"{prefix}:requests"
        self.dupefilter_key = f"{prefix}:dupefilter"
        self.pending_key = f"{prefix}:pending"
        self.requeued_key = f"{prefix}:requeued"
        self.workers_key = f"{prefix}:workers"

    @classmethod
    def join(cls, server, site: str, *, worker: str | None = None, own: str = "") -> "Run":
        """Join the site's live run (or ``own``, this worker's), or start a new one."""
        worker = worker or worker_id()
        script = server.register_script(JOIN_OR_CREATE)
        run_id, how, stale = script(
            keys=[f"branchnews:{site}:run"],
            args=[f"branchnews:{site}:", worker, time.time(), DEAD_AFTER_SECONDS, own,
                  cls.heartbeat(0), uuid.uuid4().hex[:12]])
        return cls(server, site, _text(run_id), created=_text(how) == "created",
                   stale=_text(stale), worker=worker)

    @staticmethod
    def heartbeat(busy: int) -> str:
        return json.dumps({"t": time.time(), "busy": busy})

    def beat(self, busy: int) -> str | None:
        """Publish this worker's heartbeat; the site's current run id (None: there is none)."""
        pipe = self.server.pipeline(transaction=False)
        pipe.hset(self.workers_key, self.worker, self.heartbeat(busy))
        pipe.get(self.current_key)
        current = pipe.execute()[1]
        return _text(current) if current is not None else None

    def live_workers(self) -> dict[str, dict]:
        now = time.time()
        out = {}
        for worker, raw in self.server.hgetall(self.workers_key).items():
            info = json.loads(raw)
            if now - info["t"] <= DEAD_AFTER_SECONDS:
                out[_text(worker)] = info
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
    """scrapy-redis's scheduler, keyed per run, recording every scheduled request as pending,
    and kept through Redis outages: what it cannot send waits in ``backlog`` (requests, with
    whether the duplicate filter already took their fingerprint) and ``unacked``."""

    def __init__(self, server, *, url: str = "", retry_seconds: float = 60.0, crawler=None,
                 **kwargs):
        super().__init__(server, **kwargs)
        self.crawler = crawler
        self.run: Run | None = None
        self.queue = None
        self.backlog: deque[tuple[object, bool | None]] = deque()
        self.unacked: set[str] = set()
        self.link = RedisLink(server, url, retry_seconds, on_back=self._caught_up,
                              on_lost=self._gave_up)

    @classmethod
    def from_crawler(cls, crawler):
        # scrapy-redis's from_settings pings Redis at once, which would fail a worker that
        # starts during an outage; the first call goes through the link instead (open).
        settings = crawler.settings
        server = connection.from_settings(settings)
        server.set_retry(Retry(NoBackoff(), 1))  # once, at once: a pooled connection Redis dropped
        queue_cls = settings.get("SCHEDULER_QUEUE_CLASS") or defaults.SCHEDULER_QUEUE_CLASS
        instance = cls(server, url=settings.get("REDIS_URL") or "redis://localhost:6379",
                       retry_seconds=settings.getfloat("BRANCHNEWS_REDIS_RETRY_SECONDS", 60.0),
                       crawler=crawler, persist=True, queue_cls=queue_cls,
                       serializer=_serializer(settings.get("SCHEDULER_SERIALIZER")))
        instance.stats = crawler.stats
        return instance

    # -- joining a run ---------------------------------------------------------------------------
    def open(self, spider) -> Deferred:
        self.spider = spider
        return Deferred.fromCoroutine(self._open())

    async def _open(self) -> None:
        site = run_of(self.crawler).profile.name
        while True:
            try:
                run = self.link.call(Run.join, self.server, site)
                break
            except Unavailable:
                await self.link.when_up()
                if self.link.lost:
                    return  # not raising here: Scrapy would close the crawl half-open
        self._use(run)
        logger.info("%s run %s on %s (%d requests queued)",
                    "created" if run.created else "joined", run.id, self.link.url, len(self))
        if run.stale:
            logger.warning("run %s had no live worker: started run %s instead", run.stale, run.id)

    def _use(self, run: Run) -> None:
        self.run = run
        self.queue = load_object(self.queue_cls)(server=self.server, spider=self.spider,
                                                 key=run.queue_key, serializer=self.serializer)
        self.df = RFPDupeFilter(self.server, key=run.dupefilter_key,
                                debug=self.spider.settings.getbool("DUPEFILTER_DEBUG"))
        run_of(self.crawler).shared_run = run  # the spider leaves the start URLs to the creator

    def rejoin(self) -> None:
        """The site's current run is no longer ours (Redis came back without it, or another
        worker restarted it): join the current one, or start it again from the start URLs."""
        old = self.run
        run = self.link.call(Run.join, self.server, old.site, own=old.id)
        if run.id == old.id:
            return
        self._use(run)
        self.unacked.clear()  # the old run's pending hash is gone with it
        self.backlog = deque((request, False) for request, _ in self.backlog)  # a fresh filter
        if run.created:
            seeds = getattr(self.spider, "seeds", lambda: [])()
            logger.warning("run %s is gone from Redis: started run %s again from %d start URLs",
                           old.id, run.id, len(seeds))
            for request in seeds:
                self._enqueue(request)
        else:
            logger.warning("run %s is gone from Redis: joined run %s", old.id, run.id)

    def beat(self, busy: int) -> None:
        """Publish the heartbeat; follow the site's run if it changed under us."""
        if self.run is None or not self.link.up:
            return
        try:
            if self.link.call(self.run.beat, busy) != self.run.id:
                self.rejoin()
        except Unavailable:
            pass

    # -- the queue -------------------------------------------------------------------------------
    def enqueue_request(self, request) -> bool:
        return self._enqueue(request)

    def _enqueue(self, request, seen: bool | None = False) -> bool:
        """Schedule ``request`` (False: a duplicate); kept in the backlog while Redis is away,
        with whether its fingerprint is taken: True (it must be pushed, never filtered again),
        False, or None when Redis went away while answering: it may have taken the fingerprint
        (the reply, not the command, was lost), so a filter that says "seen" then is not
        believed unless another worker holds the request (it is pending)."""
        try:
            if seen is not True and not request.dont_filter:
                answer_lost, seen = seen is None, None
                if self.link.call(self.df.request_seen, request) and not (
                        answer_lost and not self._held_elsewhere(request)):
                    self.df.log(request, self.spider)
                    return False
            seen = True
            self.link.call(self._push, request)
        except Unavailable:
            self.backlog.append((request, seen))
        return True

    def _held_elsewhere(self, request) -> bool:
        """Another worker scheduled ``request`` and has not finished it. (One that finished it
        wrote its record, which the pipeline then finds: fetching it again writes nothing.)"""
        return bool(self.link.call(self.server.hexists, self.run.pending_key, request.url))

    def _push(self, request) -> None:
        # pending first: a push that fails after it is pushed again, not lost
        self.server.hset(self.run.pending_key, request.url, self.queue._encode_request(request))
        self.queue.push(request)
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")

    def next_request(self):
        if self.queue is None:
            return None
        try:
            request = self.link.call(self.queue.pop, self.idle_before_close)
        except Unavailable:
            return None
        if request is not None and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def __len__(self) -> int:
        try:
            queued = self.link.call(len, self.queue) if self.queue is not None else 0
        except Unavailable:
            queued = 0
        return queued + len(self.backlog)

    def has_pending_requests(self) -> bool:
        return len(self) > 0

    def finished(self, *urls: str) -> None:
        if not urls or self.run is None:
            return
        try:
            self.link.call(self.server.hdel, self.run.pending_key, *urls)
        except Unavailable:
            self.unacked.update(urls)

    def _caught_up(self) -> None:
        """Redis answers again: follow the run, then send the acknowledgements and requests kept."""
        if self.run is None:
            return  # still opening: _open retries the join
        if self.link.call(self.run.beat, 0) != self.run.id:
            self.rejoin()
        if self.unacked:
            self.link.call(self.server.hdel, self.run.pending_key, *self.unacked)
            self.unacked.clear()
        backlog, self.backlog = self.backlog, deque()
        for request, seen in backlog:
            self._enqueue(request, seen)

    def _gave_up(self, message: str) -> None:
        if self.stats:
            self.stats.set_value("branchnews/redis_lost", message)
        if self.run is None:
            return  # still opening: the coordinator closes the crawl when it opens
        engine = self.crawler.engine
        if engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason=REDIS_LOST))

    def close(self, reason):
        self.link.stop()
        return super().close(reason)

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
        """The shared scheduler once it has joined a run (None before, or in another crawl)."""
        scheduler = self._scheduler()
        if isinstance(scheduler, SharedScheduler) and scheduler.run is not None:
            return scheduler
        return None

    def opened(self, spider=None):
        scheduler = self._scheduler()
        if isinstance(scheduler, SharedScheduler) and scheduler.link.lost:
            raise CloseSpider(REDIS_LOST)  # it never reached Redis: close before the first request
        if self.scheduler is None:
            return
        self.loop = task.LoopingCall(self.beat)
        self.loop.start(HEARTBEAT_SECONDS, now=True).addErrback(
            lambda failure: logger.error("heartbeat stopped: %s", failure.getErrorMessage()))

    def beat(self):
        if self.scheduler is not None:
            self.scheduler.beat(self._busy())

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
        if not scheduler.link.up:
            raise DontCloseSpider  # waiting for Redis (or closing: the link gave up)
        try:
            self._may_close(scheduler)
        except Unavailable:
            raise DontCloseSpider from None

    def _may_close(self, scheduler: SharedScheduler) -> None:
        """Raise DontCloseSpider unless the whole run is done (see the module docstring)."""
        run = scheduler.run
        scheduler.link.call(run.beat, 0)
        if len(scheduler):
            self.idle_checks = 0
            raise DontCloseSpider
        live = scheduler.link.call(run.live_workers)
        if any(info["busy"] for w, info in live.items() if w != run.worker):
            self.idle_checks = 0
            raise DontCloseSpider
        self.idle_checks += 1
        if self.idle_checks < IDLE_CHECKS_BEFORE_CLOSE:
            raise DontCloseSpider
        requeued = scheduler.link.call(scheduler.requeue_orphans)
        if requeued:
            logger.warning("requeued %d requests left pending by workers that died", requeued)
            self.stats.inc_value("branchnews/requeued_orphans", requeued)
            self.idle_checks = 0
            raise DontCloseSpider

    def closed(self, spider=None, reason=None):
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        scheduler = self.scheduler
        if scheduler is None:
            return
        try:
            if scheduler.link.call(scheduler.run.leave):
                logger.info("last worker out: run %s finished", scheduler.run.id)
        except Unavailable:
            pass  # its heartbeat stops: the next worker finds the run stale and restarts it


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
