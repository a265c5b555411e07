"""Re-extraction replays the crawl: crawl the sample site, rebuild from its WARC files, get the
same records (the bundled profile, and a bare one whose links come from the CMS defaults)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from branchnews.reextract import reextract
from tests.conftest import run_cli

FETCH_TIME = {"fetched_at"}  # the capture's WARC-Date, not the moment the spider made the Page
BARE_PROFILE = 'name = "bare"\nstart_urls = ["http://branch.example.org.cn/"]\n'


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
    (BARE_PROFILE, "bare", 43),  # no [links]: the default CMS patterns find 43 of the 48
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
