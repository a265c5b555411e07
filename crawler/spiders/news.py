"""The one spider: walk a profile's list pages to its articles and hand bytes to the parser.

It only decides what to fetch. Everything about reading a page is in ``branchnews.crawler.pages`` (pure),
so ``branchnews extract`` on a saved page gives the same record as a crawl.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

import scrapy
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.http import Response

from scrapy.exceptions import DownloadCancelledError, ResponseDataLossError

from branchnews.crawler.middlewares import RedirectRefused, redirect_chain
from branchnews.crawler.pages.article import ExtractionError, Page
from branchnews.crawler.pages.challenge import challenge_reason
from branchnews.crawler.pages.headers import header_dict
from branchnews.crawler.profiles import SiteProfile, load_profile, url_profile
from branchnews.pipelines.run import RunContext, page_done, plan_run, run_of, utcnow
from branchnews.crawler.walk import SiteWalk


START = "branchnews_start"  # request meta: a profile's start URL (kept across redirects and retries)


def _page(response: Response) -> Page:
    return Page(response.url, response.body, header_dict(response.headers), response.status,
                utcnow())


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, site: str | None = None, start_url: str | None = None,
                 script: str | None = None, refresh: str | bool = False, urls: str | None = None,
                 dataset: str | None = None, within: str | None = None, *args, **kwargs):
        """``site``: a profile name or path; or ``urls`` (comma or space separated): a crawl
        from addresses alone into the ``dataset`` name, kept ``within`` a path prefix."""
        super().__init__(*args, **kwargs)
        self.profile = self.profile_from(site, start_url, urls, dataset, within)
        self.allowed_domains = list(self.profile.allowed_domains)
        self.script = script
        # --refresh: fetch known articles again; changed ones become new versions.
        self.refresh = str(refresh).lower() in ("1", "true", "yes", "on")

    # The spider arguments that choose the profile (``scrapy crawl news -a site=…`` checks them
    # before the crawl starts: see branchnews.crawler.commands.crawl).
    PROFILE_ARGS = ("site", "start_url", "urls", "dataset", "within")

    @staticmethod
    def profile_from(site: str | None = None, start_url: str | None = None, urls: str | None = None,
                     dataset: str | None = None, within: str | None = None) -> SiteProfile:
        """The crawl's profile; :class:`ProfileError` when the arguments name none that can be read."""
        if urls:
            profile = url_profile([u for u in re.split(r"[\s,]+", urls) if u], dataset, within)
        else:
            profile = load_profile(site)
        if start_url:
            profile = profile.with_start_urls([u for u in re.split(r"[\s,]+", start_url) if u])
        return profile

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Per-site politeness from the profile; the command line (-s) still wins.
        for name, value in spider.profile.settings.items():
            crawler.settings.set(name, value, priority="spider")
        plan_run(crawler, spider.profile, script=spider.script, job=getattr(spider, "_job", None))
        crawler.signals.connect(spider._dropped, signal=scrapy.signals.request_dropped)
        crawler.signals.connect(spider._scheduled, signal=scrapy.signals.request_scheduled)
        crawler.signals.connect(spider._spider_error, signal=scrapy.signals.spider_error)
        crawler.signals.connect(spider._item_error, signal=scrapy.signals.item_error)
        return spider

    @functools.cached_property
    def run(self) -> RunContext:
        return run_of(self.crawler)

    @functools.cached_property
    def walk(self) -> SiteWalk:
        return SiteWalk(self.profile, self.run.script, self.refresh, self.run.normalizer)

    def report_error(self, url: str, reason: str, status: int | None, request=None, *,
                     article: bool | None = None) -> None:
        """Report a page's failure; an article's (its request was for ``parse_article``, or
        ``article``) also counts in ``branchnews/articles_failed`` for the progress totals."""
        if article is None:
            article = request is not None and request.callback == self.parse_article
        if article:
            self.crawler.stats.inc_value("branchnews/articles_failed")
        self.run.report_error(url, reason, status, request)
        if request is not None and request.meta.get(START):
            # A crawl whose every start URL failed found nothing to do: it must not look done.
            stats = self.crawler.stats
            stats.inc_value("branchnews/start_urls_failed")
            if stats.get_value("branchnews/start_url_failure") is None:
                stats.set_value("branchnews/start_url_failure", f"{url}: {reason}")

    async def start(self):
        shared = self.run.shared_run
        if shared is not None and not shared.created:
            return  # joined a running distributed crawl: its creator scheduled the start URLs
        for request in self.seeds():
            yield request

    def seeds(self) -> list[scrapy.Request]:
        """The requests a crawl starts from (also a distributed run's, started again after
        Redis came back without it)."""
        return [scrapy.Request(url, callback=self.parse_list, errback=self.on_error,
                               meta={START: True})
                for url in self.profile.start_urls]

    # -- list pages --------------------------------------------------------------------------
    def parse_list(self, response: Response, depth: int = 0, candidate: str | None = None,
                   list_date: str | None = None):
        """A list, home or hub page (``depth``: exploration hops from a start page), or a
        ``candidate``: a listing row of a page that is not plainly a list, which may be an
        article (see :class:`~branchnews.crawler.walk.Leads`)."""
        page = _page(response)
        if not self._readable(response, page):
            return
        found = self.walk.links(page, depth)
        if candidate and found.reads_as_article:
            if self.walk.take_candidate(candidate, self.run.state.knows_link):
                self.crawler.stats.set_value("branchnews/articles_queued", len(self.walk.requested))
                yield from self.parse_article(response, list_date=list_date)
            else:
                self.crawler.signals.send_catch_log(page_done, request=response.request)
            return
        self.crawler.stats.inc_value("branchnews/list_pages")
        self.walk.read_as_list(found)
        self.crawler.stats.set_value("branchnews/not_followed", self.walk.not_followed.commonest())
        if response.request.meta.get(START):
            self.crawler.stats.inc_value("branchnews/start_urls_read")
        for url in found.articles:
            if not self.walk.to_fetch(url, self.run.state.knows_link):
                self.crawler.stats.set_value("branchnews/skipped_known", len(self.walk.skipped))
                continue
            yield scrapy.Request(url, callback=self.parse_article, errback=self.on_error,
                                 cb_kwargs={"list_date": found.dates.get(url)},
                                 dont_filter=self.walk.refetch(url))
        self.crawler.stats.set_value("branchnews/articles_queued", len(self.walk.requested))
        for url in found.lists:
            yield scrapy.Request(url, callback=self.parse_list, errback=self.on_error,
                                 cb_kwargs={"depth": depth})
        for url in found.candidates:
            yield scrapy.Request(url, callback=self.parse_list, errback=self.on_error,
                                 cb_kwargs={"depth": depth + 1, "candidate": url,
                                            "list_date": found.dates.get(url)})
        for url in found.explore:
            yield scrapy.Request(url, callback=self.parse_list, errback=self.on_error,
                                 cb_kwargs={"depth": depth + 1})
        self.crawler.signals.send_catch_log(page_done, request=response.request)

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
            self.report_error(pages[0].url, f"extraction failed: {exc}", response.status,
                              article=True)
            return
        if alias := self.walk.alias(link, record):
            # A re-run then skips the link as it skips the article (the alias counts only while
            # the record is in the dataset: a crash before the write means one more fetch).
            self.run.state.alias(alias, record["id"])
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
        elif failure.check(RedirectRefused):
            reason, status = str(failure.value), failure.value.status
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

    @functools.cached_property
    def _offsite(self) -> OffsiteMiddleware | None:
        return self.crawler.get_downloader_middleware(OffsiteMiddleware)

    def _scheduled(self, request, spider):
        """Scrapy's OffsiteMiddleware drops a redirect to a host outside ``allowed_domains``
        when it is scheduled, with no errback and no ``request_dropped``: the page the list
        linked to would vanish. Its own test (``should_follow``) decides, so exactly the
        redirects it drops are reported, with where they went."""
        chain = request.meta.get("redirect_urls")
        offsite = self._offsite
        if (not chain or offsite is None or request.dont_filter
                or request.meta.get("allow_offsite") or offsite.should_follow(request, self)):
            return
        codes = [c for c in request.meta.get("redirect_reasons", []) if isinstance(c, int)]
        host = urlsplit(request.url).hostname or request.url
        pages = request.cb_kwargs.get("pages", ())
        self.report_error(pages[0].url if pages else chain[0],
                          f"off-site redirect: {redirect_chain(request)} ({host} is not in "
                          f"allowed_domains: {', '.join(self.allowed_domains)})",
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
