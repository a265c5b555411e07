"""``scrapy crawl news -a site=…``: a profile that cannot be read is a usage error of one line
naming the file and the reason, as ``branchnews crawl`` reports it, and exit status 2. Without
this check the spider's constructor raises inside the reactor, which prints a traceback."""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from branchnews.crawler.profiles import ProfileError
from branchnews.crawler.spiders.news import NewsSpider


class Command(ScrapyCrawl):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args[:1] == [NewsSpider.name]:
            try:
                NewsSpider.profile_from(**{k: v for k, v in opts.spargs.items() if k in NewsSpider.PROFILE_ARGS})
            except ProfileError as exc:
                raise UsageError(str(exc), print_help=False) from exc
        super().run(args, opts)
