"""Scheduled re-runs: incremental, versioned, and safe against kill -9 at any moment.

Real processes against the bundled sample site served from a copy on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from branchnews.sample_site import SITE_DIR
from branchnews.sample_site.server import make_server
from tests.conftest import REPO, run_cli

ARTICLES = json.loads((REPO / "tests/golden/sample/_articles.json").read_text("utf-8"))
T6_PAGE = "t6/system/2017/09/14/030012345.shtml"


@pytest.fixture()
def site_copy(tmp_path):
    """A private copy of the sample site whose pages a test may change between runs."""
    root = tmp_path / "site"
    shutil.copytree(SITE_DIR, root)
    server = make_server("127.0.0.1", 0, root=root)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def crawl_args(out: Path, proxy: str, *extra: str) -> list[str]:
    return ["crawl", "sample", "-o", str(out), "-s", f"BRANCHNEWS_PROXY={proxy}",
            "-s", "LOG_LEVEL=WARNING", *extra]


def lines(out: Path) -> list[dict]:
    return [json.loads(line) for f in sorted((out / "sample").glob("*[0-9].jsonl"))
            for line in f.read_text("utf-8").splitlines()]


def last_run(out: Path) -> dict:
    runs = sorted((out / "sample" / "runs").glob("*.json"))
    return json.loads(runs[-1].read_text("utf-8"))


def test_second_run_fetches_no_article_and_a_changed_article_is_a_new_version(site_copy, tmp_path):
    root, proxy = site_copy
    out = tmp_path / "out"
    assert run_cli(*crawl_args(out, proxy)).returncode == 0
    first = last_run(out)
    assert first["articles"]["new"] == len(ARTICLES)

    # unchanged site: list pages are read, no article page is fetched
    assert run_cli(*crawl_args(out, proxy)).returncode == 0
    second = last_run(out)
    assert second["articles"] == {"extracted": 0, "new": 0, "updated": 0, "unchanged": 0,
                                  "skipped_known": len(ARTICLES)}
    assert second["pages_fetched"] == second["list_pages"] + 1  # + robots.txt
    assert len(lines(out)) == len(ARTICLES)

    # the site edits one article; --refresh refetches, and only that one is written again
    page = root / T6_PAGE
    golden = json.loads((REPO / "tests/golden/sample/t6-030012345.json").read_text("utf-8"))
    sentence = golden["paragraphs"][0][:12].encode()
    assert sentence in page.read_bytes()
    page.write_bytes(page.read_bytes().replace(sentence, "（更新）".encode() + sentence))
    result = run_cli(*crawl_args(out, proxy, "--refresh"))
    assert result.returncode == 0, result.stderr[-2000:]
    third = last_run(out)
    assert third["articles"]["updated"] == 1 and third["articles"]["new"] == 0
    assert third["articles"]["unchanged"] == len(ARTICLES) - 1
    records = lines(out)
    assert len(records) == len(ARTICLES) + 1
    versions = [r for r in records if r["url"].endswith("030012345.shtml")]
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[0]["id"] == versions[1]["id"]
    assert versions[1]["updated_at"] and versions[0]["content_hash"] != versions[1]["content_hash"]


def test_coverage_drop_warns_that_the_template_changed(site_copy, tmp_path):
    root, proxy = site_copy
    out = tmp_path / "out"
    assert run_cli(*crawl_args(out, proxy)).returncode == 0
    for page in (p for p in root.rglob("*") if p.is_file()):  # the site drops every editor line
        data = page.read_bytes()
        for label in ("责任编辑", "責任編輯", "责编", "编辑", "編輯"):
            for encoding in ("utf-8", "gbk"):
                data = data.replace(label.encode(encoding), "审稿人".encode(encoding))
        page.write_bytes(data)
    result = run_cli(*crawl_args(out, proxy, "--refresh"))
    assert result.returncode == 0
    assert "editor coverage fell" in result.stderr and "changed its template" in result.stderr
    assert any("editor" in w for w in last_run(out)["warnings"])


def _kill_when(proc: subprocess.Popen, out: Path, records: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    data = out / "sample"
    while time.monotonic() < deadline and proc.poll() is None:
        files = list(data.glob("*[0-9].jsonl")) if data.exists() else []
        count = sum(f.read_bytes().count(b"\n") for f in files)
        if count >= records:
            break
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


@pytest.mark.parametrize("kill_after", [0, 1, 7, 23, 41])
def test_sigkill_then_rerun_gives_every_record_exactly_once(sample_site, tmp_path, kill_after):
    out = tmp_path / "out"
    slow = ["-s", "DOWNLOAD_DELAY=0.02", "-s", "CONCURRENT_REQUESTS=2"]
    proc = subprocess.Popen([sys.executable, "-m", "branchnews", *crawl_args(out, sample_site, *slow)],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _kill_when(proc, out, kill_after)
    assert proc.returncode == -signal.SIGKILL
    before = [line for f in (out / "sample").glob("*[0-9].jsonl")
              for line in f.read_bytes().splitlines(keepends=True)] if (out / "sample").exists() else []
    complete = [json.loads(line) for line in before if line.endswith(b"\n")]

    result = run_cli(*crawl_args(out, sample_site))
    assert result.returncode == 0, result.stderr[-2000:]
    records = lines(out)
    urls = [r["url"] for r in records]
    assert sorted(urls) == sorted(ARTICLES)  # every article, each exactly once
    # every record written before the kill is intact, byte for byte, at the start of the file
    assert records[:len(complete)] == complete
    assert last_run(out)["articles"]["new"] == len(ARTICLES) - len(complete)


def test_damaged_last_line_from_an_old_crash_is_moved_aside(sample_site, tmp_path):
    out = tmp_path / "out"
    assert run_cli(*crawl_args(out, sample_site, "--start-url",
                               "http://branch.example.org.cn/a/zbfc/")).returncode == 0
    data = next((out / "sample").glob("*[0-9].jsonl"))
    good = data.read_bytes()
    data.write_bytes(good + b'{"schema_version":"1.1","id":"deadbeef')
    result = run_cli(*crawl_args(out, sample_site))
    assert result.returncode == 0
    assert "truncated last line" in result.stderr
    head, moved = data.with_suffix(".jsonl.damaged").read_bytes().split(b"\n")[:2]
    lines_before = good.count(b"\n")
    assert head.startswith(f"# {data.name} line {lines_before + 1}, byte {len(good)}, ".encode())
    assert moved == b'{"schema_version":"1.1","id":"deadbeef'
    assert data.read_bytes().startswith(good)
    assert sorted(r["url"] for r in lines(out)) == sorted(ARTICLES)


def test_long_crawls_show_progress_and_summary_in_the_log(sample_site, tmp_path):
    """Off a terminal, progress lines with their totals; the full log, run summary and all,
    in LOG_FILE."""
    out, log = tmp_path / "out", tmp_path / "crawl.log"
    result = run_cli(*crawl_args(out, sample_site, "-s", "LOG_LEVEL=INFO", "-s", "DOWNLOAD_DELAY=0.02",
                                 "-s", "CONCURRENT_REQUESTS=1", "-s", "BRANCHNEWS_PROGRESS_INTERVAL=0.3",
                                 "-s", f"LOG_FILE={log}"))
    assert result.returncode == 0, result.stderr[-2000:]
    totals = re.findall(r"^progress: (\d+)/(\d+) articles done, (\d+) failed, (\d+) list pages; "
                        r"\d+ pages fetched", result.stderr, re.M)
    assert totals and all(int(done) <= int(queued) for done, queued, _, _ in totals)
    assert "run summary" not in result.stderr and "Dumping Scrapy stats" not in result.stderr
    full = log.read_text("utf-8")
    assert "Dumping Scrapy stats" in full and "progress: " in full
    summary = last_run(out)
    assert f'"new": {len(ARTICLES)}' in full.split("run summary", 1)[1]
    assert summary["pages_fetched"] > len(ARTICLES) and summary["duration_seconds"] > 0
    assert set(summary["coverage"]) >= {"published", "editor", "sections"}
    assert summary["failures"] == {"total": 0, "by_reason": {}}


SEED_PAGE = (REPO / "tests/fixtures/t1-seed/article.html").read_bytes()


class _RedirectingSite:
    """A list whose links redirect (as CMS short links do): ``/go/1`` → ``/art/1.html``."""

    def __init__(self):
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        site = self
        self.requests: list[str] = []
        self.routes = {
            "/": (200, "<html><body><a href='/go/1'>一</a> <a href='/art/2.html'>二</a></body></html>"
                  .encode()),
            "/robots.txt": (200, b"User-agent: *\nAllow: /\n"),
            "/art/1.html": (200, SEED_PAGE),
            "/art/2.html": (200, SEED_PAGE.replace(b"</title>", "（二）</title>".encode())),
        }

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append(self.path)
                if self.path.startswith("/go/"):
                    self.send_response(301)
                    self.send_header("Location", "/art/" + self.path.rsplit("/", 1)[1] + ".html")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                status, body = site.routes.get(self.path, (404, b"not found"))
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def test_a_link_that_redirects_is_not_fetched_again(tmp_path):
    site = _RedirectingSite()
    try:
        profile = tmp_path / "short.toml"
        profile.write_text(f'name = "short"\nstart_urls = ["{site.url}/"]\n'
                           "[links]\narticle = ['/go/\\d+$', '/art/\\d+\\.html$']\n"
                           "[settings]\nAUTOTHROTTLE_ENABLED = false\nDOWNLOAD_DELAY = 0\n",
                           encoding="utf-8")
        out = tmp_path / "out"
        args = ("crawl", str(profile), "-o", str(out), "-s", "LOG_LEVEL=WARNING")
        assert run_cli(*args).returncode == 0
        records = [json.loads(line) for f in (out / "short").glob("*[0-9].jsonl")
                   for line in f.read_text("utf-8").splitlines()]
        assert sorted(r["url"] for r in records) == [f"{site.url}/art/1.html", f"{site.url}/art/2.html"]
        assert "/go/1" in site.requests

        site.requests.clear()
        result = run_cli(*args)
        assert result.returncode == 0, result.stderr[-2000:]
        assert sorted(site.requests) == ["/", "/robots.txt"]  # no article, no short link
        summary = json.loads(sorted((out / "short" / "runs").glob("*.json"))[-1].read_text("utf-8"))
        assert summary["articles"]["skipped_known"] == 2

        # The alias lives in the index only while the article is in the dataset: without the
        # records, the link is fetched again.
        for f in (out / "short").glob("*[0-9].jsonl"):
            f.unlink()
        site.requests.clear()
        assert run_cli(*args).returncode == 0
        assert "/go/1" in site.requests and "/art/2.html" in site.requests
    finally:
        site.server.shutdown()
        site.server.server_close()
