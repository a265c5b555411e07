"""Headline candidates and the similarity that ranks them (crawler/pages/title.py)."""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest
from lxml import etree

from branchnews.crawler.pages.lines import parse_html, prune
from branchnews.crawler.pages.title import (_Similarity, _elements_before, find_headline, similarity,
                                            uncut_headline)

PAGES = [
    "<html><head><title>t</title></head><body><div id='a'><h1>x</h1><p id='p'>prose</p>"
    "<p>after</p></div></body></html>",
    # prose nested deep, with siblings of its ancestors before it and elements inside it
    "<html><body><ul><li>m</li><li>n</li></ul><div><div><span>s</span>"
    "<section id='p'><b>in</b><i>side</i></section></div><em>later</em></div></body></html>",
    # the prose block is <body> itself, and the prose is the first element
    "<html><body id='p'><p>a</p><p>b</p></body></html>",
    "<html><body><p id='p'>a<b>b</b></p><p>c</p></body></html>",
]
_XPATH = etree.XPath("preceding::*[ancestor::body] | descendant::*")


@pytest.mark.parametrize("html", PAGES)
def test_elements_before_the_prose_are_xpaths_preceding_and_descendants(html):
    root = parse_html(html)
    prune(root)
    prose = root.xpath("//*[@id='p']")[0]
    assert list(_elements_before(root, prose)) == _XPATH(prose)


@pytest.mark.parametrize("html", PAGES)
def test_without_prose_every_element_of_the_body_is_looked_at(html):
    root = parse_html(html)
    assert list(_elements_before(root, None)) == root.xpath("//body//*")


def _difflib(candidate: str, reference: str) -> float:
    matcher = SequenceMatcher(None, candidate, reference, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks()) / len(candidate)


PAIRS = [
    ("国务院联防联控机制印发通知", "国务院联防联控机制：湖北和武汉要严格管控防输出"),
    ("湖北和武汉要严格管控", "国务院联防联控机制：湖北和武汉要严格管控防输出"),
    ("李云泽", "国家金融监督管理总局"),
    ("国家金融监督管理总局就《办法》公开征求意见", "国家金融监督管理总局"),
    ("abcabcabc", "cba"),
    ("管理总局监督", "国家金融监督管理总局"),
]


@pytest.mark.parametrize("candidate, reference", PAIRS)
def test_one_matcher_per_reference_scores_as_a_new_matcher(candidate, reference):
    like = _Similarity(reference)
    for other, _ in PAIRS:  # the matcher is reused between candidates
        like(other)
    assert like(candidate) == similarity(candidate, reference) == _difflib(candidate, reference)


@pytest.mark.parametrize("candidate, reference", PAIRS)
@pytest.mark.parametrize("bonus", [0.0, 0.1, 0.3])
@pytest.mark.parametrize("threshold", [0.6, 0.8])
def test_a_bounded_score_is_exact_when_it_can_reach_the_threshold(candidate, reference, bonus,
                                                                   threshold):
    exact = _difflib(candidate, reference) + bonus
    score = _Similarity(reference).score(candidate, bonus, threshold)
    if score >= threshold:
        assert score == exact
    else:
        assert exact <= score  # a bound: the candidate cannot reach the threshold either


@pytest.mark.parametrize("candidate, reference, expected", [
    ("", "标题", 0.0), ("标题", "", 0.0), ("标题", "新闻标题", 1.0),
])
def test_similarity_edges(candidate, reference, expected):
    assert similarity(candidate, reference) == expected
    assert _Similarity(reference).score(candidate, 0.1, 0.6) == expected + 0.1


@pytest.mark.parametrize("body, expected, tag", [
    # the heading most like <title> wins over a column heading and a nav link
    ("<div class='nav'><a class='title'>首页</a></div><h2>工作动态</h2>"
     "<h1>市政府召开常务会议研究部署工作</h1><div class='content'><p>{prose}</p></div>",
     "市政府召开常务会议研究部署工作", "h1"),
    # an unmarked leaf whose text is the <title>'s headline
    ("<div><span>市政府召开常务会议研究部署工作</span></div><div><p>{prose}</p></div>",
     "市政府召开常务会议研究部署工作", "span"),
    # a label printed before the headline in its element is not the headline
    ("<h1>标题：市政府召开常务会议研究部署工作</h1><div class='content'><p>{prose}</p></div>",
     "市政府召开常务会议研究部署工作", "h1"),
    ("<div class='title'>文章标题: 市政府召开常务会议研究部署工作</div><div class='content'><p>{prose}</p></div>",
     "市政府召开常务会议研究部署工作", "div"),
    # nothing like <title> above the prose (the heading below it is not looked at): <title>
    # without its suffix
    ("<div class='content'><p>{prose}</p></div><h1>市政府召开常务会议研究部署工作</h1>",
     "市政府召开常务会议研究部署工作", None),
])
def test_find_headline(body, expected, tag):
    prose = "这是一段足够长的正文内容，用来让正文识别器找到文章的主体部分。"
    root = parse_html(f"<html><head><title>市政府召开常务会议研究部署工作-某市人民政府</title></head>"
                      f"<body>{body.format(prose=prose)}</body></html>")
    prune(root)
    prose_el = root.xpath(f"//p[.='{prose}']")[0]
    text, el = find_headline(root, [], None, prose_el)
    assert (text, el.tag if el is not None else None) == (expected, tag)


# (page, headline): <title> and a headline meta as references
HEADLINES = [
    # a dash-led line set in a <div> inside the headline's <p> (the parser makes them siblings),
    # joined to it as <title> shows; not joined where <title> shows the headline alone
    ("<html><head><title>凝聚强大智慧和力量——热烈祝贺某某会议开幕_某某市人民政府网</title></head><body>"
     "<div class='body'><p class='mm_all_p'>凝聚强大智慧和力量<div>——热烈祝贺某某会议开幕</div></p>"
     "<div class='c'><p>正文第一段，学校邀请专家作专题报告，师生参加学习，会议强调要持之以恒。</p></div></div></body></html>",
     "凝聚强大智慧和力量——热烈祝贺某某会议开幕"),
    ("<html><head><title>凝聚强大智慧和力量_某某市人民政府网</title></head><body>"
     "<div class='body'><p class='mm_all_p'>凝聚强大智慧和力量<div>——热烈祝贺某某会议开幕</div></p>"
     "<div class='c'><p>正文第一段，学校邀请专家作专题报告，师生参加学习，会议强调要持之以恒。</p></div></div></body></html>",
     "凝聚强大智慧和力量"),
    # a <title> that names only the column: the column's heading, linked by the menu, is not the
    # headline; the heading above the text is
    ("<html><head><title>新闻中心_某某网</title></head><body><div class='nav'><a href='/'>首页</a>"
     "<a href='/xwzx/'>新闻中心</a></div><h2>新闻中心</h2><h1>某某市召开作风建设推进会</h1>"
     "<div class='c'><p>正文第一段，学校邀请专家作专题报告，师生参加学习，会议强调要持之以恒。</p></div></body></html>",
     "某某市召开作风建设推进会"),
    # no headline shown and a <title> that names the site: the article's title meta
    ("<html><head><title>某某网</title><meta name='ArticleTitle' content='某某市召开作风建设推进会'></head><body>"
     "<div class='c'><p>正文第一段，学校邀请专家作专题报告，师生参加学习，会议强调要持之以恒。</p></div></body></html>",
     "某某市召开作风建设推进会"),
    # a <title> libxml2 moved into <body> (the head broke early) is the reference, not a candidate
    ("<html><head><meta charset='utf-8'></head><body><meta name='x' content='y'>"
     "<title>我校举办专题讲座-某某职业技术学院</title><div class='nav'>首页</div>"
     "<h3>我校举办专题讲座</h3><div class='c'><p>正文第一段，学校邀请专家作专题报告，师生参加学习。</p></div>"
     "</body></html>", "我校举办专题讲座"),
    # a <title> whose separator also sits in the headline: its longest part is the site name; the
    # ArticleTitle meta names the headline, and a share widget's heading is not it
    ("<html><head><title>深度关注 | 严查送礼————要闻——某某监督委员会网站</title>"
     "<meta name='ArticleTitle' content='深度关注 | 严查送礼'></head><body>"
     "<h2 class='tit'>深度关注 | 严查送礼</h2><div class='share'><h4>微信扫一扫：分享</h4></div>"
     "<div class='c'><p>正文第一段，各级纪检监察机关紧盯节点开展监督检查，严查违规收送礼品。</p></div>"
     "</body></html>", "深度关注 | 严查送礼"),
    # og:title works the same way
    ("<html><head><title>聚焦 | 乡村振兴——频道——某某新闻网站</title>"
     "<meta property='og:title' content='聚焦 | 乡村振兴'></head><body>"
     "<h1>聚焦 | 乡村振兴</h1><h4>扫码阅读手机版</h4>"
     "<div class='c'><p>正文第一段，各地推进乡村振兴工作，农民收入持续增长，村容村貌明显改善。</p></div>"
     "</body></html>", "聚焦 | 乡村振兴"),
    # a column name in the <h1> is found in <title> whole, as the headline is, but covers less of it
    ("<html><head><title>某某大学2022年招收博士研究生章程-某某大学-研究生招生信息网</title></head><body>"
     "<div class='crumb'>当前位置：首页 >> 招生信息 >> 博士研究生</div><h1>博士研究生</h1>"
     "<div class='title'>某某大学2022年招收博士研究生章程</div>"
     "<div class='c'><p>正文第一段，根据教育部有关文件精神，结合我校实际，制定本章程，请考生认真阅读。</p></div>"
     "</body></html>", "某某大学2022年招收博士研究生章程"),
    # a bare hyphen before a site name longer than the headline
    ("<html><head><title>县政府召开常务会议-某某市某某县人民政府</title></head><body>"
     "<div class='logo'>某某市某某县人民政府</div><h1>县政府召开常务会议</h1>"
     "<div class='c'><p>正文第一段，县政府召开常务会议，研究部署近期重点工作，县长主持会议并讲话。</p></div>"
     "</body></html>", "县政府召开常务会议"),
    # <title> names only the column and the site: the heading above the body, never a share widget's
    ("<html><head><title>评论——某某监督委员会网站</title></head><body>"
     "<h2 class='tit'>某地观潮丨科学精准打好作风建设持久战</h2><div class='share'><h4>微信扫一扫：分享</h4></div>"
     "<div class='c'><p>正文第一段，作风建设永远在路上，各级党组织要持之以恒正风肃纪，久久为功。</p></div>"
     "</body></html>", "某地观潮丨科学精准打好作风建设持久战"),
    # a generic <title>: the headline meta finds the headline in an unmarked cell
    ("<html><head><title>中标公告详细页面</title>"
     "<meta name='ArticleTitle' content='2021年某某中心电脑采购项目中标公告'></head><body>"
     "<table><tr><td>2021年某某中心电脑采购项目中标公告</td></tr><tr><td>发布时间：2021-10-11</td></tr></table>"
     "<div class='c'><p>正文第一段，某某中心电脑采购项目评审工作已经结束，现将中标结果公告如下，欢迎监督。</p></div>"
     "</body></html>", "2021年某某中心电脑采购项目中标公告"),
    # the title block holds the byline under the headline (and <title> glues it on)
    ("<html><head><title>持续加固某某规定堤坝 本刊记者 侯某 黄某--某某杂志</title></head><body>"
     "<div class='tit'><p>持续加固某某规定堤坝</p><p>本刊记者 侯某 黄某</p></div>"
     "<div class='c'><p>正文第一段，新时代的徙木立信之举，必须常抓不懈、久久为功，一刻不松地抓下去。</p></div>"
     "</body></html>", "持续加固某某规定堤坝"),
    ("<html><head><title>少搞形式 多干实事王诗某--某某杂志</title></head><body>"
     "<div class='tit'><p>少搞形式 多干实事</p><p>王诗某</p></div>"
     "<div class='c'><p>正文第一段，形式主义是党和人民的大敌，必须坚持真抓实干，杜绝各种形式主义。</p></div>"
     "</body></html>", "少搞形式 多干实事"),
    # an info line inside the headline element, after a <br>: not the headline
    ("<html><head><title>作风建设推进会召开_某某网</title></head><body><h1>作风建设推进会召开<br>"
     "<span>发布时间：2017年09月14日 10:20 来源：某某网 作者：张某 点击：</span></h1>"
     "<div class='c'><p>正文第一段，某某市委召开全市作风建设推进会，总结去年工作成效，部署今年重点任务。</p></div>"
     "</body></html>", "作风建设推进会召开"),
    ("<html><head><title>作风建设推进会召开_某某网</title></head><body><div class='title'>作风建设推进会召开"
     "<em>2017-09-14</em></div>"
     "<div class='c'><p>正文第一段，某某市委召开全市作风建设推进会，总结去年工作成效，部署今年重点任务。</p></div>"
     "</body></html>", "作风建设推进会召开"),
    # the document number on its own line under the headline (after a <br>), in brackets or not
    ("<html><head><title>某某监管局</title><meta name='ArticleTitle' content='某某监管局行政处罚信息公开表"
     "（某金罚决字〔2024〕52号）'></head><body><div class='wenzhang-title'>某某监管局行政处罚信息公开表<br>"
     "（某金罚决字〔2024〕52号）</div>"
     "<div class='c'><p>正文第一段，某某保险股份有限公司给予投保人保险合同约定以外的其他利益，依法予以处罚。</p></div>"
     "</body></html>", "某某监管局行政处罚信息公开表"),
    ("<html><head><title>关于印发某某办法的通知_某某市人民政府</title></head><body><h1>关于印发某某办法的通知<br>"
     "某政办发〔2023〕5号</h1>"
     "<div class='c'><p>各区县人民政府，市政府各部门：现将某某办法印发给你们，请结合实际认真贯彻执行。</p></div>"
     "</body></html>", "关于印发某某办法的通知"),
    # a bracketed line that is not a document number stays part of the headline
    ("<html><head><title>某某条例（征求意见稿）_某某市人民政府</title></head><body><h1>某某条例<br>（征求意见稿）</h1>"
     "<div class='c'><p>为规范某某管理工作，市司法局起草了某某条例征求意见稿，现向社会公开征求意见。</p></div>"
     "</body></html>", "某某条例（征求意见稿）"),
]

_PROSE = "<div class='c'><p>正文第一段，各级纪检监察机关紧盯节点开展监督检查，严查违规收送礼品，持续纠治四风。</p></div>"
# (page, headline): a kicker (引题) or labeled subtitle printed in the headline block is not the
# headline; a dash-led second line is (the shared corpus labels it so)
DECKS = [
    # a kicker set in 楷体 above the headline, glued into <title> and into the ArticleTitle meta as HTML
    ("<html><head><title>写在某某规定出台十周年之际不松劲 再出发————头条——某某网站</title>"
     "<meta name='ArticleTitle' content='&lt;p&gt;&lt;span style=&quot;font-family: 楷体&quot;&gt;写在某某规定出台十周年之际"
     "&lt;/span&gt;&lt;/p&gt;&lt;p&gt;不松劲 再出发&lt;/p&gt;'></head><body>"
     "<h2 class='tit'><p><span style='font-family: 楷体, SimKai;'>写在某某规定出台十周年之际</span></p>"
     "<p>不松劲 再出发</p></h2>" + _PROSE + "</body></html>", "不松劲 再出发"),
    # the KaiTi face named in Latin, on the line itself
    ("<html><head><title>学习贯彻全会精神 小切口发力深化作风建设-某某网</title></head><body>"
     "<h1><div style='font-family:KaiTi'>学习贯彻全会精神</div><div>小切口发力深化作风建设</div></h1>"
     + _PROSE + "</body></html>", "小切口发力深化作风建设"),
    # a kicker told by its class, and a subtitle told by its label
    ("<html><head><title>某某县召开作风建设推进会_某某网</title></head><body><div class='article-title'>"
     "<p class='yinti'>聚焦作风建设</p><p>某某县召开作风建设推进会</p><p>副题：部署全年重点任务</p></div>"
     + _PROSE + "</body></html>", "某某县召开作风建设推进会"),
    # two lines of one headline in the same face: both are the headline
    ("<html><head><title>专题片第三集聚焦正风肃纪久久为功抓作风————要闻——某某网站</title></head><body>"
     "<h2 class='tit'><p>专题片第三集聚焦正风肃纪</p><p>久久为功抓作风</p></h2>" + _PROSE + "</body></html>",
     "专题片第三集聚焦正风肃纪久久为功抓作风"),
    # a whole headline in 楷体 stays (nothing would be left)
    ("<html><head><title>某某县召开作风建设推进会_某某网</title></head><body>"
     "<h1><span style='font-family: 楷体'>某某县召开作风建设推进会</span></h1>" + _PROSE + "</body></html>",
     "某某县召开作风建设推进会"),
    # a sidebar list links the article by its meta title, which adds the decision number; the
    # page's own headline element shows the headline alone
    ("<html><head><title>某某监督管理局</title>"
     "<meta name='ArticleTitle' content='某某监督管理局行政处罚信息公开表(某罚决字〔2024〕36号)'></head><body>"
     "<div class='list'><div class='row'><a class='nav-a' href='/d?id=36'>某某监督管理局行政处罚信息公开表(某罚决字〔2024〕36号)</a></div>"
     "<div class='row'><a class='nav-a' href='/d?id=35'>某某监督管理局行政处罚信息公开表(某罚决字〔2024〕35号)</a></div></div>"
     "<div class='wenzhang-title'>某某监督管理局行政处罚信息公开表</div>" + _PROSE + "</body></html>",
     "某某监督管理局行政处罚信息公开表"),
    # a dash-led subtitle line and a byline in a magazine's title block; <title> glues all three
    # and an issue's table of contents above links the article by the subtitle alone
    ("<html><head><title>严字当头 一严到底——扎实开展某某教育整顿综述 本刊记者 赵某--某某杂志</title></head><body>"
     "<div class='toc'><p><a href='x.html'>扎实开展某某教育整顿综述</a></p></div>"
     "<div class='tit'><p>严字当头 一严到底</p><p><span>——扎实开展某某教育整顿综述</span></p><p>本刊记者 赵某</p></div>"
     + _PROSE + "</body></html>", "严字当头 一严到底——扎实开展某某教育整顿综述"),
]


@pytest.mark.parametrize("html, headline", DECKS)
def test_the_headline_as_its_block_shows_it(html, headline):
    from branchnews.crawler.pages.article import Page, parse_article
    assert parse_article(Page("http://example.org/a.html", html.encode()))["title"] == headline


@pytest.mark.parametrize("html, headline", HEADLINES)
def test_headline_against_title_and_meta(html, headline):
    from branchnews.crawler.pages.article import Page, parse_article
    assert parse_article(Page("http://example.org/a.html", html.encode()))["title"] == headline


def _table_page(headline_cell: str, info: str = "", body_top: str = "") -> bytes:
    """An old table-layout page without headings or names, its <title> a greeting."""
    return (
        "<html><head><title>谢谢您访问〖某某中心〗</title></head><body><table>"
        "<tr><td><a href='/'><font color='white'>首页</font></a></td><td><a href='/s1'>"
        "<font color='white'>公民社会</font></a></td></tr></table><table>"
        f"<tr><td align='center'>{headline_cell}</td></tr>"
        f"<tr><td><div align='left'><font color='#008000'>{info}</font></div></td></tr>"
        f"<tr><td><font size='3'>{body_top}<p>一九八九年四月，我在湖南开一个全省教学研究会议，按照惯例，会议安排了一天时间游玩。"
        "<p>那一天正好是四月十五日，后来我们才知道，这是在历史上刻下深深痕迹的一天。</font></td></tr>"
        "</table></body></html>").encode()


_INFO = "作者： &nbsp;&nbsp;来源： &nbsp;&nbsp;发布日期： 7/5/2005 9:23:57 PM"


@pytest.mark.parametrize("page, headline", [
    # set in bold or a <font> of its own, above the info row or right above the body
    (_table_page("<b><br><font size='3' color='blue'>某某：我是怎样走上讲台的</b></font><br>", _INFO),
     "某某：我是怎样走上讲台的"),
    (_table_page("<font size='4'><b>关于召开某某座谈会的情况通报</b></font>"), "关于召开某某座谈会的情况通报"),
    (_table_page("<strong>关于召开某某座谈会的情况通报</strong>", _INFO), "关于召开某某座谈会的情况通报"),
    # a bold link, a bold label line or plain text is no headline: the <title> stays
    (_table_page("<b><a href='/a/2.html'>关于召开某某座谈会的情况通报</a></b>", _INFO), "谢谢您访问〖某某中心〗"),
    (_table_page("<b>发布日期：2005-07-05</b>"), "谢谢您访问〖某某中心〗"),
    (_table_page("关于召开某某座谈会的情况通报", _INFO), "谢谢您访问〖某某中心〗"),
], ids=["font-above-info", "font-above-body", "strong", "bold-link", "bold-label", "plain"])
def test_an_emphasised_line_is_the_headline_of_a_page_without_headings(page, headline):
    from branchnews.crawler.pages.article import Page, parse_article
    assert parse_article(Page("http://example.org/a.asp?id=2", page))["title"] == headline


@pytest.mark.parametrize("body_top, author", [
    # the body repeats the headline without its writer's prefix, the writer's name alone under it
    ("<p>我是怎样走上讲台的<p>某某", "某某"),
    ("<p>我是怎样走上讲台的", None),  # a prefix alone may be a speaker quoted
], ids=["repeat-and-name", "repeat-only"])
def test_the_writer_of_a_writer_prefixed_headline(body_top, author):
    from branchnews.crawler.pages.article import Page, parse_article
    page = _table_page("<b><font color='blue'>某某：我是怎样走上讲台的</font></b>", _INFO, body_top)
    record = parse_article(Page("http://example.org/a.asp?id=2", page))
    assert (record["title"], record["author"]) == ("某某：我是怎样走上讲台的", author)
    assert record["paragraphs"][0].startswith("一九八九年四月")


@pytest.mark.parametrize("title, lines, whole", [
    # a template that prints the headline cut to its first characters; the body repeats it whole
    ("教育部等九部门关于防治中小学生欺凌和暴力的", ["教育部等九部门关于防治中小学生欺凌和暴力的指导意见"],
     "教育部等九部门关于防治中小学生欺凌和暴力的指导意见"),
    ("某某市统战部部长与市工商联一行莅临我会参", ["某某市统战部部长与市工商联一行莅临我会参观指导工作", "正文。"],
     "某某市统战部部长与市工商联一行莅临我会参观指导工作"),
    # a subtitle after a dash, the reporting verb over a subtitle, a sentence: no cut headline
    ("要留清气满乾坤的综述文章", ["要留清气满乾坤的综述文章——2024年某某工作综述"], None),
    ("习近平主持召开某某发展座谈会", ["习近平主持召开某某发展座谈会强调", "坚持某某"], None),
    ("某某市召开全体会议部署工作", ["某某市召开全体会议部署工作，会议由某某主持。"], None),
    ("短标题", ["短标题之后的文字"], None),  # (too short to have been cut)
], ids=["one-line", "then-text", "subtitle", "reporting-verb", "sentence", "short"])
def test_uncut_headline(title, lines, whole):
    assert uncut_headline(title, lines) == whole


_PROSE = ("为深入贯彻落实党中央、国务院关于加强政务公开工作的部署要求，现将本年度政府网站检查情况通报如下，"
          "请各地区各部门认真对照整改。")
# A disclosure (信息公开) page's particulars: label cells in bold, their values in the next cells.
_DISCLOSURE = ("<table><tr><td><b>索 引 号：</b></td><td>000014349/2020-00128</td><td><b>主题分类：</b></td>"
               "<td>综合政务</td></tr><tr><td><b>发文机关：</b></td><td>某某办公室</td><td><b>成文日期：</b></td>"
               "<td>2020年11月26日</td></tr><tr><td><b>标　　题：</b></td><td colspan='3'>{title}</td></tr>"
               "<tr><td><b>发布日期：</b></td><td>2020年12月16日</td></tr></table>")


@pytest.mark.parametrize("head, top, headline", [
    # no <title> (a page saved as its rendered body) and no heading: the table's 标题 row
    ("", _DISCLOSURE.format(title="某某年度政府网站检查情况通报"), "某某年度政府网站检查情况通报"),
    # the value on the label's own line (a mobile list of the same particulars)
    ("", "<ul><li><span>标　　题：</span><span>关于废止部分规章的决定</span></li></ul>", "关于废止部分规章的决定"),
    # the row agrees with <title>: the row, not <title>'s cut of it
    ("<title>某某年度政府网站检查情况通报_国务院文件_中国政府网</title>",
     _DISCLOSURE.format(title="某某年度政府网站检查情况通报"), "某某年度政府网站检查情况通报"),
    # a row naming another document than <title> does is not the page's headline
    ("<title>关于开展某某工作的通知_某某网</title>", "<h1>关于开展某某工作的通知</h1>"
     + _DISCLOSURE.format(title="某某委员会二〇二〇年第三号公告附件目录"), "关于开展某某工作的通知"),
], ids=["table-row", "label-line", "agrees-with-title", "other-document"])
def test_a_disclosure_tables_title_row(head, top, headline):
    from branchnews.crawler.pages.article import Page, parse_article
    page = f"<html><head>{head}</head><body>{top}<div class='content'><p>{_PROSE}</p></div></body></html>"
    record = parse_article(Page("http://www.example.gov.cn/zwgk/a/1.html", page.encode()))
    assert record["title"] == headline
    assert record["title"][-1] not in "：:"  # (no label cell is a headline)


@pytest.mark.parametrize("top", [
    '<h1 id="BlogTitle"><a href="https://www.zg.example.org.cn/">某某致公党支部</a></h1>',  # a blog theme
    '<h1 class="site-title"><a href="/" rel="home">某某致公党支部</a></h1>',
    '<h1 class="logo"><a href="/index.html">某某致公党支部</a></h1>',
], ids=["zblog", "wordpress", "logo"])
def test_the_sites_name_heading_is_no_headline(top):
    """<title> is ``headline-site``; the site's name, a link home in an <h1>, matches its last
    part; the headline is the post's <h2>."""
    from branchnews.crawler.pages.article import Page, parse_article
    headline = "社会服务部赴山区小学开展助学活动"
    page = (f"<html><head><title>{headline}-某某致公党支部</title></head><body>{top}<div class='post'>"
            f"<h2 class='post-title'>{headline}</h2><div class='post-body'><p>{_PROSE}</p></div></div></body></html>")
    assert parse_article(Page("https://www.zg.example.org.cn/post/12.html", page.encode()))["title"] == headline
