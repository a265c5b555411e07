"""Re-extraction (branchnews/reextract.py) replays the crawl: crawl, rebuild from the WARC
files, get the same records: the sample site with its profile and with a bare one whose links
come from the pages' structure; each bundled real-site profile on a local copy in that site's URL
shapes; and captures built by hand for redirects, retries and missing continuation pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


from branchnews.crawler.pages.article import Page, parse_article
from branchnews.crawler.profiles import load_profile
from branchnews.crawler.warc import WarcFile
from branchnews.reextract import Capture, CaptureIndex, read_warcs, reextract
from tests.conftest import REPO, run_cli

FIXTURES = REPO / "tests" / "fixtures"

FETCH_TIME = {"fetched_at"}  # the capture's WARC-Date, not the moment the spider made the Page
BARE_PROFILE = 'name = "bare"\nstart_urls = ["http://branch.example.org.cn/"]\n'


def exchange(warc: WarcFile, url: str, body: bytes = b"<html><body>x</body></html>", status=200,
             headers=(("Content-Type", "text/html; charset=utf-8"),)):
    warc.write_exchange(url=url, method="GET", request_headers=[("User-Agent", "branchnews-test")],
                        request_body=b"", status=status, response_headers=list(headers), body=body)


def _records(folder: Path) -> dict[str, dict]:
    out = {}
    for file in sorted(folder.glob("*.jsonl")):
        if file.name.endswith(".errors.jsonl"):
            continue
        for line in file.read_text("utf-8").splitlines():
            record = json.loads(line)
            out[record["id"]] = {k: v for k, v in record.items() if k not in FETCH_TIME}
    return out


@pytest.mark.parametrize("profile_text, site, articles", [
    (None, "sample", 48),
    (BARE_PROFILE, "bare", 48),  # no [links]: listings, pagers and hubs read from the pages
])
def test_reextract_rebuilds_the_crawled_records(sample_site, tmp_path, profile_text, site, articles):
    profile = site
    if profile_text:
        profile = str(tmp_path / f"{site}.toml")
        Path(profile).write_text(profile_text, encoding="utf-8")
    crawl = run_cli("crawl", profile, "-o", str(tmp_path / "crawl"),
                    "-s", f"BRANCHNEWS_PROXY={sample_site}")
    assert crawl.returncode == 0, crawl.stderr[-2000:]
    crawled = _records(tmp_path / "crawl" / site)
    assert len(crawled) == articles

    report = reextract([tmp_path / "crawl" / site / "warc"], tmp_path / "again", site=profile)
    assert report.written == articles, report.summary()
    assert _records(tmp_path / "again" / site) == crawled


# -- re-extraction ----------------------------------------------------------------------------

PROFILE = """name = "mp"
start_urls = ["http://www.example-mj.org.cn/"]
[links]
article = ['/a/\\w+/\\d{4}/\\d{4}/\\d+(?:_\\d+)?\\.html$']  # continuation pages match too
"""


@pytest.fixture
def capture(tmp_path):
    """A WARC with a home page linking to a 3-page article, a redirected and retried one, a
    cut one and a 404 (re-extraction walks from the start URL, as the crawl did)."""
    pages = [FIXTURES / "multipage-3" / n for n in ("article.html", "article_2.html", "article_3.html")]
    urls = json.loads((FIXTURES / "multipage-3" / "meta.json").read_text("utf-8"))["urls"]
    seed = (FIXTURES / "t1-seed" / "article.html").read_bytes()
    base = "http://www.example-mj.org.cn/a/x/2017/0914/"
    warc = WarcFile(tmp_path / "warc", "2026-11-28-7", {"branchnews-site": "mp",
                                                         "branchnews-run-day": "2026-11-28"})
    links = "".join(f"<a href='{u}'>a</a>" for u in (urls[0], base + "99.html", base + "789.html",
                                                      base + "404.html"))
    exchange(warc, "http://www.example-mj.org.cn/", f"<html><body>{links}</body></html>".encode())
    for url, page in zip(urls, pages):
        exchange(warc, url, page.read_bytes())
    exchange(warc, base + "99.html", b"", status=301, headers=[("Location", "120.html")])
    exchange(warc, base + "120.html", b"busy", status=503)
    exchange(warc, base + "120.html", seed)
    exchange(warc, base + "789.html", pages[0].read_bytes().replace(b"456", b"789"))
    exchange(warc, base + "404.html", b"not found", status=404)
    warc.close()
    profile = tmp_path / "mp.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    return warc.path, profile, urls, pages, base


def test_reextract_rebuilds_what_the_crawl_would_have(capture, tmp_path):
    path, profile, urls, pages, base = capture
    report = reextract([path], tmp_path / "out", site=str(profile))
    assert report.written == 2
    assert report.skipped == {"continuation page missing from the capture": 1,
                              "no successful response": 1}
    lines = (tmp_path / "out" / "mp" / "2026-11-28.jsonl").read_text("utf-8").splitlines()
    records = {json.loads(line)["url"]: json.loads(line) for line in lines}
    assert sorted(records) == sorted([base + "120.html", urls[0]])
    contents = read_warcs([path])
    by_url = {c.url: c for c in contents.captures if c.status == 200}
    expected = parse_article([Page(u, p.read_bytes(), {"Content-Type": "text/html; charset=utf-8"},
                                   200, by_url[u].fetched_at) for u, p in zip(urls, pages)],
                             site="mp", selectors=load_profile(str(profile)).selectors)
    assert records[urls[0]] == expected and expected["pages"] == 3
    seed = records[base + "120.html"]  # redirected from 99.html, retried after a 503
    assert seed["status"] == 200 and seed["editor"] == "张禹"
    assert seed["fetched_at"] == by_url[base + "120.html"].fetched_at


def test_reextract_command_reads_folders_and_names_the_site(capture, tmp_path):
    path, profile, *_ = capture
    result = run_cli("reextract", str(path.parent), "-o", str(tmp_path / "o"), "--site", str(profile))
    assert result.returncode == 0, result.stderr
    assert "2 records rebuilt, 2 written" in result.stderr
    again = run_cli("reextract", str(path), "-o", str(tmp_path / "o"), "--site", str(profile))
    assert "2 already in the output" in again.stderr  # re-running adds nothing
    unknown = run_cli("reextract", str(path), "-o", str(tmp_path / "p"))  # warcinfo says "mp"
    assert unknown.returncode == 2 and "no site profile 'mp'" in unknown.stderr


def test_capture_index_prefers_the_last_success_and_follows_redirects():
    def cap(url, status, **headers):
        return Capture(url, status, headers, b"", "2026-11-28T00:00:00Z", None)

    index = CaptureIndex([cap("http://h/a", 200), cap("http://h/a", 500), cap("http://h/b", 302, Location="/a"),
                          cap("http://h/loop", 301, Location="/loop"), cap("http://h/gone", 404)])
    assert index.resolve("http://h/a").status == 200
    assert index.resolve("http://h/b").url == "http://h/a"
    assert index.resolve("http://h/loop") is None and index.resolve("http://h/gone") is None
    assert index.resolve("http://h/never") is None


# -- the bundled real-site profiles, on a local copy ----------------------------------------------

SAMPLE_SITE = REPO / "branchnews" / "sample_site" / "site"
PAGES = sorted((SAMPLE_SITE / "t3" / "art").rglob("*.html"))[:4]  # Hanweb pages from the sample site
# Article URLs in each real site's own shape (as in tests/crawler/test_profiles.py), {n} numbered.
SHAPES = {
    "bjzx": "/zxgz/qgzx/201711/t20171120_58{n}.html",
    "hbngd": "/difangxinwen/2025/0707/61{n}.html",
    "hebmm": "/difangmengwu/langfang/52{n}.html",
    "rmzxb": "/c/2016-10-25/110217{n}.shtml",
    "hebeisy": "/system/2022/06/18/03017039{n}.shtml",
}


@pytest.fixture
def profile_site(request):
    """A local server holding a start page (at the profile's start path) that links to sample
    pages under URL paths in that profile's article shape."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import urlsplit

    site = request.param
    start_path = urlsplit(load_profile(site).start_urls[0]).path or "/"
    articles = {SHAPES[site].format(n=n): page.read_bytes() for n, page in enumerate(PAGES)}
    links = "".join(f'<li><a href="{path}">文章{n}</a></li>' for n, path in enumerate(articles))
    files = {start_path: f"<html><body><ul>{links}</ul></body></html>".encode(), **articles}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = files.get(urlsplit(self.path).path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(body or b"not here")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}{start_path}", len(articles)
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("profile_site", sorted(SHAPES), indirect=True)
def test_bundled_profiles_crawl_and_reextract_alike(profile_site, tmp_path):
    site, start, articles = profile_site
    crawl = run_cli("crawl", site, "--start-url", start, "-o", str(tmp_path / "crawl"),
                    "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
                    "-s", "ROBOTSTXT_OBEY=False")
    assert crawl.returncode == 0, crawl.stderr[-2000:]
    crawled = _records(tmp_path / "crawl" / site)
    assert len(crawled) == articles
    report = reextract([tmp_path / "crawl" / site / "warc"], tmp_path / "again")  # site from warcinfo
    assert report.written == articles, report.summary()
    assert _records(tmp_path / "again" / site) == crawled


def _written(name: str, data: bytes):
    def make(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name
    return make


@pytest.mark.parametrize("make, message", [
    (lambda folder: folder, "no WARC files in"),  # an empty folder
    (_written("x.warc.gz", bytes(range(256)) * 20), "not a WARC file"),  # random bytes
    (_written("y.warc", b"hello\n"), "not a WARC file"),
])
def test_reextract_of_no_capture_says_what_it_was_given(tmp_path, make, message):
    given = tmp_path / "in"
    given.mkdir()
    target = make(given)
    result = run_cli("reextract", str(target), "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr and str(target) in result.stderr
    assert not (tmp_path / "out").exists()
