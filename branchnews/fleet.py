"""Fleet crawls: many sites at once in one process, each exactly the crawl it would be alone.

Politeness limits a *site* (its delay, requests per domain, robots.txt, AutoThrottle), not the
machine, so polite sites crawled one after another waste the machine's time. Here every site is
its own Scrapy ``Crawler`` (its own settings, profile, scheduler, download slots, extensions and
run context: dataset, state index, run summary, WARC files, manifest) in one reactor; a site's
failure or budget ends that crawler only. ``BRANCHNEWS_FLEET_MAX_SITES`` bounds the sites running
at once (the rest wait in line), and so the requests in flight: at most that many sites times each
site's ``CONCURRENT_REQUESTS_PER_DOMAIN``. A site's time and page budgets are Scrapy's
``CLOSESPIDER_TIMEOUT`` / ``CLOSESPIDER_PAGECOUNT``, set for every site (``-s``) or in a profile's
``[settings]``.

With ``--redis URL`` every site's crawler is one worker of that site's distributed run
(:mod:`branchnews.crawler.distributed`: its own keys, pending work and requeue of dead workers'
requests), so N fleet processes on any machines share each site's frontier, exactly as N workers
of a lone distributed crawl do; nothing here knows of Redis but that its sites take no locks.

During the crawl one progress line for the fleet (sites done / running / queued, pages, articles,
errors) replaces the sites' own; at the end a table of every site and ``<out>/fleet-runs/<start>.json``
(the fleet summary, holding each site's run summary) beside the sites' ``runs/`` summaries.
"""

from __future__ import annotations

import json
import logging
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from branchnews import exits
from branchnews.pipelines.log_marks import PROGRESS

logger = logging.getLogger("branchnews.fleet")

FLEET_RUNS = "fleet-runs"
PARTS = "parts"  # under FLEET_RUNS: the summaries of a split fleet's processes
# What a site's own crawl would log on its own every minute: one fleet line replaces them.
# Scrapy's check for generator callbacks that return a value (a hint for spider authors) caches
# its answer for 128 callbacks: with hundreds of spiders it re-reads and re-parses the callback's
# source on every response (a third of a 50-site fleet's CPU); the spider's callbacks are ours.
# Scrapy's remote control would listen on one more port per site.
QUIET_SITES = {"LOGSTATS_INTERVAL": 0, "BRANCHNEWS_PROGRESS_INTERVAL": 0,
               "WARN_ON_GENERATOR_RETURN_VALUE": False, "REMOTE_CONTROL_ENABLED": False}


@dataclass(frozen=True)
class FleetSite:
    """One site of a fleet: its name (the dataset folder) and the news spider's arguments."""

    name: str
    spider_args: dict = field(default_factory=dict)


@dataclass
class SiteOutcome:
    name: str
    status: int = exits.FAILED
    summary: dict | None = None  # the site's run summary (extensions.RunSummary), when it ran
    error: str | None = None  # why the crawl did not run, when it did not


def _stats(crawler) -> dict:
    """A crawler's stats so far; empty before its crawl started (Scrapy raises until then)."""
    try:
        return crawler.stats.get_stats()
    except (RuntimeError, AttributeError):
        return {}


def _run_summary(crawler) -> dict | None:
    from branchnews.crawler.extensions import RunSummary

    try:
        manager = crawler.extensions
    except RuntimeError:  # the crawl never started
        return None
    for ext in getattr(manager, "middlewares", ()):
        if isinstance(ext, RunSummary):
            return ext.written
    return None


def _stop_reactor() -> None:
    """Stop the reactor unless a shutdown signal's handler already did."""
    from twisted.internet import reactor
    from twisted.internet.error import ReactorNotRunning

    try:
        reactor.stop()
    except ReactorNotRunning:
        pass


class Fleet:
    """Runs ``sites`` with ``settings`` (see the module docstring); :meth:`run` blocks."""

    def __init__(self, sites: list[FleetSite], settings, status_of=None):
        from branchnews.crawl_command import exit_status

        self.sites = list(sites)
        self.settings = settings.copy()
        per_site_progress = self.settings.getfloat("BRANCHNEWS_PROGRESS_INTERVAL", 30.0)
        for name, value in QUIET_SITES.items():
            self.settings.set(name, value, priority="project")
        self.interval = per_site_progress
        self.max_sites = self.settings.getint("BRANCHNEWS_FLEET_MAX_SITES") or len(self.sites)
        self.status_of = status_of or exit_status
        self.queue: deque[FleetSite] = deque()
        self.running: dict[str, object] = {}
        self.outcomes: dict[str, SiteOutcome] = {}
        self.stopping = False
        self.started = datetime.now(timezone.utc)
        self.finished: datetime | None = None

    # -- running ---------------------------------------------------------------------------------
    def run(self) -> list[SiteOutcome]:
        from scrapy.crawler import CrawlerProcess
        from twisted.internet import task

        from branchnews import console
        from branchnews.crawl_command import BAR_REFRESH, reactor_every

        self.process = CrawlerProcess(self.settings)
        self.queue.extend(self.sites)
        self.started = datetime.now(timezone.utc)
        self._launch()
        loop = task.LoopingCall(self.progress)
        if self.interval > 0:
            loop.start(self.interval, now=False)
        shown = console.current()
        with shown.progress("fleet", "sites", plain=False) as bar:
            def show() -> None:
                totals = self._totals()
                failed = sum(o.status != exits.OK for o in self.outcomes.values())
                bar.update(len(self.outcomes), total=len(self.sites), failed=failed,
                           note=f"{len(self.running)} running; {totals['articles']} articles, "
                                f"{totals['errors']} failures")

            with reactor_every(BAR_REFRESH if bar.live else 0, show):
                self.process.start(stop_after_crawl=False)
            show()
        if loop.running:
            loop.stop()
        self.finished = datetime.now(timezone.utc)
        # Sites that never started (a stop came first) are reported as not run.
        for site in self.queue:
            self.outcomes[site.name] = SiteOutcome(site.name, exits.FAILED, error="not started: the fleet was stopped")
        self.queue.clear()
        return [self.outcomes[s.name] for s in self.sites]

    def _launch(self) -> None:
        while self.queue and len(self.running) < self.max_sites and not self.stopping:
            site = self.queue.popleft()
            crawler = self.process.create_crawler("news")
            self.running[site.name] = crawler
            done = self.process.crawl(crawler, **site.spider_args)
            done.addBoth(self._finished, site, crawler)
        if not self.running:
            from twisted.internet import reactor

            reactor.callLater(0, _stop_reactor)

    def _finished(self, result, site: FleetSite, crawler) -> None:
        from twisted.python.failure import Failure

        self.running.pop(site.name, None)
        stats = _stats(crawler)
        outcome = SiteOutcome(site.name, summary=_run_summary(crawler))
        if isinstance(result, Failure):  # the crawl could not start, or broke: this site only
            outcome.error = f"{result.type.__name__}: {result.getErrorMessage()}"
            logger.error("%s: the crawl failed: %s", site.name, outcome.error)
        else:
            outcome.status = self.status_of(stats)
            if stats.get("finish_reason") == "shutdown":  # Ctrl-C / SIGTERM: no new sites
                self.stopping = True
        self.outcomes[site.name] = outcome
        self._launch()

    # -- reporting -------------------------------------------------------------------------------
    def _totals(self) -> dict:
        crawlers = list(self.running.values())
        pages = articles = errors = 0
        for crawler in crawlers:
            stats = _stats(crawler)
            pages += stats.get("downloader/response_count", 0)
            articles += stats.get("branchnews/articles", 0)
            errors += stats.get("branchnews/errors", 0)
        for outcome in self.outcomes.values():
            summary = outcome.summary or {}
            pages += summary.get("pages_fetched", 0)
            articles += summary.get("articles", {}).get("extracted", 0)
            errors += summary.get("failures", {}).get("total", 0)
        return {"pages": pages, "articles": articles, "errors": errors}

    def progress(self) -> None:
        totals = self._totals()
        logger.info("fleet: %d/%d sites done, %d running, %d queued; %d pages, %d articles, "
                    "%d failures", len(self.outcomes), len(self.sites), len(self.running),
                    len(self.queue), totals["pages"], totals["articles"], totals["errors"],
                    extra=PROGRESS)

    def summary(self) -> dict:
        finished = self.finished or datetime.now(timezone.utc)
        outcomes = [self.outcomes[s.name] for s in self.sites if s.name in self.outcomes]
        return {
            "started": self.started.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "finished": finished.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "duration_seconds": round((finished - self.started).total_seconds(), 3),
            "max_sites": self.max_sites,
            "processes": 1,
            "peak_rss_mb": round(_peak_rss_mb(), 1),
            "sites": len(self.sites),
            "sites_ok": sum(o.status == exits.OK for o in outcomes),
            "sites_failed": [o.name for o in outcomes if o.status != exits.OK],
            **self._totals(),
            "by_site": [{"site": o.name, "exit_status": o.status, "error": o.error, "run": o.summary}
                        for o in outcomes],
        }



def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S%fZ")


def write_summary(summary: dict, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return path


def table(summary: dict) -> str:
    """The fleet's end: one line per site (articles new / updated / skipped as known, failures,
    seconds, share of articles with a date), then the totals."""
    head = f"{'site':28} {'status':>6} {'new':>6} {'upd':>5} {'skip':>6} {'fail':>5} {'secs':>7} {'dated':>6}"
    lines = [head, "-" * len(head)]
    for entry in summary["by_site"]:
        run = entry["run"] or {}
        arts = run.get("articles", {})
        status = "ok" if entry["exit_status"] == exits.OK else "FAILED"
        lines.append(f"{entry['site'][:28]:28} {status:>6} {arts.get('new', 0):>6} "
                     f"{arts.get('updated', 0):>5} {arts.get('skipped_known', 0):>6} "
                     f"{run.get('failures', {}).get('total', 0):>5} "
                     f"{run.get('duration_seconds', 0):>7.1f} "
                     f"{run.get('coverage', {}).get('published', 0):>6.0%}"
                     + (f"  {entry['error']}" if entry["error"] else "")
                     + (f"  ({run['finish_reason']})" if run.get("finish_reason", "finished") != "finished" else ""))
    lines.append(f"{summary['sites_ok']}/{summary['sites']} sites ok, {summary['pages']} pages, "
                 f"{summary['articles']} articles, {summary['errors']} failures in "
                 f"{summary['duration_seconds']:.1f} s")
    return "\n".join(lines)


def run_fleet(sites: list[FleetSite], settings) -> tuple[int, dict, Path]:
    """Crawl ``sites`` as one fleet; the exit status (OK when every site is), the fleet summary
    and where it was written. The table goes to stderr, unless this process crawls one part of
    a fleet split over processes (``BRANCHNEWS_FLEET_PART``: the parent tells the whole)."""
    import sys

    fleet = Fleet(sites, settings)
    outcomes = fleet.run()
    summary = fleet.summary()
    runs = Path(settings.get("BRANCHNEWS_OUTPUT_DIR") or "output") / FLEET_RUNS
    part = settings.get("BRANCHNEWS_FLEET_PART")
    if part:
        path = write_summary(summary, runs / PARTS / f"{part}.json")
    else:
        path = write_summary(summary, runs / f"{stamp(fleet.started)}.json")
        print(table(summary), file=sys.stderr)
        print(f"branchnews: fleet summary in {path}", file=sys.stderr)
    status = exits.OK if all(o.status == exits.OK for o in outcomes) else exits.FAILED
    return status, summary, path


# -- the command: ``branchnews crawl SITE SITE …`` ----------------------------------------------

def site_specs(values: list[str] | None) -> list[str]:
    """The sites a crawl is given, ``@FILE`` read as one per line (blank lines and ``#``
    comments skipped), in order, each once. Raises :class:`OSError` for an unreadable file."""
    specs: list[str] = []
    for value in values or []:
        if value.startswith("@"):
            lines = Path(value[1:]).read_text("utf-8").splitlines()
            specs += [line.split("#", 1)[0].strip() for line in lines]
        else:
            specs.append(value)
    return list(dict.fromkeys(s for s in specs if s))


def cmd_fleet(args, specs: list[str]) -> int:
    """Several sites on the command line: check every profile first (a mistake in one is a
    usage error before any request), then crawl them as one fleet."""
    import sys

    from branchnews.crawl_command import crawl_settings, take_site_lock
    from branchnews.crawler.profiles import ProfileError, load_profile

    if args.start_url:
        print("branchnews: --start-url takes one site; give one SITE with it", file=sys.stderr)
        return exits.USAGE
    sites, seen = [], {}
    for spec in specs:
        try:
            name = load_profile(spec).name
        except ProfileError as exc:
            print(f"branchnews: {exc}", file=sys.stderr)
            return exits.USAGE
        if name in seen:
            print(f"branchnews: {spec} and {seen[name]} are both site {name!r} (one dataset "
                  f"folder): give each site once", file=sys.stderr)
            return exits.USAGE
        seen[name] = spec
        sites.append(FleetSite(name, {"site": spec, "refresh": bool(args.refresh)}))
    settings = crawl_settings(args)
    # Each site's lock, as a lone crawl takes it (one inherited from the scheduler is adopted);
    # a site another run holds is left out, after the one line saying who holds it. The workers
    # of a distributed fleet share its sites, as those of one distributed site do: no locks.
    locks, free = [], []
    out = Path(settings.get("BRANCHNEWS_OUTPUT_DIR") or "output")
    for site in sites:
        if settings.get("BRANCHNEWS_REDIS_URL"):
            free.append(site)
            continue
        lock = take_site_lock(out, site.name, wait=getattr(args, "wait", False))
        if lock is not None:
            locks.append(lock)
            free.append(site)
    try:
        if not free:
            return exits.LOCKED
        processes = min(settings.getint("BRANCHNEWS_FLEET_PROCESSES", 1), len(free) // 2)
        if processes > 1 and not settings.get("BRANCHNEWS_FLEET_PART"):
            from branchnews.fleet_split import run_split

            status = run_split(args, free, settings, processes, [lock.fd for lock in locks])
        else:
            status, _, _ = run_fleet(free, settings)
    finally:
        for lock in locks:
            lock.release()
    return status if status != exits.OK or len(free) == len(sites) else exits.LOCKED
