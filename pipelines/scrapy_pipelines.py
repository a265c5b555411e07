"""Thin Scrapy item pipelines over the pure record and output modules."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path

from scrapy.exceptions import DropItem

from pipelines.output import JsonLinesWriter, read_ids
from pipelines.records import problems

logger = logging.getLogger(__name__)


def dataset_path(out_dir: str | Path, site: str, day: str) -> Path:
    return Path(out_dir) / site / f"{day}.jsonl"


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


class JsonLinesPipeline:
    """Writes ``<out>/<site>/<YYYY-MM-DD>.jsonl``; an id already in that file is not written again."""

    def __init__(self, crawler, out_dir: str):
        self.crawler = crawler
        self.out_dir = out_dir
        self.writer: JsonLinesWriter | None = None
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, crawler.settings.get("BRANCHNEWS_OUTPUT_DIR", "output"))

    def open_spider(self):
        spider = self.crawler.spider
        day = getattr(spider, "run_day", None) or datetime.now(timezone.utc).strftime("%Y-%m-%d")
        path = dataset_path(self.out_dir, spider.profile.name, day)
        self.writer = JsonLinesWriter(path)
        self.seen = read_ids(path)
        logger.info("Writing records to %s (%d already there)", path, len(self.seen))

    def process_item(self, item):
        if item["id"] in self.seen:
            self.crawler.stats.inc_value("branchnews/duplicate")
            raise DropItem(f"{item['url']}: already in the dataset")
        self.writer.write_record(item)
        self.seen.add(item["id"])
        self.crawler.stats.inc_value("branchnews/records")
        return item

    def close_spider(self):
        if self.writer:
            self.writer.close()
