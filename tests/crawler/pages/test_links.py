import re

import pytest

from branchnews.crawler.pages.continuation import continuation_url, next_page_url
from branchnews.crawler.pages.links import list_links
from lxml import html

BASE = "http://branch.example.org.cn/t2/tzxw/index.html"


def links(body: str, url=BASE, **kw):
    return list_links(body.encode(), url, {"Content-Type": "text/html; charset=utf-8"}, **kw)


def test_trs_script_pager_is_zero_based():
    page = """<ul><li><a href="./201709/t20170914_31001.html">甲</a></li></ul>
    <script>var countPage = 3; createPageHTML(3, 0, "index", "html");</script>"""
    found = links(page)
    assert found.articles == ["http://branch.example.org.cn/t2/tzxw/201709/t20170914_31001.html"]
    assert found.lists == ["http://branch.example.org.cn/t2/tzxw/index_1.html",
                           "http://branch.example.org.cn/t2/tzxw/index_2.html"]


def test_hanweb_cdata_records_are_links():
    page = """<div id="4567"><script type="text/xml"><datastore><recordset>
    <record><![CDATA[<li><a href="/t3/art/2017/9/14/art_1234_56789.html">乙</a></li>]]></record>
    </recordset></datastore></script></div>"""
    assert links(page).articles == ["http://branch.example.org.cn/t3/art/2017/9/14/art_1234_56789.html"]


def test_hanweb_script_pager_and_no_data_proxy():
    page = """<div id="4567"><script type="text/xml"><datastore>
    <nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&columnid=1234"></a>]]></nextgroup>
    <recordset><record><![CDATA[<li><a href="/t3/art/2017/9/14/art_1234_56789.html">乙</a></li>]]></record>
    </recordset></datastore></script></div>
    <script>jpage({uid: '4567', perPage: 4, totalRecord: 9, pageNum: 1, ishref: true});</script>"""
    found = links(page, url="http://h.cn/t3/col/col1234/index.html")
    assert found.articles == ["http://h.cn/t3/art/2017/9/14/art_1234_56789.html"]
    assert found.lists == ["http://h.cn/t3/col/col1234/index.html?uid=4567&pageNum=2",
                           "http://h.cn/t3/col/col1234/index.html?uid=4567&pageNum=3"]


def test_off_site_denied_and_attachment_links_are_dropped():
    page = """<a href="http://www.example-party.org.cn/xw/2017/0911/77.html">外链</a>
    <a href="/t4/a/jcfc/2017/0914/123.html">本站</a><a href="/files/a.pdf">附件</a>
    <a href="/t4/a/jcfc/2017/0914/123_2.html">第二页</a><a href="javascript:void(0)">x</a>"""
    found = links(page, allowed_domains=("branch.example.org.cn",),
                  deny_patterns=(re.compile(r"_\d+\.html$"),))
    assert found.articles == ["http://branch.example.org.cn/t4/a/jcfc/2017/0914/123.html"]
    assert found.lists == []
    # links of neither kind, not denied and on the site: what the run summary tallies
    assert found.others == ["http://branch.example.org.cn/files/a.pdf"]


def test_profile_patterns_replace_defaults():
    page = '<a href="/news/a1.htm">a</a><a href="/news/list.htm?p=2">more</a>'
    found = links(page, article_patterns=(re.compile(r"/news/a\d+\.htm$"),),
                  list_patterns=(re.compile(r"list\.htm\?p=\d+"),))
    assert found.articles == ["http://branch.example.org.cn/news/a1.htm"]
    assert found.lists == ["http://branch.example.org.cn/news/list.htm?p=2"]


def test_junk_page_has_no_links():
    assert list_links(b"", BASE, {}).articles == []
    assert list_links(b"\x00\xff\xfe", BASE, {}).articles == []


@pytest.mark.parametrize("url, body, expected", [
    pytest.param("http://h/a/123.html",
                 '<div class="pagelist"><a>共2页</a><a href="123_2.html">2</a><a href="123_2.html">下一页</a></div>'
                 '<a href="/a/124.html">下一篇</a>', "http://h/a/123_2.html", id="dede-page-2"),
    pytest.param("http://h/a/123_2.html", '<a href="123.html">1</a><a href="123_3.html">3</a>',
                 "http://h/a/123_3.html", id="page-3-from-2"),
    pytest.param("http://h/a/123.html", '<a href="124.html">下一篇</a><a href="list_12_2.html">下一页</a>',
                 None, id="next-article-is-not-a-page"),
    pytest.param("http://h/a/123_2.html", '<a href="123.html">上一页</a>', None, id="last-page"),
    # TRS and folder-per-article systems count from 0: the second page is _1
    pytest.param("http://h/c/202403/t20240305_5830.html",
                 '<div class="page">上一页 <b>1</b> <a href="t20240305_5830_1.html">2</a> '
                 '<a href="t20240305_5830_1.html">下一页</a></div>', "http://h/c/202403/t20240305_5830_1.html",
                 id="trs-0-based"),
    pytest.param("http://h/c/202403/t20240305_5830_1.html",
                 '<a href="t20240305_5830.html">1</a><a href="t20240305_5830_2.html">3</a>',
                 "http://h/c/202403/t20240305_5830_2.html", id="trs-page-3"),
    pytest.param("http://h/system/2024/03/05/030170394/index.shtml",
                 '<a href="index_1.shtml">2</a><a href="index_2.shtml">3</a><a href="index_1.shtml">下一页</a>',
                 "http://h/system/2024/03/05/030170394/index_1.shtml", id="folder-index-0-based"),
    # 人民网's CMS (party sites on it too) numbers pages after a hyphen
    pytest.param("http://h/n1/2025/0904/c415686-40557146.html",
                 '<a href="c415686-40557146-2.html">2</a><a href="c415686-40557146-2.html">下一页</a>',
                 "http://h/n1/2025/0904/c415686-40557146-2.html", id="people-hyphen"),
    # a page parameter beside the article's own
    pytest.param("http://h/news/show.php?id=1045", '<a href="show.php?id=1045&amp;page=2">下一页</a>'
                 '<a href="show.php?id=1046">下一篇：某某会议召开</a>', "http://h/news/show.php?id=1045&page=2",
                 id="query-page"),
    pytest.param("http://h/plus/view.php?aid=2622&pageno=2", '<a href="view.php?aid=2622&amp;pageno=3">3</a>',
                 "http://h/plus/view.php?aid=2622&pageno=3", id="query-page-3"),
    # the next article numbered like a page is no page: the link reads as a title, not a pager
    pytest.param("http://h/a/news_12.html", '<a href="news_13.html">下一篇：某某座谈会召开</a>', None,
                 id="next-article-numbered"),
    pytest.param("http://h/news/show.php?id=1045", '<a href="show.php?id=1046&amp;page=2">2</a>', None,
                 id="another-articles-page"),
])
def test_next_page_url(url, body, expected):
    assert next_page_url(html.document_fromstring(body), url) == expected


def test_list_rows_give_the_date_shown_beside_each_link():
    page = """<ul><li><a href="/a/2017/0914/1.html">甲</a><span class="date">09-14</span></li>
    <li><a href="/a/2017/0912/2.html">乙</a> [2017-9-12]</li>
    <li><a href="/a/2017/0911/3.html">丙</a></li></ul>
    <table><tr><td><a href="/plus/view.php?aid=4">丁</a></td><td>2017年9月10日</td></tr></table>"""
    found = links(page, url="http://h.cn/a/index.html")
    assert found.dates == {"http://h.cn/a/2017/0914/1.html": "09-14",
                           "http://h.cn/a/2017/0912/2.html": "2017-9-12",
                           "http://h.cn/plus/view.php?aid=4": "2017年9月10日"}


@pytest.mark.parametrize("url, body, expected", [
    ("http://h/a/123.html", b'<a href="123_2.html">2</a>', "http://h/a/123_2.html"),
    ("http://h/a/123.html", b'<a href="124.html">2</a>', None),  # (the bytes name no page of it: not parsed)
    ("http://h/news/show.php?id=7", b'<a href="show.php?id=7&page=2">2</a>', "http://h/news/show.php?id=7&page=2"),
], ids=["numbered-file", "none", "page-parameter"])
def test_continuation_url(url, body, expected):
    assert continuation_url(body, url, body.decode()) == expected
