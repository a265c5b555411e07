"""When libxml2's tree is re-parsed as a browser builds it, and what that gives
(crawler/pages/reparse.py), on invented pages."""

from __future__ import annotations

import pytest

from branchnews.crawler.pages.article import Page, parse_article, parse_tree
from branchnews.crawler.pages.lines import parse_errors, parse_html
from branchnews.crawler.pages.reparse import browser_tree, misparsed

PROSE = "<p>本报讯，全市各级机关深入开展调查研究，推动工作落实落地，取得明显成效，群众满意度提高。</p>"

# (page, libxml2 misplaces or loses content)
CASES = [
    # a heading holding paragraphs: libxml2 closes it empty at the first <p>
    (f"<html><body><h2 class='tit'><p>要留清气满乾坤</p><p>——年度综述</p></h2>{PROSE}</body></html>",
     True),
    # the article after an early </html>: libxml2 keeps it in a second root
    (f"<html><body><div>导航</div></body></html><div class='content'>{PROSE}</div></body></html>",
     True),
    # an early </html> followed only by an empty picture box: nothing is lost
    (f"<html><body><h1>标题</h1>{PROSE}</body></html><div><img src='a.png'></div>", False),
    # ordinary sloppy markup libxml2 repairs as a browser does
    (f"<html><body><h1>标题</h1>{PROSE}<p>未闭合<p>段落</body></html>", False),
    (f"<html><body><h1>标题<span>副</span></h1><div>{PROSE}</div></body>", False),
]


@pytest.mark.parametrize("html, expected", CASES)
def test_misparsed_fires_only_where_content_is_lost_or_misplaced(html, expected):
    root = parse_html(html)
    assert misparsed(root, parse_errors(False)) is expected


@pytest.mark.parametrize("html, expected", CASES)
def test_parse_tree_gives_the_browser_tree_where_libxml2_misplaces(html, expected):
    root = parse_tree(Page("http://example.org/a.html", html.encode())).root
    text = "".join(root.find("body").itertext())
    assert "全市各级机关" in text
    heading = root.find(".//h2")
    if heading is not None:
        assert "".join(heading.itertext()).strip() == "要留清气满乾坤——年度综述"


def test_browser_tree_puts_late_content_into_the_body():
    root = browser_tree("<html><body><p>前</p></body></html><div id='x'><p>后</p></div>")
    assert root.tag == "html" and root.find("body/div[@id='x']/p").text == "后"


@pytest.mark.parametrize("html, title", [
    # (the ArticleTitle meta holds the two-line headline as escaped HTML)
    (f"<html><head><title>要留清气满乾坤——年度综述——头条——某网站</title>"
     "<meta name='ArticleTitle' content='&lt;p&gt;要留清气满乾坤&lt;/p&gt;&lt;p&gt;——年度综述&lt;/p&gt;'>"
     "</head><body>"
     f"<h2 class='tit'><p>要留清气满乾坤</p><p>——年度综述</p></h2>{PROSE * 3}</body></html>",
     "要留清气满乾坤——年度综述"),
    (f"<html><head><title>深度报道——要闻——某网站</title></head><body><div>导航栏目</div></body></html>"
     f"<div><h1>深度报道</h1>{PROSE * 3}</div></body></html>", "深度报道"),
])
def test_headline_and_body_are_found_on_the_browser_tree(html, title):
    record = parse_article(Page("http://example.org/a.html", html.encode()))
    assert record["title"] == title
    assert record["paragraphs"] and "全市各级机关" in record["paragraphs"][0]
