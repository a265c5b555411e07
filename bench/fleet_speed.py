"""Fleet crawl speed: many polite sites at once in one process, against each site alone and
against the same sites one after another.

    python bench/fleet_speed.py [--sites 200] [--articles 20] [--delay 0.5] [--latency 50]
                                [--lone-runs 3] [--serial 3] [--runs 1] [--max-sites 0]

One ``branchnews sample-site --sites N`` process serves the N sites (one loopback address each,
the same generated site on each, every answer after ``--latency`` ms) and writes their profiles.
Every crawl is its own ``branchnews crawl`` process with a fresh output folder and the same
politeness: ``DOWNLOAD_DELAY`` (Scrapy's randomised 0.5–1.5×), one request per site at a time,
no AutoThrottle.

* lone: one site crawled alone, ``--lone-runs`` times (the sites are identical, so the slowest
  single site alone is the lone crawl's time); the median is the reference.
* serial: ``--serial`` sites crawled one after another; their total scaled to N sites is the
  one-after-another time (crawling all N in a row would take hours).
* fleet: all N sites in one ``branchnews crawl @sites.txt`` (``--runs`` times), in one process
  and split over ``--processes`` (``BRANCHNEWS_FLEET_PROCESSES``; its RSS: each part's peak, added; its
  CPU: this process's and its parts').

Reported: wall times and the ratios fleet / lone (target ≤ 1.3×) and serial / fleet, the fleet
crawl's peak RSS (``VmHWM``, target < 500 MB), CPU seconds per page of the fleet and of a lone
crawl, and the server's CPU (the two cores are shared by server and crawler).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from _common import header, median  # noqa: E402
from crawl_speed import clean_env, free_port, proc_cpu  # noqa: E402

WALL_TARGET = 1.3
RSS_TARGET_MB = 500

# `branchnews crawl` in this process; VmHWM (kB) and CPU seconds on stderr as the process ends.
CRAWL = """
import atexit, os, sys
def _report():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM:'):
            sys.stderr.write('VMHWM_KB=' + line.split()[1] + '\\n')
    t = os.times()  # a split fleet's parts are waited-for children: their CPU is counted
    sys.stderr.write('CPU_S=%.3f\\n' % (t.user + t.system + t.children_user + t.children_system))
atexit.register(_report)
from branchnews.cli import main
sys.exit(main(sys.argv[1:]))
"""


def politeness(delay: float) -> list[str]:
    return [f"DOWNLOAD_DELAY={delay}", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "AUTOTHROTTLE_ENABLED=False",
            "LOG_LEVEL=WARNING", "BRANCHNEWS_PROGRESS_INTERVAL=0"]


def start_fleet(sites: int, articles: int, latency: int, profiles: Path) -> tuple[subprocess.Popen, list[str]]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "branchnews", "sample-site", "--sites", str(sites),
                             "--articles", str(articles), "--latency", str(latency), "--port", str(port),
                             "--profiles", str(profiles)], cwd=REPO, env=clean_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    listing = profiles / "sites.txt"
    for _ in range(600):
        if listing.exists() and len(listing.read_text().split()) == sites:
            return proc, listing.read_text().split()
        if proc.poll() is not None:
            raise SystemExit("the fleet of sample sites did not start")
        time.sleep(0.05)
    proc.kill()
    raise SystemExit("the fleet of sample sites did not start")


def crawl(sites: list[str], settings: list[str], extra: list[str] = (), split: bool = False) -> dict:
    """One crawl process of ``sites``; its wall time, peak RSS, CPU and pages fetched."""
    out = Path(tempfile.mkdtemp(prefix="fleet-bench-"))
    listing = out / "sites.txt"
    listing.write_text("".join(f"{s}\n" for s in sites))
    command = [sys.executable, "-c", CRAWL, "crawl", *(sites if len(sites) == 1 else [f"@{listing}"]),
               "-o", str(out / "data"), *extra]
    for setting in settings:
        command += ["-s", setting]
    started = time.monotonic()
    proc = subprocess.run(command, cwd=REPO, env=clean_env(), capture_output=True, text=True)
    wall = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit(f"crawl failed ({proc.returncode}): {proc.stderr[-2000:]}")
    found = dict(line.split("=", 1) for line in proc.stderr.splitlines()
                 if line.startswith(("VMHWM_KB=", "CPU_S=")))
    pages = articles = 0
    for summary in (out / "data").glob("*/runs/*.json"):
        data = json.loads(summary.read_text("utf-8"))
        pages += data["pages_fetched"]
        articles += data["articles"]["new"]
    rss = int(found["VMHWM_KB"]) / 1024
    if split:  # this process runs the first part: the parts' peaks, added (the summary says so)
        (fleet,) = (out / "data" / "fleet-runs").glob("*.json")
        rss = json.loads(fleet.read_text("utf-8"))["peak_rss_mb"]
    shutil.rmtree(out, ignore_errors=True)
    return {"wall": wall, "rss_mb": rss, "cpu": float(found["CPU_S"]), "pages": pages,
            "articles": articles}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sites", type=int, default=200)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--delay", type=float, default=0.5)
    parser.add_argument("--latency", type=int, default=50, help="ms before every answer")
    parser.add_argument("--lone-runs", type=int, default=3)
    parser.add_argument("--serial", type=int, default=3, help="sites crawled one after another")
    parser.add_argument("--runs", type=int, default=1, help="fleet crawls of each --processes")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2],
                        help="fleet crawls in this many processes (BRANCHNEWS_FLEET_PROCESSES)")
    parser.add_argument("--baselines-only", action="store_true", help="lone and serial only")
    args = parser.parse_args()
    header(f"fleet crawl: {args.sites} sites x {args.articles} articles, delay {args.delay} s, "
           f"1 request per site, {args.latency} ms latency")
    settings = politeness(args.delay)
    folder = Path(tempfile.mkdtemp(prefix="fleet-profiles-"))
    server, sites = start_fleet(args.sites, args.articles, args.latency, folder)
    try:
        lone = [crawl(sites[:1], settings) for _ in range(args.lone_runs)]
        lone_wall = median([r["wall"] for r in lone])
        lone_cpu_page = median([r["cpu"] / r["pages"] for r in lone])
        print(f"lone site:  wall {lone_wall:.1f} s (median of {len(lone)}), {lone[0]['pages']} pages, "
              f"{lone[0]['articles']} articles, CPU {lone_cpu_page * 1000:.1f} ms/page, "
              f"peak RSS {median([r['rss_mb'] for r in lone]):.0f} MB")
        in_row = [crawl([s], settings)["wall"] for s in sites[1:1 + args.serial]]
        serial = sum(in_row) * args.sites / len(in_row)
        print(f"in a row:   {len(in_row)} sites took {sum(in_row):.1f} s -> {args.sites} sites "
              f"~{serial:.0f} s")
        if args.baselines_only:
            return 0
        for processes in args.processes:
            server_cpu = proc_cpu(server.pid)
            extra = ["-s", f"BRANCHNEWS_FLEET_PROCESSES={processes}"] if processes > 1 else []
            fleet = [crawl(sites, settings, extra, processes > 1) for _ in range(args.runs)]
            server_cpu = (proc_cpu(server.pid) - server_cpu) / len(fleet)
            wall = median([r["wall"] for r in fleet])
            rss = max(r["rss_mb"] for r in fleet)
            cpu_page = median([r["cpu"] / r["pages"] for r in fleet])
            print(f"fleet in {processes} process(es): wall {wall:.1f} s (median of {len(fleet)}), "
                  f"{fleet[0]['pages']} pages, {fleet[0]['articles']} articles (expected "
                  f"{args.sites * args.articles}), crawler CPU {median([r['cpu'] for r in fleet]):.0f} s, "
                  f"server CPU {server_cpu:.0f} s")
            print(f"  fleet / lone site     {wall / lone_wall:.2f}x  (target <= {WALL_TARGET}x) "
                  f"{'OK' if wall / lone_wall <= WALL_TARGET else 'MISSED'}")
            print(f"  in a row / fleet      {serial / wall:.1f}x faster")
            print(f"  peak RSS              {rss:.0f} MB  (target < {RSS_TARGET_MB} MB) "
                  f"{'OK' if rss < RSS_TARGET_MB else 'MISSED'}")
            print(f"  CPU per page          {cpu_page * 1000:.1f} ms fleet vs {lone_cpu_page * 1000:.1f} ms "
                  f"lone ({cpu_page / lone_cpu_page:.2f}x)")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
