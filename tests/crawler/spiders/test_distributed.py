"""Distributed crawls on a real Redis: workers share one frontier, and a killed worker loses nothing.

`.ci/run` installs redis-server (Debian package); the tests start it on a free loopback port
(tests/redisserver.py).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from branchnews.sample_site.scaled import article_urls
from branchnews.sample_site.server import make_scaled_server
from tests.conftest import REPO, run_cli
from tests.redisserver import RedisServer

ARTICLES = 500
IGNORED = {"fetched_at", "status"}


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server.url


@pytest.fixture(scope="module")
def scaled_site():
    server = make_scaled_server("127.0.0.1", 0, ARTICLES)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def worker(out: Path, proxy: str, redis: str | None, *extra: str) -> subprocess.Popen:
    args = ["crawl", "sample", "-o", str(out), "-s", f"BRANCHNEWS_PROXY={proxy}",
            "-s", "LOG_LEVEL=INFO", *extra]
    if redis:
        args += ["--redis", redis]
    return subprocess.Popen([sys.executable, "-m", "branchnews", *args], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def records(out: Path) -> list[dict]:
    """Every complete record line of every data file (a killed worker may leave a partial one)."""
    found = []
    for file in sorted((out / "sample").glob("*.jsonl")):
        if file.name.endswith(".errors.jsonl"):
            continue
        for line in file.read_bytes().splitlines(keepends=True):
            if line.endswith(b"\n"):
                found.append(json.loads(line))
    return found


def comparable(recs: list[dict]) -> dict[str, dict]:
    return {r["id"]: {k: v for k, v in r.items() if k not in IGNORED} for r in recs}


@pytest.fixture(scope="module")
def single_process(scaled_site, tmp_path_factory):
    out = tmp_path_factory.mktemp("single")
    result = run_cli("crawl", "sample", "-o", str(out), "-s", f"BRANCHNEWS_PROXY={scaled_site}",
                     "-s", "LOG_LEVEL=WARNING")
    assert result.returncode == 0, result.stderr[-2000:]
    recs = records(out)
    assert sorted(r["url"] for r in recs) == sorted(article_urls(ARTICLES))
    return comparable(recs)


def test_two_workers_fetch_each_article_once_and_equal_one_process(redis_url, scaled_site,
                                                                   single_process, tmp_path):
    out = tmp_path / "out"
    workers = [worker(out, scaled_site, redis_url)]
    time.sleep(0.5)
    workers.append(worker(out, scaled_site, redis_url))
    errs = [w.communicate(timeout=300)[1] for w in workers]
    assert [w.returncode for w in workers] == [0, 0], errs[0][-2000:] + errs[1][-2000:]
    recs = records(out)
    urls = [r["url"] for r in recs]
    assert len(urls) == len(set(urls)) == ARTICLES  # each article fetched and written once
    assert comparable(recs) == single_process
    files = [f for f in (out / "sample").glob("*.w-*.jsonl") if not f.name.endswith("errors.jsonl")]
    assert len(files) == 2 and all(f.stat().st_size for f in files)  # both did work
    assert all("requeued" not in e for e in errs)
    assert any("last worker out" in e for e in errs)


def test_a_killed_worker_loses_nothing(redis_url, scaled_site, tmp_path):
    out = tmp_path / "out"
    slow = ("-s", "DOWNLOAD_DELAY=0.01", "-s", "CONCURRENT_REQUESTS=4")
    victim = worker(out, scaled_site, redis_url, *slow)
    time.sleep(0.5)
    survivor = worker(out, scaled_site, redis_url, *slow)
    deadline = time.monotonic() + 120
    victim_file = None
    while time.monotonic() < deadline:
        tagged = [f for f in (out / "sample").glob(f"*.w-*-{victim.pid}.jsonl")] \
            if (out / "sample").exists() else []
        if tagged and tagged[0].read_bytes().count(b"\n") >= 60:
            victim_file = tagged[0]
            break
        time.sleep(0.01)
    assert victim_file is not None, "the victim never got going"
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait(timeout=30)
    err = survivor.communicate(timeout=300)[1]
    assert survivor.returncode == 0, err[-3000:]
    recs = records(out)
    urls = [r["url"] for r in recs]
    assert sorted(urls) == sorted(article_urls(ARTICLES))  # every article lands exactly once
    assert "requeued" in err  # the survivor took over the victim's unfinished work


def test_next_run_is_not_blocked_by_last_runs_fingerprints(redis_url, scaled_site, tmp_path):
    """A finished run leaves no fingerprints behind: a re-run with --refresh fetches again."""
    out = tmp_path / "out"
    for _ in range(2):
        proc = worker(out, scaled_site, redis_url, "--start-url",
                      "http://branch.example.org.cn/t6/zxgz/index.shtml", "--refresh")
        err = proc.communicate(timeout=300)[1]
        assert proc.returncode == 0, err[-2000:]
        assert "created run" in err
    runs = sorted((out / "sample" / "runs").glob("*.json"))
    summaries = [json.loads(p.read_text("utf-8")) for p in runs]
    assert summaries[0]["articles"]["extracted"] > 0
    assert summaries[1]["articles"]["extracted"] == summaries[0]["articles"]["extracted"]
    assert summaries[1]["articles"]["unchanged"] == summaries[0]["articles"]["new"]
