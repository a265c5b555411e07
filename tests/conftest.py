"""Shared test helpers: the bundled sample site on a free loopback port, and a CLI runner."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def serving(server):
    """Run a bound ``socketserver`` server in a thread; yields its port, then stops it."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def sample_site():
    """The sample site on 127.0.0.1:<free port>; yields its proxy URL."""
    from branchnews.sample_site.server import make_server

    with serving(make_server("127.0.0.1", 0)) as port:
        yield f"http://127.0.0.1:{port}"


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("http_proxy", None)
    env.pop("HTTP_PROXY", None)
    return subprocess.run([sys.executable, "-m", "branchnews", *args], cwd=cwd or REPO, env=env,
                          capture_output=True, text=True, timeout=timeout)



def branchnews_crawler(out: Path, profile="sample", **settings):
    """A crawler as Scrapy's test helpers build it (settings applied, stats set), with the
    crawl's run context opened for ``profile`` on the output folder ``out``: what every
    branchnews component's ``from_crawler`` reads."""
    from scrapy.utils.test import get_crawler

    from branchnews.crawler.profiles import load_profile
    from branchnews.pipelines.run import RunContext

    values = {"BRANCHNEWS_OUTPUT_DIR": str(out), **settings}
    crawler = get_crawler(settings_dict=values)
    if isinstance(profile, str):
        profile = load_profile(profile)
    RunContext.open(crawler, profile)
    return crawler
