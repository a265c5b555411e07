"""Run summary and progress for every crawl: what a scheduled run did, in the log and as JSON.

At the end of a crawl: pages fetched, articles new / updated / unchanged / skipped as known,
failures by reason, duration, the commonest link shapes on list pages that were followed
neither as articles nor as lists (:mod:`~branchnews.crawler.not_followed`), and field
coverage (share of articles with a date, editor, sections …), logged and written to ``<out>/<site>/runs/<start>.json``. During the crawl a
progress line every ``BRANCHNEWS_PROGRESS_INTERVAL`` seconds. When a field's coverage falls far
below the previous run's, a warning says the site has probably changed its template. The
workers of one distributed run each write their own summary (of their share of the site), tagged
with the run's id; they are compared with the summaries of earlier runs, never with each other.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from collections.abc import Callable

from scrapy import signals
from twisted.internet import task

from branchnews.pipelines.log_marks import DETAIL, PROGRESS
from branchnews.pipelines.run import run_of, scheduler_of

from branchnews.pipelines.scrapy_pipelines import COVERAGE_FIELDS

logger = logging.getLogger(__name__)

COVERAGE_DROP = 0.3  # absolute fall in a field's share that signals a template change
MIN_ARTICLES_FOR_COVERAGE = 5


def coverage_warnings(previous: dict, current: dict, articles: int, prev_articles: int) -> list[str]:
    """Fields whose coverage fell by more than COVERAGE_DROP since the previous run."""
    if articles < MIN_ARTICLES_FOR_COVERAGE or prev_articles < MIN_ARTICLES_FOR_COVERAGE:
        return []
    out = []
    for field, before in previous.items():
        now = current.get(field, 0.0)
        if before - now > COVERAGE_DROP:
            out.append(f"{field} coverage fell from {before:.0%} to {now:.0%}")
    return out


@dataclass(frozen=True)
class CrawlProgress:
    """A crawl's totals so far, as the progress line and the console's bar show them: articles
    queued (distinct article links to fetch; the total grows as list pages are read), done
    (extracted), failed (reported instead of a record), and list pages read."""

    list_pages: int = 0
    queued: int = 0
    done: int = 0
    failed: int = 0
    pages: int = 0  # responses fetched, every kind
    known: int = 0  # article links not fetched: the dataset has them (skipped as known)

    @classmethod
    def of(cls, stats) -> "CrawlProgress":
        def stat(key: str) -> int:
            return int(stats.get_value(key, 0) or 0)

        return cls(list_pages=stat("branchnews/list_pages"), queued=stat("branchnews/articles_queued"),
                   done=stat("branchnews/articles"), failed=stat("branchnews/articles_failed"),
                   pages=stat("downloader/response_count"), known=stat("branchnews/skipped_known"))

    def pages_seen(self) -> str:
        """``14 list pages`` (``, 40 already in the dataset`` when known articles were skipped)."""
        return f"{self.list_pages} list pages" + (f", {self.known} already in the dataset"
                                                  if self.known else "")

    def line(self) -> str:
        """``120/480 articles done, 3 failed, 14 list pages``."""
        return f"{self.done}/{self.queued} articles done, {self.failed} failed, {self.pages_seen()}"


class RunSummary:
    """Progress lines during a crawl and its summary at the end (see the module docstring).

    ``queued`` tells how many requests wait in the scheduler (for the progress line); the
    summaries of a site go to ``runs_dir``, one JSON file per run, the latest compared with;
    ``shared_run`` gives the id of the distributed run this crawl is a worker of (None: alone).
    """

    def __init__(self, stats, *, site: str, runs_dir: Path, interval: float = 30.0,
                 job: str | None = None, queued: Callable[[], int] = lambda: 0,
                 shared_run: Callable[[], str | None] = lambda: None):
        self.stats = stats
        self.site = site
        self.runs_dir = Path(runs_dir)
        self.interval = interval
        self.job = job
        self.queued = queued
        self.shared_run = shared_run
        self.loop: task.LoopingCall | None = None
        self.started = datetime.now(timezone.utc)
        self.written: dict | None = None  # the summary, once closed (a fleet's table reads it)

    @classmethod
    def from_crawler(cls, crawler):
        run = run_of(crawler)

        def queued() -> int:
            scheduler = scheduler_of(crawler)
            return len(scheduler) if scheduler is not None and hasattr(scheduler, "__len__") else 0

        ext = cls(crawler.stats, site=run.profile.name, runs_dir=run.site_dir / "runs",
                  interval=crawler.settings.getfloat("BRANCHNEWS_PROGRESS_INTERVAL", 30.0),
                  job=run.job, queued=queued,
                  shared_run=lambda: run.shared_run.id if run.shared_run is not None else None)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self, spider=None):
        self.started = datetime.now(timezone.utc)
        if self.interval > 0:
            self.loop = task.LoopingCall(self.progress)
            self.loop.start(self.interval, now=False)

    def _stat(self, key: str) -> int:
        return int(self.stats.get_value(key, 0) or 0)

    def progress(self):
        logger.info("progress: %s; %d pages fetched, %d new, %d updated, %d unchanged, "
                    "%d failures in all, %d requests queued",
                    CrawlProgress.of(self.stats).line(), self._stat("downloader/response_count"),
                    self._stat("branchnews/new"), self._stat("branchnews/updated"),
                    self._stat("branchnews/unchanged"), self._stat("branchnews/errors"),
                    self.queued(), extra=PROGRESS)

    def summary(self, reason: str) -> dict:
        stats = self.stats.get_stats()
        articles = self._stat("branchnews/articles")
        finished = datetime.now(timezone.utc)
        summary = {
            "site": self.site,
            "job": self.job,  # Scrapyd's job id, when run there
            "started": self.started.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "finished": finished.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "duration_seconds": round((finished - self.started).total_seconds(), 3),
            "finish_reason": reason,
            "pages_fetched": self._stat("downloader/response_count"),
            "list_pages": self._stat("branchnews/list_pages"),
            "articles": {
                "extracted": articles,
                "new": self._stat("branchnews/new"),
                "updated": self._stat("branchnews/updated"),
                "unchanged": self._stat("branchnews/unchanged"),
                "skipped_known": self._stat("branchnews/skipped_known"),
            },
            "failures": {
                "total": self._stat("branchnews/errors"),
                "by_reason": {k.split("/", 2)[2]: v for k, v in sorted(stats.items())
                              if k.startswith("branchnews/errors/")},
            },
            # link shapes on list pages followed neither as articles nor as lists (commonest)
            "not_followed": list(stats.get("branchnews/not_followed") or []),
            "coverage": {field: round(self._stat(f"branchnews/coverage/{field}") / articles, 4)
                         if articles else 0.0 for field in COVERAGE_FIELDS},
        }
        if (shared := self.shared_run()) is not None:
            summary["distributed_run"] = shared  # one worker's share of the site's crawl
        return summary

    def closed(self, spider=None, reason: str = "finished"):
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        summary = self.summary(reason)
        runs = self.runs_dir
        previous = _latest(runs, besides=summary.get("distributed_run"))
        if previous:
            for warning in coverage_warnings(previous.get("coverage", {}), summary["coverage"],
                                             summary["articles"]["extracted"],
                                             previous.get("articles", {}).get("extracted", 0)):
                logger.warning("%s: %s since the previous run: the site may have changed its "
                               "template; check its profile", self.site, warning)
                summary.setdefault("warnings", []).append(warning)
        path = runs / f"{self.started.strftime('%Y%m%dT%H%M%S%fZ')}.json"
        tmp = path.with_suffix(".tmp")
        try:
            runs.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
            tmp.replace(path)
        except OSError as exc:  # a full disk: the summary stays in the log below
            tmp.unlink(missing_ok=True)
            logger.error("could not write the run summary %s: %s", path, exc.strerror or exc)
        self.written = summary
        if shapes := summary["not_followed"][:3]:
            logger.info("%s: links on list pages followed neither as articles nor as lists: %s "
                        "(the run summary lists %d shapes)", self.site,
                        "; ".join(f"{s['count']} × {s['shape']} (e.g. {s['example']})" for s in shapes),
                        len(summary["not_followed"]))
        logger.info("run summary (%s): %s", path, json.dumps(summary, ensure_ascii=False),
                    extra=DETAIL)


def _latest(runs: Path, besides: str | None = None) -> dict | None:
    """The newest readable summary in ``runs``, leaving out those of the distributed run
    ``besides`` (this worker's siblings: each covers another share of the same crawl)."""
    files = sorted(runs.glob("*.json")) if runs.exists() else []
    for file in reversed(files):
        try:
            summary = json.loads(file.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if besides is None or summary.get("distributed_run") != besides:
            return summary
    return None
