"""ProfileProxyMiddleware: the profile's proxy on the profile's hosts, robots.txt included;
RedirectSchemeMiddleware: a redirect to anything but http(s) refused with its target."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import Response
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from branchnews.crawler.middlewares import (ProfileProxyMiddleware, RedirectRefused,
                                            RedirectSchemeMiddleware)
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


PAGE = "http://branch.example.org.cn/a/1.html"


@pytest.mark.parametrize("status, location, target", [
    (302, b"file:///etc/passwd", "file:///etc/passwd"),
    (301, b"javascript:alert(1)", "javascript:alert(1)"),
    (307, b"ftp://files.example.cn/a.doc", "ftp://files.example.cn/a.doc"),
    (308, b"mailto:office@example.cn", "mailto:office@example.cn"),
])
def test_a_redirect_off_http_is_refused_with_its_target(status, location, target):
    response = Response(PAGE, status=status, headers={"Location": location})
    with pytest.raises(RedirectRefused) as info:
        RedirectSchemeMiddleware().process_response(Request(PAGE), response)
    assert str(info.value) == f"non-http redirect: {PAGE} -> {target} (only http and https are fetched)"
    assert info.value.status == status


@pytest.mark.parametrize("status, headers, meta", [
    (302, {"Location": "/a/2.html"}, {}),  # relative: http, RedirectMiddleware's to follow
    (301, {"Location": "//other.example.cn/x"}, {}),  # scheme-relative: keeps http
    (302, {"Location": "https://branch.example.org.cn/"}, {}),
    (200, {"Location": "file:///etc/passwd"}, {}),  # not a redirect status
    (304, {"Location": "file:///etc/passwd"}, {}),
    (302, {}, {}),  # no Location
    (302, {"Location": "file:///etc/passwd"}, {"dont_redirect": True}),
    (302, {"Location": "file:///etc/passwd"}, {"handle_httpstatus_list": [302]}),
])
def test_other_responses_pass_untouched(status, headers, meta):
    response = Response(PAGE, status=status, headers=headers)
    assert RedirectSchemeMiddleware().process_response(Request(PAGE, meta=meta), response) is response
