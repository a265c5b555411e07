"""Who and when (crawler/pages/metadata.py): labels by rank, metas by trust."""

from __future__ import annotations

import pytest

from branchnews.crawler.pages.lines import Line, parse_html
from branchnews.crawler.pages.metadata import DATE_METAS, labeled_fields, meta_source, meta_value
from tests.crawler.pages.invented import article_page, extract


def _line(text: str, index: int = 0) -> Line:
    return Line(index=index, text=text, block=None)


@pytest.mark.parametrize("metas, expected", [
    ({"PubDate": "2018-05-21", "og:release_date": "2018-05-20"}, "2018-05-21"),  # gov CMS first
    ({"og:release_date": "2018-05-20", "date": "2018-05-19"}, "2018-05-20"),
    ({"keywords": "盟员"}, None),
    ({"pubdate": " "}, None),  # an empty content is no value
])
def test_meta_value_by_trust(metas, expected):
    head = "".join(f'<meta name="{k}" content="{v}">' for k, v in metas.items())
    root = parse_html(f"<html><head>{head}</head><body><p>x</p></body></html>")
    assert meta_value(root, DATE_METAS) == expected


@pytest.mark.parametrize("texts, editor", [
    (["编辑：王五", "责任编辑：赵六"], "赵六"),  # 责任编辑 outranks 编辑 wherever it stands
    (["责编：李四", "编辑：王五"], "李四"),
    (["编辑：王五"], "王五"),
    (["审核：孙七"], None),  # never the reviewer
])
def test_labeled_editor_by_rank(texts, editor):
    assert labeled_fields([_line(t, i) for i, t in enumerate(texts)])["editor"] == editor


@pytest.mark.parametrize("texts, author", [
    (["记者：张某　通讯员：李某某"], "张某、李某某"),  # the writers of one credit line, joined
    (["作者：张某 记者：张某"], "张某"),  # a name credited twice is one author
    (["作者：张某", "通讯员：李某某"], "张某"),  # a later line's credit is not added
    (["摄影：王某 记者：张某"], "张某"),  # the photographer is no writer
])
def test_labeled_writers_of_one_line(texts, author):
    assert labeled_fields([_line(t, i) for i, t in enumerate(texts)])["author"] == author


PROSE = "某某市委召开全市作风建设推进会，总结去年工作成效，部署今年重点任务，会议强调要持之以恒纠治四风问题。"
_CONTENT = f"<div class='content'><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div>"


@pytest.mark.parametrize("info, published", [
    # an unlabelled date alone in the info row, among its widgets
    ("<div><span>2021-03-05</span> | 收藏 | 字号 A+ A- | 打印</div>", "2021-03-05"),
    ("<div>[ 2021-03-05 ]</div>", "2021-03-05"),
    # the label variants, bracketed or spaced, with or without a colon
    ("<div>【日期】2021-03-05</div>", "2021-03-05"),
    ("<div>【发布日期】2021年3月5日</div>", "2021-03-05"),
    ("<div>日期：2021/03/05</div>", "2021-03-05"),
    ("<div>时间 2021-03-05 10:20 来源 某某网</div>", "2021-03-05T10:20:00+08:00"),
    ("<div>发布时间 2021-05-19 10:41:27</div>", "2021-05-19T10:41:27+08:00"),
    ("<div>发文日期：2021-03-05 成文日期：2021-03-01</div>", "2021-03-05"),
    # a notice's info table: the publishing date outranks the signing date shown before it
    ("<table><tr><td>索引号：123</td><td>发布机构：市政府</td></tr><tr><td>成文日期：2023-10-16</td>"
     "<td>发布日期：2023-10-23</td></tr></table>", "2023-10-23"),
    ("<div>成文日期：2023-10-16</div>", "2023-10-16"),  # the only date shown
    # no date with the article: the related-news date below it is not one
    ("", None),
], ids=lambda v: v[:24] if isinstance(v, str) else None)
def test_publish_date_of_a_page(info, published):
    related = "<div class='related'><ul><li><a href='/a/9.html'>其他新闻</a><span>2020-01-01</span></li></ul></div>"
    record = extract(article_page(_CONTENT, info=info, side=related))
    assert record["published"] == published


def _info_table(*pairs: tuple[str, str]) -> str:
    """An info table of label cells and value cells, two pairs a row."""
    cells = [f"<td>{label}</td><td>{value}</td>" for label, value in pairs]
    return "<table>" + "".join(f"<tr>{''.join(cells[i:i + 2])}</tr>" for i in range(0, len(cells), 2)) + "</table>"


_PARTICULARS = [("索引号：", "11330000002482/2024-00123"), ("发布机构：", "某某市人民政府办公室"),
                ("主题分类：", "综合政务"), ("体裁分类：", "通知"), ("成文日期：", "2024-03-01"), ("文号：", "某政办发〔2024〕5号"),
                ("有效性：", "有效"), ("主题词：", "通知"), ("发布日期：", "2024-03-05")]


@pytest.mark.parametrize("where, pairs, published", [
    # label cells with their values in the next cell; the publishing date outranks the signing
    # date, however many rows of particulars come before it
    ("below", _PARTICULARS, "2024-03-05"),
    ("above", _PARTICULARS, "2024-03-05"),
    ("below", [("成文日期：", "2024-03-01")], "2024-03-01"),
    # an empty value cell is no value: the next cell's label is not taken for it
    ("below", [("发布日期：", ""), ("成文日期：", "2024-03-01")], "2024-03-01"),
    # a disclosure table prints its labels without colons; its 公开日期 is the day it was made public
    ("below", [(label.rstrip("："), value) for label, value in _PARTICULARS[:6]] + [("公开日期", "2024-03-06")],
     "2024-03-06"),
    ("below", [("索 引 号", "11330000002482/2024-00123"), ("生成日期", "2024-03-01"), ("发布机构", "某某局")],
     "2024-03-01"),
], ids=["below-headline", "above-headline", "one-pair", "empty-value", "no-colons-disclosure-date",
        "no-colons-generated-date"])
def test_publish_date_of_an_info_table_of_label_and_value_cells(where, pairs, published):
    table = _info_table(*pairs)
    record = extract(article_page(_CONTENT, top=table if where == "above" else "",
                                  info=table if where == "below" else "", side=""))
    assert record["published"] == published
    assert record["paragraphs"][0] == PROSE  # the particulars are not body text
    assert record["author"] is None and record["source"] is None  # 文号, 发布机构 cells are neither


@pytest.mark.parametrize("metas, title, source", [
    ('<meta name="ContentSource" content="某某日报">', "作风建设推进会召开", "某某日报"),
    # a template that fills ContentSource with the article's title names no source
    ('<meta name="ContentSource" content="作风建设推进会召开">', "作风建设推进会召开", None),
    ('<meta name="ContentSource" content="某某市关于 作风建设推进会召开">', "作风建设推进会召开", None),
    ('<meta name="source" content="某某网">', None, "某某网"),
    ("", "作风建设推进会召开", None),
])
def test_meta_source(metas, title, source):
    root = parse_html(f"<html><head>{metas}</head><body><p>x</p></body></html>")
    assert meta_source(root, title) == source


@pytest.mark.parametrize("content, published", [
    # the info row opens the body container itself (it is not a paragraph there)
    ("<p>2021-03-05 | 收藏 | 报道：张某</p>", "2021-03-05"),
    ("<p>【2021年3月5日】</p>", "2021-03-05"),
    # the headline, then the info row, both inside the body container
    ("<p align='center'><strong>作风建设推进会召开</strong></p><p align='center'>2021-03-05 来源：某某网</p>",
     "2021-03-05"),
    # a date further down the text is the text's, not the page's
    (f"<p>{PROSE}</p><p>2020-01-01</p>", None),
], ids=["info-row", "date-alone", "headline-then-info", "date-in-text"])
def test_publish_date_of_an_info_row_opening_the_body(content, published):
    page = (f"<html><head><title>作风建设推进会召开_某某网</title></head><body>"
            f"<div class='content'>{content}<p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div></body></html>").encode()
    record = extract(page, "http://www.example.gov.cn/xwzx/a/123.html")
    assert record["published"] == published
    assert record["paragraphs"][0] == PROSE


_LD = '<script type="application/ld+json">{}</script>'


@pytest.mark.parametrize("head, info, published", [
    # no date shown: a related-articles list under the headline lends none; the <meta> names it
    ('<meta name="PubDate" content="2023-08-16 10:33:59">',
     "<div>访问量：1632</div><div>关联稿件：</div><ul><li><a href='/b.html'>图文解读：某某公报</a></li>"
     "<li>2023-07-12</li></ul>", "2023-08-16T10:33:59+08:00"),
    ("", "<div>相关新闻：</div><div><a href='/b.html'>某某会议召开</a> 2023-07-12</div>", None),
    # Open Graph's article:published_time, with its zone
    ('<meta property="article:published_time" content="2021-03-05T02:20:00Z">', "", "2021-03-05T10:20:00+08:00"),
    # schema.org JSON-LD: an object, a list, an @graph; broken JSON is no date
    (_LD.format('{"@type": "NewsArticle", "datePublished": "2021-03-05T10:20:00+08:00"}'), "",
     "2021-03-05T10:20:00+08:00"),
    (_LD.format('[{"@type": "WebSite"}, {"@type": "Article", "datePublished": "2021-03-05"}]'), "", "2021-03-05"),
    (_LD.format('{"@graph": [{"@type": "WebPage"}, {"@type": "Article", "datePublished": "2021-03-05"}]}'), "",
     "2021-03-05"),
    (_LD.format('{"datePublished": "2021-03-05",}'), "", None),
    # a generic date <meta> (or the last edit) is outranked by schema.org's datePublished
    ('<meta name="date" content="2021-04-01">' + _LD.format('{"datePublished": "2021-03-05"}'), "", "2021-03-05"),
    ('<meta name="lastmodifiedtime" content="2021-04-01">', "", "2021-04-01"),
    # a <time datetime> in the info row, an itemprop=datePublished anywhere
    ("", "<div><time datetime='2021-03-05T10:20'>三月五日</time> | 打印</div>", "2021-03-05T10:20:00+08:00"),
    ("", "<div><span itemprop='datePublished' content='2021-03-05'>三月五日</span></div>", "2021-03-05"),
    # a visible date still outranks them all
    ('<meta name="PubDate" content="2022-04-24 10:00:43">',
     "<div>发布日期：2017-05-15 10:49:00</div>", "2017-05-15T10:49:00+08:00"),
], ids=lambda v: v[:30] if isinstance(v, str) else None)
def test_machine_dates_when_no_date_is_shown(head, info, published):
    assert _published(head=head, info=info) == published


def _record(head: str = "", top: str = "", info: str = "", side: str = "") -> dict:
    return extract(article_page(_CONTENT, head=head, top=top, info=info, side=side))


def _published(head: str = "", top: str = "", info: str = "", side: str = "") -> str | None:
    return _record(head, top, info, side)["published"]


_CONTENT_SOURCE = '<meta name="ContentSource" content="某某处">'


@pytest.mark.parametrize("head, info, source", [
    # a 来源 label left empty on the page: the page names no source, whatever a meta tag says
    (_CONTENT_SOURCE, "<p>日期：2025-02-26 11:54 来源：</p><div>分享：</div>", None),
    (_CONTENT_SOURCE, "<p>日期：2025-02-26 11:54</p>", "某某处"),  # no label shown: the meta's
    # the value after an empty element (an icon link) is the label's
    (_CONTENT_SOURCE, "<div>来源：<a href='/'> </a><a href='/'>某某日报网</a></div>", "某某日报网"),
], ids=["empty-label", "no-label", "icon-before-value"])
def test_source_shown_or_left_empty(head, info, source):
    assert _record(head=head, info=info)["source"] == source


@pytest.mark.parametrize("top, side, published", [
    # an e-paper's issue strip above the headline, named as the paper's date
    ("<div class='cb-text'><span id='paperdate'>2022年02月13日</span><input name='q'></div>", "", "2022-02-13"),
    ("<div><span class='pub-time'>2022-02-13 08:00</span></div>", "", "2022-02-13T08:00:00+08:00"),
    # a bare date or time class, or a named date in a list or a link, is another article's
    ("<div><span class='date'>2022-02-13</span></div>", "", None),
    ("", "<ul><li><a href='/b.html'>某某会议召开</a><span class='pubdate'>2022-01-02</span></li></ul>", None),
    ("", "<div><a href='/b.html'><span class='pubdate'>2022-01-02</span></a></div>", None),
], ids=lambda v: v[:30] if isinstance(v, str) else None)
def test_a_named_date_element_when_the_page_shows_no_other(top, side, published):
    assert _published(top=top, side=side) == published


@pytest.mark.parametrize("cell, after, editor", [
    # a credit left empty in the body's last cell: the block after the table is not its value
    ("（责任编辑：admin）", "<div class='digg'>顶一下</div>", None),
    ("（责任编辑：）", "<div class='digg'>顶一下</div>", None),
    ("（责任编辑：王某）", "<div class='digg'>顶一下</div>", "王某"),
], ids=["account", "empty", "named"])
def test_an_empty_credit_in_the_last_cell_takes_nothing_after_the_table(cell, after, editor):
    body = "近日，某某研究中心召开年度工作总结会议，回顾一年来的主要工作并部署下一阶段任务。"
    content = f"<table><tr><td><p>{body}</p><p>{body}</p>{cell}</td></tr></table>{after}"
    assert extract(article_page(content))["editor"] == editor


@pytest.mark.parametrize("info, content_top", [
    # a date badge: the day large over its year and month, under the headline or opening the body
    ("<div class='data'><div class='day'>21</div><div class='year'>2024年02月</div></div>", ""),
    ("<div class='date'><span>2024-02</span><span>21</span></div>", ""),
    ("<div class='date'><b>02-21</b><i>2024</i></div>", ""),
    ("", "<div class='data'><div class='day'>21</div><div class='year'>2024年02月</div></div>"),
], ids=["day-over-month", "month-then-day", "month-day-over-year", "opening-the-body"])
def test_a_date_badge_is_the_publish_date(info, content_top):
    body = "近日，某某研究所召开干部职工大会暨党风廉政建设大会，传达学习上级会议精神并部署工作。"
    side = "<ul class='related'><li><a href='/a/1.html'>另一篇文章</a><span>2023-05-06</span></li></ul>"
    second = body.replace("近日", "会上")
    record = extract(article_page(f"<div class='content'>{content_top}<p>{body}</p><p>{second}</p></div>",
                                  info=info, side=side))
    assert record["published"] == "2024-02-21"
    assert record["paragraphs"] == [body, second]
