"""``branchnews schedule``: run the crawl jobs of a jobs file at their cron times."""

from __future__ import annotations

import argparse
import logging
import sys

from branchnews.scheduling.config import DEFAULT_CONFIG, ScheduleConfigError, load_jobs, zone_name


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _seconds(value: str) -> float:
    number = float(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``schedule`` subcommand's arguments; ``branchnews/cli.py`` calls this."""
    parser.add_argument("config", nargs="?", default=DEFAULT_CONFIG, metavar="CONFIG",
                        help=f"jobs file (default: {DEFAULT_CONFIG} in the current folder)")
    parser.add_argument("--once", metavar="JOB",
                        help="run this job now, once (respecting its lock), and exit")
    parser.add_argument("--max-runs", type=_positive, metavar="N",
                        help="stop after N crawls in total (skipped runs do not count)")
    parser.add_argument("--timezone", metavar="TZ",
                        help="read cron times in this IANA zone (default: the jobs file's, else "
                             "the machine's)")
    parser.add_argument("--grace", type=_seconds, default=30.0, metavar="SECONDS",
                        help="on SIGINT/SIGTERM, let running crawls finish for this long before "
                             "sending them SIGTERM (default: 30)")
    parser.add_argument("--check", action="store_true",
                        help="validate the jobs file, print each job's next run times and exit")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from branchnews.scheduling.runner import Scheduler

    # A daemon's log, every line timed: it replaces the console's handler (force).
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, force=True,
                        format="%(asctime)s %(levelname)s schedule: %(message)s")
    try:
        jobs_file = load_jobs(args.config, timezone=args.timezone)
        once = jobs_file.get(args.once) if args.once else None
    except ScheduleConfigError as exc:
        print(f"branchnews schedule: {exc}", file=sys.stderr)
        return 2
    if args.check:
        return _print_check(jobs_file)
    jobs = [job for job in jobs_file.jobs if job.enabled]
    if once is None and not jobs:
        print(f"branchnews schedule: {jobs_file.path}: every job is disabled", file=sys.stderr)
        return 2
    scheduler = Scheduler(jobs, max_runs=args.max_runs, grace=args.grace)
    return scheduler.run(once=once)


def _print_check(jobs_file) -> int:
    from datetime import datetime

    for job in jobs_file.jobs:
        times = job.cron.next_times(datetime.now(job.timezone), 3)
        state = "" if job.enabled else "  (disabled)"
        print(f"{job.name}{state}: {', '.join(s.name for s in job.sites)} → {job.output}")
        print(f"  cron {job.cron.expression!r} in {zone_name(job.timezone)}; next: "
              f"{', '.join(t.isoformat() for t in times)}")
    return 0
