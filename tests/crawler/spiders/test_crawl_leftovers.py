"""A crawl starts by undoing what a manifest write killed midway left (issue 13, item 9): the
``.manifest.json.<pid>.tmp`` / ``.README.md.<pid>.tmp`` temp files, and a card that is not the
one of the manifest on disk."""

from __future__ import annotations

import json
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from branchnews.pipelines.card import render_card
from tests.conftest import REPO, run_cli

SEED = (REPO / "tests/fixtures/t1-seed/article.html").read_bytes()
ROUTES = {
    "/": b'<html><body><ul><li><a href="/art/1.html">1</a></li></ul></body></html>',
    "/robots.txt": b"User-agent: *\nAllow: /\n",
    "/art/1.html": SEED,
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = ROUTES.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    profile = tmp_path_factory.mktemp("leftovers") / "leftovers.toml"
    profile.write_text(f'name = "leftovers"\nstart_urls = ["http://127.0.0.1:{server.server_address[1]}/"]\n'
                       "[links]\narticle = ['/art/\\d+\\.html$']\n"
                       "[settings]\nAUTOTHROTTLE_ENABLED = false\nDOWNLOAD_DELAY = 0\n", encoding="utf-8")
    yield profile
    server.shutdown()


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def crawl(profile, out, *settings):
    result = run_cli("crawl", str(profile), "-o", str(out), "-s", "LOG_LEVEL=INFO",
                     *[arg for s in settings for arg in ("-s", s)])
    assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.mark.parametrize("manifest_setting", ["True", "False"])
def test_a_crawl_removes_temp_files_and_brings_the_card_up_to_its_manifest(site, tmp_path,
                                                                           manifest_setting):
    out = tmp_path / "out"
    crawl(site, out)
    folder = out / "leftovers"
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    pid = _dead_pid()
    leftovers = [folder / f".manifest.json.{pid}.tmp", folder / f".README.md.{pid}.tmp"]
    for path in leftovers:
        path.write_text('{"records": 4', "utf-8")  # cut mid-write by a kill
    (folder / "README.md").write_text("# the card of an earlier run\n", "utf-8")

    result = crawl(site, out, f"BRANCHNEWS_MANIFEST={manifest_setting}")

    assert not [p for p in leftovers if p.exists()]
    assert not list(folder.glob(".*.tmp"))
    assert f".README.md.{pid}.tmp" in result.stderr and "removed" in result.stderr
    now = json.loads((folder / "manifest.json").read_text("utf-8"))
    if manifest_setting == "False":
        assert now == manifest  # not rewritten by this crawl: the card was brought up to it
    assert (folder / "README.md").read_text("utf-8") == render_card(now)
