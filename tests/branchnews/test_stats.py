"""``branchnews stats``: the command-line end of the manifest (arguments, bundled start URLs)."""

from __future__ import annotations

import json

from branchnews.crawler.profiles import load_profile
from branchnews.pipelines.manifest import CARD_FILE, MANIFEST_FILE
from branchnews.stats import bundled_start_urls
from tests.conftest import run_cli
from tests.pipelines.test_manifest import dataset  # noqa: F401  (the fixture)


def test_stats_command_prints_tables_and_writes(dataset):  # noqa: F811
    result = run_cli("stats", str(dataset))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Dataset out: 3 records (4 lines, 1 older versions)" in out
    assert "支部风采" in out and "sample/2026-11-28.jsonl" in out
    assert not (dataset / MANIFEST_FILE).exists()
    result = run_cli("stats", str(dataset), "--write", "--json")
    assert result.returncode == 0, result.stderr
    written = json.loads(result.stdout)
    assert written["records"] == 3
    # "sample" is a bundled profile: its start URLs fill in; "other" is unknown
    assert written["sites"]["sample"]["start_urls"] == ["http://branch.example.org.cn/"]
    assert written["sites"]["other"]["start_urls"] == []
    assert (dataset / MANIFEST_FILE).exists() and (dataset / CARD_FILE).exists()
    refused = run_cli("stats", str(dataset / "other" / "2026-11-28.jsonl"), "--write")
    assert refused.returncode == 2 and "needs a dataset folder" in refused.stderr
    assert run_cli("stats", str(dataset / "other" / "2026-11-28.jsonl")).returncode == 0


def test_bundled_start_urls_are_the_profiles():
    known = bundled_start_urls()
    assert "sample" in known
    for name, urls in known.items():
        assert urls == list(load_profile(name).start_urls)
