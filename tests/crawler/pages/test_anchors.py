"""Where an ``onclick`` handler goes: location and window.open calls, and a page's path handed
to the site's own function; a handler given a word, an image or nothing goes nowhere."""

import pytest

from branchnews.crawler.pages.anchors import anchors, onclick_url, parse


@pytest.mark.parametrize("handler, expected", [
    ("window.open('/news/view.jsp?id=7')", "/news/view.jsp?id=7"),
    ("location.href='../xw/202401/t20240105_3.html'", "../xw/202401/t20240105_3.html"),
    ("queryByPage(this,'/xw/113469/index2.html')", "/xw/113469/index2.html"),
    ("goPage('list_3.shtml')", "list_3.shtml"),
    ("turn(2, 'index_2.htm'); return false;", "index_2.htm"),
    ('openDoc("http://www.example.gov.cn/a/b.aspx?id=3&p=2")', "http://www.example.gov.cn/a/b.aspx?id=3&p=2"),
    ("share('weixin')", None),
    ("doSearch('统战')", None),
    ("show('img/photo_1.jpg')", None),
    ("this.style.color='red'; return false;", None),
])
def test_onclick_url(handler, expected):
    assert onclick_url(handler) == expected


def test_a_row_opened_by_the_sites_own_function_is_a_link():
    root = parse("<html><body><table><tr onclick=\"openArticle('/tzgg/2024/0301/5.html')\">"
                 "<td>关于召开全委会的通知</td></tr></table></body></html>")
    found = anchors(root, "http://www.example.org.cn/tzgg/index.html")
    assert [(a.url, a.text, a.kind) for a in found] == [
        ("http://www.example.org.cn/tzgg/2024/0301/5.html", "关于召开全委会的通知", "onclick")]
