"""Thin Scrapy item pipelines over the pure record, output and manifest modules.

Each takes plain values (paths, the state index, the stats, the error report) and is built
``from_crawler`` from the crawl's :class:`~branchnews.pipelines.run.RunContext`; in a crawl that
is not branchnews's it switches itself off (``NotConfigured``).
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timezone
from pathlib import Path

from scrapy.exceptions import DropItem, NotConfigured

from branchnews.pipelines.log_marks import DETAIL
from branchnews.pipelines.run import run_of
from branchnews.pipelines.dataset import dataset_files
from branchnews.pipelines.manifest import CARD_FILE, MANIFEST_FILE, tidy_folder, write_manifest

from branchnews.pipelines.output import JsonLinesWriter, LineNotWritten, repair_tail
from branchnews.pipelines.files import record_files
from branchnews.pipelines.record_schema import problems
from branchnews.pipelines.summary import COVERAGE

logger = logging.getLogger(__name__)


class ValidatePipeline:
    """Every record that leaves the crawl matches the published JSON Schema, or is dropped loudly."""

    def __init__(self, stats, report_error):
        self.stats = stats
        self.report_error = report_error  # (url, reason, status) -> None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, run_of(crawler).report_error)

    def process_item(self, item):
        found = problems(item)
        if found:
            self.stats.inc_value("branchnews/dropped/invalid")
            self.report_error(item.get("url", "?"), "invalid record: " + "; ".join(found[:3]), None)
            raise DropItem(f"{item.get('url')}: invalid record: {'; '.join(found[:3])}")
        return item


ABANDONED_AFTER_SECONDS = 120


def _repair_abandoned(own: Path) -> None:
    """Cut the partial last line a killed worker left in its own file (a file nobody has
    written for a while); the file being written now is repaired when it is opened."""
    now = time.time()
    for file in record_files(own.parent):
        if file != own and now - file.stat().st_mtime > ABANDONED_AFTER_SECONDS:
            repair_tail(file)


def _tidy(folder: Path) -> None:
    """What a manifest write killed midway left (temp files, a card behind its manifest),
    undone before this crawl writes; a failure here is logged, it does not stop the crawl."""
    try:
        for path in tidy_folder(folder):
            logger.info("%s: %s", path, "rendered again from manifest.json (it was not that "
                        "manifest's card)" if path.exists() else "removed (left by an "
                        "interrupted manifest write)")
    except OSError as exc:
        logger.warning("%s: could not tidy after an interrupted manifest write: %s", folder,
                       exc.strerror or exc)


COVERAGE_FIELDS = COVERAGE  # the run summary reports the same fields as the manifest
STATE_COMMIT_EVERY = 50
WRITE_FAILED = "write_failed"  # the finish reason of a crawl stopped by a disk that stays full


class JsonLinesPipeline:
    """Writes ``<out>/<site>/<YYYY-MM-DD>.jsonl`` and keeps the site's state index in step.

    An id the dataset already has with the same content is not written again (``unchanged``);
    with different content it is written again as the next ``version`` (``updated``). Each line
    is written whole (or not at all) before the index learns of it, so a crash or a full disk
    can lose an index entry (the index is brought up to date from the files on the next start)
    but never a written record, and never index one that is not on disk.

    A record that cannot be written is reported (errors file, or the log) and dropped; after
    ``stop_after`` failures in a row (the disk stays full) the crawl is stopped with the finish
    reason ``write_failed``, so it stops fetching pages it cannot keep. The records not written
    are not in the index: the next run fetches exactly those.
    """

    def __init__(self, path: Path, state, stats, *, shared: bool = False,
                 report_error=lambda url, reason, status: None, stop=lambda reason: None,
                 stop_after: int = 3):
        self.path = Path(path)
        self.state = state  # pipelines.state.StateStore of the site
        self.stats = stats
        self.shared = shared  # other workers of a distributed crawl write beside us
        self.report_error = report_error  # (url, reason, status) -> None
        self.stop = stop  # (finish reason) -> None: close the crawl
        self.stop_after = stop_after
        self.failures_in_a_row = 0
        self.stopping = False
        self.writer: JsonLinesWriter | None = None
        self.pending = 0

    @classmethod
    def from_crawler(cls, crawler):
        run = run_of(crawler)

        def stop(reason: str) -> None:
            from scrapy.utils.defer import deferred_from_coro

            deferred_from_coro(crawler.engine.close_spider_async(reason=reason))

        return cls(run.site_dir / run.file_name(), run.state, crawler.stats,
                   shared=bool(run.file_tag), report_error=run.report_error, stop=stop,
                   stop_after=crawler.settings.getint("BRANCHNEWS_STOP_AFTER_WRITE_FAILURES", 3))

    def open_spider(self):
        _repair_abandoned(self.path)
        _tidy(self.path.parent)
        if self.path.exists():  # else opened with the first record: no empty day file
            self.writer = JsonLinesWriter(self.path)
        logger.info("Writing records to %s (%d articles already in the dataset)", self.path,
                    len(self.state))

    def process_item(self, item):
        stats = self.stats
        stats.inc_value("branchnews/articles")
        for field in COVERAGE_FIELDS:
            if item.get(field):
                stats.inc_value(f"branchnews/coverage/{field}")
        known = self.state.get(item["id"])
        if known is None and self.shared:
            # Other workers write beside us: read their new lines before deciding (a request
            # requeued from a dead worker may already have its record in that worker's file).
            self.state.sync()
            known = self.state.get(item["id"])
        if known is not None and known.content_hash == item["content_hash"]:
            stats.inc_value("branchnews/unchanged")
            return item
        if known is not None:
            item["version"] = known.version + 1
            item["updated_at"] = item.get("fetched_at") or datetime.now(timezone.utc).strftime(
                "%Y-%m-%dT%H:%M:%SZ")
        try:
            if self.writer is None:
                try:
                    self.writer = JsonLinesWriter(self.path)
                except OSError as exc:
                    raise LineNotWritten(self.path, exc) from exc
            end = self.writer.write_record(item)
        except LineNotWritten as exc:
            self._not_written(item, exc)
            raise DropItem(f"{item['url']}: {exc}", log_level="DEBUG") from None
        self.failures_in_a_row = 0
        stats.inc_value("branchnews/updated" if known is not None else "branchnews/new")
        stats.inc_value("branchnews/records")
        self.state.written(item, self.writer.path, end)
        self.pending += 1
        if self.pending >= STATE_COMMIT_EVERY:
            self.state.commit()
            self.pending = 0
        return item

    def _not_written(self, item, exc: LineNotWritten) -> None:
        self.stats.inc_value("branchnews/write_failures")
        self.report_error(item["url"], f"record not written: {exc.cause.strerror or exc.cause}",
                          item.get("status"))
        self.failures_in_a_row += 1
        if self.failures_in_a_row >= self.stop_after and not self.stopping:
            self.stopping = True
            logger.error("%s: %d records in a row could not be written (%s); stopping the crawl",
                         self.path, self.failures_in_a_row, exc.cause.strerror or exc.cause)
            self.stop(WRITE_FAILED)

    def close_spider(self):
        if self.writer:
            self.writer.close()
        self.state.commit()


class ManifestPipeline:
    """At the end of a crawl, rewrite the crawled site folder's ``manifest.json`` and ``README.md``.

    Enable with ``ITEM_PIPELINES["branchnews.pipelines.scrapy_pipelines.ManifestPipeline"] = 800``:
    a number *below* the JSON Lines pipeline's 900, because Scrapy closes pipelines in reverse
    order, so the records file is closed before this one counts and hashes it.
    ``BRANCHNEWS_MANIFEST = False`` turns it off. It has no ``process_item``: items pass untouched.
    """

    def __init__(self, folder: Path, start_urls: tuple[str, ...] = ()):
        self.folder = Path(folder)
        self.start_urls = tuple(start_urls)

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("BRANCHNEWS_MANIFEST", True):
            raise NotConfigured("BRANCHNEWS_MANIFEST is off")
        run = run_of(crawler)
        return cls(run.site_dir, run.profile.start_urls)

    def close_spider(self):
        folder, site = self.folder, self.folder.name
        try:
            if not folder.is_dir() or not _has_records(folder):
                return
            manifest = write_manifest(folder, sources={site: {"start_urls": list(self.start_urls)}})
        except OSError as exc:  # a full disk: the records are safe, the next run writes it
            logger.error("could not write %s: %s", folder / MANIFEST_FILE, exc.strerror or exc)
            return
        except Exception:  # a manifest problem must not fail the crawl that wrote the records
            logger.exception("could not write %s", folder / MANIFEST_FILE)
            return
        logger.info("Wrote %s and %s: %d records, %d files", folder / MANIFEST_FILE, CARD_FILE,
                    manifest["records"], len(manifest["files"]), extra=DETAIL)


def _has_records(folder: Path) -> bool:
    try:
        return bool(dataset_files(folder))
    except ValueError:
        return False
