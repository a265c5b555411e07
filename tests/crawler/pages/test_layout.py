"""Where things are on a page (crawler/pages/layout.py): profile selectors first."""

from __future__ import annotations

import pytest
from lxml import etree

from branchnews.crawler.pages.layout import find_layout, select, selected_text
from branchnews.crawler.pages.lines import parse_html, walk_page

PAGE = ("<html><body><div class='nav'>首页 | 新闻</div><h1>民盟云州市委召开全体会议</h1>"
        "<div class='info'>2018-05-21 来源：民盟云州市委</div>"
        "<div class='content'><p>近日，民盟云州市委召开全体会议，传达学习全会精神，部署下一阶段工作。</p>"
        "<p>会议强调，要把学习成果转化为履职尽责的实际行动，推动各项工作落到实处。</p></div>"
        "<div class='foot'>版权所有</div></body></html>")


@pytest.mark.parametrize("xpath, expected", [
    ("//h1", "民盟云州市委召开全体会议"),
    ("string(//div[@class='info'])", "2018-05-21 来源：民盟云州市委"),
    ("//h2", None),
    (None, None),
])
def test_selected_text(xpath, expected):
    assert selected_text(parse_html(PAGE), etree.XPath(xpath) if xpath else None) == expected


def test_a_selector_failing_on_a_page_names_itself():
    # compiles, and passes the profile's probe (no <p> there): the function is met on this page
    with pytest.raises(ValueError, match=r"bad selector '//p\[nosuch\(\)\]'"):
        select(parse_html(PAGE), etree.XPath("//p[nosuch()]"))


@pytest.mark.parametrize("selectors, title", [
    ({}, "民盟云州市委召开全体会议"),
    ({"title": etree.XPath("string(//div[@class='nav'])")}, "首页 | 新闻"),  # the profile's selector wins
])
def test_layout_finds_headline_info_and_body(selectors, title):
    root = parse_html(PAGE)
    layout = find_layout(root, selectors, walk_page(root).lines())
    assert layout.title == title
    assert [ln.text for ln in layout.body_lines][0].startswith("近日")
    if not selectors:
        assert any("来源" in ln.text for ln in layout.before)  # the info bar between them
