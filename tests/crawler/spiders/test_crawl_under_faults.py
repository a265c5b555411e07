"""Whole crawls under faults of the machine, not of the site: a full disk, two crawls of one site
at once, a damaged index, junk lines in the data files. After each, the next run's dataset has
every article exactly once and no broken line, and the crawl that met the fault said so.

Real processes against the bundled sample site on 127.0.0.1; the full disk is a small tmpfs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from branchnews import exits
from tests.conftest import REPO, run_cli
from tests.diskfull import fill, small_disk

ARTICLES = json.loads((REPO / "tests/golden/sample/_articles.json").read_text("utf-8"))
NOT_WRITTEN = re.compile(r"(\S+): record not written: No space left on device")


def crawl_args(out: Path, proxy: str, *extra: str) -> list[str]:
    return ["crawl", "sample", "-o", str(out), "-s", f"BRANCHNEWS_PROXY={proxy}",
            "-s", "LOG_LEVEL=WARNING", *extra]


def records(out: Path) -> list[dict]:
    """Every line of the record files, each of which must be a whole JSON record."""
    found = []
    for file in sorted((out / "sample").glob("*[0-9].jsonl")):
        raw = file.read_bytes()
        assert raw == b"" or raw.endswith(b"\n"), file
        found += [json.loads(line) for line in raw.splitlines()]
    return found


def reported_not_written(out: Path, stderr: str) -> list[str]:
    """URLs whose record could not be written: in the errors file, or in the log when that
    file could not be written either."""
    urls = [e["url"] for f in (out / "sample").glob("*.errors.jsonl")
            for e in map(json.loads, f.read_text("utf-8").splitlines())
            if e["reason"].startswith("record not written")]
    return urls + [m.group(1) for m in NOT_WRITTEN.finditer(stderr) if "(not in " in
                   stderr[m.end():m.end() + 200].split("\n", 1)[0]]


def test_a_full_disk_stops_the_crawl_and_the_next_run_writes_exactly_the_missing_records(
        sample_site, tmp_path):
    with small_disk(tmp_path / "disk", "2m") as disk:
        out = disk / "out"
        filler = fill(disk, leave=240 * 1024)
        full = run_cli(*crawl_args(out, sample_site))
        assert full.returncode == exits.FAILED, full.stderr[-3000:]
        assert "Traceback" not in full.stderr
        last = full.stderr.strip().splitlines()[-1]
        assert re.fullmatch(r"branchnews: crawl of sample failed: (\d+) records could not be "
                            r"written and the crawl was stopped; the next run fetches them again",
                            last), last
        failed = int(re.search(r"failed: (\d+)", last).group(1))
        kept = records(out)
        assert 0 < len(kept) < len(ARTICLES)
        kept_urls = {r["url"] for r in kept}
        assert len(kept_urls) == len(kept)
        not_written = reported_not_written(out, full.stderr)
        assert len(not_written) == len(set(not_written)) == failed  # each reported once
        assert not kept_urls & set(not_written)

        filler.unlink()  # space again
        again = run_cli(*crawl_args(out, sample_site))
        assert again.returncode == exits.OK, again.stderr[-3000:]
        final = records(out)
        assert sorted(r["url"] for r in final) == sorted(ARTICLES)  # every article exactly once
        assert final[:len(kept)] == kept
