"""Downloader middlewares: site-profile knowledge carried into every request, and redirects
Scrapy would drop without a word refused with one."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from scrapy.exceptions import IgnoreRequest, NotConfigured
from w3lib.url import safe_url_string

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


REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})  # those RedirectMiddleware follows


def redirect_target(url: str, location: bytes) -> str:
    """Where a ``Location`` header sends a request for ``url``, resolved as Scrapy's
    RedirectMiddleware resolves it (a ``//host/…`` location keeps the request's scheme)."""
    target = safe_url_string(location)
    if location.startswith(b"//"):
        target = f"{urlsplit(url).scheme}://{target.lstrip('/')}"
    return urljoin(url, target)


def redirect_chain(request) -> str:
    """``first -> second -> this``: the URLs a request was redirected through, and its own."""
    return " -> ".join([*(request.meta.get("redirect_urls") or ()), request.url])


class RedirectRefused(IgnoreRequest):
    """A redirect the crawl will not follow; its message names the chain and the target, and
    the request's errback reports it as the page's failure (with the redirect's status)."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class RedirectSchemeMiddleware:
    """Refuse, by name, a redirect to anything but http(s): ``file://``, ``javascript:`` …

    Scrapy's RedirectMiddleware hands such a response back as it came (the page is then
    reported as a bare ``HTTP 302``), or fails building the request (``Missing scheme``); either
    way the target is lost. Placed just outside it (610 > 600) this sees the response first.
    Off-site redirects are Scrapy's OffsiteMiddleware's to drop; the spider reports those.
    """

    def process_response(self, request, response):
        if (response.status not in REDIRECT_STATUSES or b"Location" not in response.headers
                or request.meta.get("dont_redirect") or request.meta.get("handle_httpstatus_all")
                or response.status in request.meta.get("handle_httpstatus_list", ())):
            return response
        target = redirect_target(request.url, response.headers[b"Location"])
        if urlsplit(target).scheme in ("http", "https"):
            return response
        raise RedirectRefused(f"non-http redirect: {redirect_chain(request)} -> {target} "
                              "(only http and https are fetched)", response.status)
