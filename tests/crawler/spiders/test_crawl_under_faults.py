"""Whole crawls under faults of the machine, not of the site: a full disk, two crawls of one site
at once, a damaged index, junk lines in the data files. After each, the next run's dataset has
every article exactly once and no broken line, and the crawl that met the fault said so.

Real processes against the bundled sample site on 127.0.0.1; the full disk is a small tmpfs.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

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


# -- two plain crawls of one site at once ---------------------------------------------------------

def _start(out: Path, proxy: str, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "branchnews", *crawl_args(out, proxy, *extra)],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _wait_for_lock(out: Path, timeout: float = 60) -> dict:
    lock = out / ".locks" / "site-sample.lock"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if lock.exists() and lock.read_text("utf-8").strip():
            return json.loads(lock.read_text("utf-8"))
        time.sleep(0.02)
    raise AssertionError("the first crawl never took the site lock")


SLOW = ("-s", "DOWNLOAD_DELAY=0.05", "-s", "CONCURRENT_REQUESTS=1")


def test_a_second_crawl_of_the_same_site_and_folder_exits_locked_naming_the_holder(
        sample_site, tmp_path):
    out = tmp_path / "out"
    first = _start(out, sample_site, *SLOW)
    try:
        holder = _wait_for_lock(out)
        assert holder["crawl_pid"] == first.pid
        second = run_cli(*crawl_args(out, sample_site))
        assert second.returncode == exits.LOCKED
        assert second.stderr.strip().splitlines() == [
            f"branchnews: sample in {out}/ is being crawled by crawl pid {first.pid}, since "
            f"{holder['since']} ({out}/.locks/site-sample.lock); try again later, or add --wait"]
        assert first.poll() is None  # the first crawl goes on
    finally:
        first.wait(timeout=300)
    assert first.returncode == exits.OK, first.stderr.read()[-2000:]
    urls = [r["url"] for r in records(out)]
    assert sorted(urls) == sorted(ARTICLES)


def test_with_wait_the_second_crawl_runs_after_the_first_and_writes_nothing_twice(
        sample_site, tmp_path):
    out = tmp_path / "out"
    first = _start(out, sample_site, *SLOW)
    try:
        _wait_for_lock(out)
        second = run_cli(*crawl_args(out, sample_site, "--wait"))
        assert first.poll() is not None  # it waited for the first to end
        assert second.returncode == exits.OK, second.stderr[-2000:]
        assert f"waiting for the crawl of sample by crawl pid {first.pid}" in second.stderr
    finally:
        first.wait(timeout=300)
    assert first.returncode == exits.OK
    urls = [r["url"] for r in records(out)]
    assert sorted(urls) == sorted(ARTICLES)  # both ran; each article once


def test_a_crawl_started_under_flock_of_the_site_lock_runs(sample_site, tmp_path):
    """The scheduler (and ``flock(1)``) take the lock and pass it on: the crawl adopts it."""
    out = tmp_path / "out"
    lock = out / ".locks" / "site-sample.lock"
    lock.parent.mkdir(parents=True)
    result = subprocess.run(["flock", "-n", str(lock), sys.executable, "-m", "branchnews",
                             *crawl_args(out, sample_site, "--start-url",
                                         "http://branch.example.org.cn/a/zbfc/")],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == exits.OK, result.stderr[-2000:]
    assert records(out)


# -- a damaged index, junk lines --------------------------------------------------------------------

def _garbage_in_pages(db: Path) -> None:
    raw = bytearray(db.read_bytes())
    for number in range(3, 11):  # pages 3–10; the header page intact
        raw[(number - 1) * 4096:number * 4096] = bytes((i * 7 + number) % 256 for i in range(4096))
    db.write_bytes(bytes(raw))


def _silent_change(db: Path, out: Path) -> None:
    """Two stored content hashes changed in place: a well-formed database that says two
    articles changed (which made the next run write false ``version: 2`` records)."""
    raw = db.read_bytes()
    for record in records(out)[:2]:
        old = record["content_hash"].encode()
        new = bytes([old[0] ^ 1]) + old[1:]
        assert old in raw
        raw = raw.replace(old, new, 1)
    db.write_bytes(raw)


def _checkpointed(out: Path) -> Path:
    import sqlite3

    db = out / "sample" / "state.sqlite"
    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    return db


@pytest.mark.parametrize("damage", [pytest.param("garbage", id="garbage-in-pages-3-10"),
                                    pytest.param("silent", id="silent-change-in-a-page")])
def test_after_a_damaged_index_the_next_run_writes_nothing_twice(sample_site, tmp_path, damage):
    out = tmp_path / "out"
    assert run_cli(*crawl_args(out, sample_site)).returncode == exits.OK
    before = records(out)
    db = _checkpointed(out)
    _garbage_in_pages(db) if damage == "garbage" else _silent_change(db, out)
    again = run_cli(*crawl_args(out, sample_site))
    assert again.returncode == exits.OK, again.stderr[-3000:]
    assert "Traceback" not in again.stderr
    assert "rebuilding it" in again.stderr
    assert records(out) == before  # no duplicate, no false new version


def test_a_junk_line_is_skipped_by_readers_and_moved_aside_by_the_next_crawl(sample_site, tmp_path):
    out = tmp_path / "out"
    one_list = ("--start-url", "http://branch.example.org.cn/a/zbfc/")
    assert run_cli(*crawl_args(out, sample_site, *one_list)).returncode == exits.OK
    data = next((out / "sample").glob("*[0-9].jsonl"))
    good = data.read_bytes()
    with data.open("ab") as fh:
        fh.write(b'{"hello":"world"}\n')

    stats = run_cli("stats", str(out / "sample"), "--json")
    assert stats.returncode == exits.OK, stats.stderr[-2000:]
    manifest = json.loads(stats.stdout)
    kept = good.count(b"\n")
    assert manifest["damaged_lines"] == 1 and manifest["records"] == kept
    assert f"{data}:{kept + 1} (byte {len(good)})" in stats.stderr

    again = run_cli(*crawl_args(out, sample_site))
    assert again.returncode == exits.OK, again.stderr[-3000:]
    assert "not a record line" in again.stderr and "moved to" in again.stderr
    assert data.read_bytes().startswith(good)
    assert b"hello" not in data.read_bytes()
    assert b'{"hello":"world"}' in data.with_name(data.name + ".damaged").read_bytes()
    assert sorted(r["url"] for r in records(out)) == sorted(ARTICLES)
    assert json.loads((out / "sample" / "manifest.json").read_text("utf-8"))["damaged_lines"] == 0
