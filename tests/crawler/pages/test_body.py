"""Where the body is (crawler/pages/body.py find_body), on whole invented pages."""

from __future__ import annotations

import pytest

from tests.crawler.pages.invented import article_page, extract

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
    record = extract(article_page(content))
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
    record = extract(article_page(content, title="行政处罚信息公开表"))
    assert record["paragraphs"] == paragraphs


def _grid(*rows: tuple[str, ...]) -> str:
    return "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows) + "</table>"


PENALTIES = [("序号", "当事人名称", "处罚内容", "处罚日期"), ("1", "某某贸易有限公司", "警告并罚款五千元", "2024-03-01"),
             ("2", "某某餐饮管理店", "没收违法所得", "2024-03-05"), ("3", "某某建材经营部", "责令改正并罚款", "2024-03-09"),
             ("4", "某某物流有限公司", "罚款两万元整", "2024-03-12")]
NOTICE = ("<div class='notice'><p>温馨提示：本网站所有信息仅供参考，如需办理相关业务，请携带有效证件前往政务服务大厅窗口"
          "咨询办理，谢谢您的理解与配合支持。</p></div>")
MENU = ["机构设置概况", "领导班子成员", "内设机构职能", "直属单位名录", "政策法规文件", "规划计划信息", "人事任免信息",
        "财政预算决算", "重点领域公开", "建议提案办理", "政务服务指南", "办事大厅入口", "互动交流平台", "书记信箱留言",
        "意见征集公告", "在线访谈回顾"]
NAV = ("本站首页", "机构概况", "新闻动态", "政务公开", "联系我们")


@pytest.mark.parametrize("content, paragraphs", [
    # a table of data (short cells, none of them prose) is the article, not a longer block beside it
    (f"<div class='content'>{_grid(*PENALTIES)}</div>{NOTICE}", [" ".join(row) for row in PENALTIES]),
    # a layout table: one cell holds most of its text (the article), the short cells are its frame
    (f"<div class='main'><table><tr>{''.join(f'<td>{c}</td>' for c in NAV)}</tr>"
     f"<tr><td colspan='5'>{''.join(f'<p>{p}</p>' for p in P[:3])}</td></tr>"
     "<tr><td>打印本页</td><td>关闭窗口</td></tr></table></div>", P[:3]),
    # a layout table that holds other tables: its own short cells are a menu beside the article
    ("<div class='main'><table>" + "".join(f"<tr><td>{c}</td></tr>" for c in MENU)
     + f"<tr><td><table><tr><td>{''.join(f'<p>{p}</p>' for p in P[:2])}</td></tr></table></td></tr></table></div>",
     P[:2]),
    # a table of one column (a menu set as rows of plain text) beside the article is not a grid
    ("<div class='main'><table><tr><td><table>" + "".join(f"<tr><td>{c}</td></tr>" for c in MENU)
     + f"</table></td><td><table><tr><td>{''.join(f'<p>{p}</p>' for p in P[:2])}</td></tr></table></td></tr>"
     "</table></div>", P[:2]),
    # an info table of label | value pairs beside a short notice is the notice's particulars
    ("<div class='xxgk'>" + _grid(("索引号", "11330000002482/2024-00123", "发布机构", "某某市人民政府办公室"),
           ("主题分类", "综合政务、通知", "成文日期", "2024年03月01日"),
           ("文号：", "某政办发〔2024〕5号", "发布日期：", "2024年03月05日"), ("主题词", "通知公告", "有效性", "有效"))
     + "</div><div class='zoom'><p>各县（市、区）人民政府，市政府直属各单位：</p><p>经市政府同意，现将有关事项通知如下，请认真贯彻执行。</p></div>",
     ["各县（市、区）人民政府，市政府直属各单位：", "经市政府同意，现将有关事项通知如下，请认真贯彻执行。"]),
], ids=["data-grid", "layout-one-cell", "layout-nested", "menu-column", "info-table-beside"])
def test_a_grid_of_data_is_one_block(content, paragraphs):
    record = extract(article_page(content, title="行政处罚结果公示"))
    assert record["paragraphs"] == paragraphs


LONG = ("一、某某工程位于某某市、某某县和某某区，建设征占地范围为现有堤防距堤脚线两侧十五米范围内，起点为两省交界处的"
        "某某大弯段，终点为两江交界处的回水堤，占地范围涉及十余个乡镇的数十个村屯和国营农场、渔场及其他单位。" * 3)
DIVS = "".join(f"<div style='text-align: justify;'>{p}</div>" for p in (P[0], LONG, *P[1:]))


@pytest.mark.parametrize("content, paragraphs", [
    # <div>s set as paragraphs (an editor's, pasted Word HTML): their parent is the body, not the
    # longest of them; the headline repeated above them in short <div>s is no paragraph
    (f"<div class='Custom_UnionStyle'><div><b>作风建设</b></div><div><b>推进会召开</b></div>{DIVS}</div>",
     [P[0], LONG, *P[1:]]),
    # a disclaimer of <div> paragraphs in the footer does not outweigh the article
    (f"<div class='content'><p>{P[0]}</p>{PS}</div><div class='banquan'>"
     + "".join(f"<div>{i}.凡本站注明“文章类型：原创”的所有作品，其版权属于本站，未经授权不得转载、摘编或利用其它方式使用。</div>"
               for i in (1, 2, 3)) + "</div>", P),
    # <div>s of links (a menu, a list of other articles) are no paragraphs
    (f"<div class='content'><p>{P[0]}</p>{PS}</div><div class='more'>"
     + "".join(f"<div><a href='/a/{i}.html'>某某市召开全市作风建设推进会部署今年重点任务第{i}次</a></div>"
               for i in range(5)) + "</div>", P),
], ids=["paragraph-divs", "disclaimer-divs", "link-divs"])
def test_divs_set_as_paragraphs(content, paragraphs):
    record = extract(article_page(content, info="<div class='info'>2024-01-05</div>", side=""))
    assert list(record["paragraphs"]) == paragraphs


_REPRINT_NOTICE = ("此内容为某某财经原创。未经某某财经授权，不得以任何方式加以使用，包括转载、摘编、复制或建立镜像。"
                   "某某财经将追究侵权者的法律责任。如需获得授权请联系某某财经版权部：021-12345678。")
_COPYRIGHT_PROSE = ("这也意味着，只要数据来源未经用户授权，都存在法律风险；未经被收集者同意，不得向他人提供个人信息，"
                    "监管环境倒逼之下，不少数据公司已经着手转型。")


@pytest.mark.parametrize("line, noise", [
    (_REPRINT_NOTICE, True),  # a site's reprint notice closing its article
    ("未经本网书面授权，任何单位和个人不得转载、摘编或以其他方式使用本网原创作品。", True),
    ("未经授权，不得转载。", True),
    ("未经许可，任何单位和个人不得使用消防通道堆放杂物。", False),  # a rule, not a notice
    ("[摘要]据了解，长三角三省一市已经联合调动了一批龙头企业，拟在重点领域布局。", True),  # a summary box
    ("【内容提要】本文梳理了某某制度的由来与演变。", True),
    ("摘要：本文梳理了某某制度的由来与演变。", True),
    ("核心提示：本文梳理了某某制度的由来与演变。", True),
    ("摘要显示，某某制度的由来与演变经历了三个阶段。", False),  # no label: prose
    (_COPYRIGHT_PROSE, False),  # prose about consent and data: no rights word, no reprint
    ("学校正式确定和通知开学时间前，未经批准，学生原则上不得提前返校。", False),
    ("本次大会共收到学术论文（含摘要）300余篇，设立了9个分会场。", False),
    ("据中国之声《新闻和报纸摘要》报道，某某日前签署命令。", False),
    # an app's promotion is a short line of its own; prose telling readers to use an app is text
    ("下载某某应用程序跟踪国际时事", True),
    ("下载某某新闻客户端，看更多精彩内容", True),
    ("关注公众号：某某发布", True),
    ("纳税人可下载个人所得税APP，按照提示填写专项附加扣除信息，税务部门将在三个工作日内完成审核并告知结果。", False),
])
def test_is_noise(line, noise):
    from branchnews.crawler.pages.body import is_noise
    assert is_noise(line) is noise


@pytest.mark.parametrize("content, side, names", [
    # the documents listed in a block right after the editor's wrapper (TRS, Hanweb div.fujian)
    (f"<div class='TRS_Editor'>{PS}</div><div class='fujian'>相关附件：<a href='./P0202403.pdf'>某某办法.pdf</a>"
     "</div>", "", ["某某办法.pdf"]),
    (f"<div class='article'><div class='TRS_Editor'>{PS}</div></div><div class='appendix'>"
     "<a href='/u/1.docx'>1.报名表</a> <a href='/u/2.xls'>2.汇总表</a></div>", "", ["1.报名表", "2.汇总表"]),
    # a sidebar of downloads further away, or a block of page links after the body, lists none
    (f"<div class='TRS_Editor'>{PS}</div><div class='share'>分享到：<a href='/s'>微信</a></div>"
     "<div class='links'><a href='/a/1.html'>上一篇</a></div>",
     "<div class='side'><h3>下载中心</h3><a href='/d/form.doc'>申报表</a></div>", []),
], ids=["fujian-block", "appendix-after-container", "sidebar-downloads"])
def test_attachments_after_the_body(content, side, names):
    record = extract(article_page(content, side=side))
    assert [a["name"] for a in record["attachments"]] == names


def test_a_page_of_one_attached_document():
    """A 任免 notice whose content block only repeats the headline over the attached PDF: the
    block is the body (not the headline's element, not the site's footer), the PDF listed."""
    title = "中共某某局党组关于某某同志职务任免的通知"
    page = (f"<html><head><title>人事任免_某某网</title></head><body><div class='article_title_group'>"
            f"<div class='article_title'>{title}</div></div><div class='article_extend'>时间：2022-03-24</div>"
            f"<div class='article_area'><div class='article_content'><span>{title}</span></div></div>"
            f"<div class='article_attachment'>附件下载<ul><li><a href='/files/402802.pdf'>{title}.pdf</a></li></ul></div>"
            "<div class='row'><p>主办单位：某某市人民政府办公室 承办单位：某某市大数据中心</p>"
            "<p>为确保最佳浏览效果，建议您使用以下浏览器版本：IE浏览器9.0版本及以上；谷歌浏览器63版本及以上</p>"
            "<p>网站标识码：3590000001 某ICP备05012345号 某公网安备 35012802000123号</p></div></body></html>")
    record = extract(page)
    assert (record["title"], record["paragraphs"]) == (title, [title])
    assert [a["name"] for a in record["attachments"]] == [f"{title}.pdf"]


@pytest.mark.parametrize("line", [
    "主办单位：某某市人民政府办公室 承办单位：某某市大数据中心",
    "为确保最佳浏览效果，建议您使用以下浏览器版本：IE浏览器9.0版本及以上",
    "Copyright @ 2015 某某大学 All Rights Reserved. 苏公网安备 32100302010246号",
], ids=["sponsors", "browser-advice", "record-numbers"])
def test_a_sites_footer_line_is_no_text(line):
    record = extract(article_page(f"<div class='content'>{PS}<p>{line}</p></div>"))
    assert record["paragraphs"] == P[1:]


@pytest.mark.parametrize("line", [
    "点击上方蓝字关注我们", "▲点击上方“某某统战”关注我们", "长按识别二维码关注我们", "点个“在看”，让更多人看到",
    "分享、点赞、在看，三连走一波",
], ids=["blue-words", "account-name", "qr-code", "in-view", "share-like"])
def test_a_wechat_articles_calls_to_follow_are_no_text(line):
    record = extract(article_page(f"<div class='TRS_Editor'><p>{line}</p>{PS}<p>{line}</p></div>"))
    assert record["paragraphs"] == P[1:]


@pytest.mark.parametrize("line", ["会议强调，要点击关注群众关切的热点问题并及时回应。", "扫描二维码即可报名参加本次志愿服务活动。"],
                         ids=["follow-in-prose", "qr-code-in-prose"])
def test_prose_that_mentions_following_is_text(line):
    record = extract(article_page(f"<div class='content'>{PS}<p>{line}</p></div>"))
    assert record["paragraphs"][-1] == line


def test_the_list_of_past_issues_ends_the_article():
    record = extract(article_page(f"<div class='content'>{PS}<p>往期推荐</p><p><a href='/a/9.html'>{P[0]}</a></p></div>"))
    assert record["paragraphs"] == P[1:]


@pytest.mark.parametrize("frame, attachments", [
    # a 信息公开 page's document shown in a viewer frame, in an <embed> or an <object>
    ('<iframe src="/pdfjs/web/viewer.html?file=/u/P0202403.pdf" title="某某市2024年部门预算公开"></iframe>',
     [("某某市2024年部门预算公开", "http://www.example.gov.cn/u/P0202403.pdf")]),
    ('<embed src="./P0202403.pdf" type="application/pdf">', [("P0202403.pdf", "http://www.example.gov.cn/xwzx/a/P0202403.pdf")]),
    ('<object data="/u/plan.docx"></object>', [("plan.docx", "http://www.example.gov.cn/u/plan.docx")]),
    # a frame of a page (a video player, a map) shows no document
    ('<iframe src="/player/1.html"></iframe>', []),
], ids=["pdfjs-viewer", "embed", "object", "page-frame"])
def test_a_document_shown_in_a_frame_is_an_attachment(frame, attachments):
    record = extract(article_page(f"<div class='content'>{PS}{frame}</div>"))
    assert [(a["name"], a["url"]) for a in record["attachments"]] == attachments
