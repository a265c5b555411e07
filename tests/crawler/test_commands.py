"""``scrapy crawl news`` with spider arguments that name no readable profile (crawler/commands)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("argument, reason", [
    ("site={bad}", "'start_urls' must be a list of strings, got a number"),
    ("site=no-such-site", "no site profile 'no-such-site'"),
    ("urls=ftp://example.org/", "'ftp://example.org/' is not an http(s) URL"),
])
def test_a_bad_profile_is_one_usage_line(tmp_path, argument, reason):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "bad"\nstart_urls = 5\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "news", "-a", argument.format(bad=bad),
         "-s", f"BRANCHNEWS_OUTPUT_DIR={tmp_path / 'out'}", "-s", "LOG_LEVEL=WARNING"],
        cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    last = result.stderr.strip().splitlines()[-1]
    assert ": error: " in last and reason in last  # (argparse's ``<prog>: error: <reason>``)
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()
