"""A fleet over several processes: ``-s BRANCHNEWS_FLEET_PROCESSES=N`` (one per core you give it).

One Scrapy process runs on one core: a fleet of hundreds of polite sites spends most of its time
in Python (parsing, extraction, the per-site start and end), so past a hundred sites or so one core
is what it waits for, not the sites. Here the sites are dealt round-robin into N parts, each part
is an ordinary fleet crawl: the first in this process, the others each in a child process
(``branchnews crawl`` with the same options and ``BRANCHNEWS_FLEET_PART``). This process then
waits for them (passing on a stop it was given alone) and joins their part summaries (``<out>/fleet-runs/parts/``) into one fleet summary and table, as a fleet
in one process would write them. Sites are disjoint between parts, so every per-site guarantee
(its lock, dataset, state index, exactly-once on a re-run) is the single fleet's.
"""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from branchnews import console, exits
from branchnews.fleet import FLEET_RUNS, PARTS, Fleet, FleetSite, stamp, table, write_summary


def part_command(args, sites: list[FleetSite], part: str, max_sites: int) -> list[str]:
    """The ``branchnews crawl`` of one part, with this command's options (later ``-s`` win)."""
    command = [sys.executable, "-m", "branchnews", "crawl", *(s.spider_args["site"] for s in sites)]
    if args.out:
        command += ["-o", args.out]
    if args.script:
        command += ["--script", args.script]
    if args.refresh:
        command.append("--refresh")
    if args.redis:
        command += ["--redis", args.redis]
    for setting in args.set:
        command += ["-s", setting]
    command += ["-s", "BRANCHNEWS_FLEET_PROCESSES=1", "-s", f"BRANCHNEWS_FLEET_PART={part}"]
    if max_sites:
        command += ["-s", f"BRANCHNEWS_FLEET_MAX_SITES={max_sites}"]
    mode = getattr(args, "console", console.NORMAL)
    if mode != console.NORMAL:  # --quiet, --verbose
        command.append(f"--{mode}")
    return command


def join(sites: list[FleetSite], parts: list[dict | None], codes: list[int], started: datetime,
         finished: datetime) -> dict:
    """One fleet summary from the parts' (a part that wrote none: its sites failed with its code)."""
    by_site: dict[str, dict] = {}
    for part, code in zip(parts, codes):
        for entry in (part or {}).get("by_site", []):
            by_site[entry["site"]] = entry
    for site in sites:
        if site.name not in by_site:
            code = next(c for p, c in zip(parts, codes) if p is None) if None in parts else exits.FAILED
            by_site[site.name] = {"site": site.name, "exit_status": exits.FAILED,
                                  "error": f"its part of the fleet ended with status {code}", "run": None}
    entries = [by_site[s.name] for s in sites]
    done = [p for p in parts if p]
    return {
        "started": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "finished": finished.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "duration_seconds": round((finished - started).total_seconds(), 3),
        "max_sites": sum(p["max_sites"] for p in done),
        "processes": len(parts),
        "peak_rss_mb": round(sum(p["peak_rss_mb"] for p in done), 1),  # every part's peak, added
        "sites": len(sites),
        "sites_ok": sum(e["exit_status"] == exits.OK for e in entries),
        "sites_failed": [e["site"] for e in entries if e["exit_status"] != exits.OK],
        **{key: sum(p[key] for p in done) for key in ("pages", "articles", "errors")},
        "by_site": entries,
    }


def _forward(children):
    def forward(signum, frame):  # a stop for the fleet is a stop for every part
        for child in children:
            if child.poll() is None:
                child.send_signal(signum)
    return forward


def run_split(args, sites: list[FleetSite], settings, processes: int, lock_fds=()) -> int:
    """Crawl ``sites`` in ``processes`` parts; ``lock_fds`` (the sites' locks, held by this
    process) are passed on, so each part adopts its sites' locks instead of finding them taken."""
    out = Path(settings.get("BRANCHNEWS_OUTPUT_DIR") or "output")
    max_sites = settings.getint("BRANCHNEWS_FLEET_MAX_SITES")
    started = datetime.now(timezone.utc)
    token = stamp(started)
    groups = [sites[k::processes] for k in range(processes)]
    names = [f"{token}-{k + 1}" for k in range(processes)]
    part_max = math.ceil(max_sites / processes)
    # One live bar on a terminal is this process's: the other parts write plain lines.
    env = {**os.environ, "TTY_COMPATIBLE": "0"}
    children = [subprocess.Popen(part_command(args, group, name, part_max), pass_fds=tuple(lock_fds),
                                 env=env)
                for group, name in zip(groups[1:], names[1:])]
    mine = settings.copy()
    mine.set("BRANCHNEWS_FLEET_PART", names[0], priority="cmdline")
    if part_max:
        mine.set("BRANCHNEWS_FLEET_MAX_SITES", part_max, priority="cmdline")
    fleet = Fleet(groups[0], mine)
    fleet.run()
    write_summary(fleet.summary(), out / FLEET_RUNS / PARTS / f"{names[0]}.json")
    if fleet.stopping:  # this part was stopped (a signal to this process alone): stop the others
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
    previous = {s: signal.signal(s, _forward(children)) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        codes = [exits.OK] + [child.wait() for child in children]
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    parts = []
    for name in names:
        path = out / FLEET_RUNS / PARTS / f"{name}.json"
        try:
            parts.append(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError):
            parts.append(None)
    summary = join(sites, parts, codes, started, datetime.now(timezone.utc))
    path = write_summary(summary, out / FLEET_RUNS / f"{token}.json")
    print(table(summary), file=sys.stderr)
    print(f"branchnews: fleet summary in {path} ({processes} processes)", file=sys.stderr)
    return exits.OK if summary["sites_ok"] == len(sites) else exits.FAILED
