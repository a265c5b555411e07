"""The shared frontier's scheduling when Redis goes away in the middle of a reply, on a real
redis-server: the command ran (the fingerprint is taken, the request is pending) but the worker
never heard the answer. Nothing may be lost for it, and nothing scheduled twice."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import redis
from scrapy import Request, Spider
from scrapy.settings import Settings
from twisted.internet.task import Clock

from branchnews.crawler.distributed import Run, SharedScheduler
from branchnews.crawler.redis_link import RedisLink
from tests.redisserver import RedisServer

URL = "http://h.example/a/1.html"


@pytest.fixture
def redis_url(tmp_path):
    with RedisServer(tmp_path, "empty") as server:
        yield server.url


def scheduler(redis_url: str, site: str = "s") -> tuple[SharedScheduler, Clock]:
    """A worker's scheduler on the site's run, its Redis link on a test clock."""
    server = redis.Redis.from_url(redis_url)
    sched = SharedScheduler(server, url=redis_url, persist=True,
                            queue_cls="scrapy_redis.queue.PriorityQueue")
    clock = Clock()
    sched.link = RedisLink(server, redis_url, 30, on_back=sched._caught_up, clock=clock)
    sched.crawler = SimpleNamespace(branchnews_run=SimpleNamespace(shared_run=None))
    sched.spider = Spider("news")
    sched.spider.settings = Settings()
    sched.stats = None
    sched._use(Run.join(server, site))
    return sched, clock


def lose_the_reply(sched: SharedScheduler, method: str) -> None:
    """The next call of ``method`` runs on Redis, then the connection drops before the answer."""
    owner = sched.df if method == "request_seen" else sched
    real = getattr(owner, method)

    def ran_then_lost(*args):
        real(*args)
        delattr(owner, method)  # only once
        raise redis.ConnectionError("Connection closed by server.")
    setattr(owner, method, ran_then_lost)


@pytest.mark.parametrize("lost_in", ["request_seen", "_push"])
def test_a_request_whose_answer_was_lost_is_queued_once(redis_url, lost_in):
    sched, clock = scheduler(redis_url)
    lose_the_reply(sched, lost_in)
    assert sched.enqueue_request(Request(URL))
    assert not sched.link.up and len(sched.backlog) == 1
    clock.advance(1)  # the probe: Redis answers, the backlog is sent
    assert sched.link.up and not sched.backlog
    assert len(sched.queue) == 1
    assert sched.server.hexists(sched.run.pending_key, URL)
    assert not sched.enqueue_request(Request(URL))  # from then on, a duplicate as always
    assert len(sched.queue) == 1


def test_a_fingerprint_another_worker_holds_is_not_scheduled_again(redis_url):
    ours, clock = scheduler(redis_url)
    other, _ = scheduler(redis_url)
    assert other.run.id == ours.run.id
    lose_the_reply(ours, "request_seen")
    assert ours.enqueue_request(Request(URL))  # our answer lost ...
    other.server.srem(other.run.dupefilter_key, other.df.request_fingerprint(Request(URL)))
    assert other.enqueue_request(Request(URL))  # ... and the other worker took it meanwhile
    clock.advance(1)
    assert len(ours.queue) == 1  # the other worker's push alone


def test_without_a_lost_answer_a_seen_request_stays_filtered(redis_url):
    sched, _ = scheduler(redis_url)
    assert sched.enqueue_request(Request(URL))
    assert not sched.enqueue_request(Request(URL))
    assert len(sched.queue) == 1
