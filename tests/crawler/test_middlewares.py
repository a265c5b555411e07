"""ProfileProxyMiddleware: the profile's proxy on the profile's hosts, robots.txt included."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from branchnews.crawler.middlewares import ProfileProxyMiddleware
from branchnews.crawler.profiles import profile_from_dict
from tests.conftest import branchnews_crawler

PROXY = "http://127.0.0.1:8931"


@pytest.mark.parametrize("url, proxied", [
    ("http://branch.example.org.cn/a/1.html", True),
    ("http://branch.example.org.cn/robots.txt", True),
    ("http://www.branch.example.org.cn/", True),  # a sub-domain of an allowed domain
    ("http://other.example.cn/", False),
    ("http://example.org.cn/", False),
])
def test_proxy_only_for_the_profiles_hosts(url, proxied):
    request = Request(url)
    ProfileProxyMiddleware(PROXY, ("branch.example.org.cn",)).process_request(request)
    assert request.meta.get("proxy") == (PROXY if proxied else None)


def test_a_proxy_set_on_the_request_wins():
    request = Request("http://branch.example.org.cn/", meta={"proxy": "http://elsewhere:1"})
    ProfileProxyMiddleware(PROXY, ("branch.example.org.cn",)).process_request(request)
    assert request.meta["proxy"] == "http://elsewhere:1"


@pytest.mark.parametrize("setting, proxy", [("", PROXY), ("http://127.0.0.1:9999", "http://127.0.0.1:9999")])
def test_from_crawler_reads_the_setting_over_the_profile(tmp_path, setting, proxy):
    crawler = branchnews_crawler(tmp_path, BRANCHNEWS_PROXY=setting)
    middleware = ProfileProxyMiddleware.from_crawler(crawler)
    assert middleware.proxy == proxy and middleware.allowed_domains == ("branch.example.org.cn",)
    crawler.branchnews_run.close()


def test_off_without_a_proxy_or_outside_branchnews(tmp_path):
    bare = profile_from_dict({"name": "bare", "start_urls": ["http://h.example.cn/"]})
    crawler = branchnews_crawler(tmp_path, bare)
    with pytest.raises(NotConfigured):
        ProfileProxyMiddleware.from_crawler(crawler)
    crawler.branchnews_run.close()
    with pytest.raises(NotConfigured):
        ProfileProxyMiddleware.from_crawler(get_crawler())
