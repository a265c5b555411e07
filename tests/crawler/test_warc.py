"""WARC capture (crawler.warc): the writer and the downloader middleware."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from branchnews.reextract import read_warcs
from branchnews.crawler.warc import WarcFile, WarcMiddleware
from tests.conftest import REPO, branchnews_crawler, run_cli



def exchange(warc: WarcFile, url: str, body: bytes = b"<html><body>x</body></html>", status=200,
             headers=(("Content-Type", "text/html; charset=utf-8"),)):
    warc.write_exchange(url=url, method="GET", request_headers=[("User-Agent", "branchnews-test")],
                        request_body=b"", status=status, response_headers=list(headers), body=body)


def read_all(path: Path) -> list:
    out = []
    with path.open("rb") as fh:
        try:
            for record in ArchiveIterator(fh):
                out.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI"),
                            record.content_stream().read()))
        except Exception:
            out.append(("damaged", None, None))
    return out


# -- the writer -------------------------------------------------------------------------------

def test_records_are_readable_before_close_and_linked(tmp_path):
    warc = WarcFile(tmp_path, "2026-11-28-1", {"branchnews-site": "sample"})
    exchange(warc, "http://h.example/a/1.html?x=1", "<p>中文</p>".encode())
    records = read_all(warc.path)  # the file is still open: every record is flushed
    assert [r[0] for r in records] == ["warcinfo", "response", "request"]
    assert records[1][2] == "<p>中文</p>".encode()
    with warc.path.open("rb") as fh:
        _, response, request = _records(fh)
    assert request.rec_headers.get_header("WARC-Concurrent-To") == response.rec_headers.get_header("WARC-Record-ID")
    assert request.http_headers.protocol == "GET" and request.http_headers.statusline == "/a/1.html?x=1 HTTP/1.1"
    assert request.http_headers.get_header("Host") == "h.example"
    assert response.http_headers.statusline == "200 OK"
    warc.close()


def _records(fh):
    out = []
    for record in ArchiveIterator(fh):
        record.content_stream().read()
        out.append(record)
    return out


def test_every_record_is_its_own_gzip_member(tmp_path):
    warc = WarcFile(tmp_path, "w")
    for n in range(3):
        exchange(warc, f"http://h.example/{n}.html")
    warc.close()
    data = warc.path.read_bytes()
    members = data.count(b"\x1f\x8b\x08")  # gzip magic + deflate
    assert members == 1 + 3 * 2  # warcinfo + (response, request) per fetch
    assert gzip.decompress(data).count(b"WARC/1.1\r\n") == members


@pytest.mark.parametrize("keep", [0.2, 0.5, 0.9])
def test_a_cut_short_last_record_leaves_the_earlier_ones_readable(tmp_path, keep):
    warc = WarcFile(tmp_path, "w")
    for n in range(4):
        exchange(warc, f"http://h.example/{n}.html", f"<p>{n}</p>".encode())
    size_before_last = warc.path.stat().st_size
    exchange(warc, "http://h.example/last.html", b"<p>" + b"x" * 5000 + b"</p>")
    warc.close()
    data = warc.path.read_bytes()
    cut = size_before_last + int((len(data) - size_before_last) * keep)
    warc.path.write_bytes(data[:cut])
    records = read_all(warc.path)
    complete = [r for r in records if r[0] == "response"]
    assert [r[2] for r in complete[:4]] == [f"<p>{n}</p>".encode() for n in range(4)]
    contents = read_warcs([warc.path])
    assert [c.url for c in contents.captures][:4] == [f"http://h.example/{n}.html" for n in range(4)]


def test_a_killed_writer_leaves_readable_records(tmp_path):
    code = (
        "import sys, time\n"
        "from branchnews.crawler.warc import WarcFile\n"
        f"w = WarcFile({str(tmp_path)!r}, 'killed')\n"
        "n = 0\n"
        "while True:\n"
        "    w.write_exchange(url=f'http://h.example/{n}.html', method='GET', request_headers=[],\n"
        "                     request_body=b'', status=200, response_headers=[],\n"
        "                     body=b'<p>' + b'x' * 20000 + b'</p>')\n"
        "    n += 1\n"
        "    if n == 5:\n"
        "        print('ready', flush=True)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code], cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    contents = read_warcs([tmp_path / "killed.warc.gz"])
    urls = [c.url for c in contents.captures]
    assert urls[:5] == [f"http://h.example/{n}.html" for n in range(5)]
    assert all(len(c.body) == 20007 for c in contents.captures)


def test_rotation_and_never_clobbering(tmp_path):
    (tmp_path / "day-1.warc.gz").write_bytes(b"another run's file")
    warc = WarcFile(tmp_path, "day-1", max_bytes=3000)
    for n in range(6):
        exchange(warc, f"http://h.example/{n}.html", os.urandom(1500))
    warc.close()
    assert (tmp_path / "day-1.warc.gz").read_bytes() == b"another run's file"
    names = [p.name for p in warc.paths]
    assert names[0] == "day-1-2.warc.gz" and len(names) > 1
    for path in warc.paths:  # each file starts with its own warcinfo
        assert read_all(path)[0][0] == "warcinfo"
    captured = read_warcs(warc.paths).captures
    assert [c.url for c in captured] == [f"http://h.example/{n}.html" for n in range(6)]


# -- the middleware ---------------------------------------------------------------------------

class Stats(dict):
    def inc_value(self, key, count=1, start=0):
        self[key] = self.get(key, start) + count


def middleware_for(out: Path, stats: Stats) -> WarcMiddleware:
    info = {"branchnews-site": "sample", "branchnews-run-day": "2026-11-28"}
    return WarcMiddleware(WarcFile(out / "sample" / "warc", f"2026-11-28-{os.getpid()}", info), stats)


def test_middleware_writes_raw_exchanges_and_returns_the_response(tmp_path):
    from scrapy.http import HtmlResponse, Request

    stats = Stats()
    middleware = middleware_for(tmp_path, stats)
    request = Request("http://branch.example.org.cn/a/1.html", headers={"Accept-Encoding": "gzip"})
    body = gzip.compress("<html><body><p>正文</p></body></html>".encode())
    response = HtmlResponse(request.url, status=200, body=body, request=request,
                            headers={"Content-Type": "text/html", "Content-Encoding": "gzip",
                                     "Transfer-Encoding": "chunked"})
    assert middleware.process_response(request, response) is response
    middleware.spider_closed()
    (path,) = (tmp_path / "sample" / "warc").iterdir()
    assert path.name == f"2026-11-28-{os.getpid()}.warc.gz"
    with path.open("rb") as fh:
        info, resp, req = _records(fh)
    assert b"branchnews-site: sample" in gzip.decompress(path.read_bytes())
    assert resp.http_headers.get_header("Content-Encoding") == "gzip"
    assert resp.http_headers.get_header("Transfer-Encoding") is None
    assert resp.http_headers.get_header("X-Crawler-Transfer-Encoding") == "chunked"
    assert req.http_headers.get_header("Accept-Encoding") == "gzip"
    (capture,) = read_warcs([path]).captures  # the raw gzip bytes were kept, and decode
    assert capture.body == "<html><body><p>正文</p></body></html>".encode()
    assert stats == {"branchnews/warc/responses": 1}


def test_middleware_from_crawler_names_the_crawl_in_its_warcinfo(tmp_path):
    crawler = branchnews_crawler(tmp_path, USER_AGENT="branchnews-test")
    middleware = WarcMiddleware.from_crawler(crawler)
    run = crawler.branchnews_run
    assert middleware.file.folder == tmp_path / "sample" / "warc"
    assert middleware.file.stem == f"{run.run_day}-{os.getpid()}"
    assert middleware.file.info["branchnews-start-urls"] == "http://branch.example.org.cn/"
    assert middleware.file.info["http-header-user-agent"] == "branchnews-test"
    assert middleware.file.info["branchnews-script"] == "simplified"
    run.close()


def test_middleware_can_be_turned_off(tmp_path):
    from scrapy.exceptions import NotConfigured

    with pytest.raises(NotConfigured):
        WarcMiddleware.from_crawler(branchnews_crawler(tmp_path, BRANCHNEWS_WARC=False))


def test_a_write_failure_does_not_stop_the_crawl(tmp_path):
    from scrapy.http import HtmlResponse, Request

    (tmp_path / "sample").mkdir()
    (tmp_path / "sample" / "warc").write_text("a file where the folder should be")
    stats = Stats()
    middleware = middleware_for(tmp_path, stats)
    request = Request("http://branch.example.org.cn/")
    response = HtmlResponse(request.url, body=b"<html></html>", request=request)
    assert middleware.process_response(request, response) is response
    assert stats == {"branchnews/warc/failed": 1}
