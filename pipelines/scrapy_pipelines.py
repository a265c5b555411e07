"""Thin Scrapy item pipelines over the pure record and output modules."""

from __future__ import annotations

import logging
import time
from datetime import datetime, timezone
from pathlib import Path

from scrapy.exceptions import DropItem

from branchnews.pipelines.output import JsonLinesWriter, repair_tail
from branchnews.pipelines.files import record_files
from branchnews.pipelines.record_schema import problems

logger = logging.getLogger(__name__)


class ValidatePipeline:
    """Every record that leaves the crawl matches the published JSON Schema, or is dropped loudly."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        found = problems(item)
        if found:
            self.crawler.stats.inc_value("branchnews/dropped/invalid")
            report = getattr(self.crawler.spider, "report_error", None)
            if report:
                report(item.get("url", "?"), "invalid record: " + "; ".join(found[:3]), None)
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


COVERAGE_FIELDS = ("published", "source", "author", "editor", "sections", "attachments", "images")
STATE_COMMIT_EVERY = 50


class JsonLinesPipeline:
    """Writes ``<out>/<site>/<YYYY-MM-DD>.jsonl`` and keeps the site's state index in step.

    An id the dataset already has with the same content is not written again (``unchanged``);
    with different content it is written again as the next ``version`` (``updated``). Each line
    is one flushed write before the index learns of it, so a crash can lose an index entry
    (rebuilt from the file on the next open) but never a written record.
    """

    def __init__(self, crawler, out_dir: str):
        self.crawler = crawler
        self.out_dir = out_dir
        self.writer: JsonLinesWriter | None = None
        self.pending = 0

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, crawler.settings.get("BRANCHNEWS_OUTPUT_DIR", "output"))

    def open_spider(self):
        spider = self.crawler.spider
        path = Path(self.out_dir) / spider.profile.name / spider.file_name()
        _repair_abandoned(path)
        self.writer = JsonLinesWriter(path)
        self.state = spider.state
        logger.info("Writing records to %s (%d articles already in the dataset)", path,
                    len(self.state))

    def process_item(self, item):
        stats = self.crawler.stats
        stats.inc_value("branchnews/articles")
        for field in COVERAGE_FIELDS:
            if item.get(field):
                stats.inc_value(f"branchnews/coverage/{field}")
        known = self.state.get(item["id"])
        if known is None and self.crawler.spider.file_tag:
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
            stats.inc_value("branchnews/updated")
        else:
            stats.inc_value("branchnews/new")
        end = self.writer.write_record(item)
        self.state.written(item, self.writer.path, end)
        stats.inc_value("branchnews/records")
        self.pending += 1
        if self.pending >= STATE_COMMIT_EVERY:
            self.state.commit()
            self.pending = 0
        return item

    def close_spider(self):
        if self.writer:
            self.writer.close()
        self.state.commit()
