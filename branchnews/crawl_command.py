"""``branchnews crawl``: the command-line end of a crawl (arguments, the site's profile, the
Scrapy settings, the sample site when it is the default target, the exit status).

Kept apart from ``cli.py`` because a crawl's start and end (which site, which dataset, locks,
the console, what the exit status says) is a concern of its own that grows with every way of
naming a site.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import socket
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

from branchnews import console, exits
from branchnews.crawler.profiles import (DEFAULT_SITE, ProfileError, available, is_url,
                                         load_profile, url_profile)


BAR_REFRESH = 0.25  # seconds between the live bar's reads of the crawl's stats


def _setting_pairs(values: list[str]) -> dict[str, str]:
    out = {}
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep or not name:
            raise SystemExit(f"branchnews: -s expects NAME=VALUE, got {value!r}")
        out[name] = setting
    return out


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _ensure_sample_site(proxy: str) -> None:
    """Start the bundled sample site in this process when nothing answers at its address."""
    parts = urlsplit(proxy)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    if _answers(host, port):
        return
    from branchnews.sample_site.server import make_server

    server = make_server(host, port)
    threading.Thread(target=server.serve_forever, name="sample-site", daemon=True).start()
    logging.getLogger("branchnews").info("Serving the sample site at http://%s:%d/", host, port)


def crawl_profile(args: argparse.Namespace):
    """The profile this crawl runs (raises :class:`ProfileError` for a missing or broken one):
    a bundled or given profile, or one made from the start URLs of ``crawl URL…``."""
    if args.urls:
        return url_profile(args.urls, args.name, args.within)
    profile = load_profile(args.site or DEFAULT_SITE)
    if args.start_url:
        profile = profile.with_start_urls(args.start_url)
    return profile


def _foreign_start(args: argparse.Namespace, profile, out: Path) -> str | None:
    """The warning line for ``--start-url`` on a host the profile does not name (a mirror, a
    local copy: its records go to the profile's dataset), or None."""
    named = load_profile(args.site or DEFAULT_SITE).allowed_domains
    foreign = [h for h in profile.allowed_domains if h not in named]
    if not foreign:
        return None
    return (f"--start-url host {foreign[0]} is not one the {profile.name} "
            f"profile names ({', '.join(named)}): its records go into {out / profile.name}/ as "
            f"a copy of that site; for a new site run: branchnews crawl URL --name NAME")


def _dataset_conflict(profile, out: Path) -> str | None:
    """Why ``crawl URL…`` must not write into ``<out>/<NAME>/``, or None: the name is a bundled
    profile's, or the folder holds records of another host."""
    if profile.name in available():
        return (f"--name {profile.name} is the dataset of the bundled {profile.name} profile; "
                "give another --name")
    for path in sorted((out / profile.name).glob("*.jsonl")):
        try:
            with path.open("rb") as fh:
                first = json.loads(fh.readline() or b"{}")
        except (OSError, ValueError):
            continue
        host = urlsplit(str(first.get("url", ""))).hostname
        if host and not any(host == d or host.endswith("." + d) for d in profile.allowed_domains):
            return (f"{out / profile.name}/ holds records of {host}, not of "
                    f"{', '.join(profile.allowed_domains)}; give another --name")
    return None


def crawl_settings(args: argparse.Namespace):
    """Scrapy settings: the project's, then what the command line sets."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("branchnews.crawler.settings", priority="project")
    if args.out:
        settings.set("BRANCHNEWS_OUTPUT_DIR", args.out, priority="cmdline")
    if args.script:
        settings.set("BRANCHNEWS_SCRIPT", args.script, priority="cmdline")
    if args.redis:
        settings.set("BRANCHNEWS_REDIS_URL", args.redis, priority="cmdline")
    for name, value in _setting_pairs(args.set).items():
        settings.set(name, value, priority="cmdline")
    if (shown := console.active()) is not None:
        shown.adopt(settings)
    return settings


def take_site_lock(out: Path, site: str, *, wait: bool):
    """Hold the site's lock (the scheduler's ``<out>/.locks/site-<name>.lock``) for this crawl;
    None when another run holds it (after one line saying who), unless ``wait``. A lock the
    scheduler or ``flock(1)`` took for this process is inherited, not taken again."""
    import time
    from datetime import datetime, timezone

    from branchnews.scheduling.locks import Lock, describe_holder, lock_path

    lock = Lock(lock_path(out / ".locks", "site", site))
    if lock.adopt_inherited():
        return lock
    holder = dict(site=site, crawl_pid=os.getpid(),
                  since=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    said = False
    while not lock.acquire(**holder):
        if not wait:
            print(f"branchnews: {site} in {out}/ is being crawled by {describe_holder(lock)} "
                  f"({lock.path}); try again later, or add --wait", file=sys.stderr)
            return None
        if not said:
            print(f"branchnews: waiting for the crawl of {site} by {describe_holder(lock)} to "
                  "end", file=sys.stderr)
            said = True
        time.sleep(0.5)
    return lock


@contextlib.contextmanager
def reactor_every(seconds: float, call):
    """Call ``call`` every ``seconds`` in the reactor while the block runs it (0: never)."""
    from twisted.internet import task

    loop = task.LoopingCall(call)
    if seconds > 0:
        loop.start(seconds, now=False)
    try:
        yield
    finally:
        if loop.running:
            loop.stop()


def run_crawler(settings, spider_args: dict):
    """Run the news spider to its end in this process, its totals on the console's live bar
    when there is one; the finished crawler (its stats, its spider's walk)."""
    from scrapy.crawler import CrawlerProcess

    from branchnews.crawler.extensions import CrawlProgress

    process = CrawlerProcess(settings)
    crawler = process.create_crawler("news")
    process.crawl(crawler, **spider_args)
    # a profile's name, or its file's, or the dataset of a crawl from URLs
    label = spider_args.get("dataset") or Path(spider_args.get("site") or DEFAULT_SITE).stem
    with console.current().progress(label, "articles", plain=False) as bar:
        def show() -> None:
            if crawler.stats is not None:
                now = CrawlProgress.of(crawler.stats)
                bar.update(now.done, total=now.queued or None, failed=now.failed,
                           note=now.pages_seen())

        with reactor_every(BAR_REFRESH if bar.live else 0, show):
            process.start()
        show()
    return crawler


def run_crawl(settings, spider_args: dict) -> dict:
    """Run the news spider to its end (see :func:`run_crawler`); its final stats."""
    return run_crawler(settings, spider_args).stats.get_stats()


def failure(stats: dict) -> str | None:
    """Why the crawl failed, in one line, or None: it finished, and every page it fetched was
    written or reported as a page failure."""
    reason = stats.get("finish_reason")
    if stats.get("branchnews/redis_lost"):
        return (f"{stats['branchnews/redis_lost']}; the records written are kept, and the next "
                "run restarts the crawl and fetches the rest")
    if stats.get("branchnews/write_failures"):
        return (f"{stats['branchnews/write_failures']} records could not be written"
                + (" and the crawl was stopped" if reason != "finished" else "")
                + "; the next run fetches them again")
    if stats.get("branchnews/errors_not_written"):
        return f"{stats['branchnews/errors_not_written']} failures could not be written to the errors file"
    if stats.get("branchnews/start_urls_failed") and not stats.get("branchnews/start_urls_read"):
        return (f"every start URL failed ({stats['branchnews/start_urls_failed']}); first: "
                f"{stats.get('branchnews/start_url_failure')}")
    if reason != "finished":
        return f"the crawl did not finish ({reason or 'no finish reason'})"
    raised = sum(v for k, v in stats.items() if k.startswith("spider_exceptions/"))
    if raised:
        return f"{raised} pages raised an error instead of a record or a reported failure"
    return None


def exit_status(stats: dict) -> int:
    """The command's exit status from the crawl's final stats (see :mod:`branchnews.exits`)."""
    return exits.OK if failure(stats) is None else exits.FAILED


def _split_urls(args: argparse.Namespace) -> str | None:
    """Sort the positionals into ``args.urls`` (http(s) addresses: one site crawled from them)
    and ``args.site`` (profiles, ``@FILE``); why the command line cannot run, or None."""
    given = args.site or []
    args.urls = [v for v in given if is_url(v)]
    if not args.urls:
        for flag, value in (("--name", args.name), ("--within", args.within)):
            if value:
                return f"{flag} names a crawl from addresses: give URL… with it (crawl URL {flag} …)"
        return None
    if len(args.urls) < len(given):
        other = next(v for v in given if not is_url(v))
        return (f"{other!r} is not an http(s) URL: crawl either URLs of one site or profiles, "
                "not both")
    if args.start_url:
        return "--start-url points a profile elsewhere; with URLs the URLs are the start"
    args.site = []
    return None


def cmd_crawl(args: argparse.Namespace) -> int:
    from branchnews.fleet import cmd_fleet, site_specs

    if why := _split_urls(args):
        print(f"branchnews: {why}", file=sys.stderr)
        return exits.USAGE
    try:
        sites = site_specs(args.site)
    except OSError as exc:
        print(f"branchnews: cannot read the list of sites {exc.filename}: {exc.strerror}", file=sys.stderr)
        return exits.USAGE
    if len(sites) > 1:  # several sites: one fleet crawl (branchnews.fleet)
        return cmd_fleet(args, sites)
    args.site = sites[0] if sites else None
    try:
        profile = crawl_profile(args)
    except ProfileError as exc:
        print(f"branchnews: {exc}", file=sys.stderr)
        return exits.USAGE
    settings = crawl_settings(args)
    out_root = Path(settings.get("BRANCHNEWS_OUTPUT_DIR"))
    if args.urls and (why := _dataset_conflict(profile, out_root)):
        print(f"branchnews: {why}", file=sys.stderr)
        return exits.USAGE
    if args.start_url and (warning := _foreign_start(args, profile, out_root)):
        logging.getLogger("branchnews").warning(warning)
    proxy = settings.get("BRANCHNEWS_PROXY") or profile.proxy
    if profile.name == DEFAULT_SITE and proxy and not args.start_url and not args.urls:
        _ensure_sample_site(proxy)
    lock = None
    if not settings.get("BRANCHNEWS_REDIS_URL"):  # the workers of one distributed crawl share it
        lock = take_site_lock(out_root, profile.name, wait=args.wait)
        if lock is None:
            return exits.LOCKED
    spider_args = {"site": args.site or DEFAULT_SITE, "refresh": bool(args.refresh)}
    if args.urls:
        spider_args = {"urls": ",".join(args.urls), "dataset": profile.name,
                       "within": args.within, "refresh": bool(args.refresh)}
    if args.start_url:
        spider_args["start_url"] = ",".join(args.start_url)
    try:
        stats = run_crawl(settings, spider_args)
    finally:
        if lock is not None:
            lock.release()
    out = out_root / profile.name
    print(f"branchnews: {stats.get('branchnews/records', 0)} new records in {out}/, "
          f"{stats.get('branchnews/errors', 0)} errors", file=sys.stderr)
    why = failure(stats)
    if why:
        print(f"branchnews: crawl of {profile.name} failed: {why}", file=sys.stderr)
    return exit_status(stats)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("site", nargs="*", metavar="SITE",
                        help=f"profile name or .toml path, or @FILE with one a line (default: "
                             f"{DEFAULT_SITE}); several sites are crawled at once, as one fleet; "
                             "or http(s) URLs of one site: a crawl from addresses alone, its "
                             "listings found from the pages' structure")
    parser.add_argument("--name", metavar="NAME",
                        help="with URLs: the dataset's name, <out>/NAME/ (default: the host name)")
    parser.add_argument("--within", metavar="PREFIX",
                        help="with URLs: follow only links under this path (/news/) or URL "
                             "prefix (default: the whole host)")
    parser.add_argument("-o", "--out", help="output folder (default: output)")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                       help="set a Scrapy setting, as scrapy crawl -s does")
    parser.add_argument("--start-url", action="append", metavar="URL",
                       help="crawl from this URL instead of the profile's (repeatable)")
    parser.add_argument("--redis", metavar="URL",
                       help="join a distributed crawl: workers share one frontier in this Redis")
    parser.add_argument("--refresh", action="store_true",
                       help="fetch articles already in the dataset again; changed ones get a new version")
    parser.add_argument("--wait", action="store_true",
                        help="when another run holds the site, wait for it to end (default: exit 75)")
    parser.add_argument("--script", choices=("simplified", "traditional"),
                       help="script of the dataset's text (default: simplified)")
    parser.set_defaults(func=cmd_crawl)
