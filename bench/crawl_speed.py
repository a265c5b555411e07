"""Crawl speed: branchnews vs a bare Scrapy spider on a loopback scaled sample site.

    python bench/crawl_speed.py [--articles 2000] [--runs 3]

The scaled site (``branchnews sample-site --articles N``) runs in its own process for the whole
bench. Each crawler then runs ``--runs`` times in a fresh process and a fresh output folder,
alternating (bare, branchnews, branchnews, bare, bare, …) so drift on this shared machine hits
both. Both get the same ``-s`` list:

    -s AUTOTHROTTLE_ENABLED=False -s CONCURRENT_REQUESTS=16 -s CONCURRENT_REQUESTS_PER_DOMAIN=16
    -s DOWNLOAD_DELAY=0 -s LOG_LEVEL=WARNING

pages/s = responses downloaded / seconds inside the crawl (branchnews: its run summary's
``pages_fetched`` and ``duration_seconds``; bare: Scrapy's ``downloader/response_count`` and
``elapsed_time_seconds``), median over the runs. Also shown: wall time of the whole process
(imports included), the crawler's CPU seconds per 1,000 pages and the server's CPU in the same
window (two cores are shared by server and crawler). Target: branchnews ≥ 0.8× the bare spider.
``--attribute`` adds a third crawler, branchnews without WARC capture and manifest ("lean").
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from _common import header, median  # noqa: E402

SETTINGS = ["AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS=16", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
            "DOWNLOAD_DELAY=0", "LOG_LEVEL=WARNING"]
TARGET = 0.8


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "no_proxy", "NO_PROXY"):
        env.pop(name, None)
    return env


def start_server(articles: int, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "branchnews", "sample-site", "--articles", str(articles),
                             "--port", str(port)], cwd=REPO, env=clean_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("the scaled sample site did not start")


def proc_cpu(pid: int) -> float:
    """utime + stime of a live process, seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --attribute: branchnews once more per run without its end-of-crawl and capture extras.
LEAN = ("BRANCHNEWS_WARC=False", "BRANCHNEWS_MANIFEST=False")


def run(kind: str, proxy: str, server_pid: int) -> dict:
    out = Path(tempfile.mkdtemp(prefix=f"bench-{kind}-"))
    try:
        sets = [arg for s in (*SETTINGS, *(LEAN if kind == "lean" else ())) for arg in ("-s", s)]
        if kind in ("branchnews", "lean"):
            cmd = [sys.executable, "-m", "branchnews", "crawl", "sample", "-s", f"BRANCHNEWS_PROXY={proxy}",
                   *sets, "-o", str(out)]
        else:
            cmd = [sys.executable, str(REPO / "bench" / "bare_spider.py"), "--proxy", proxy, "--out", str(out), *sets]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        server_before = proc_cpu(server_pid)
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=REPO, env=clean_env(), capture_output=True, text=True, timeout=1800)
        wall = time.perf_counter() - start
        server_cpu = proc_cpu(server_pid) - server_before
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            raise SystemExit(f"{kind} crawl failed:\n{done.stderr[-3000:]}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if kind in ("branchnews", "lean"):
            summary = json.loads(next((out / "sample" / "runs").glob("*.json")).read_text("utf-8"))
            pages, seconds = summary["pages_fetched"], summary["duration_seconds"]
            items = sum(1 for f in (out / "sample").glob("*[0-9].jsonl") for _ in f.open("rb"))
        else:
            stats = json.loads(done.stdout.strip().splitlines()[-1])
            pages, seconds = stats["downloader/response_count"], stats["elapsed_time_seconds"]
            items = stats["item_scraped_count"]
        return {"kind": kind, "pages": pages, "items": items, "seconds": seconds, "rate": pages / seconds,
                "wall": wall, "cpu": cpu, "server_cpu": server_cpu}
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--attribute", action="store_true",
                        help="also run branchnews with " + " ".join(f"-s {x}" for x in LEAN) + " (shown as 'lean')")
    args = parser.parse_args(argv)
    header(f"crawl_speed: branchnews vs bare Scrapy, loopback scaled site of {args.articles} articles")

    port = free_port()
    server = start_server(args.articles, port)
    proxy = f"http://127.0.0.1:{port}"
    results: list[dict] = []
    try:
        for r in range(args.runs):
            order = ("bare", "branchnews", "lean") if args.attribute else ("bare", "branchnews")
            order = order if r % 2 == 0 else order[::-1]
            for kind in order:
                res = run(kind, proxy, server.pid)
                results.append(res)
                print(f"run {r + 1} {kind:10} pages={res['pages']} items={res['items']} "
                      f"crawl={res['seconds']:.2f}s -> {res['rate']:.1f} pages/s  wall={res['wall']:.2f}s  "
                      f"cpu={res['cpu']:.2f}s ({1000 * res['cpu'] / res['pages']:.2f} s/1k pages)  "
                      f"server cpu={res['server_cpu']:.2f}s", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)

    def med(kind: str, key: str) -> float:
        return median([r[key] for r in results if r["kind"] == kind])

    print()
    print(f"{'crawler':10} {'pages/s (median)':>17} {'wall s':>8} {'CPU s/1k pages':>15} {'items':>6}")
    for kind in ("branchnews", "lean", "bare") if args.attribute else ("branchnews", "bare"):
        per_k = median([1000 * r["cpu"] / r["pages"] for r in results if r["kind"] == kind])
        items = {r["items"] for r in results if r["kind"] == kind}
        print(f"{kind:10} {med(kind, 'rate'):17.1f} {med(kind, 'wall'):8.2f} {per_k:15.2f} {sorted(items)}")
    ratio = med("branchnews", "rate") / med("bare", "rate")
    cpu_ratio = (median([r["cpu"] / r["pages"] for r in results if r["kind"] == "branchnews"])
                 / median([r["cpu"] / r["pages"] for r in results if r["kind"] == "bare"]))
    print(f"ratio branchnews/bare pages/s: {ratio:.2f}x (target >= {TARGET}x: {'meets' if ratio >= TARGET else 'MISSES'})")
    print(f"crawler CPU per page, branchnews/bare: {cpu_ratio:.2f}x")
    if args.attribute:
        print(f"ratio lean branchnews (no WARC, no manifest)/bare pages/s: {med('lean', 'rate') / med('bare', 'rate'):.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
