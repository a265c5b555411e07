"""Peak memory of a branchnews crawl: 2,000 vs 10,000 articles of the loopback scaled site.

    python bench/crawl_memory.py [--sizes 2000 10000] [--runs 2] [--tracemalloc]

Each size gets its own scaled-site server process and each crawl its own process and fresh output
folder (the crawl command of ``crawl_speed.py``). The crawl's peak RSS is its ``VmHWM`` from
``/proc/self/status``, read by an ``atexit`` hook as the crawl process ends (exact, and not mixed
up with other children as ``RUSAGE_CHILDREN``'s ``ru_maxrss`` would be). The server's own peak
is shown too: it should not grow with N (pages are rendered on request).

Targets: peak(10k) ≤ 1.2 × peak(2k), and peak(10k) < 300 MB.

``--attribute`` repeats each size without the end-of-crawl manifest (``BRANCHNEWS_MANIFEST=False``)
and without manifest and WARC capture, to show which part of the crawl the peak belongs to.
``--tracemalloc`` adds one traced crawl of the largest size and prints where the Python heap
that is still alive at the end of the crawl was allocated (top lines, grouped by file and line),
plus the sizes of the spider's own sets and Scrapy's dupefilter.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import header, median  # noqa: E402
from crawl_speed import REPO, SETTINGS, clean_env, free_port, start_server  # noqa: E402

RATIO_TARGET = 1.2
ATTRIBUTION = (("BRANCHNEWS_MANIFEST=False",), ("BRANCHNEWS_MANIFEST=False", "BRANCHNEWS_WARC=False"))
ABSOLUTE_TARGET_MB = 300

# Runs `branchnews crawl` in this process and reports VmHWM (kB) on stderr as the process ends.
CRAWL = """
import atexit, sys
def _hwm():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM:'):
            sys.stderr.write('VMHWM_KB=' + line.split()[1] + '\\n')
atexit.register(_hwm)
from branchnews.cli import main
sys.exit(main(sys.argv[1:]))
"""

# The same crawl, traced: live Python heap at spider close, by allocation site.
TRACED = """
import sys, tracemalloc
tracemalloc.start(8)
import scrapy.signals
from scrapy.crawler import Crawler
report = {}
_orig_init = Crawler.__init__
def _init(self, *a, **k):
    _orig_init(self, *a, **k)
    def closed(spider, reason):
        snap = tracemalloc.take_snapshot().filter_traces([
            tracemalloc.Filter(False, '<frozen importlib._bootstrap>'),
            tracemalloc.Filter(False, '<frozen importlib._bootstrap_external>')])
        stats = snap.statistics('lineno')
        report['total_mb'] = sum(s.size for s in stats) / 2**20
        report['peak_traced_mb'] = tracemalloc.get_traced_memory()[1] / 2**20
        report['top'] = [(str(s.traceback[0]), round(s.size / 2**20, 2), s.count) for s in stats[:25]]
        slot = getattr(getattr(self, 'engine', None), '_slot', None)
        df = getattr(getattr(slot, 'scheduler', None), 'df', None)
        report['dupefilter_fingerprints'] = len(getattr(df, '_fingerprints', None) or getattr(df, 'fingerprints', ()) or ())
        report['spider_requested'] = len(getattr(spider, '_requested', ()))
        report['spider_skipped'] = len(getattr(spider, '_skipped', ()))
    self.signals.connect(closed, signal=scrapy.signals.spider_closed, weak=False)
Crawler.__init__ = _init
from branchnews.cli import main
code = main(sys.argv[1:])
print('TRACE=' + __import__('json').dumps(report), file=sys.stderr)
sys.exit(code)
"""


def crawl_peak_kb(proxy: str, script: str = CRAWL, extra: tuple[str, ...] = ()) -> tuple[int, str, Path]:
    out = Path(tempfile.mkdtemp(prefix="bench-mem-"))
    sets = [arg for s in (*SETTINGS, *extra) for arg in ("-s", s)]
    cmd = [sys.executable, "-c", script, "crawl", "sample", "-s", f"BRANCHNEWS_PROXY={proxy}", *sets,
           "-o", str(out)]
    done = subprocess.run(cmd, cwd=REPO, env=clean_env(), capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        raise SystemExit(f"crawl failed:\n{done.stderr[-3000:]}")
    kb = next(int(line.split("=", 1)[1]) for line in done.stderr.splitlines() if line.startswith("VMHWM_KB="))
    return kb, done.stderr, out


def short_path(where: str) -> str:
    """``pipelines/dataset.py:153``, ``scrapy/dupefilters.py:144``: no machine paths in the output."""
    where = where.replace(str(REPO) + "/", "")
    for marker in ("site-packages/", "/lib/python3."):
        if marker in where:
            where = where.split(marker, 1)[1]
            where = where.split("/", 1)[1] if marker.startswith("/lib") else where
    return where


def server_peak_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=(2000, 10000))
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--attribute", action="store_true",
                        help="per size, one more run without the manifest, and one without manifest and WARC")
    args = parser.parse_args(argv)
    header(f"crawl_memory: peak RSS of a branchnews crawl, {args.sizes[0]} vs {args.sizes[1]} articles")

    peaks: dict[int, list[float]] = {}
    for n in args.sizes:
        port = free_port()
        server = start_server(n, port)
        try:
            for r in range(args.runs):
                kb, _, out = crawl_peak_kb(f"http://127.0.0.1:{port}")
                summary = json.loads(next((out / "sample" / "runs").glob("*.json")).read_text("utf-8"))
                records = sum(1 for f in (out / "sample").glob("*[0-9].jsonl") for _ in f.open("rb"))
                shutil.rmtree(out, ignore_errors=True)
                peaks.setdefault(n, []).append(kb / 1024)
                print(f"{n:6d} articles run {r + 1}: crawl peak RSS {kb / 1024:7.1f} MB, "
                      f"pages {summary['pages_fetched']}, records {records}, {summary['duration_seconds']:.1f}s",
                      flush=True)
            for extra in (ATTRIBUTION if args.attribute else ()):
                kb, _, out = crawl_peak_kb(f"http://127.0.0.1:{port}", extra=extra)
                shutil.rmtree(out, ignore_errors=True)
                print(f"{n:6d} articles with {' '.join(extra)}: crawl peak RSS {kb / 1024:7.1f} MB", flush=True)
            print(f"{n:6d} articles: server peak RSS {server_peak_kb(server.pid) / 1024:.1f} MB", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=10)

    small, large = (median(peaks[n]) for n in args.sizes)
    ratio = large / small
    print()
    print(f"median peak RSS: {args.sizes[0]} articles {small:.1f} MB, {args.sizes[1]} articles {large:.1f} MB")
    print(f"ratio {args.sizes[1]}/{args.sizes[0]}: {ratio:.2f}x (target <= {RATIO_TARGET}x: "
          f"{'meets' if ratio <= RATIO_TARGET else 'MISSES'})")
    print(f"peak at {args.sizes[1]}: {large:.1f} MB (target < {ABSOLUTE_TARGET_MB} MB: "
          f"{'meets' if large < ABSOLUTE_TARGET_MB else 'MISSES'})")
    print(f"growth per 1,000 extra articles: {(large - small) / ((args.sizes[1] - args.sizes[0]) / 1000):.2f} MB")

    if args.tracemalloc:
        n = args.sizes[1]
        port = free_port()
        server = start_server(n, port)
        try:
            _, stderr, out = crawl_peak_kb(f"http://127.0.0.1:{port}", CRAWL.replace(
                "from branchnews.cli import main\nsys.exit(main(sys.argv[1:]))", "") + TRACED)
            shutil.rmtree(out, ignore_errors=True)
        finally:
            server.terminate()
            server.wait(timeout=10)
        trace = json.loads(next(line for line in stderr.splitlines() if line.startswith("TRACE="))[6:])
        print(f"\n## tracemalloc, {n} articles: Python heap alive at spider close {trace['total_mb']:.1f} MB, "
              f"traced peak during the run {trace['peak_traced_mb']:.1f} MB")
        print(f"dupefilter fingerprints {trace['dupefilter_fingerprints']}, spider _requested "
              f"{trace['spider_requested']}, _skipped {trace['spider_skipped']}")
        for where, mb, count in trace["top"]:
            print(f"{mb:8.2f} MB {count:8d} blocks  {short_path(where)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
