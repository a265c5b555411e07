"""URL shapes (crawler/pages/shapes.py): links to pages of one kind share one."""

from __future__ import annotations

import pytest

import re

from branchnews.crawler.pages.shapes import shape_regex, url_shape


@pytest.mark.parametrize("url, shape", [
    ("http://h.cn/a/zbfc/2019/0516/184.html", "/*/*/9/9/9.html"),
    ("http://h.cn/t7/2025/0110/c2101a317905/page.htm", "/t9/9/9/c9a9/page.htm"),
    ("http://h.cn/xwzx/1001/204377.aspx", "/*/9/9.aspx"),
    ("http://h.cn/xwzx/1001/Default.aspx?PageIndex=2", "/*/9/Default.aspx?PageIndex=9"),
    ("http://h.cn/news/detail.jsp?id=7650", "/*/detail.jsp?id=9"),
    ("http://h.cn/art/2025/art_0d4e7f1a2b3c4d5e6f708192a3b4c5d6.html", "/*/9/art_x.html"),
    ("http://h.cn/a/mjdt/", "/*/*/"),
    ("http://h.cn/", "/"),
    ("http://h.cn/list.asp?type=news&page=3", "/list.asp?page=9&type=news"),
])
def test_url_shape(url, shape):
    assert url_shape(url) == shape


@pytest.mark.parametrize("one, other, same", [
    ("http://h.cn/a/zbfc/2019/0516/184.html", "http://www.h.cn/a/mjdt/2018/1225/171.html", True),
    ("http://h.cn/a/zbfc/2019/0516/184.html", "http://h.cn/a/mjdt/", False),
    ("http://h.cn/xwzx/1001/204377.aspx", "http://h.cn/xwzx/1001/Default.aspx", False),
    ("http://h.cn/news/detail.jsp?id=1", "http://h.cn/news/list.jsp?cid=1", False),
])
def test_two_links_share_a_shape_when_they_lead_to_one_kind_of_page(one, other, same):
    assert (url_shape(one) == url_shape(other)) is same


@pytest.mark.parametrize("url, same, other", [
    ("http://h.cn/a/zbfc/2019/0516/184.html", "http://www.h.cn/a/mjdt/2018/1225/1.html",
     "http://h.cn/a/zbfc/2019/0516/184_2.html"),
    ("http://h.cn/t7/2025/0110/c2101a317905/page.htm", "http://h.cn/t7/2024/1231/c1a2/page.htm",
     "http://h.cn/t7/tzyw/list2.htm"),
    ("http://h.cn/xwzx/1001/204377.aspx", "http://h.cn/gzdt/2/1.aspx", "http://h.cn/xwzx/1001/Default.aspx"),
    ("http://h.cn/t5/newsview.asp?Id=3855&Tid=4", "http://h.cn/t5/newsview.asp?Id=1&Tid=22",
     "http://h.cn/t5/newslist.asp?Tid=4&page=2"),
    ("http://h.cn/art/2025/art_0d4e7f1a2b3c4d5e6f708192a3b4c5d6.html",
     "http://h.cn/art/2024/art_ffffffffffffffffffffffffffffffff.html", "http://h.cn/art/2024/art_12_34.html"),
    ("http://h.cn/", "https://h.cn/", "http://h.cn/a/"),
    ("http://h.cn/a/mjdt/", "http://h.cn/b/zbfc/", "http://h.cn/a/mjdt/index.html"),
])
def test_shape_regex_matches_the_urls_of_its_shape_and_no_other(url, same, other):
    pattern = re.compile(shape_regex(url))
    assert url_shape(url) == url_shape(same) != url_shape(other)
    assert pattern.search(url) and pattern.search(same) and not pattern.search(other)


@pytest.mark.parametrize("url, sibling, columns", [
    ("http://h.cn/a/zbfc/2019/0516/184.html", "http://h.cn/a/mjdt/2019/0516/184.html",
     r"^https?://[^/]+/a/zbfc/\d+/\d+/\d+\.html$"),
    ("http://h.cn/news/detail.jsp?id=7650", "http://h.cn/about/detail.jsp?id=7650",
     r"^https?://[^/]+/news/detail\.jsp\?id=\d+$"),
])
def test_shape_regex_with_columns_keeps_the_column_names(url, sibling, columns):
    assert shape_regex(url, columns=True) == columns
    assert re.search(columns, url) and not re.search(columns, sibling)
    assert re.search(shape_regex(url), sibling)
