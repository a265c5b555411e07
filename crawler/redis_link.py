"""A worker's connection to Redis, kept through an outage for a bounded time.

Without it, a Redis that goes away under a distributed crawl raises ``ConnectionError`` out of
the scheduler's polling and the coordinator's heartbeat (``Unhandled error in Deferred``, then
an exception every 5 s, forever) and no worker ever exits. Every Redis call of the shared
frontier goes through :meth:`RedisLink.call` instead: the first call that cannot reach Redis
logs one warning and marks the link down; while it is down, calls fail at once with
:class:`Unavailable` (the caller keeps what it could not send and returns a harmless answer)
and nothing touches the network but a probe, retried with exponential backoff. When the probe
gets an answer, one warning says Redis is back and ``on_back`` runs (the scheduler re-checks its
run and sends what it kept); when ``retry_seconds`` pass without one, ``on_lost`` gets one line
naming the URL and the reason (the scheduler closes the crawl with it).

The reactor keeps running all along: pages in flight are parsed and their records written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

import redis
from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)

FIRST_DELAY = 0.25  # seconds before the first probe; doubled after each failed one
MAX_DELAY = 5.0
# Losing the connection or waiting too long for an answer; BusyLoadingError (Redis reading its
# saved data after a restart) is a ConnectionError too.
OUTAGE_ERRORS = (redis.ConnectionError, redis.TimeoutError)


class Unavailable(Exception):
    """Redis cannot be reached now (the link is retrying) or any more (it gave up)."""


def shown_url(url: str) -> str:
    """The Redis URL as logs and messages show it: without its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


class RedisLink:
    """Calls to one Redis ``server`` through outages (see the module docstring).

    ``clock`` schedules the probes (the Twisted reactor; a ``task.Clock`` in tests).
    """

    def __init__(self, server, url: str, retry_seconds: float, *,
                 on_back: Callable[[], None] = lambda: None,
                 on_lost: Callable[[str], None] = lambda message: None, clock=None):
        if clock is None:
            from twisted.internet import reactor as clock  # the running one: Scrapy installed it
        self.server = server
        self.url = shown_url(url)
        self.retry_seconds = retry_seconds
        self.on_back = on_back
        self.on_lost = on_lost
        self.clock = clock
        self.down_since: float | None = None
        self.reason = ""
        self.lost: str | None = None  # the one line, once the link gave up
        self._probe = None
        self._waiting: list[Deferred] = []

    @property
    def up(self) -> bool:
        return self.down_since is None and self.lost is None

    def call(self, fn: Callable, *args, **kwargs):
        """``fn(*args, **kwargs)``, a function that talks to Redis; raises :class:`Unavailable`
        (and starts retrying) when Redis cannot be reached."""
        if not self.up:
            raise Unavailable(self.lost or self.reason)
        try:
            return fn(*args, **kwargs)
        except OUTAGE_ERRORS as exc:
            self._went_down(exc)
            raise Unavailable(self.reason) from None

    def when_up(self) -> Deferred:
        """Fires (with None) when Redis answers again, or when the link gives up (see ``lost``)."""
        d = Deferred()
        if self.down_since is None or self.lost is not None:
            d.callback(None)
        else:
            self._waiting.append(d)
        return d

    def stop(self) -> None:
        """Stop probing (the crawl is closing)."""
        if self._probe is not None and self._probe.active():
            self._probe.cancel()
        self._probe = None

    def _went_down(self, exc: BaseException) -> None:
        self.down_since = self.clock.seconds()
        self.reason = _reason(exc)
        logger.warning("Redis at %s cannot be reached (%s); retrying for up to %g s",
                       self.url, self.reason, self.retry_seconds)
        self._schedule(FIRST_DELAY)

    def _schedule(self, delay: float) -> None:
        assert self.down_since is not None
        left = self.down_since + self.retry_seconds - self.clock.seconds()
        self._probe = self.clock.callLater(max(0.0, min(delay, left)), self._try, delay)

    def _try(self, delay: float) -> None:
        self._probe = None
        assert self.down_since is not None
        try:
            self.server.ping()
        except OUTAGE_ERRORS as exc:
            self.reason = _reason(exc)
            if self.clock.seconds() - self.down_since >= self.retry_seconds:
                self._give_up()
            else:
                self._schedule(min(delay * 2, MAX_DELAY))
            return
        outage = self.clock.seconds() - self.down_since
        self.down_since = None
        logger.warning("Redis at %s answers again after %.1f s", self.url, outage)
        try:
            self.on_back()
        except Unavailable:
            pass  # down again while catching up: the next probe is scheduled
        self._wake()

    def _give_up(self) -> None:
        self.lost = (f"Redis at {self.url} could not be reached for {self.retry_seconds:g} s "
                     f"({self.reason})")
        logger.error("%s; giving up", self.lost)
        self.on_lost(self.lost)
        self._wake()

    def _wake(self) -> None:
        if self.down_since is not None and self.lost is None:
            return
        waiting, self._waiting = self._waiting, []
        for d in waiting:
            d.callback(None)
