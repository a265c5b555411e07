"""Where the body is (crawler/pages/body.py find_body), on whole invented pages."""

from __future__ import annotations

import pytest

from branchnews.crawler.pages.article import Page, parse_article

P = ["某某市委召开全市作风建设推进会，总结去年工作成效，部署今年重点任务，会议强调要持之以恒纠治四风问题。",
     "会议指出，要坚持以严的基调强化正风肃纪，对顶风违纪问题露头就打，推动作风建设常态化长效化。",
     "会议要求，各级党组织要扛起主体责任，把作风建设融入日常、抓在经常，以好作风凝聚干事创业合力。",
     "会议强调，要把学习贯彻党的二十大精神作为首要政治任务，结合实际抓好贯彻落实，确保各项部署落地见效。"]
PS = "".join(f"<p>{p}</p>" for p in P[1:])
COMMENT = ("<div class='comment'><p>网友评论：这次会议开得很好，希望各地认真落实会议精神，把作风建设抓出成效来。</p>"
           "</div>")


@pytest.mark.parametrize("content, paragraphs", [
    # the lead paragraph in a wrapper of its own beside the densest block (Word, editors)
    (f"<div class='TRS_Editor'><div class='Section0'><p>{P[0]}</p></div><div class='Section1'>{PS}</div>"
     "</div>", P),
    (f"<div class='article'><div class='lead'><p>{P[0]}</p></div><div class='text'>{PS}</div></div>", P),
    (f"<div class='article'><div class='text'>{PS}</div><div><img src='/a.jpg'></div></div>", P[1:]),
    # a parent that also holds a comment box or a menu is not the body
    (f"<div class='article'><div class='text'><p>{P[0]}</p>{PS}</div>{COMMENT}</div>", P),
    (f"<div class='article'><div class='text'><p>{P[0]}</p>{PS}</div>"
     "<div><a href='/a/1.html'>上一篇</a> <a href='/a/3.html'>下一篇</a></div></div>", P),
], ids=["word-sections", "lead-box", "picture-beside", "comment-beside", "pager-beside"])
def test_the_body_holds_the_lead_wrapper(content, paragraphs):
    page = (f"<html><head><title>作风建设推进会召开_某某网</title></head><body><h1>作风建设推进会召开</h1>"
            f"{content}<div class='footer'>版权所有 某某网</div></body></html>").encode()
    record = parse_article(Page("http://www.example.gov.cn/a/2.html", page,
                                {"content-type": "text/html; charset=utf-8"}))
    assert record["paragraphs"] == paragraphs


def _rows(*pairs: tuple[str, str]) -> str:
    return "".join(f"<tr><td>{label}</td><td>{value}</td></tr>" for label, value in pairs)


FACTS = "一、委托未取得合法资格的个人从事保险销售活动；二、财务业务数据不真实，未按照规定使用经备案的保险条款。"
DECISION = "对某某保险股份有限公司合计罚款158万元，其中总公司38万元，分支机构120万元；对某某警告并罚款1万元。"


@pytest.mark.parametrize("content, paragraphs", [
    # a record laid out as a table (label cell, value cell): the whole table is the article
    ("<table>" + _rows(("行政处罚决定书文号", "某罚决字〔2024〕36号"), ("被处罚当事人", "某某保险股份有限公司"),
                       ("主要违法违规事实", FACTS), ("行政处罚决定", DECISION),
                       ("作出处罚决定的日期", "2024年7月8日")) + "</table>",
     ["行政处罚决定书文号 某罚决字〔2024〕36号", "被处罚当事人 某某保险股份有限公司", f"主要违法违规事实 {FACTS}",
      f"行政处罚决定 {DECISION}", "作出处罚决定的日期 2024年7月8日"]),
    # an article set in a layout table (one cell a row) stays its cell
    (f"<table><tr><td>{''.join(f'<p>{p}</p>' for p in P)}</td></tr><tr><td>打印本页 关闭窗口</td></tr></table>", P),
    # two labeled rows are an info table beside the text, not a record
    ("<table>" + _rows(("索引号", "123-2024"), ("正文", "".join(f"<p>{p}</p>" for p in P))) + "</table>", P),
], ids=["record-table", "layout-table", "info-rows"])
def test_a_record_table_is_the_body(content, paragraphs):
    page = (f"<html><head><title>行政处罚信息公开表_某某网</title></head><body><h1>行政处罚信息公开表</h1>"
            f"{content}<div class='footer'>版权所有 某某网</div></body></html>").encode()
    record = parse_article(Page("http://www.example.gov.cn/a/2.html", page,
                                {"content-type": "text/html; charset=utf-8"}))
    assert record["paragraphs"] == paragraphs
