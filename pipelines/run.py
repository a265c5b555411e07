"""One crawl's shared context, built once, handed to every component as plain values.

It sits on the records side (it imports nothing of the crawler: the item pipelines read it too);
the profile it holds is the crawler's :class:`~branchnews.crawler.profiles.SiteProfile`.

The spider picks the site (its ``site`` / ``start_url`` / ``script`` arguments); everything the
pipelines, middlewares and extensions share about that crawl lives here: the profile, the
dataset folder and file names, the state index, the error report, the normaliser, the run day,
the worker tag of a distributed crawl and, once its scheduler has opened, the shared run. Each
component's ``from_crawler`` takes what it needs from :func:`run_of` and its ``__init__`` takes
plain values, as Scrapy's own components do, so each can be built and tested on its own.
"""

from __future__ import annotations

import logging
import os
import re
import socket
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from scrapy.exceptions import NotConfigured

from branchnews.pipelines.normalize import Normalizer
from branchnews.pipelines.output import JsonLinesWriter
from branchnews.pipelines.state import StateStore

logger = logging.getLogger(__name__)

# Sent when a request's work is done without a record (its links are scheduled, or its failure
# reported): a shared frontier then forgets it (crawler.distributed.Coordinator).
page_done = object()


def worker_id() -> str:
    """This process among the workers of a distributed crawl (its files, its heartbeat)."""
    return f"{socket.gethostname()}-{os.getpid()}"


def utcnow() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def reason_class(reason: str) -> str:
    """``HTTP 404`` → ``http_404``; ``extraction failed: …`` → ``extraction_failed``."""
    head = reason.split(":", 1)[0].strip().lower()
    return re.sub(r"[^a-z0-9]+", "_", head).strip("_")[:40] or "other"


def file_name(run_day: str, file_tag: str = "", kind: str = "") -> str:
    """``2026-11-28.jsonl``, ``2026-11-28.errors.jsonl``; workers tag theirs with their id."""
    return ".".join(p for p in (run_day, file_tag, kind, "jsonl") if p)


class ErrorReport:
    """Every failure of a crawl goes to the log, the stats and ``<site>/<day>.errors.jsonl``
    (opened on the first failure: a clean crawl leaves no empty errors file); when that file
    cannot be written either, the log line is an error that says so."""

    def __init__(self, path: Path, stats, signals=None):
        self.path = path
        self.stats = stats
        self.signals = signals
        self._writer: JsonLinesWriter | None = None

    def __call__(self, url: str, reason: str, status: int | None, request=None) -> None:
        if self.signals is not None and request is not None:
            self.signals.send_catch_log(page_done, request=request)
        self.stats.inc_value("branchnews/errors")
        self.stats.inc_value(f"branchnews/errors/{reason_class(reason)}")
        try:
            if self._writer is None:
                self._writer = JsonLinesWriter(self.path)
            self._writer.write_obj({"url": url, "reason": reason, "status": status, "at": utcnow()})
        except OSError as exc:  # the disk that refused a record refuses its report too: the log
            self.stats.inc_value("branchnews/errors_not_written")
            cause = getattr(exc, "cause", exc)
            logger.error("%s: %s (not in %s: %s)", url, reason, self.path.name,
                         cause.strerror or cause)
            return
        logger.warning("%s: %s", url, reason)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()


@dataclass
class RunContext:
    """What the components of one crawl share (see the module docstring)."""

    profile: Any
    out_dir: Path  # the dataset root; the site's folder is ``site_dir``
    script: str
    state: StateStore
    report_error: ErrorReport
    normalizer: Normalizer
    run_day: str
    file_tag: str = ""  # "w-<host>-<pid>" for a worker of a distributed crawl
    job: str | None = None  # Scrapyd's job id, when run there
    shared_run: Any = None  # crawler.distributed.Run, set when the shared scheduler opens

    @property
    def site_dir(self) -> Path:
        return self.out_dir / self.profile.name

    def file_name(self, kind: str = "") -> str:
        return file_name(self.run_day, self.file_tag, kind)

    @classmethod
    def open(cls, crawler, profile: Any, *, script: str | None = None,
             job: str | None = None) -> "RunContext":
        """Build the crawl's context from its settings and keep it on the crawler; closed at
        ``spider_closed``, after the pipelines have closed."""
        from scrapy import signals

        settings = crawler.settings
        script = script or settings.get("BRANCHNEWS_SCRIPT") or "simplified"
        out_dir = Path(settings.get("BRANCHNEWS_OUTPUT_DIR") or "output")
        shared = bool(settings.get("BRANCHNEWS_REDIS_URL"))
        run_day = datetime.now(timezone.utc).strftime("%Y-%m-%d")
        file_tag = f"w-{worker_id()}" if shared else ""
        # Workers of a distributed crawl each index the shared files themselves, in memory.
        state = StateStore(out_dir / profile.name, in_memory=shared)
        errors = ErrorReport(out_dir / profile.name / file_name(run_day, file_tag, "errors"),
                             crawler.stats, crawler.signals)
        run = cls(profile=profile, out_dir=out_dir, script=script, state=state,
                  report_error=errors, normalizer=Normalizer(target=script), run_day=run_day,
                  file_tag=file_tag, job=job)
        crawler.branchnews_run = run
        crawler.signals.connect(run.close, signal=signals.spider_closed, weak=False)
        return run

    def close(self, *args, **kwargs) -> None:
        self.report_error.close()
        self.state.close()


def scheduler_of(crawler):
    """The crawl's scheduler, or None before the engine runs (Scrapy 2.19 raises on
    ``crawler.engine`` until then)."""
    try:
        engine = crawler.engine
    except RuntimeError:
        return None
    return engine.scheduler if engine is not None else None


def plan_run(crawler, profile: Any, *, script: str | None = None,
             job: str | None = None) -> None:
    """The spider's choice of site, made when it is created; the context itself is built on
    first use, once the crawl's settings are final (add-ons applied) and its stats exist."""
    crawler.branchnews_plan = (profile, script, job)


def run_of(crawler) -> RunContext:
    """The context of this crawl, built on first call; :class:`NotConfigured` when the crawl is
    not branchnews's (another spider): a branchnews component then switches itself off."""
    run = getattr(crawler, "branchnews_run", None)
    if run is None:
        plan = getattr(crawler, "branchnews_plan", None)
        if plan is None:
            raise NotConfigured("not a branchnews crawl (no run context)")
        profile, script, job = plan
        run = RunContext.open(crawler, profile, script=script, job=job)
    return run
