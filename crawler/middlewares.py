"""Downloader middlewares that carry site-profile knowledge into every request."""

from __future__ import annotations

from urllib.parse import urlsplit


class ProfileProxyMiddleware:
    """Send a profile's requests through its proxy, robots.txt requests included.

    The bundled sample site answers as ``branch.example.org.cn`` through a local proxy, so
    URLs and ids are the site's real ones; Scrapy's robots.txt middleware builds its own
    requests, which is why this is a middleware and not a ``meta`` key set in the spider.
    """

    def __init__(self, crawler, override: str | None = None):
        self.crawler = crawler
        self.override = override or None  # BRANCHNEWS_PROXY: e.g. a sample site on another port

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, crawler.settings.get("BRANCHNEWS_PROXY"))

    def process_request(self, request):
        profile = getattr(self.crawler.spider, "profile", None)
        proxy = self.override or (profile.proxy if profile is not None else None)
        if profile is None or not proxy or "proxy" in request.meta:
            return None
        host = urlsplit(request.url).hostname or ""
        if any(host == d or host.endswith("." + d) for d in profile.allowed_domains):
            request.meta["proxy"] = proxy
        return None
