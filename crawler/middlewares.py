"""Downloader middlewares that carry site-profile knowledge into every request."""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured

from branchnews.pipelines.run import run_of


class ProfileProxyMiddleware:
    """Send a profile's requests through its proxy, robots.txt requests included.

    The bundled sample site answers as ``branch.example.org.cn`` through a local proxy, so
    URLs and ids are the site's real ones; Scrapy's robots.txt middleware builds its own
    requests, which is why this is a middleware and not a ``meta`` key set in the spider.
    ``BRANCHNEWS_PROXY`` overrides the profile's (the sample site served on another port); with
    neither, the middleware is off.
    """

    def __init__(self, proxy: str, allowed_domains: tuple[str, ...]):
        self.proxy = proxy
        self.allowed_domains = tuple(allowed_domains)

    @classmethod
    def from_crawler(cls, crawler):
        profile = run_of(crawler).profile
        proxy = crawler.settings.get("BRANCHNEWS_PROXY") or profile.proxy
        if not proxy:
            raise NotConfigured
        return cls(proxy, profile.allowed_domains)

    def process_request(self, request):
        if "proxy" in request.meta:
            return None
        host = urlsplit(request.url).hostname or ""
        if any(host == d or host.endswith("." + d) for d in self.allowed_domains):
            request.meta["proxy"] = self.proxy
        return None
