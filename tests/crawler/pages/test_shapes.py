"""URL shapes (crawler/pages/shapes.py): links to pages of one kind share one."""

from __future__ import annotations

import pytest

from branchnews.crawler.pages.shapes import url_shape


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
