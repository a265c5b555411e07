"""A fleet over Redis: workers share one frontier per site for many sites; per site exactly the
records of a lone crawl, and exactly once when a worker is SIGKILLed mid-fleet.

Real processes, a real ``redis-server`` (tests/redisserver.py) and generated sample sites on
127.0.0.2, 127.0.0.3, … (``branchnews sample-site --sites``).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import pytest
import redis

from branchnews import exits
from branchnews.sample_site import BASE_URL
from branchnews.sample_site.fleet import site_name, write_profiles
from branchnews.sample_site.scaled import article_urls
from branchnews.sample_site.server import make_fleet_servers
from tests.conftest import REPO, run_cli, serving
from tests.redisserver import RedisServer

SITES = 4  # two parts when a worker splits its fleet over two processes
ARTICLES = 10
QUIET = ["-s", "LOG_LEVEL=INFO", "-s", "BRANCHNEWS_WARC=True"]
# Workers that each take at most two requests of a site at a time, one at a time, 0.4 s apart:
# slow enough to be killed mid-fleet, and sharing every site's work.
SLOW = ("-s", "CONCURRENT_REQUESTS=2", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "DOWNLOAD_DELAY=0.4")
VOLATILE = {"fetched_at"}  # when the page was fetched: the only field two crawls may differ in
# What a site's manifest says of its records (not when or in which files they were written).
MANIFEST = ("records", "record_lines", "superseded_versions", "damaged_lines", "coverage", "errors")


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    """``SITES`` generated sites: their URLs and the ``@FILE`` listing their profiles."""
    with ExitStack() as stack:
        urls = []
        for server in make_fleet_servers(SITES, ARTICLES, 0):
            port = stack.enter_context(serving(server))
            urls.append(f"http://{server.server_address[0]}:{port}/")
        yield urls, write_profiles(tmp_path_factory.mktemp("profiles"), urls)


def _env() -> dict:
    return {k: v for k, v in os.environ.items() if k.lower() != "http_proxy"}


def worker(listing: Path, out: Path, redis_url: str, *extra: str) -> subprocess.Popen:
    """One worker of the fleet: ``branchnews crawl @FILE --redis URL``."""
    return subprocess.Popen([sys.executable, "-m", "branchnews", "crawl", f"@{listing}", "-o", str(out),
                             "--redis", redis_url, *QUIET, *extra],
                            cwd=REPO, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)


def records(folder: Path) -> list[dict]:
    """Every complete record line of a site's data files (a killed worker may leave a partial one)."""
    found = []
    for file in sorted(folder.glob("*.jsonl")):
        if not file.name.endswith(".errors.jsonl"):
            found += [json.loads(line) for line in file.read_bytes().splitlines(keepends=True)
                      if line.endswith(b"\n")]
    return found


def comparable(folder: Path) -> list[dict]:
    return sorted(({k: v for k, v in r.items() if k not in VOLATILE} for r in records(folder)),
                  key=lambda r: r["url"])


def expected_urls(site_url: str) -> list[str]:
    return sorted(site_url.rstrip("/") + u[len(BASE_URL):] for u in article_urls(ARTICLES))


def lines_of(out: Path, pid: int) -> int:
    return sum(f.read_bytes().count(b"\n") for f in out.glob(f"*/*.w-*-{pid}.jsonl"))


def manifest_of(folder: Path) -> dict:
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    return {key: manifest[key] for key in MANIFEST}


def run_keys(redis_url: str) -> list[bytes]:
    return redis.Redis.from_url(redis_url).keys("branchnews:*")


@pytest.fixture(scope="module")
def lone(fleet, tmp_path_factory):
    """Each site crawled alone (no fleet, no Redis): its records and its manifest's account."""
    urls, listing = fleet
    out = tmp_path_factory.mktemp("lone")
    found = {}
    for url in urls:
        proc = run_cli("crawl", str(listing.parent / f"{site_name(url)}.toml"), "-o", str(out), *QUIET)
        assert proc.returncode == exits.OK, proc.stderr[-2000:]
        found[url] = comparable(out / site_name(url)), manifest_of(out / site_name(url))
    return found


def test_two_workers_give_every_site_the_records_of_its_lone_crawl(fleet, lone, redis_server, tmp_path):
    urls, listing = fleet
    out = tmp_path / "out"
    # The second worker splits its fleet over two processes: three workers for every site.
    workers = [worker(listing, out, redis_server.url),
               worker(listing, out, redis_server.url, "-s", "BRANCHNEWS_FLEET_PROCESSES=2")]
    errs = [w.communicate(timeout=300)[1] for w in workers]
    assert [w.returncode for w in workers] == [exits.OK, exits.OK], errs[0][-3000:] + errs[1][-3000:]
    for url in urls:
        folder = out / site_name(url)
        assert [r["url"] for r in comparable(folder)] == expected_urls(url), url  # each once
        assert (comparable(folder), manifest_of(folder)) == lone[url], url
        summaries = [json.loads(p.read_text("utf-8")) for p in (folder / "runs").glob("*.json")]
        assert len(summaries) == 2 and {s["finish_reason"] for s in summaries} == {"finished"}
        assert sum(s["articles"]["new"] for s in summaries) == ARTICLES
        assert len({s["distributed_run"] for s in summaries}) == 1  # two shares of one run
    assert len(list((out / "fleet-runs").glob("*.json"))) == 2  # one fleet summary per worker
    assert sum(e.count("created run") for e in errs) == SITES  # one run per site, the rest joined
    assert "requeued" not in errs[0] + errs[1]
    assert "changed its template" not in errs[0] + errs[1]  # shares of one run are not compared
    assert not run_keys(redis_server.url)  # the last worker out of each site deleted its run


def wait_for(what, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while not what():
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()[-3000:]
        time.sleep(0.02)


@pytest.mark.parametrize("after", ["survivor", "rerun"])
def test_a_worker_killed_mid_fleet_loses_and_repeats_nothing(fleet, redis_server, tmp_path, after):
    """``survivor``: one of two workers at work is killed and the other finishes the fleet,
    fetching the dead worker's requests again; ``rerun``: the only worker is killed and the
    fleet crawled again (joining the dead worker's runs, or restarting them once stale)."""
    urls, listing = fleet
    out = tmp_path / "out"
    victim = worker(listing, out, redis_server.url, *SLOW)
    wait_for(lambda: lines_of(out, victim.pid) >= 3, victim)  # complete lines: it is writing them
    if after == "survivor":
        survivor = worker(listing, out, redis_server.url, *SLOW)
        wait_for(lambda: lines_of(out, survivor.pid) >= 1, victim)  # both at work
    os.kill(victim.pid, signal.SIGKILL)
    victim.communicate(timeout=30)
    if after == "rerun":
        survivor = worker(listing, out, redis_server.url)
    err = survivor.communicate(timeout=300)[1]
    assert survivor.returncode == exits.OK, err[-3000:]
    for url in urls:
        assert sorted(r["url"] for r in records(out / site_name(url))) == expected_urls(url), url
    # the dead worker's requests in hand fetched again, or its stale runs started afresh
    assert "requeued" in err or (after == "rerun" and "had no live worker" in err), err[-3000:]
    assert not run_keys(redis_server.url)
