"""Learning a profile's [links] from what a profile-less crawl saw (crawler/learning.py)."""

from __future__ import annotations

import re

import pytest

from branchnews.crawler.learning import SeenPages, cms_family, induce, learn_links

B = "http://h.cn"


def _matches(patterns, url):
    return any(re.search(p, url) for p in patterns)


@pytest.mark.parametrize("urls, avoid, patterns", [
    # one shape, nothing in the way: the shape's regex (numbers, column names generalised)
    ([f"{B}/a/zbfc/2019/0516/184.html", f"{B}/a/mjdt/2018/1225/171.html"], [f"{B}/a/zbfc/"],
     [r"^https?://[^/]+/[^/\d]+/[^/\d]+/\d+/\d+/\d+\.html$"]),
    # an about page of the same shape under another column: the column names seen
    ([f"{B}/news/2019/1.html", f"{B}/news/2020/2.html"], [f"{B}/about/2019/1.html"],
     [r"^https?://[^/]+/news/\d+/\d+\.html$"]),
    # same shape, same column: the URLs themselves
    ([f"{B}/news/1.html"], [f"{B}/news/2.html"], [r"^http://h\.cn/news/1\.html$"]),
    # two shapes, the one with more URLs first
    ([f"{B}/t5/newsview.asp?Id=1&Tid=4", f"{B}/art/2025/art_{'a' * 32}.html",
      f"{B}/t5/newsview.asp?Id=2&Tid=4"], [],
     [r"^https?://[^/]+/t\d+/newsview\.asp\?Id=\d+&Tid=\d+$",
      r"^https?://[^/]+/[^/\d]+/\d+/art_[0-9a-fA-F]{16,}\.html$"]),
])
def test_induce_generalises_as_far_as_the_urls_to_avoid_allow(urls, avoid, patterns):
    found = induce(urls, avoid)
    assert found == patterns
    assert all(_matches(found, u) for u in urls) and not any(_matches(found, u) for u in avoid)


def _seen() -> SeenPages:
    """Home → column (a list) → its page 2 (page 3 in its pager, never fetched); home → about
    page; the column's pages list two articles."""
    seen = SeenPages()
    seen.read(f"{B}/", "other", [f"{B}/news/", f"{B}/about/"], "utf-8")
    seen.read(f"{B}/news/", "list", [f"{B}/news/2019/1.html", f"{B}/news/index_1.html"], "utf-8",
              pager=[f"{B}/news/index_1.html", f"{B}/news/index_2.html"])
    seen.read(f"{B}/news/index_1.html", "list", [f"{B}/news/2018/2.html"], "gb18030")
    seen.read(f"{B}/about/", "other", [], "utf-8")
    return seen


def test_the_way_to_the_articles_is_the_list_pages():
    seen = _seen()
    articles = [f"{B}/news/2019/1.html", f"{B}/news/2018/2.html"]
    assert seen.ways_to(articles) == [f"{B}/news/", f"{B}/news/index_1.html",
                                      f"{B}/news/index_2.html", f"{B}/"]
    learned = learn_links(seen, articles)
    assert learned.others == [f"{B}/about/"]
    assert all(_matches(learned.article, u) for u in articles)
    assert not any(_matches(learned.article, u) for u in [*learned.lists, *learned.others])
    assert all(_matches(learned.list, u) for u in learned.lists)
    assert not any(_matches(learned.list, u) for u in articles)
    assert seen.charsets() == {"utf-8": 3, "gb18030": 1}


@pytest.mark.parametrize("articles, family", [
    ([f"{B}/zxgz/201711/t20171120_5830.html", f"{B}/zxgz/201712/t20171201_5901.html"], "TRS WCM"),
    ([f"{B}/art/2017/9/14/art_1234_56789.html"], "Hanweb JCMS"),
    ([f"{B}/art/2025/art_{'0d4e' * 8}.html"], "Hanweb JCMS"),
    ([f"{B}/2018/1017/c2659a29605/page.htm"], "WebPlus (VSB)"),
    ([f"{B}/xwzx/1001/204377.aspx"], "ASP.NET"),
    ([f"{B}/news/detail.jsp?id=7650"], "JSP"),
    ([f"{B}/system/2022/06/18/030170394.shtml"], "news-publishing system"),
    # a mixed site: no family holds most of its articles
    ([f"{B}/zxgz/201711/t20171120_5830.html", f"{B}/xwzx/1001/204377.aspx"], None),
    ([f"{B}/about.html"], None),
])
def test_cms_family_from_article_urls(articles, family):
    assert cms_family(articles) == family
