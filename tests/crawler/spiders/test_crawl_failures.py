"""A broken page is reported (errors file, with URL and reason) and the crawl goes on."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import REPO, run_cli

SEED = (REPO / "tests/fixtures/t1-seed/article.html").read_bytes()
LIST = """<html><body><ul>
<li><a href="/art/1.html">好</a></li><li><a href="/art/2.html">缺</a></li>
<li><a href="/art/3.html">空</a></li><li><a href="/art/4.html">错</a></li>
<li><a href="/art/5.html">图</a></li></ul></body></html>""".encode()

ROUTES = {
    "/": (200, "text/html; charset=utf-8", LIST),
    "/robots.txt": (200, "text/plain", b"User-agent: *\nAllow: /\n"),
    "/art/1.html": (200, "text/html; charset=utf-8", SEED),
    "/art/3.html": (200, "text/html; charset=utf-8", b""),
    "/art/4.html": (500, "text/html", b"oops"),
    "/art/5.html": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        status, ctype, body = ROUTES.get(self.path, (404, "text/html", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def faulty_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_failures_are_reported_and_the_good_page_lands(faulty_site, tmp_path):
    profile = tmp_path / "faulty.toml"
    profile.write_text(f'name = "faulty"\nstart_urls = ["{faulty_site}/"]\n'
                       '[links]\narticle = [\'/art/\\d+\\.html$\']\n'
                       '[settings]\nAUTOTHROTTLE_ENABLED = false\nDOWNLOAD_DELAY = 0\nRETRY_TIMES = 0\n',
                       encoding="utf-8")
    result = run_cli("crawl", str(profile), "-o", str(tmp_path / "out"), "-s", "LOG_LEVEL=WARNING")
    assert result.returncode == 0, result.stderr[-2000:]
    records = [json.loads(line) for f in (tmp_path / "out/faulty").glob("*[0-9].jsonl")
               for line in f.read_text("utf-8").splitlines()]
    assert [r["url"] for r in records] == [f"{faulty_site}/art/1.html"]
    assert records[0]["editor"] == "张禹"
    errors = {}
    for f in (tmp_path / "out/faulty").glob("*.errors.jsonl"):
        for line in f.read_text("utf-8").splitlines():
            error = json.loads(line)
            errors[error["url"]] = error
    assert errors[f"{faulty_site}/art/2.html"]["status"] == 404
    assert errors[f"{faulty_site}/art/4.html"]["status"] == 500
    assert "empty page" in errors[f"{faulty_site}/art/3.html"]["reason"]
    assert "not an HTML page" in errors[f"{faulty_site}/art/5.html"]["reason"]
    assert "1 new records" in result.stderr and "4 errors" in result.stderr


@pytest.mark.parametrize("starts, exit_code, line", [
    (["/nosuch/"], 1, "every start URL failed (1); first: {site}/nosuch/: HTTP 404"),
    (["/art/4.html", "/nosuch/"], 1, "every start URL failed (2); first: "),
    (["/art/5.html"], 1, "every start URL failed (1); first: {site}/art/5.html: not an HTML page"),
    (["/nosuch/", "/"], 0, None),  # one start URL that answers is a crawl that ran
], ids=["404", "500-and-404", "not-html", "one-of-two"])
def test_a_crawl_whose_every_start_url_fails_is_a_failure(faulty_site, tmp_path, starts,
                                                           exit_code, line):
    profile = tmp_path / "faulty.toml"
    urls = ", ".join(f'"{faulty_site}{s}"' for s in starts)
    profile.write_text(f'name = "faulty"\nstart_urls = [{urls}]\n'
                       '[links]\narticle = [\'/art/1\\.html$\']\n'
                       '[settings]\nAUTOTHROTTLE_ENABLED = false\nDOWNLOAD_DELAY = 0\nRETRY_TIMES = 0\n',
                       encoding="utf-8")
    result = run_cli("crawl", str(profile), "-o", str(tmp_path / "out"), "-s", "LOG_LEVEL=WARNING")
    assert result.returncode == exit_code, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    site = tmp_path / "out/faulty"
    if line is None:
        assert list(site.glob("*[0-9].jsonl")) and (site / "manifest.json").exists()
        return
    assert f"branchnews: crawl of faulty failed: {line.format(site=faulty_site)}" in result.stderr
    # Nothing that looks like a dataset: no empty day file, no manifest, no card.
    assert not list(site.glob("*[0-9].jsonl"))
    assert not (site / "manifest.json").exists() and not (site / "README.md").exists()
    assert list(site.glob("*.errors.jsonl"))
