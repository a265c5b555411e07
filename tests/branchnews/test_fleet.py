"""fleet.py: many sites in one crawl process, each getting what it would alone; failing and
endless sites reported in their own summaries while the others complete; a killed fleet re-run
gives every site each article once."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import ExitStack
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from branchnews import exits
from branchnews.fleet import site_specs, table
from branchnews.sample_site import BASE_URL
from branchnews.sample_site.fleet import site_name, write_profiles
from branchnews.sample_site.scaled import article_urls
from branchnews.sample_site.server import make_fleet_servers
from tests.conftest import REPO, run_cli, serving
from tests.faultserver import WAF_JSL

GOOD_SITES = 20
ARTICLES = 6
QUIET = ["-s", "LOG_LEVEL=WARNING", "-s", "BRANCHNEWS_WARC=True"]
VOLATILE = {"fetched_at"}  # when the page was fetched: the only field two crawls may differ in


class _BadSite(BaseHTTPRequestHandler):
    """``500`` for every request, a 加速乐 WAF challenge (``waf``), or (``endless``) list pages
    that each link the next one."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802
        if self.server.kind == "500":
            body, status = b"server error", 500
        elif self.server.kind == "waf":
            body, status = WAF_JSL.encode(), 521
        else:
            page = int(self.path.rpartition("=")[2]) if "page=" in self.path else 1
            body = f'<html><body><a href="/a/zbfc/?page={page + 1}">下一页</a></body></html>'.encode()
            status = 200
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _bad_server(address: str, kind: str) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((address, 0), _BadSite)
    server.daemon_threads = True
    server.kind = kind
    return server


def _dead_port(address: str) -> int:
    with socket.socket() as probe:  # bound then closed: nothing listens there
        probe.bind((address, 0))
        return probe.getsockname()[1]


def _records(folder: Path) -> list[dict]:
    return [json.loads(line) for f in sorted(folder.glob("*.jsonl")) if ".errors." not in f.name
            for line in f.read_text("utf-8").splitlines()]


def _lines_written(out: Path) -> int:
    return sum(f.read_bytes().count(b"\n") for f in out.glob("*/*[0-9].jsonl"))


def _expected_urls(site_url: str) -> set[str]:
    return {site_url.rstrip("/") + u[len(BASE_URL):] for u in article_urls(ARTICLES)}


def _latest_run(folder: Path) -> dict:
    return json.loads(sorted((folder / "runs").glob("*.json"))[-1].read_text("utf-8"))


@pytest.fixture(scope="module")
def fleet_sites(tmp_path_factory):
    """20 good sites on 127.0.0.2…, and on 127.0.1.x a dead one, one answering 500 everywhere,
    one behind a WAF challenge and two endless ones with a page and a time budget in their profiles; their profiles."""
    folder = tmp_path_factory.mktemp("fleet-profiles")
    with ExitStack() as stack:
        good = []
        for server in make_fleet_servers(GOOD_SITES, ARTICLES, 0):
            port = stack.enter_context(serving(server))
            good.append(f"http://{server.server_address[0]}:{port}/")
        bad = {"dead": f"http://127.0.1.2:{_dead_port('127.0.1.2')}/"}
        for address, kind in (("127.0.1.3", "500"), ("127.0.1.6", "waf"), ("127.0.1.4", "endless"),
                              ("127.0.1.5", "endless")):
            port = stack.enter_context(serving(_bad_server(address, kind)))
            bad[kind if kind != "endless" else address] = f"http://{address}:{port}/"
        listing = write_profiles(folder, good + list(bad.values()))
        budgets = {"127.0.1.4": "CLOSESPIDER_PAGECOUNT = 25", "127.0.1.5": "CLOSESPIDER_TIMEOUT = 3"}
        for address, budget in budgets.items():
            profile = folder / f"{site_name(bad[address])}.toml"
            profile.write_text(profile.read_text("utf-8") + budget + "\n", encoding="utf-8")
        yield good, bad, listing


@pytest.fixture(scope="module")
def fleet_run(fleet_sites, tmp_path_factory):
    good, bad, listing = fleet_sites
    out = tmp_path_factory.mktemp("fleet-out")
    proc = run_cli("crawl", f"@{listing}", "-o", str(out), *QUIET,
                   "-s", "BRANCHNEWS_FLEET_MAX_SITES=8", "-s", "RETRY_TIMES=1")
    return proc, out


def test_every_good_site_gets_exactly_its_articles(fleet_sites, fleet_run):
    good, _, _ = fleet_sites
    proc, out = fleet_run
    assert proc.returncode == exits.FAILED, proc.stderr  # the endless sites ran out of budget
    for url in good:
        folder = out / site_name(url)
        records = _records(folder)
        assert sorted(r["url"] for r in records) == sorted(_expected_urls(url)), url
        assert {r["site"] for r in records} == {site_name(url)}
        run = _latest_run(folder)
        assert (run["finish_reason"], run["failures"]["total"]) == ("finished", 0)
        assert (folder / "manifest.json").exists() and list((folder / "warc").glob("*.warc.gz"))
        assert (folder / "state.sqlite").exists()


@pytest.mark.parametrize("which", [0, GOOD_SITES - 1])
def test_a_fleet_site_has_the_records_of_a_lone_crawl(fleet_sites, fleet_run, tmp_path, which):
    good, _, listing = fleet_sites
    _, out = fleet_run
    profile = listing.parent / f"{site_name(good[which])}.toml"
    lone = run_cli("crawl", str(profile), "-o", str(tmp_path), *QUIET)
    assert lone.returncode == exits.OK, lone.stderr

    def comparable(folder):
        return sorted(({k: v for k, v in r.items() if k not in VOLATILE} for r in _records(folder)),
                      key=lambda r: r["url"])

    assert comparable(out / site_name(good[which])) == comparable(tmp_path / site_name(good[which]))


@pytest.mark.parametrize("kind, reason", [("dead", "downloadconnectionrefusederror"), ("500", "http_500"),
                                          ("waf", "waf_challenge_page")])
def test_a_failing_site_is_reported_in_its_own_summary(fleet_sites, fleet_run, kind, reason):
    _, bad, _ = fleet_sites
    _, out = fleet_run
    run = _latest_run(out / site_name(bad[kind]))
    assert run["articles"]["extracted"] == 0
    by_reason = run["failures"]["by_reason"]
    assert sum(n for why, n in by_reason.items() if why.startswith(reason)) >= 1, by_reason


@pytest.mark.parametrize("address, reason, most_pages", [("127.0.1.4", "closespider_pagecount", 25 + 16),
                                                         ("127.0.1.5", "closespider_timeout", None)])
def test_an_endless_site_ends_at_its_budget(fleet_sites, fleet_run, address, reason, most_pages):
    _, bad, _ = fleet_sites
    _, out = fleet_run
    run = _latest_run(out / site_name(bad[address]))
    assert run["finish_reason"] == reason
    assert run["pages_fetched"] > 5 and (most_pages is None or run["pages_fetched"] <= most_pages)


def test_the_fleet_summary_and_table_list_every_site(fleet_sites, fleet_run):
    good, bad, _ = fleet_sites
    proc, out = fleet_run
    summaries = list((out / "fleet-runs").glob("*.json"))
    assert len(summaries) == 1
    summary = json.loads(summaries[0].read_text("utf-8"))
    names = [site_name(u) for u in good + list(bad.values())]
    assert [s["site"] for s in summary["by_site"]] == names
    assert (summary["sites"], summary["max_sites"]) == (len(names), 8)
    assert summary["articles"] == GOOD_SITES * ARTICLES
    assert set(summary["sites_failed"]) >= {site_name(bad["127.0.1.4"]), site_name(bad["127.0.1.5"])}
    for entry in summary["by_site"]:
        assert entry["run"] == _latest_run(out / entry["site"])  # the site's own summary
    lines = proc.stderr.splitlines()
    for name in names:
        assert sum(line.startswith(name + " ") for line in lines) == 1, name
    assert f"{len(names) - len(summary['sites_failed'])}/{len(names)} sites ok" in proc.stderr


def test_a_killed_fleet_rerun_gives_every_site_each_article_once(tmp_path):
    with ExitStack() as stack:
        urls = []
        for server in make_fleet_servers(5, ARTICLES, 0, latency=0.15):
            port = stack.enter_context(serving(server))
            urls.append(f"http://{server.server_address[0]}:{port}/")
        listing = write_profiles(tmp_path / "profiles", urls)
        out = tmp_path / "out"
        command = [sys.executable, "-m", "branchnews", "crawl", f"@{listing}", "-o", str(out), *QUIET,
                   "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1"]
        crawl = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while _lines_written(out) < 8:  # complete lines only: the crawl is writing them
            assert crawl.poll() is None and time.monotonic() < deadline, "the fleet ended before the kill"
            time.sleep(0.05)
        os.kill(crawl.pid, signal.SIGKILL)
        crawl.wait(timeout=30)
        rerun = run_cli("crawl", f"@{listing}", "-o", str(out), *QUIET)
        assert rerun.returncode == exits.OK, rerun.stderr
        for url in urls:
            found = [r["url"] for r in _records(out / site_name(url))]
            assert sorted(found) == sorted(_expected_urls(url)), url  # each once, none missing


@pytest.mark.parametrize("lines, expected", [
    (["a", "", "# a comment", "b.toml  # the second", "a"], ["a", "b.toml"]),
    (["  c  "], ["c"]),
])
def test_site_specs_read_at_files_in_order_each_once(tmp_path, lines, expected):
    listing = tmp_path / "sites.txt"
    listing.write_text("\n".join(lines), encoding="utf-8")
    assert site_specs(["first", f"@{listing}", "first"]) == ["first", *expected]


@pytest.mark.parametrize("args, message", [
    (["sample", "no-such-site"], "no site profile 'no-such-site'"),
    (["sample", str(REPO / "crawler/profiles/sample.toml")], "are both site 'sample'"),
    (["sample", "bjzx", "--start-url", "http://127.0.0.1:9/"], "--start-url takes one site"),
    (["@/no/such/list.txt"], "cannot read the list of sites"),
])
def test_a_mistake_in_a_fleet_is_a_usage_error_before_any_request(args, message):
    proc = run_cli("crawl", *args, "-o", "/nonexistent-branchnews-out")
    assert proc.returncode == exits.USAGE and message in proc.stderr
    assert proc.stderr.count("\n") == 1


def test_table_has_a_line_per_site_and_the_totals():
    summary = {"sites": 2, "sites_ok": 1, "pages": 9, "articles": 5, "errors": 1,
               "duration_seconds": 2.5, "by_site": [
                   {"site": "a", "exit_status": exits.OK, "error": None,
                    "run": {"articles": {"new": 5, "updated": 0, "skipped_known": 2},
                            "failures": {"total": 0}, "duration_seconds": 2.0,
                            "coverage": {"published": 0.8}, "finish_reason": "finished"}},
                   {"site": "b", "exit_status": exits.FAILED, "error": "ProfileError: broken", "run": None}]}
    lines = table(summary).splitlines()
    assert lines[2].split() == ["a", "ok", "5", "0", "2", "0", "2.0", "80%"]
    assert lines[3].split()[:2] == ["b", "FAILED"] and lines[3].endswith("ProfileError: broken")
    assert lines[-1] == "1/2 sites ok, 9 pages, 5 articles, 1 failures in 2.5 s"


def test_sigterm_ends_the_running_sites_and_starts_no_queued_one(tmp_path):
    with ExitStack() as stack:
        urls = []
        for server in make_fleet_servers(3, ARTICLES, 0, latency=0.2):
            port = stack.enter_context(serving(server))
            urls.append(f"http://{server.server_address[0]}:{port}/")
        listing = write_profiles(tmp_path / "profiles", urls)
        out = tmp_path / "out"
        command = [sys.executable, "-m", "branchnews", "crawl", f"@{listing}", "-o", str(out), *QUIET,
                   "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "BRANCHNEWS_FLEET_MAX_SITES=1"]
        crawl = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 text=True)
        first = out / site_name(urls[0])
        deadline = time.monotonic() + 120
        while not _lines_written(out):
            assert crawl.poll() is None and time.monotonic() < deadline, "the fleet ended first"
            time.sleep(0.05)
        crawl.send_signal(signal.SIGTERM)
        _, stderr = crawl.communicate(timeout=60)
    assert crawl.returncode == exits.FAILED, stderr
    (path,) = (out / "fleet-runs").glob("*.json")
    summary = json.loads(path.read_text("utf-8"))
    by_site = {entry["site"]: entry for entry in summary["by_site"]}
    assert by_site[site_name(urls[0])]["run"]["finish_reason"] == "shutdown"
    for url in urls[1:]:
        assert by_site[site_name(url)]["error"] == "not started: the fleet was stopped"
        assert not (out / site_name(url)).exists()


def test_a_fleet_split_over_processes_writes_what_one_process_would(fleet_sites, fleet_run, tmp_path):
    good, bad, listing = fleet_sites
    _, out = fleet_run
    specs = [str(listing.parent / f"{site_name(u)}.toml") for u in (*good[:4], bad["dead"])]
    proc = run_cli("crawl", *specs, "-o", str(tmp_path), *QUIET, "-s", "RETRY_TIMES=1",
                   "-s", "BRANCHNEWS_FLEET_PROCESSES=2", "-s", "BRANCHNEWS_FLEET_MAX_SITES=4")
    assert proc.returncode == exits.FAILED, proc.stderr  # the dead site: every start URL failed
    (path,) = (tmp_path / "fleet-runs").glob("*.json")
    summary = json.loads(path.read_text("utf-8"))
    assert (summary["processes"], summary["max_sites"], summary["articles"]) == (2, 4, 4 * ARTICLES)
    assert [e["site"] for e in summary["by_site"]] == [site_name(u) for u in (*good[:4], bad["dead"])]
    assert len(list((tmp_path / "fleet-runs/parts").glob("*.json"))) == 2
    pids = {e["run"]["site"]: e for e in summary["by_site"]}
    assert len(pids) == 5 and "4/5 sites ok" in proc.stderr
    assert summary["sites_failed"] == [site_name(bad["dead"])]
    for url in good[:4]:  # the same records as the one-process fleet
        ours, theirs = (sorted(({k: v for k, v in r.items() if k not in VOLATILE}
                                for r in _records(root / site_name(url))), key=lambda r: r["url"])
                        for root in (tmp_path, out))
        assert ours == theirs


@pytest.mark.parametrize("processes", [1, 2])
def test_a_site_another_run_holds_is_left_out_and_the_others_crawl(fleet_sites, tmp_path, processes):
    from branchnews.scheduling.locks import Lock, lock_path

    good, _, listing = fleet_sites
    specs = [str(listing.parent / f"{site_name(u)}.toml") for u in good[:5]]
    held = Lock(lock_path(tmp_path / ".locks", "site", site_name(good[1])))
    assert held.acquire(job="holder")
    try:
        proc = run_cli("crawl", *specs, "-o", str(tmp_path), *QUIET,
                       "-s", f"BRANCHNEWS_FLEET_PROCESSES={processes}")
    finally:
        held.release()
    assert proc.returncode == exits.LOCKED, proc.stderr
    assert f"{site_name(good[1])} in {tmp_path}/ is being crawled by" in proc.stderr
    assert not (tmp_path / site_name(good[1])).exists()
    for url in good[:1] + good[2:5]:
        assert sorted(r["url"] for r in _records(tmp_path / site_name(url))) == sorted(_expected_urls(url))
        assert Lock(lock_path(tmp_path / ".locks", "site", site_name(url))).acquire()  # released
