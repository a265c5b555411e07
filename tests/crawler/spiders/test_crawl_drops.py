"""No page is dropped unreported: redirects Scrapy will not follow (off site, not http), pages
that parse to nothing, and pages whose bytes the declared charset cannot read.

A small site on 127.0.0.1: its list links one page per case; the errors file must name each
dropped page with its reason (and, for a redirect, where it went), and the one record whose
bytes are broken must say how many characters were replaced.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import REPO, run_cli

SEED = (REPO / "tests/fixtures/t1-seed/article.html").read_bytes()
GBK_ARTICLE = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=gbk'>"
               "<title>政协委员建言生态文明建设</title></head><body><h1>政协委员建言生态文明建设</h1>"
               "<div class='info'>发布时间：2024-05-25</div><div class='content'>"
               "<p>5月25日，省政协召开生态环境保护专题座谈会，委员们围绕生态文明建设建言献策。</p>"
               "<p>委员们建议，进一步完善生态补偿机制，加强跨区域流域综合治理。</p>"
               "</div></body></html>").encode("gbk")
BROKEN_BYTES = 500
NESTED = (b"<html><head><title>x</title></head><body>" + b"<div>" * 100_000
          + "<p>正文在十万层嵌套之内。</p>".encode() + b"</div>" * 100_000 + b"</body></html>")
LINE_12MB = "这是一行没有任何标记的长文字".encode() * (12 * 1024 * 1024 // 39)
NOTHING = b"<html><head><meta charset='utf-8'></head><body><div><p>\xe7\x9f\xad</p></div></body></html>"
SLUGS = ("good", "gbk", "off", "hop", "file", "js", "nested", "line", "nothing")


class Handler(BaseHTTPRequestHandler):
    server: "Site"

    def do_GET(self):
        self.server.seen[(self.headers.get("Host", "").split(":")[0], self.path)] += 1
        offsite = f"http://localhost:{self.server.server_address[1]}/elsewhere.html"
        routes = {
            "/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n"),
            "/": (200, {}, "<html><body><ul>".encode() + b"".join(
                f'<li><a href="/art/{s}.html">{s}</a></li>'.encode() for s in SLUGS)
                + b"</ul></body></html>"),
            "/art/good.html": (200, {}, SEED),
            "/art/gbk.html": (200, {"Content-Type": "text/html; charset=gbk"},
                              GBK_ARTICLE.replace(b"</p><p>", b"\xff" * BROKEN_BYTES + b"</p><p>")),
            "/art/off.html": (302, {"Location": offsite}, b""),
            "/art/hop.html": (301, {"Location": "/art/hop2.html"}, b""),
            "/art/hop2.html": (302, {"Location": offsite}, b""),
            "/art/file.html": (302, {"Location": "file:///etc/passwd"}, b""),
            "/art/js.html": (302, {"Location": "javascript:alert(1)"}, b""),
            "/art/nested.html": (200, {}, NESTED),
            "/art/line.html": (200, {}, LINE_12MB),
            "/art/nothing.html": (200, {}, NOTHING),
        }
        status, headers, body = routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        headers = {"Content-Type": "text/html; charset=utf-8", **headers}
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Site(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.seen: Counter = Counter()
        self.url = f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    site = Site()
    threading.Thread(target=site.serve_forever, daemon=True).start()
    tmp = tmp_path_factory.mktemp("drops")
    profile = tmp / "drops.toml"
    profile.write_text(f'name = "drops"\nstart_urls = ["{site.url}/"]\n'
                       "[links]\narticle = ['/art/\\w+\\.html$']\n"
                       "[settings]\nAUTOTHROTTLE_ENABLED = false\nDOWNLOAD_DELAY = 0\nRETRY_TIMES = 0\n",
                       encoding="utf-8")
    result = run_cli("crawl", str(profile), "-o", str(tmp / "out"), "-s", "LOG_LEVEL=WARNING")
    site.shutdown()
    folder = tmp / "out/drops"
    records = {json.loads(line)["url"]: json.loads(line) for f in folder.glob("*[0-9].jsonl")
               for line in f.read_text("utf-8").splitlines()}
    errors = [json.loads(line) for f in folder.glob("*.errors.jsonl")
              for line in f.read_text("utf-8").splitlines()]
    return site, result, records, errors


def test_the_crawl_ends_well_with_two_records(crawled):
    site, result, records, _ = crawled
    assert result.returncode == 0, result.stderr[-3000:]
    assert sorted(records) == [f"{site.url}/art/gbk.html", f"{site.url}/art/good.html"]


def test_every_dropped_page_has_one_error_line(crawled):
    site, _, _, errors = crawled
    urls = Counter(e["url"] for e in errors)
    dropped = [f"{site.url}/art/{s}.html" for s in SLUGS if s not in ("good", "gbk")]
    assert urls == Counter(dropped)


@pytest.mark.parametrize("slug, status, reason", [
    ("off", 302, "off-site redirect: {url}/art/off.html -> http://localhost:{port}/elsewhere.html "
                 "(localhost is not in allowed_domains: 127.0.0.1)"),
    ("hop", 302, "off-site redirect: {url}/art/hop.html -> {url}/art/hop2.html -> "
                 "http://localhost:{port}/elsewhere.html (localhost is not in allowed_domains: 127.0.0.1)"),
    ("file", 302, "non-http redirect: {url}/art/file.html -> file:///etc/passwd "
                  "(only http and https are fetched)"),
    ("js", 302, "non-http redirect: {url}/art/js.html -> javascript:alert(1) "
                "(only http and https are fetched)"),
    ("nested", 200, "extraction failed: {url}/art/nested.html: too deep or too large for the HTML "
                    "parser (Excessive depth in document: 256)"),
    ("line", 200, "extraction failed: {url}/art/line.html: too deep or too large for the HTML "
                  "parser (Resource limit exceeded: Buffer size limit exceeded)"),
    ("nothing", 200, "extraction failed: {url}/art/nothing.html: nothing to extract: no headline "
                     "and no body text"),
])
def test_the_error_line_names_the_reason_and_the_target(crawled, slug, status, reason):
    site, _, _, errors = crawled
    line = next(e for e in errors if e["url"] == f"{site.url}/art/{slug}.html")
    assert line["reason"] == reason.format(url=site.url, port=site.server_address[1])
    assert line["status"] == status


def test_the_offsite_target_is_never_fetched(crawled):
    site, *_ = crawled
    assert not [key for key in site.seen if key[0] != "127.0.0.1"]
    assert site.seen[("127.0.0.1", "/art/off.html")] == 1


def test_bytes_the_charset_cannot_read_are_counted_in_warnings(crawled):
    site, _, records, _ = crawled
    record = records[f"{site.url}/art/gbk.html"]
    assert f"replacement_chars:{BROKEN_BYTES}" in record["warnings"]
    assert record["text"].count("\ufffd") == BROKEN_BYTES
    assert not [w for w in records[f"{site.url}/art/good.html"]["warnings"]
                if w.startswith("replacement_chars")]
