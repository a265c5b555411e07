"""The body's paragraphs (crawler/pages/paragraphs.py): deck, repeats and credit lines dropped."""

from __future__ import annotations

import pytest

from branchnews.crawler.pages.paragraphs import _drop_repeats, split_deck, without_credits
from tests.crawler.pages.invented import extract

BODY = "近日，民盟云州市委召开全体会议，传达学习全会精神，部署下一阶段工作。"
LATER = "会议要求，各支部要把学习成果转化为推动工作的实际行动。"


@pytest.mark.parametrize("texts, title, deck, rest", [
    (["民盟云州市委召开全体会议", "传达学习全会精神", BODY], "民盟云州市委召开全体会议",
     ["民盟云州市委召开全体会议", "传达学习全会精神"], [BODY]),
    (["召开全体会议", "王某某", BODY], "王某某：召开全体会议", ["召开全体会议", "王某某"], [BODY]),  # its byline
    ([BODY], "民盟云州市委召开全体会议", [], [BODY]),  # a sentence is not a deck
    (["另一个标题", BODY], "民盟云州市委召开全体会议", [], ["另一个标题", BODY]),
    (["民盟云州市委召开全体会议"], "民盟云州市委召开全体会议", [], ["民盟云州市委召开全体会议"]),  # nothing after it
    ([BODY], None, [], [BODY]),
    # a kicker (引题) over the repeat; a subtitle of a case analysis and the byline under it
    (["擅改行程、假借培训……多起变相公款旅游问题", "严查公款旅游披上“隐身衣”", BODY], '严查公款旅游披上"隐身衣"',
     ["擅改行程、假借培训……多起变相公款旅游问题", "严查公款旅游披上“隐身衣”"], [BODY]),
    (["粮仓岂容硕鼠", "某某集团有限责任公司原党委书记、董事长王某某严重违纪违法案剖析", "某某网站 宋某", BODY],
     "警钟丨粮仓岂容硕鼠", ["粮仓岂容硕鼠", "某某集团有限责任公司原党委书记、董事长王某某严重违纪违法案剖析", "某某网站 宋某"],
     [BODY]),
    # a headline printed over several lines, then its document number
    (["云州市人民政府关于", "禁止在某某工程范围内", "新增建设项目的通告", "云政明电〔2022〕1号", BODY],
     "云州市人民政府关于禁止在某某工程范围内新增建设项目的通告",
     ["云州市人民政府关于", "禁止在某某工程范围内", "新增建设项目的通告", "云政明电〔2022〕1号"], [BODY]),
    # a programme of short lines under the repeated headline: only the repeat is the deck's
    (["某某年会会议议程", "12月10日 代表注册", "地点：某某大学明珠园", "12月11日上午 开幕式", "主持人：某某教授", BODY],
     "某某年会会议议程", ["某某年会会议议程"],
     ["12月10日 代表注册", "地点：某某大学明珠园", "12月11日上午 开幕式", "主持人：某某教授", BODY]),
], ids=["deck", "deck-and-byline", "prose", "other heading", "deck only", "no title", "kicker", "subtitle",
        "headline-lines", "programme"])
def test_split_deck(texts, title, deck, rest):
    assert split_deck(texts, title) == (deck, rest)


@pytest.mark.parametrize("texts, expected", [
    (["传达学习全会精神部署工作", BODY.replace("，传达", "。传达学习全会精神部署工作")],
     [BODY.replace("，传达", "。传达学习全会精神部署工作")]),  # the summary copy goes
    (["短句", "短句在后文也有"], ["短句", "短句在后文也有"]),  # under 12 characters: kept
    # a picture's teaser caption repeating the lead's first sentence, with a note on the picture
    (["近日民盟云州市委召开全体会议传达学习全会精神。（资料照）", "（记者 张某）近日民盟云州市委召开全体会议传达学习全会精神；会议部署工作。"],
     ["（记者 张某）近日民盟云州市委召开全体会议传达学习全会精神；会议部署工作。"]),
    # a short line a later paragraph quotes without its bracket stays (a venue, repeated)
    (["地 点：云州市民盟大楼（三楼）", "会议在地 点：云州市民盟大楼举行，全体委员出席。"],
     ["地 点：云州市民盟大楼（三楼）", "会议在地 点：云州市民盟大楼举行，全体委员出席。"]),
], ids=["summary copy", "short", "teaser caption", "short quoted line"])
def test_drop_repeats(texts, expected):
    assert _drop_repeats(texts) == expected


@pytest.mark.parametrize("texts, expected", [
    (["记者 张三", BODY], [BODY]),  # a byline line
    ([BODY, "（民革某支部 李四）"], [BODY]),  # a closing credit
    ([BODY, BODY, BODY, "（民革某支部 李四）", BODY, BODY, BODY], [BODY] * 3 + ["（民革某支部 李四）"] + [BODY] * 3),
], ids=["byline", "closing credit", "credit-like line mid-body kept"])
def test_without_credits(texts, expected):
    assert without_credits(texts) == expected


def _record(top: str = "", tail: str = "") -> dict:
    """The record of a page whose body container holds two paragraphs between ``top`` and ``tail``."""
    page = (f'<html><body><h1>某某会议召开</h1><div class="content">{top}<p>{BODY}</p><p>{BODY}</p>'
            f'{tail}</div></body></html>').encode()
    return extract(page, "http://www.example.gov.cn/a/2.html")


@pytest.mark.parametrize("tail, last_paragraph, attachments", [
    # a line linking the article's documents is its text, and lists them
    ('<p>附件：<a href="/u/2019.pdf">某某指标分析报告（2019年）.pdf</a></p>',
     "附件：某某指标分析报告（2019年）.pdf", ["某某指标分析报告（2019年）.pdf"]),
    ('<p><a href="/u/a.docx">1.报名表.docx</a> <a href="/u/b.xls">2.汇总表.xls</a></p>',
     "1.报名表.docx 2.汇总表.xls", ["1.报名表.docx", "2.汇总表.xls"]),
    # a row of links to pages is a menu, not text
    ('<p><a href="/a/1.html">上一篇</a> <a href="/a/3.html">某某会议召开</a></p>', BODY, []),
], ids=["attachment", "attachments-without-label", "menu"])
def test_attachment_lines_are_body_text(tail, last_paragraph, attachments):
    record = _record(tail=tail)
    assert record["paragraphs"][-1] == last_paragraph
    assert [a["name"] for a in record["attachments"]] == attachments


@pytest.mark.parametrize("table, rows", [
    # a data table in the body: a row is a paragraph, its numbers kept
    ("<table><tr><td><p>序号</p></td><td><p>单位</p></td><td><p>人数</p></td></tr>"
     "<tr><td><p>1</p></td><td><p><span>某某国家粮食储备库</span></p></td><td><p>1</p></td></tr>"
     "<tr><td>2</td><td>市体彩中心</td><td>2</td></tr></table>",
     ["序号 单位 人数", "1 某某国家粮食储备库 1", "2 市体彩中心 2"]),
    # a layout table whose one cell holds the article: its paragraphs stay paragraphs
    (f"<table><tr><td><p>{BODY}</p><p>{BODY.replace('全体', '常委')}</p></td></tr></table>",
     [BODY, BODY.replace("全体", "常委")]),
    # a table of prize winners whose column is 作者 and a row opening with one: rows, not bylines
    ("<table><tr><td>作品</td><td>作者</td><td>单位</td></tr><tr><td>春天的故事</td><td>张三</td>"
     "<td>一中</td></tr><tr><td>作者</td><td>李四</td><td>二中</td></tr></table>",
     ["作品 作者 单位", "春天的故事 张三 一中", "作者 李四 二中"]),
    ("<table><tr><th>序号</th><th>撰稿</th></tr><tr><td>1</td><td>王五</td></tr>"
     "<tr><td>2</td><td>赵六</td></tr></table>", ["序号 撰稿", "1 王五", "2 赵六"]),
], ids=["data-table", "layout-table", "credit-words-in-a-grid", "credit-column"])
def test_table_rows_are_paragraphs(table, rows):
    lead = [BODY.replace("近日", "昨日"), BODY.replace("近日", "今日")]
    page = (f'<html><body><h1>某某会议召开</h1><div class="content"><p>{lead[0]}</p><p>{lead[1]}</p>'
            f'{table}</div></body></html>').encode()
    record = extract(page, "http://www.example.gov.cn/a/2.html")
    assert record["paragraphs"] == lead + rows
    assert record["author"] is None


@pytest.mark.parametrize("table, author", [
    # a table of label | value pairs closing the body is an info table: it credits the writer
    ("<table><tr><td>作者</td><td>张三</td></tr><tr><td>来源</td><td>某某日报</td></tr></table>", "张三"),
    ("<table><tr><td>撰稿：</td><td>李四</td></tr></table>", "李四"),
], ids=["info-table", "one-row"])
def test_an_info_table_under_the_body_credits(table, author):
    page = (f'<html><body><h1>某某会议召开</h1><div class="content"><p>{BODY}</p><p>{BODY}</p>'
            f'{table}</div></body></html>').encode()
    assert extract(page, "http://www.example.gov.cn/a/2.html")["author"] == author


@pytest.mark.parametrize("top, first", [
    # a column's tag on a line of its own opening the body is not text; inside a line it is
    ("<p>【新春走基层】</p>", BODY),
    ("<p>[今日关注]</p>", BODY),
    (f"<p>【某某网】{BODY}</p>", f"【某某网】{BODY}"),
    ("", BODY),
], ids=["column-tag", "square-brackets", "tag-in-line", "none"])
def test_the_body_opens_after_a_columns_tag(top, first):
    assert _record(top=top)["paragraphs"][0] == first


POINTS = "<ol><li>会议传达学习了全会精神。</li><li>会议部署了下一阶段的重点工作。</li></ol>"


_POINT_TEXTS = ["会议传达学习了全会精神。", "会议部署了下一阶段的重点工作。"]


@pytest.mark.parametrize("top, before_body", [
    # a summary box: its heading alone over a list of points (edited copies of the text's sentences)
    (f"<p>划重点：</p>{POINTS}", []),
    (f"<p>【内容提要】</p>{POINTS}", []),
    (f"<p>核心提示</p>{POINTS}", []),
    # a list under another heading, or under none, is the article's
    (f"<p>会议议程：</p>{POINTS}", ["会议议程：", *_POINT_TEXTS]),
    (POINTS, _POINT_TEXTS),
], ids=["key-points", "bracketed", "no-colon", "other-heading", "no-heading"])
def test_a_summary_boxs_points_are_not_text(top, before_body):
    # (the page's two copies of BODY are one paragraph: the first is a repeat)
    assert _record(top=top)["paragraphs"] == [*before_body, BODY]


@pytest.mark.parametrize("tail, after_body", [
    # a line that prints an address as its link is text (a live stream's, a school's web site)
    ('<p>网络直播地址: <a href="https://live.example.com/7381552/">https://live.example.com/7381552/</a></p>',
     ["网络直播地址： https://live.example.com/7381552/"]),
    ('<p>学校网址：<a href="http://www.example.edu.cn">www.example.edu.cn</a></p>', ["学校网址：www.example.edu.cn"]),
    # a line of links in words is a menu
    ('<p><a href="/">首页</a> <a href="/xw/">新闻中心</a> <a href="/gg/">通知公告</a></p>', []),
], ids=["url", "www", "menu"])
def test_a_line_spelling_out_an_address_is_text(tail, after_body):
    assert _record(tail=tail)["paragraphs"] == [BODY, *after_body]


def test_a_cut_headline_is_read_whole_from_the_bodys_repeat():
    """A template that cuts the headline (``<h2>`` and ``<title>``) to its first characters; the
    body container opens with the whole headline: that is the title, and no paragraph."""
    cut, whole = "某某市统战部部长与市工商联一行莅临我会参", "某某市统战部部长与市工商联一行莅临我会参观指导工作"
    page = (f"<html><head><title>{cut}_某某商会</title></head><body><h2>{cut}</h2>"
            f"<div class='info'>时间:2017-11-21 16:43 来源:未知 作者:admin</div>"
            f"<div class='content'><p><strong>{whole}</strong></p><p>{BODY}</p><p>{LATER}</p></div></body></html>")
    record = extract(page)
    assert (record["title"], record["paragraphs"], record["author"], record["source"]) == (
        whole, [BODY, LATER], None, None)


@pytest.mark.parametrize("tail, field, value", [
    # a credit closing the body, its value set on the next line (after <br>, in the next <p>)
    ("<p>责任编辑：<br>覃某萍</p>", "editor", "覃某萍"),
    ("<p>信息来源：</p><p>民革某某市委会参政议政部</p>", "source", "民革某某市委会参政议政部"),
    ("<p>文：陈某怡　图：王某然</p>", "author", "陈某怡"),
    ("<p>（民盟某某区委 杨某雯 供稿）</p>", "author", "杨某雯"),
], ids=["editor-after-br", "source-in-next-p", "writer-and-pictures", "supplied"])
def test_a_closing_credit_goes_into_its_field(tail, field, value):
    record = _record(tail=tail)
    assert record[field] == value
    assert record["paragraphs"] == [BODY]


def test_a_credit_glued_to_the_last_paragraph_in_the_colon_form():
    record = _record(tail=f"<p>{LATER}（文：刘某源　图：郭某）</p>")
    assert (record["author"], record["paragraphs"][-1]) == ("刘某源", LATER)


def test_a_next_line_after_an_empty_label_is_text_when_it_reads_as_text():
    # (a sentence, a date, a line of chrome is no credit's value)
    record = _record(tail="<p>责任编辑：<br>会议要求，各支部要认真落实。</p>")
    assert (record["editor"], record["paragraphs"][-1]) == (None, "会议要求，各支部要认真落实。")


def test_the_headline_repeated_deep_in_the_body_is_a_heading_of_the_text():
    """A ministry's order (令) promulgating a decision: the decision follows under its own title,
    which is the page's headline; there it heads text, it is no repeat of the headline block."""
    title = "关于废止部分规章和行政规范性文件的决定"
    lines = ["中华人民共和国某某委员会令", "第42号", f"《{title}》已经委务会议审议通过，现予公布，自2021年4月1日起施行。",
             "主任：某某", "2021年3月27日", title, BODY]
    page = (f"<html><head><title>{title}_某某网</title></head><body><h1>{title}</h1><div class='content'>"
            + "".join(f"<p>{line}</p>" for line in lines) + "</div></body></html>")
    assert extract(page)["paragraphs"][4:] == ["2021年3月27日", title, BODY]
