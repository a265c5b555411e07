"""The project settings: what a crawl run from cron for years does not need is off (read in
the whole log, `--verbose`)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

ONE_LIST = "http://branch.example.org.cn/a/zbfc/"


def _crawl(tmp_path, proxy: str, *extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k.lower() != "http_proxy"}
    env["XDG_STATE_HOME"] = str(tmp_path / "state")  # where Scrapy keeps remote-control job files
    return subprocess.run([sys.executable, "-m", "branchnews", "--verbose", "crawl", "sample", "-o",
                           str(tmp_path / "out"), "--start-url", ONE_LIST, "-s",
                           f"BRANCHNEWS_PROXY={proxy}", "-s", "LOG_LEVEL=INFO", *extra],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("extra, listening", [
    pytest.param((), False, id="off-by-default"),
    pytest.param(("-s", "REMOTE_CONTROL_ENABLED=True"), True, id="a-setting-turns-it-on"),
])
def test_the_remote_control_server_is_off_unless_asked_for(sample_site, tmp_path, extra, listening):
    result = _crawl(tmp_path, sample_site, *extra)
    assert result.returncode == 0, result.stderr[-2000:]
    assert ("Remote control HTTP server listening" in result.stderr) is listening
    job_files = tmp_path / "state" / "scrapy" / "job_files"
    assert not (job_files.exists() and any(job_files.iterdir()))  # none left behind
