"""The peer of ``bench/crawl_speed.py``: a bare Scrapy spider that fetches what branchnews fetches.

    python bench/bare_spider.py --proxy http://127.0.0.1:PORT --out DIR [--profile sample]

Same walk as the branchnews spider (``crawler/spiders/news.py``) and nothing else:

* list pages: the same link finder (``branchnews.crawler.pages.links.list_links`` with the profile's
  patterns, so the script-only TRS/Hanweb pagers are followed too, as they must be to reach
  every article);
* article pages: continuation pages (``123_2.html``) followed exactly as the branchnews spider
  does (``continuation_url``: a byte check, then the pager), so both crawls download the same pages;
* a trivial parse: the last page of an article yields ``{"url": response.url}`` into a JSON Lines
  feed. No extraction, no normalisation, no dataset, no state index, no run summary.

Settings: Scrapy's defaults plus branchnews's politeness knobs that change the work (robots.txt
obeyed, the same User-Agent, the same size caps, timeouts and retries) and whatever ``-s`` sets,
so the bench passes the same ``-s`` list to both crawlers. Every request, robots.txt included,
goes through the proxy (a downloader middleware, as branchnews does it). Prints one JSON line of
Scrapy stats (``elapsed_time_seconds``, ``downloader/response_count``, ``item_scraped_count``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import scrapy
from scrapy.crawler import CrawlerProcess

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from branchnews.crawler.pages.continuation import continuation_url  # noqa: E402
from branchnews.crawler.pages.links import list_links  # noqa: E402
from branchnews.crawler.profiles import load_profile  # noqa: E402
from branchnews.crawler import settings as branchnews_settings  # noqa: E402


class ProxyEverything:
    """Downloader middleware: ``meta['proxy']`` on every request (robots.txt included)."""

    def __init__(self, proxy: str):
        self.proxy = proxy

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("BARE_PROXY"))

    def process_request(self, request):
        if self.proxy:
            request.meta.setdefault("proxy", self.proxy)


def _headers(response) -> dict[str, str]:
    return {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, site: str = "sample", *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = load_profile(site)
        self.allowed_domains = list(self.profile.allowed_domains)

    async def start(self):
        for url in self.profile.start_urls:
            yield scrapy.Request(url, callback=self.parse_list)

    def parse_list(self, response):
        p = self.profile
        found = list_links(response.body, response.url, _headers(response), allowed_domains=p.allowed_domains,
                           article_patterns=p.article_patterns, list_patterns=p.list_patterns,
                           deny_patterns=p.deny_patterns)
        for url in found.articles:
            yield scrapy.Request(url, callback=self.parse_article)
        for url in found.lists:
            yield scrapy.Request(url, callback=self.parse_list)

    def parse_article(self, response, n: int = 1):
        following = continuation_url(response.body, response.url, response.text)
        if following:
            yield response.follow(following, callback=self.parse_article, cb_kwargs={"n": n + 1})
            return
        yield {"url": response.url}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--proxy", required=True)
    parser.add_argument("--out", required=True, help="folder for the items feed")
    parser.add_argument("--site", default="sample")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args(argv)

    settings = {name: getattr(branchnews_settings, name) for name in (
        "USER_AGENT", "ROBOTSTXT_OBEY", "DOWNLOAD_TIMEOUT", "DOWNLOAD_MAXSIZE", "DOWNLOAD_WARNSIZE",
        "RETRY_TIMES", "REDIRECT_MAX_TIMES", "TELNETCONSOLE_ENABLED", "FEED_EXPORT_ENCODING")}
    settings.update({
        "BARE_PROXY": args.proxy,
        "DOWNLOADER_MIDDLEWARES": {ProxyEverything: 740},
        "FEEDS": {str(Path(args.out) / "items.jsonl"): {"format": "jsonlines"}},
    })
    for value in args.set:
        name, _, setting = value.partition("=")
        settings[name] = setting
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, site=args.site)
    process.start()
    stats = crawler.stats.get_stats()
    print(json.dumps({k: stats.get(k) for k in ("elapsed_time_seconds", "downloader/response_count",
                                                  "item_scraped_count", "finish_reason")}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
