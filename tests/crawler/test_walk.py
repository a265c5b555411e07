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


# -- without [links]: the pages' structure decides ------------------------------------------

SITE = REPO / "branchnews" / "sample_site" / "site"
HOST = "http://branch.example.org.cn"


def _site_page(path: str) -> Page:
    """A page of the bundled sample site as the server gives it (``path`` with its query)."""
    import json
    from urllib.parse import urlsplit

    from branchnews.sample_site import content_type_for, url_to_relpath

    parts = urlsplit(path)
    overrides = json.loads((SITE / "_headers.json").read_text("utf-8"))
    rel = next(r for r in url_to_relpath(parts.path, parts.query) if (SITE / r).is_file())
    return Page(HOST + path, (SITE / rel).read_bytes(),
                {"Content-Type": content_type_for(rel, overrides)})


def test_a_list_page_gives_its_listing_and_pager_and_explores_its_menus():
    leads = SiteWalk(BARE_SAMPLE).links(_site_page("/a/zbfc/"))
    assert leads.role == "list"
    assert leads.articles == [f"{HOST}/a/zbfc/2019/0516/184.html", f"{HOST}/a/zbfc/2018/0910/163.html",
                              f"{HOST}/a/zbfc/2018/0420/152.html"]
    assert leads.lists == [f"{HOST}/a/zbfc/index.html?page=2", f"{HOST}/a/zbfc/index.html?page=3"]
    assert f"{HOST}/a/mjdt/" in leads.explore
    # the 热点 sidebar links other columns' articles: shaped as the listing's rows, not explored
    assert not any("/2019/1113/" in u or "/2018/1225/" in u for u in leads.explore)
    assert leads.dates[f"{HOST}/a/zbfc/2019/0516/184.html"] == "2019-05-16"


def test_a_hub_gives_no_articles_and_explores_its_columns():
    leads = SiteWalk(BARE_SAMPLE).links(_site_page("/"))
    assert leads.role == "other" and leads.articles == [] and leads.candidates == []
    assert leads.explore == [f"{HOST}{p}" for p in (
        "/a/mjdt/", "/a/zbfc/", "/a/czyz/", "/a/shfw/", "/t2/tzxw/index.html",
        "/t3/col/col1234/index.html", "/t4/a/jcfc/", "/t5/newslist.asp?Tid=4&page=1",
        "/t6/zxgz/index.shtml")]


def test_the_last_page_of_a_list_offers_its_one_row_as_a_candidate():
    """Page 3 of 3 shows one row (and a 热点 sidebar of three): not plainly a list, so its row
    is fetched as a candidate, kept when it reads as an article."""
    walk = SiteWalk(BARE_SAMPLE)
    leads = walk.links(_site_page("/a/zbfc/index.html?page=3"))
    assert leads.articles == [] and leads.candidates == [f"{HOST}/a/zbfc/2017/0914/120.html"]
    article = walk.links(_site_page("/a/zbfc/2017/0914/120.html"), 1)
    assert article.reads_as_article
    assert walk.take_candidate(f"{HOST}/a/zbfc/2017/0914/120.html", set().__contains__)
    assert not walk.take_candidate(f"{HOST}/a/zbfc/2017/0914/120.html", set().__contains__)
    assert not walk.links(_site_page("/a/zbfc/"), 1).reads_as_article


def test_exploration_stops_at_the_depth_limit():
    from branchnews.crawler.walk import MAX_EXPLORE_DEPTH

    walk = SiteWalk(BARE_SAMPLE)
    assert walk.links(_site_page("/"), MAX_EXPLORE_DEPTH - 1).explore
    deep = walk.links(_site_page("/a/zbfc/"), MAX_EXPLORE_DEPTH)
    assert deep.explore == [] and deep.articles and deep.lists  # its listing and pager still count


def test_within_keeps_every_lead_under_the_prefix():
    walk = SiteWalk(profile_from_dict({"name": "t7", "start_urls": [f"{HOST}/t7/"],
                                       "within": [f"{HOST}/t7/"]}))
    leads = walk.links(_site_page("/t7/tzyw/list.htm"))
    urls = [*leads.articles, *leads.lists, *leads.candidates, *leads.explore]
    assert urls and all(u.startswith(f"{HOST}/t7/") for u in urls)
    assert f"{HOST}/t7/tzyw/list2.htm" in leads.lists


def test_an_explored_page_is_fetched_again_once_when_a_listing_names_it():
    walk = SiteWalk(BARE_SAMPLE)
    explored = walk.links(_site_page("/")).explore
    assert walk.refetch(explored[0]) and not walk.refetch(explored[0])
    assert not walk.refetch(f"{HOST}/never/asked.html")


def test_a_profile_with_links_keeps_its_regexes():
    leads = SiteWalk(load_profile("sample")).links(_site_page("/"))
    assert leads.role == "" and leads.explore == [] and leads.candidates == []
    assert f"{HOST}/a/mjdt/" in leads.lists


BARE_SAMPLE = profile_from_dict({"name": "bare", "start_urls": [f"{HOST}/"]})


@pytest.mark.parametrize("profile, path", [
    (profile_from_dict({"name": "x", "start_urls": [f"{HOST}/"],
                        "links": {"article": [r"/\d+\.html$"], "list": [r"/$"]}}), "/a/zbfc/"),
    (BARE_SAMPLE, "/a/zbfc/"),
])
def test_the_links_a_page_passes_by_are_neither_followed_nor_out_of_scope(profile, path):
    """What the run summary tallies: the page's other in-scope links, none of those it follows."""
    walk = SiteWalk(profile)
    leads = walk.links(_site_page(path))
    assert leads.passed and not set(leads.passed) & set(leads.followed)
    assert all(walk.in_scope(u) and u.startswith(HOST) for u in leads.passed)
    walk.read_as_list(leads)
    assert sum(s["count"] for s in walk.not_followed.commonest(100)) == len(set(leads.passed))


def test_the_walk_notes_what_each_page_was_and_where_its_links_were_found():
    """What ``branchnews profile`` learns from: roles, the page each followed link came from,
    the pager, the charsets."""
    walk = SiteWalk(BARE_SAMPLE)
    walk.links(_site_page("/"))
    leads = walk.links(_site_page("/a/zbfc/"), 1)
    seen = walk.seen
    assert seen.roles == {f"{HOST}/": "other", f"{HOST}/a/zbfc/": "list"}
    assert seen.via[f"{HOST}/a/zbfc/"] == f"{HOST}/" and leads.articles
    assert all(seen.via[u] == f"{HOST}/a/zbfc/" for u in leads.articles)
    assert seen.pagers[f"{HOST}/a/zbfc/"] == leads.lists
    assert seen.charsets() == {"utf-8": 2}
