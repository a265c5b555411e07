"""Where things are on a page (crawler/pages/layout.py): profile selectors first."""

from __future__ import annotations

import pytest
from lxml import etree

from tests.crawler.pages.invented import extract
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


def _bar_page(above: str, below: str = "") -> str:
    return ("<html><body><div class='nav'><a href='/'>首页</a> &gt; <a href='/xw/'>新闻</a></div>"
            f"{above}<h1>民盟云州市委召开全体会议</h1>{below}"
            "<div class='content'><p>近日，民盟云州市委召开全体会议，传达学习全会精神，部署下一阶段工作。</p>"
            "<p>会议强调，要把学习成果转化为履职尽责的实际行动，推动各项工作落到实处。</p></div>"
            "<div class='foot'>版权所有</div></body></html>")


ABOVE = "<div class='bar'>发布时间：2018-05-21 来源：民盟云州市委</div><div class='share'>分享到：</div>"


@pytest.mark.parametrize("above, below, source, published", [
    # an info bar printed above the headline gives what nothing below it gives
    (ABOVE, "", "民盟云州市委", "2018-05-21"),
    (ABOVE, "<div class='info'>作者：某某</div>", "民盟云州市委", "2018-05-21"),
    # a labelled value below the headline is never overridden by the bar above it
    (ABOVE, "<div class='info'>来源：云州日报 发布日期：2018-05-22</div>", "云州日报", "2018-05-22"),
    # without a bar, nothing is taken from above the headline
    ("", "", None, None),
], ids=["bar-above", "bar-above-author-below", "labels-below-win", "no-bar"])
def test_an_info_bar_above_the_headline(above, below, source, published):
    root = parse_html(_bar_page(above, below))
    layout = find_layout(root, {}, walk_page(root).lines())
    assert any("发布时间" in ln.text for ln in layout.above) == bool(above)
    record = extract(_bar_page(above, below), "http://www.example.gov.cn/xw/2018/123.html")
    assert (record["source"], record["published"]) == (source, published)
    assert record["paragraphs"][0].startswith("近日")


@pytest.mark.parametrize("rows", [3, 8])
def test_the_cells_of_an_info_table_row_count_as_one_line_of_the_window(rows):
    table = "<table>" + "".join(f"<tr><td>项目{i}：</td><td>内容{i}</td><td>名称{i}：</td><td>数值{i}</td></tr>"
                                for i in range(rows)) + "</table>"
    page = PAGE.replace("<div class='info'>2018-05-21 来源：民盟云州市委</div>", table)
    root = parse_html(page)
    layout = find_layout(root, {}, walk_page(root).lines())
    assert [ln.text for ln in layout.before] == [t for i in range(rows)
                                                  for t in (f"项目{i}：", f"内容{i}", f"名称{i}：", f"数值{i}")]


PROSE = ("<p>近日，民盟云州市委召开全体会议，传达学习全会精神，部署下一阶段工作。</p>"
         "<p>会议强调，要把学习成果转化为履职尽责的实际行动，推动各项工作落到实处。</p>")


@pytest.mark.parametrize("head, opening, title", [
    # a saved page with no <title> that opens with its headline as a long heading
    ("", "<h3>民盟云州市委召开全体会议部署下一阶段重点工作</h3><p>发布日期：2018-05-21</p>",
     "民盟云州市委召开全体会议部署下一阶段重点工作"),
    ("", "<h2>民盟云州市委召开全体会议部署下一阶段重点工作</h2>", "民盟云州市委召开全体会议部署下一阶段重点工作"),
    # with a <title>, a long heading opening the text is weighed against it as before
    ("<title>民盟云州市委召开全体会议_民盟云州市委</title>",
     "<h1>民盟云州市委召开全体会议</h1><h3>会议传达学习全会精神并部署下一阶段的重点工作</h3>",
     "民盟云州市委召开全体会议"),
    # a long headline inside the body's container, under an info table whose 发布机构 cell is
    # the headline's first words: the headline is looked for above the first prose line, not
    # above the headline
    ("<title>民盟云州市委关于印发全体会议工作要点的通知_民盟云州市委</title>",
     "<table><tr><td>发布机构：</td><td>民盟云州市委</td><td>发文日期：</td><td>2018-05-21</td></tr></table>"
     "<h1>民盟云州市委关于印发全体会议工作要点的通知</h1>", "民盟云州市委关于印发全体会议工作要点的通知"),
    ("<title>民盟云州市委关于印发全体会议工作要点的通知</title>",
     "<p>发布机构：<span>民盟云州市委</span></p><h2>民盟云州市委关于印发全体会议工作要点的通知</h2>",
     "民盟云州市委关于印发全体会议工作要点的通知"),
    # no <title> (a crawler's dump): an element classed as the heading, short, above the info row
    ("", "<div class='Heading'>民盟云州市委召开全体会议</div><div class='Date'>2018-05-21 13:03:17</div>",
     "民盟云州市委召开全体会议"),
], ids=["h3-no-title", "h2-no-title", "with-title", "under-an-issuer-cell", "under-an-issuer-line",
        "heading-class-no-title"])
def test_a_headline_that_is_the_first_long_line(head, opening, title):
    html = f"<html><head>{head}</head><body><div class='content'>{opening}{PROSE}</div></body></html>"
    record = extract(html, "http://www.example.org.cn/xw/2018/123.html")
    assert record["title"] == title
    assert title not in record["paragraphs"]
    assert record["paragraphs"][-1].startswith("会议强调")


LEAD = "各位好，欢迎收听本期节目。本期我们关注民盟云州市委全体会议，会议部署了下一阶段的重点工作。"


@pytest.mark.parametrize("before, kept", [
    # a lead paragraph in a <p> of its own just before the body container (a chapo, 导语), the
    # page's outer container named like a share box or not
    (f"<p class='chapo'>{LEAD}</p>", True),
    (f"<p>{LEAD}</p>", True),
    # a summary box, a line that does not end as a sentence, a line of links: not the article's
    (f"<p>摘要：{LEAD}</p>", False),
    (f"<p>{LEAD[:-1]}</p>", False),
    (f"<p><a href='/a.html'>{LEAD}</a></p>", False),
], ids=["chapo", "plain", "summary", "no-sentence-end", "links"])
def test_a_lead_paragraph_beside_the_body(before, kept):
    html = (f"<html><head><title>民盟云州市委召开全体会议_民盟云州市委</title></head><body>"
            f"<main class='u-has-share'><h1>民盟云州市委召开全体会议</h1><article>{before}"
            f"<div class='content'>{PROSE}</div></article></main></body></html>")
    record = extract(html, "http://www.example.org.cn/xw/2018/123.html")
    assert (record["paragraphs"][0] == LEAD) is kept
    assert record["paragraphs"][-1].startswith("会议强调")
