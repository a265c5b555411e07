"""The Redis link through an outage, and the join of a run, on a real redis-server (the probes'
delays run on Twisted's test clock, so nothing here waits for them)."""

from __future__ import annotations

import json
import logging
import time

import pytest
import redis
from twisted.internet import task

from branchnews.crawler.distributed import DEAD_AFTER_SECONDS, RUN_PARTS, Run
from branchnews.crawler.redis_link import RedisLink, Unavailable, shown_url
from tests.redisserver import RedisServer, free_port


@pytest.mark.parametrize("url, shown", [
    ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/0"),
    ("redis://:s3cret@db.example:6380/2", "redis://:***@db.example:6380/2"),
    ("rediss://crawler:s3cret@db.example/0", "rediss://crawler:***@db.example/0"),
])
def test_shown_url_hides_the_password(url, shown):
    assert shown_url(url) == shown


def link_to(url: str, retry_seconds: float, events: list):
    server = redis.Redis.from_url(url, socket_connect_timeout=2)
    clock = task.Clock()
    link = RedisLink(server, url, retry_seconds, clock=clock,
                     on_back=lambda: events.append("back"),
                     on_lost=lambda message: events.append(("lost", message)))
    return link, clock


def warnings_of(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == "branchnews.crawler.redis_link" and r.levelno >= logging.WARNING]


def test_an_outage_beyond_the_bound_gives_up_once_with_one_line(caplog):
    url = f"redis://127.0.0.1:{free_port()}/0"  # nobody listens
    events: list = []
    link, clock = link_to(url, 10, events)
    with pytest.raises(Unavailable):
        link.call(link.server.ping)
    assert not link.up and link.lost is None
    waiting = link.when_up()
    for _ in range(5):  # while down, calls fail at once without trying Redis
        with pytest.raises(Unavailable):
            link.call(pytest.fail, "must not be called")
    delays = []
    while link.lost is None:
        (probe,) = clock.getDelayedCalls()
        delays.append(round(probe.getTime() - clock.seconds(), 2))
        clock.advance(delays[-1])
    assert delays == [0.25, 0.5, 1.0, 2.0, 4.0, 2.25]  # backoff, ending at the bound
    assert clock.seconds() == 10 and not clock.getDelayedCalls()
    assert events == [("lost", link.lost)]
    assert link.lost.startswith(f"Redis at {url} could not be reached for 10 s (")
    assert "Connection refused" in link.lost
    assert waiting.called
    messages = warnings_of(caplog)
    assert len(messages) == 2 and "retrying for up to 10 s" in messages[0]
    assert messages[1] == f"{link.lost}; giving up"


def test_redis_back_within_the_bound(tmp_path, caplog):
    server = RedisServer(tmp_path)
    events: list = []
    link, clock = link_to(server.url, 30, events)
    with pytest.raises(Unavailable):
        link.call(link.server.set, "k", "v")
    waiting = link.when_up()
    clock.advance(0.25)
    clock.advance(0.5)
    assert events == [] and not waiting.called
    with server:
        clock.advance(1.0)
        assert events == ["back"] and link.up and waiting.called
        assert link.call(link.server.set, "k", "v")
    assert warnings_of(caplog)[-1] == f"Redis at {server.url} answers again after 1.8 s"


def test_a_call_that_fails_while_catching_up_starts_retrying_again(tmp_path):
    server = RedisServer(tmp_path)
    events: list = []
    link, clock = link_to(server.url, 30, events)

    def catch_up():
        events.append("back")
        server.kill()
        link.call(link.server.ping)

    link.on_back = catch_up
    with pytest.raises(Unavailable):
        link.call(link.server.ping)
    server.start()
    clock.advance(0.25)
    assert events == ["back"] and not link.up and len(clock.getDelayedCalls()) == 1


@pytest.fixture
def redis_client(tmp_path):
    with RedisServer(tmp_path) as server:
        client = redis.Redis.from_url(server.url)
        yield client
        client.close()


def beat_at(client, run: Run, worker: str, age: float) -> None:
    client.hset(run.workers_key, worker, json.dumps({"t": time.time() - age, "busy": 1}))


@pytest.mark.parametrize("others_age, own, joins", [
    (0, False, True),  # another worker beat just now: join its run
    (DEAD_AFTER_SECONDS - 2, False, True),
    (DEAD_AFTER_SECONDS + 5, False, False),  # nobody beat for it: stale, start a new run
    (DEAD_AFTER_SECONDS + 5, True, True),  # this worker's own run, back after an outage
])
def test_join_a_live_run_or_restart_a_stale_one(redis_client, others_age, own, joins):
    first = Run.join(redis_client, "site", worker="w1")
    assert first.created and not first.stale
    beat_at(redis_client, first, "w1", others_age)
    redis_client.lpush(first.queue_key, b"request")
    redis_client.sadd(first.dupefilter_key, b"fingerprint")
    second = Run.join(redis_client, "site", worker="w2", own=first.id if own else "")
    if joins:
        assert (second.id, second.created, second.stale) == (first.id, False, "")
        assert redis_client.llen(first.queue_key) == 1
    else:
        assert second.id != first.id and second.created and second.stale == first.id
        assert not any(redis_client.exists(f"branchnews:site:{first.id}:{part}")
                       for part in RUN_PARTS)  # the stale run's frontier is gone
    assert redis_client.get(first.current_key).decode() == second.id
    assert b"w2" in redis_client.hgetall(second.workers_key)
    assert second.beat(0) == second.id


def test_a_run_redis_lost_is_created_again(redis_client):
    first = Run.join(redis_client, "site", worker="w1")
    redis_client.flushall()  # Redis restarted without its data
    assert first.beat(0) is None
    again = Run.join(redis_client, "site", worker="w1", own=first.id)
    assert again.created and again.id != first.id and not again.stale
