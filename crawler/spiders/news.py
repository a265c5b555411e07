"""The one spider: walk a profile's list pages to its articles and hand bytes to the parser.

It only decides what to fetch. Everything about reading a page is in ``branchnews.crawler.pages`` (pure),
so ``branchnews extract`` on a saved page gives the same record as a crawl.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import scrapy
from scrapy.http import Response

from scrapy.exceptions import DownloadCancelledError, ResponseDataLossError

from branchnews.crawler.distributed import SharedScheduler, redis_settings, request_urls, worker_id
from branchnews.crawler.pages.article import ExtractionError, Page
from branchnews.crawler.pages.challenge import challenge_reason
from branchnews.crawler.pages.headers import header_dict
from branchnews.crawler.profiles import load_profile
from branchnews.crawler.walk import SiteWalk
from branchnews.pipelines.normalize import Normalizer
from branchnews.pipelines.output import JsonLinesWriter
from branchnews.pipelines.state import StateStore


def _page(response: Response) -> Page:
    return Page(response.url, response.body, header_dict(response.headers), response.status,
                _utcnow())


def reason_class(reason: str) -> str:
    """``HTTP 404`` → ``http_404``; ``extraction failed: …`` → ``extraction_failed``."""
    head = reason.split(":", 1)[0].strip().lower()
    return re.sub(r"[^a-z0-9]+", "_", head).strip("_")[:40] or "other"


def _utcnow() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, site: str | None = None, start_url: str | None = None,
                 script: str | None = None, refresh: str | bool = False, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = load_profile(site)
        if start_url:
            urls = [u for u in re.split(r"[\s,]+", start_url) if u]
            self.profile = self.profile.with_start_urls(urls)
        self.allowed_domains = list(self.profile.allowed_domains)
        self.script = script
        # --refresh: fetch known articles again; changed ones become new versions.
        self.refresh = str(refresh).lower() in ("1", "true", "yes", "on")
        self.run_day = datetime.now(timezone.utc).strftime("%Y-%m-%d")
        self._errors: JsonLinesWriter | None = None
        self.file_tag = ""  # set for a worker of a distributed crawl

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Per-site politeness from the profile; the command line (-s) still wins.
        for name, value in spider.profile.settings.items():
            crawler.settings.set(name, value, priority="spider")
        spider.script = spider.script or crawler.settings.get("BRANCHNEWS_SCRIPT", "simplified")
        spider.normalizer = Normalizer(target=spider.script)
        spider.walk = SiteWalk(spider.profile, spider.script, spider.refresh, spider.normalizer)
        spider.out_dir = Path(crawler.settings.get("BRANCHNEWS_OUTPUT_DIR", "output"))
        redis_url = crawler.settings.get("BRANCHNEWS_REDIS_URL")
        if redis_url:  # one of many workers on a shared Redis frontier
            for name, value in redis_settings(redis_url).items():
                crawler.settings.set(name, value, priority="cmdline")
            extensions = crawler.settings.getdict("EXTENSIONS")
            extensions["branchnews.crawler.distributed.Coordinator"] = 510
            crawler.settings.set("EXTENSIONS", extensions, priority="cmdline")
            spider.file_tag = f"w-{worker_id()}"
        spider.state = StateStore(spider.out_dir / spider.profile.name, in_memory=bool(redis_url))
        crawler.signals.connect(spider._closed, signal=scrapy.signals.spider_closed)
        crawler.signals.connect(spider._dropped, signal=scrapy.signals.request_dropped)
        crawler.signals.connect(spider._spider_error, signal=scrapy.signals.spider_error)
        crawler.signals.connect(spider._item_error, signal=scrapy.signals.item_error)
        return spider

    def file_name(self, kind: str = "") -> str:
        """``2026-11-28.jsonl``, ``2026-11-28.errors.jsonl``; workers tag theirs with their id."""
        parts = [self.run_day, self.file_tag, kind, "jsonl"]
        return ".".join(p for p in parts if p)

    async def start(self):
        run = getattr(self, "shared_run", None)
        if run is not None and not run.created:
            return  # joined a running distributed crawl: its creator scheduled the start URLs
        for url in self.profile.start_urls:
            yield scrapy.Request(url, callback=self.parse_list, errback=self.on_error)

    # -- list pages --------------------------------------------------------------------------
    def parse_list(self, response: Response):
        page = _page(response)
        if not self._readable(response, page):
            return
        found = self.walk.links(page)
        self.crawler.stats.inc_value("branchnews/list_pages")
        for url in found.articles:
            if not self.walk.to_fetch(url, self.state.knows_link):
                self.crawler.stats.set_value("branchnews/skipped_known", len(self.walk.skipped))
                continue
            yield scrapy.Request(url, callback=self.parse_article, errback=self.on_error,
                                 cb_kwargs={"list_date": found.dates.get(url)})
        for url in found.lists:
            yield scrapy.Request(url, callback=self.parse_list, errback=self.on_error)
        self._ack(response.request)

    # -- article pages -----------------------------------------------------------------------
    def parse_article(self, response: Response, pages: tuple[Page, ...] = (),
                      list_date: str | None = None, link: str | None = None):
        page = _page(response)
        if not self._readable(response, page, pages):
            return
        if not pages:  # the list's link, when it redirected here (learnt with the record)
            link = (response.request.meta.get("redirect_urls") or [None])[0]
        pages = (*pages, page)
        if following := self.walk.next_page(pages):
            yield response.follow(following, callback=self.parse_article,
                                  cb_kwargs={"pages": pages, "list_date": list_date, "link": link},
                                  errback=self.on_error,
                                  dont_filter=False)
            return
        try:
            record = self.walk.record(pages, list_date)
        except ExtractionError as exc:  # anything else is a bug: a spider error, with traceback
            self.report_error(pages[0].url, f"extraction failed: {exc}", response.status)
            return
        if alias := self.walk.alias(link, record):
            # A re-run then skips the link as it skips the article (the alias counts only while
            # the record is in the dataset: a crash before the write means one more fetch).
            self.state.alias(alias, record["id"])
        yield record

    # -- failures ----------------------------------------------------------------------------
    def _readable(self, response: Response, page: Page, pages: tuple[Page, ...] = ()) -> bool:
        """A page the walk would parse (HTML, not a WAF challenge) that Scrapy also took for
        text; anything else is reported, not parsed."""
        first = pages[0].url if pages else response.url
        if isinstance(response, scrapy.http.TextResponse):
            why = self.walk.unreadable(page)
        else:
            why = "not an HTML page"
        if why:
            self.report_error(first, why, response.status, response.request)
            return False
        return True

    def on_error(self, failure):
        request = failure.request
        response = getattr(failure.value, "response", None)
        status = response.status if response is not None else None
        reason = failure.value.__class__.__name__
        waf = challenge_reason(response.text) if isinstance(response, scrapy.http.TextResponse) else None
        if waf:  # 加速乐 answers 521, 瑞数 412: the body says what it is
            reason = f"WAF challenge page ({waf})"
        elif status:
            reason = f"HTTP {status}"
        elif failure.check(DownloadCancelledError) and not str(failure.value):
            limit = request.meta.get("download_maxsize", self.settings.getint("DOWNLOAD_MAXSIZE"))
            reason = f"{reason}: body larger than download max size ({limit})"
        elif failure.check(ResponseDataLossError) and not str(failure.value):
            reason = f"{reason}: truncated response (data loss)"
        elif str(failure.value):
            reason = f"{reason}: {failure.value}"
        pages = request.cb_kwargs.get("pages", ())
        self.report_error(pages[0].url if pages else request.url, reason, status, request)

    def _dropped(self, request, spider):
        """The duplicate filter drops the second visit of a redirect loop: report the loop."""
        chain = request.meta.get("redirect_urls") or []
        if request.url in chain:
            codes = [c for c in request.meta.get("redirect_reasons", []) if isinstance(c, int)]
            self.report_error(chain[0], "redirect loop: " + " -> ".join([*chain, request.url]),
                              codes[-1] if codes else None, request)

    def _spider_error(self, failure, response, spider):
        """A bug met on one page is that page's failure; the crawl goes on."""
        self.report_error(response.url, f"spider error: {failure.getErrorMessage()}",
                          response.status, response.request)

    def _item_error(self, item, response, spider, failure):
        """A record the output stage could not take is a failure of its page, not a silent loss."""
        request = response.request if response is not None else None
        self.report_error(item.get("url", response.url if response is not None else "?"),
                          f"output failed: {failure.getErrorMessage()}",
                          response.status if response is not None else None, request)

    def _ack(self, request) -> None:
        """Tell a shared frontier this request's work is done (no-op on one machine)."""
        scheduler = self.crawler.engine.scheduler if self.crawler.engine else None
        if request is not None and isinstance(scheduler, SharedScheduler):
            scheduler.finished(*request_urls(request))

    def report_error(self, url: str, reason: str, status: int | None, request=None) -> None:
        """Every failure goes to the log, the stats and ``<site>/<day>.errors.jsonl``."""
        self._ack(request)
        self.logger.warning("%s: %s", url, reason)
        self.crawler.stats.inc_value("branchnews/errors")
        self.crawler.stats.inc_value(f"branchnews/errors/{reason_class(reason)}")
        if self._errors is None:
            path = self.out_dir / self.profile.name / self.file_name("errors")
            self._errors = JsonLinesWriter(path)
        self._errors.write_obj({"url": url, "reason": reason, "status": status, "at": _utcnow()})

    def _closed(self, spider, reason):
        if self._errors is not None:
            self._errors.close()
        self.state.close()
