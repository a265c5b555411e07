"""The crawl's decisions (crawler/walk.py), asked directly: the spider and reextract both use them."""

from __future__ import annotations

import pytest

from branchnews.crawler.pages.article import ExtractionError, Page
from branchnews.crawler.profiles import load_profile, profile_from_dict
from branchnews.crawler.walk import MAX_ARTICLE_PAGES, SiteWalk, declared_html
from branchnews.pipelines.identity import record_id
from tests.conftest import REPO

HTML = {"Content-Type": "text/html; charset=utf-8"}
BARE = profile_from_dict({"name": "bare", "start_urls": ["http://h.example.cn/"]})
MULTIPAGE = REPO / "tests" / "fixtures" / "multipage-3"


@pytest.mark.parametrize("headers, html", [
    ({}, True), (HTML, True), ({"Content-Type": "application/xhtml+xml"}, True),
    ({"Content-Type": "text/plain"}, True), ({"Content-Type": "application/pdf"}, False),
    ({"Content-Type": "image/png"}, False),
])
def test_declared_html(headers, html):
    assert declared_html(headers) is html


@pytest.mark.parametrize("url, kind", [
    ("http://h.example.cn/a/zbfc/2017/0914/123.html", "article"),  # date path: a CMS default
    ("http://h.example.cn/news/index_2.html", "list"),
    ("http://h.example.cn/about.pdf", None),
])
def test_a_profile_without_links_uses_the_cms_defaults(url, kind):
    assert SiteWalk(BARE).link_kind(url) == kind


def test_sample_profile_denies_continuation_pages():
    walk = SiteWalk(load_profile("sample"))
    assert walk.link_kind("http://branch.example.org.cn/a/zbfc/2017/0914/123.html") == "article"
    assert walk.link_kind("http://branch.example.org.cn/a/zbfc/2017/0914/123_2.html") is None


@pytest.mark.parametrize("body, headers, reason", [
    (b"<html><body><p>ok</p></body></html>", HTML, None),
    (b"%PDF-1.4", {"Content-Type": "application/pdf"}, "not an HTML page"),
    (b"<html><script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')"
     b"+('r')+('a')+('n')+('c')+('e')+'=x';location.href=location.pathname+location.search"
     b"</script></html>", HTML, "WAF challenge page"),
])
def test_unreadable(body, headers, reason):
    got = SiteWalk(BARE).unreadable(Page("http://h.example.cn/a.html", body, headers))
    assert (got is None) if reason is None else got.startswith(reason)


def test_known_articles_are_skipped_once_and_refresh_fetches_them():
    known = {record_id("http://h/a/1.html")}
    walk = SiteWalk(BARE)
    assert walk.to_fetch("http://h/a/2.html", known.__contains__)
    assert not walk.to_fetch("http://h/a/1.html", known.__contains__)
    assert not walk.to_fetch("http://h/a/1.html", known.__contains__)
    assert walk.skipped == {"http://h/a/1.html"}
    assert SiteWalk(BARE, refresh=True).to_fetch("http://h/a/1.html", known.__contains__)


def test_an_article_asked_for_in_this_run_is_never_skipped():
    """A record written earlier in this run makes its id known; a second list linking to it
    must not count it as skipped (the duplicate filter drops the request instead)."""
    known: set[str] = set()
    walk = SiteWalk(BARE)
    assert walk.to_fetch("http://h/a/1.html", known.__contains__)
    known.add(record_id("http://h/a/1.html"))
    assert walk.to_fetch("http://h/a/1.html", known.__contains__) and not walk.skipped


def _pages():
    import json

    urls = json.loads((MULTIPAGE / "meta.json").read_text("utf-8"))["urls"]
    names = ("article.html", "article_2.html", "article_3.html")
    return [Page(u, (MULTIPAGE / n).read_bytes(), HTML) for u, n in zip(urls, names)]


def test_continuation_pages_are_followed_to_the_last():
    pages, walk = _pages(), SiteWalk(BARE)
    assert walk.next_page(pages[:1]) == pages[1].url
    assert walk.next_page(pages[:2]) == pages[2].url
    assert walk.next_page(pages) is None
    assert walk.record(pages)["pages"] == 3


def test_each_page_is_decoded_once_for_all_the_decisions_and_the_record(monkeypatch):
    """Readable? a continuation? the record: three readers of one page, one decoding."""
    import branchnews.crawler.pages.article as article
    import branchnews.crawler.pages.decode as decode
    import branchnews.crawler.walk as walk_module

    calls = []
    real = decode.decode_html
    for module in (decode, article, walk_module):  # wherever a reader may have imported it
        if hasattr(module, "decode_html"):
            monkeypatch.setattr(module, "decode_html", lambda *a: calls.append(a[0]) or real(*a))
    pages, walk = _pages(), SiteWalk(BARE)
    for n in range(1, len(pages) + 1):
        assert walk.unreadable(pages[n - 1]) is None
        walk.next_page(pages[:n])
    walk.record(pages)
    assert calls == [page.body for page in pages]


def test_a_pager_that_never_ends_stops_at_the_cap():
    pages = _pages()[:1] * MAX_ARTICLE_PAGES
    assert SiteWalk(BARE).next_page(pages) is None


def test_an_unreadable_article_is_an_extraction_error():
    with pytest.raises(ExtractionError):
        SiteWalk(BARE).record([Page("http://h/a/1.html", b"", HTML)])


@pytest.mark.parametrize("link, alias", [
    (None, False),
    ("http://h/a/1.html", False),  # the link is the article itself
    ("http://h/s/99", True),  # a short link that redirected to it
])
def test_alias_of_a_redirected_link(link, alias):
    record = {"id": record_id("http://h/a/1.html")}
    assert SiteWalk.alias(link, record) == (record_id(link) if alias else None)
