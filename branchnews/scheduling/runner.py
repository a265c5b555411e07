"""The scheduler loop: fire jobs at their cron times, one crawl process per job run (a job of
several sites runs them as one fleet crawl), one run per job.

Single-threaded on purpose: every quarter of a second (or at the next fire time, if sooner) the
loop reaps finished crawls, fires the jobs that are due and, when
stopping, walks running crawls through grace → SIGTERM → SIGKILL. Signal handlers only count
signals. See ``branchnews.scheduling`` for the policies.
"""

from __future__ import annotations

import json
import logging
import os
import shlex
import signal
import subprocess
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from branchnews.scheduling.config import Job, Site, zone_name
from branchnews.scheduling.locks import Lock, describe_holder, lock_path

log = logging.getLogger("branchnews.schedule")

EXIT_OK, EXIT_FAILED, EXIT_SKIPPED = 0, 1, 75  # 75: EX_TEMPFAIL, as flock -E would say it
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _names(sites) -> str:
    return ", ".join(site.name for site in sites)


def fleet_statuses(output: Path, since: datetime) -> dict[str, int]:
    """Each site's exit status from the newest fleet summary written since ``since``
    (``branchnews.fleet``: ``<output>/fleet-runs/<start>.json``); empty when there is none."""
    folder = output / "fleet-runs"
    newest = sorted(folder.glob("*.json")) if folder.is_dir() else []
    for path in reversed(newest):
        try:
            if path.stat().st_mtime < since.timestamp():
                break
            summary = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        return {entry["site"]: entry["exit_status"] for entry in summary.get("by_site", [])}
    return {}


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="milliseconds") if moment else None


@dataclass
class Crawl:
    sites: tuple[Site, ...]
    locks: list[Lock]
    proc: subprocess.Popen
    started: datetime
    started_mono: float
    log_file: Path
    terminated_at: float | None = None
    signals_at_termination: int = 0
    killed: bool = False
    stopped: str | None = None


@dataclass
class JobRun:
    job: Job
    scheduled: datetime
    lock: Lock
    pending: deque = field(default_factory=deque)
    crawl: Crawl | None = None


class Scheduler:
    """Runs ``jobs``; ``max_runs`` stops after that many crawls, ``grace`` is the shutdown wait."""

    def __init__(self, jobs: list[Job], *, max_runs: int | None = None, grace: float = 30.0,
                 kill_after: float = 30.0, tick: float = 0.25, python: str | None = None):
        self.jobs = list(jobs)
        self.max_runs = max_runs
        self.grace = grace
        self.kill_after = kill_after
        self.tick = tick
        self.python = python
        self.runs: dict[str, JobRun] = {}
        self.next_fire: dict[str, datetime] = {}
        self.started = 0
        self.failed = 0
        self.skipped = 0
        self.signals = 0
        self._stop_mono: float | None = None

    # --- the loop ----------------------------------------------------------------------------

    def run(self, once: Job | None = None, install_signals: bool = True) -> int:
        """Run until stopped (or, with ``once``, run that job now and return when it is done)."""
        previous = self._install_signals() if install_signals else {}
        try:
            if once is not None:
                self._fire(once, datetime.now(once.timezone))
            else:
                for job in self.jobs:
                    self.next_fire[job.name] = job.cron.next_after(datetime.now(job.timezone))
                    log.info("%s: next run at %s (cron %r, %s)", job.name,
                             iso(self.next_fire[job.name]), job.cron.expression,
                             zone_name(job.timezone))
            while True:
                self._reap()
                if self.signals:
                    self._shutdown_step()
                if not self.runs and (once is not None or self.signals or self._max_reached()):
                    break
                if once is None and not self.signals and not self._max_reached():
                    self._fire_due()
                self._sleep(once is None)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        if self.signals:
            log.info("stopped")
        if once is None and self.max_runs is None:
            return EXIT_OK
        if self.failed:
            return EXIT_FAILED
        return EXIT_SKIPPED if once is not None and self.skipped else EXIT_OK

    def _install_signals(self) -> dict:
        previous = {}
        for signum in STOP_SIGNALS:
            previous[signum] = signal.signal(signum, self._on_signal)
        return previous

    def _on_signal(self, signum, frame) -> None:  # only counts: the loop does the work
        self.signals += 1

    def _max_reached(self) -> bool:
        return self.max_runs is not None and self.started >= self.max_runs

    def _sleep(self, scheduling: bool) -> None:
        wait = self.tick
        if scheduling and self.next_fire and not self.signals and not self._max_reached():
            until = min(self.next_fire.values()) - datetime.now(timezone.utc)
            wait = min(wait, max(until.total_seconds(), 0.0))
        time.sleep(max(wait, 0.005))

    # --- firing ------------------------------------------------------------------------------

    def _fire_due(self) -> None:
        now = datetime.now(timezone.utc)
        for job in self.jobs:
            due = self.next_fire[job.name]
            if due > now:
                continue
            # Fire times missed meanwhile (suspend, clock set forward) coalesce into this one.
            self.next_fire[job.name] = job.cron.next_after(now.astimezone(job.timezone))
            late = (now - due).total_seconds()
            if late > 60:
                log.warning("%s: running %.0f s late (fire time %s missed: suspended, or the "
                            "clock changed)", job.name, late, iso(due))
            self._fire(job, due)
            if self._max_reached():
                break

    def _fire(self, job: Job, scheduled: datetime) -> None:
        current = self.runs.get(job.name)
        if current is not None:
            since = current.crawl.started if current.crawl else current.scheduled
            self._skip(job, job.sites, scheduled, f"previous run still running (since {iso(since)})")
            return
        lock = Lock(lock_path(job.lock_dir, "job", job.name))
        if not lock.acquire(job=job.name, since=iso(datetime.now(job.timezone))):
            self._skip(job, job.sites, scheduled, f"job locked by {describe_holder(lock)}")
            return
        run = JobRun(job=job, scheduled=scheduled, lock=lock, pending=deque(job.sites))
        self.runs[job.name] = run
        self._advance(run)

    def _advance(self, run: JobRun) -> None:
        """Start the crawl of the run's sites whose locks are free (one fleet crawl for several;
        a site another run holds is skipped and logged), or end the run when it is done (or we
        are stopping)."""
        job = run.job
        run.crawl = None
        if run.pending and not self.signals and not self._max_reached():
            sites, locks = [], []
            while run.pending:
                site = run.pending.popleft()
                site_lock = Lock(lock_path(job.lock_dir, "site", site.name))
                if not site_lock.acquire(job=job.name, site=site.name,
                                         since=iso(datetime.now(job.timezone))):
                    self._skip(job, [site], run.scheduled, f"site locked by {describe_holder(site_lock)}")
                    continue
                sites.append(site)
                locks.append(site_lock)
            if sites:
                try:
                    run.crawl = self._spawn(run, tuple(sites), locks)
                    return
                except OSError as exc:
                    for site_lock in locks:
                        site_lock.release()
                    log.error("%s/%s: cannot start the crawl: %s", job.name, _names(sites), exc)
                    self.failed += 1
                    for site in sites:
                        self._record(job, site, run.scheduled, skipped=f"could not start: {exc}")
        if run.pending:
            log.info("%s: not starting %s (%s)", job.name, ", ".join(s.name for s in run.pending),
                     "stopping" if self.signals else "--max-runs reached")
        run.lock.release()
        del self.runs[job.name]

    def _spawn(self, run: JobRun, sites: tuple[Site, ...], locks: list[Lock]) -> Crawl:
        job = run.job
        started = datetime.now(job.timezone)
        job.crawl_log_dir.mkdir(parents=True, exist_ok=True)
        stamp = started.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        label = sites[0].name if len(sites) == 1 else f"fleet-{len(sites)}"
        log_file = job.crawl_log_dir / f"{stamp}-{label}.log"
        command = job.crawl_command(sites, self.python)
        with open(log_file, "ab") as out:
            out.write(f"# {shlex.join(command)}\n".encode("utf-8"))
            out.flush()
            # Own session: a Ctrl-C in the terminal reaches the scheduler only, which decides.
            # pass_fds: the crawl inherits its locks, so they outlive a killed scheduler.
            proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out,
                                    stderr=subprocess.STDOUT, start_new_session=True,
                                    pass_fds=(run.lock.fd, *(lock.fd for lock in locks)))
        for site, site_lock in zip(sites, locks):
            site_lock.note(pid=os.getpid(), job=job.name, site=site.name, crawl_pid=proc.pid,
                           since=iso(started))
        run.lock.note(pid=os.getpid(), job=job.name, site=_names(sites), crawl_pid=proc.pid,
                      since=iso(started))
        self.started += 1
        log.info("%s/%s: started (pid %d), log %s", job.name, _names(sites), proc.pid, log_file)
        return Crawl(sites=sites, locks=locks, proc=proc, started=started,
                     started_mono=time.monotonic(), log_file=log_file)

    # --- finishing ---------------------------------------------------------------------------

    def _reap(self) -> None:
        for run in list(self.runs.values()):
            crawl = run.crawl
            if crawl is not None and crawl.proc.poll() is not None:
                self._finish(run, crawl)
                self._advance(run)

    def _finish(self, run: JobRun, crawl: Crawl) -> None:
        job, code = run.job, crawl.proc.returncode
        finished = datetime.now(job.timezone)
        duration = time.monotonic() - crawl.started_mono
        for site_lock in crawl.locks:
            site_lock.release()
        if code != 0:
            self.failed += 1
        how = f"exit code {code}" if code >= 0 else f"signal {signal.Signals(-code).name}"
        (log.info if code == 0 else log.warning)(
            "%s/%s: finished with %s in %.1f s%s", job.name, _names(crawl.sites), how, duration,
            f" ({crawl.stopped})" if crawl.stopped else "")
        # A fleet's own summary says how each site ended; the process's status is the whole's.
        statuses = fleet_statuses(job.output, crawl.started) if len(crawl.sites) > 1 else {}
        for site in crawl.sites:
            self._record(job, site, run.scheduled, started=crawl.started, finished=finished,
                         duration=duration, exit_code=statuses.get(site.name, code),
                         pid=crawl.proc.pid, stopped=crawl.stopped, log_file=crawl.log_file)
        self._prune_logs(job)

    def _skip(self, job: Job, sites, scheduled: datetime, reason: str) -> None:
        self.skipped += 1
        log.warning("%s: run due at %s skipped: %s", job.name, iso(scheduled), reason)
        for site in sites:
            self._record(job, site, scheduled, skipped=reason)

    def _record(self, job: Job, site: Site, scheduled: datetime, *, started=None, finished=None,
                duration=None, exit_code=None, pid=None, stopped=None, skipped=None,
                log_file: Path | None = None) -> None:
        entry = {
            "job": job.name, "site": site.name, "scheduled": iso(scheduled),
            "started": iso(started), "finished": iso(finished),
            "duration_s": round(duration, 3) if duration is not None else None,
            "exit_code": exit_code, "skipped": skipped, "stopped": stopped, "pid": pid,
            "log": os.path.relpath(log_file, job.output) if log_file else None,
        }
        try:  # a full disk must not stop the scheduler: the line still goes to stderr
            job.output.mkdir(parents=True, exist_ok=True)
            with open(job.log_path, "a", encoding="utf-8") as file:
                file.write(json.dumps(entry, ensure_ascii=False) + "\n")
        except OSError as exc:
            log.error("cannot write %s: %s; the entry was: %s", job.log_path, exc,
                      json.dumps(entry, ensure_ascii=False))

    def _prune_logs(self, job: Job) -> None:
        if not job.keep_logs:
            return
        logs = sorted(job.crawl_log_dir.glob("*.log"))
        for old in logs[:-job.keep_logs]:
            try:
                old.unlink()
            except OSError:
                pass

    # --- stopping ----------------------------------------------------------------------------

    def _shutdown_step(self) -> None:
        now = time.monotonic()
        if self._stop_mono is None:
            self._stop_mono = now
            if self.runs:
                log.info("stopping: no new runs; %d crawl(s) running get %.0f s to finish, then "
                         "SIGTERM (a second signal: now)", len(self.runs), self.grace)
            else:
                log.info("stopping")
        for run in self.runs.values():
            crawl = run.crawl
            if crawl is None:
                continue
            if crawl.terminated_at is None:
                if self.signals >= 2 or now - self._stop_mono >= self.grace:
                    self._signal(crawl, signal.SIGTERM)
                    crawl.terminated_at, crawl.signals_at_termination = now, self.signals
                    crawl.stopped = "terminated (SIGTERM) by scheduler shutdown"
            elif not crawl.killed and (self.signals > crawl.signals_at_termination
                                       or now - crawl.terminated_at >= self.kill_after):
                self._signal(crawl, signal.SIGKILL)
                crawl.killed = True
                crawl.stopped = "killed (SIGKILL) by scheduler shutdown"

    def _signal(self, crawl: Crawl, signum: signal.Signals) -> None:
        log.warning("%s: sending %s to crawl pid %d", _names(crawl.sites), signum.name, crawl.proc.pid)
        try:
            os.killpg(crawl.proc.pid, signum)  # its own process group (start_new_session)
        except ProcessLookupError:
            pass
