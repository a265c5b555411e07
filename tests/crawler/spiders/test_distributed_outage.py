"""Redis killed under three workers of a distributed crawl (issue 13, item 7), with real
processes: redis-server, the sample site and ``branchnews crawl --redis``.

Back within the retry bound (empty, from its snapshot, or from its append-only file) the
workers resume and the crawl completes; gone for good, every worker stops with one line and a
non-zero exit, its records whole; a re-run once Redis is back (empty, or with the stale run)
fetches exactly the rest.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from branchnews import exits
from branchnews.crawler.distributed import DEAD_AFTER_SECONDS
from branchnews.sample_site.scaled import article_urls
from branchnews.sample_site.server import make_scaled_server
from tests.conftest import REPO, serving
from tests.redisserver import RedisServer

ARTICLES = 200
SLOW = ("-s", "DOWNLOAD_DELAY=0.02", "-s", "CONCURRENT_REQUESTS=4")
LOST = "cannot be reached"  # the warning when a worker loses Redis
BACK = "answers again"  # … and when it is back


@pytest.fixture(scope="module")
def scaled_site():
    with serving(make_scaled_server("127.0.0.1", 0, ARTICLES)) as port:
        yield f"http://127.0.0.1:{port}"


class Worker:
    """One ``branchnews crawl --redis`` process, its stderr in a file (read while it runs)."""

    def __init__(self, out: Path, site: str, redis_url: str, retry_seconds: float, *extra: str):
        self.log = out.parent / f"worker-{time.monotonic_ns()}.err"
        args = ["crawl", "sample", "-o", str(out), "-s", f"BRANCHNEWS_PROXY={site}",
                "-s", "LOG_LEVEL=INFO", "-s", f"BRANCHNEWS_REDIS_RETRY_SECONDS={retry_seconds}",
                "--redis", redis_url, *extra]
        with self.log.open("w") as err:
            self.proc = subprocess.Popen([sys.executable, "-m", "branchnews", *args], cwd=REPO,
                                         stdout=subprocess.DEVNULL, stderr=err)

    @property
    def err(self) -> str:
        return self.log.read_text("utf-8", errors="replace")

    def wait(self, timeout: float) -> int:
        return self.proc.wait(timeout=timeout)


@pytest.fixture
def start_workers():
    """Start ``count`` workers; any still running when the test ends are killed."""
    started: list[Worker] = []

    def start(out, site, redis_url, retry_seconds, count=3) -> list[Worker]:
        workers = [Worker(out, site, redis_url, retry_seconds, *SLOW) for _ in range(count)]
        started.extend(workers)
        return workers

    yield start
    for w in started:
        if w.proc.poll() is None:
            w.proc.kill()
            w.proc.wait()


def record_lines(out: Path) -> list[bytes]:
    lines = []
    for file in sorted((out / "sample").glob("*.jsonl")):
        if not file.name.endswith(".errors.jsonl"):
            lines += file.read_bytes().splitlines(keepends=True)
    return lines


def urls_written(out: Path) -> list[str]:
    """Every record's URL; every line of every data file must be a whole record."""
    lines = record_lines(out)
    assert all(line.endswith(b"\n") for line in lines), "a record line was cut"
    return [json.loads(line)["url"] for line in lines]


def until(condition, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def mid_crawl(out: Path, workers: list[Worker]) -> None:
    """Wait until every worker has joined and the crawl is well under way."""
    for w in workers:
        assert w.proc.poll() is None or " run " in w.err, w.err[-3000:]  # it did not even start
    until(lambda: all(" run " in w.err for w in workers), "the workers to join the run")
    until(lambda: (out / "sample").is_dir() and len(record_lines(out)) >= 60, "records")
    assert len(record_lines(out)) < ARTICLES * 0.8, "the crawl ended before Redis was killed"


def assert_no_traceback(worker: Worker) -> None:
    assert "Traceback" not in worker.err and "Unhandled error" not in worker.err, worker.err[-3000:]


@pytest.mark.parametrize("persistence, kill", [
    pytest.param("empty", signal.SIGKILL, id="empty"),  # back with nothing: the run starts again
    pytest.param("rdb", signal.SIGTERM, id="rdb"),  # from the snapshot it saved on the way down
    pytest.param("aof", signal.SIGKILL, id="aof"),  # from its append-only file
])
def test_redis_back_within_the_bound_the_crawl_completes(scaled_site, start_workers, tmp_path,
                                                          persistence, kill):
    out = tmp_path / "out"
    (tmp_path / "redis").mkdir()
    with RedisServer(tmp_path / "redis", persistence) as server:
        workers = start_workers(out, scaled_site, server.url, 60)
        mid_crawl(out, workers)
        server.kill(kill)
        until(lambda: all(LOST in w.err for w in workers), "every worker to notice")
        server.start()
        codes = [w.wait(timeout=300) for w in workers]
    assert codes == [exits.OK] * 3, [w.err[-2000:] for w in workers]
    assert sorted(urls_written(out)) == sorted(article_urls(ARTICLES))  # each article once
    for w in workers:
        assert_no_traceback(w)
        assert w.err.count(LOST) == 1 and w.err.count(BACK) == 1
    restarted = sum("started run" in w.err for w in workers)
    assert restarted == (1 if persistence == "empty" else 0)


def stale_heartbeats(url: str) -> None:
    """Wait until the run's last heartbeat is older than a live worker's can be."""
    client = redis.Redis.from_url(url)
    beats = [json.loads(v)["t"] for key in client.keys("branchnews:sample:*:workers")
             for v in client.hvals(key)]
    client.close()
    if beats:
        time.sleep(max(0.0, max(beats) + DEAD_AFTER_SECONDS + 0.5 - time.time()))


@pytest.mark.parametrize("persistence", ["empty", "aof"])
def test_redis_lost_for_good_workers_stop_and_a_rerun_completes(scaled_site, start_workers,
                                                                 tmp_path, persistence):
    out = tmp_path / "out"
    (tmp_path / "redis").mkdir()
    server = RedisServer(tmp_path / "redis", persistence).start()
    try:
        workers = start_workers(out, scaled_site, server.url, 3)
        mid_crawl(out, workers)
        server.kill(signal.SIGKILL)
        codes = [w.wait(timeout=3 + 60) for w in workers]
        assert codes == [exits.FAILED] * 3, [w.err[-2000:] for w in workers]
        for w in workers:
            assert_no_traceback(w)
            assert w.err.count(LOST) == 1
            failed = [line for line in w.err.splitlines() if "crawl of sample failed" in line]
            assert len(failed) == 1
            assert failed[0].startswith(f"branchnews: crawl of sample failed: Redis at "
                                        f"{server.url} could not be reached for 3 s (")
        written = urls_written(out)  # whole records, each once
        assert len(written) == len(set(written)) and 0 < len(written) < ARTICLES

        server.start()  # empty, or holding the run its workers left behind
        stale_heartbeats(server.url)
        rerun = start_workers(out, scaled_site, server.url, 60, 2)
        codes = [w.wait(timeout=300) for w in rerun]
        assert codes == [exits.OK] * 2, [w.err[-2000:] for w in rerun]
        assert sorted(urls_written(out)) == sorted(article_urls(ARTICLES))
        assert sum("created run" in w.err for w in rerun) == 1
        restarted = any("had no live worker: started run" in w.err for w in rerun)
        assert restarted == (persistence == "aof")
    finally:
        server.kill(signal.SIGTERM)


@pytest.mark.parametrize("comes_up", [False, True])
def test_a_worker_started_while_redis_is_down(scaled_site, start_workers, tmp_path, comes_up):
    out = tmp_path / "out"
    (tmp_path / "redis").mkdir()
    server = RedisServer(tmp_path / "redis")
    (worker,) = start_workers(out, scaled_site, server.url, 30 if comes_up else 2, 1)
    try:
        if comes_up:
            until(lambda: LOST in worker.err, "the worker to find Redis down")
            server.start()
        code = worker.wait(timeout=300)
    finally:
        server.kill(signal.SIGTERM)
    assert_no_traceback(worker)
    if comes_up:
        assert code == exits.OK, worker.err[-2000:]
        assert BACK in worker.err
        assert sorted(urls_written(out)) == sorted(article_urls(ARTICLES))
    else:
        assert code == exits.FAILED
        assert (f"branchnews: crawl of sample failed: Redis at {server.url} could not be "
                "reached for 2 s (") in worker.err
        assert not (out / "sample").exists() or not urls_written(out)

