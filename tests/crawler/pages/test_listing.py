"""The main listing of invented list pages, one per CMS family and per trap: the article links
in page order, their titles and dates, and nothing from the page chrome around them."""

import pytest

from branchnews.crawler.pages.listing import page_links

HOST = "http://www.branch.example.org.cn"
UTF8 = {"Content-Type": "text/html; charset=utf-8"}

NAV = """<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/xwzx/">新闻中心</a></li>
<li><a href="/tzgg/">通知公告</a></li><li><a href="/dzgz/">党组工作动态信息</a></li>
<li><a href="/lxwm/">联系我们</a></li></ul></div>"""
BREADCRUMB = """<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a>
&gt; <a href="/xwzx/gzdt/">工作动态</a></div>"""
SIDEBAR = """<div class="box"><h3>热点新闻</h3><ul>
<li><a href="/xwzx/202401/t20240101_1.html">全省统战工作会议在省城召开并部署全年任务</a></li>
<li><a href="/xwzx/202401/t20240102_2.html">省委统战部召开党外代表人士座谈会听取意见</a></li>
<li><a href="/xwzx/202401/t20240103_3.html">各民主党派省委会负责人集中学习交流体会</a></li></ul></div>"""
FOOTER = """<div class="footer"><a href="/gywm/">关于我们</a> | <a href="/wzsm/">网站声明</a> |
<a href="https://beian.miit.gov.cn/">京ICP备00000000号</a></div>
<div><h4>友情链接</h4><select onchange="window.open(this.value)"><option>请选择</option>
<option value="http://www.gov.cn/">中国政府网站</option>
<option value="http://www.example-party.org.cn/">民主党派中央委员会网站</option></select></div>"""


def rows(template: str, n: int = 5) -> str:
    return "".join(template.format(i=i, d=10 + i) for i in range(1, n + 1))


def page(listing: str) -> str:
    return f"<html><body>{NAV}{BREADCRUMB}<div class='main'>{listing}</div>{SIDEBAR}{FOOTER}</body></html>"


CASES = {
    "trs-ul-li-span-date": (
        "/xwzx/gzdt/index.html",
        "<ul class='list'>" + rows("<li><a href='./202409/t202409{d}_10{i}.html' title='统战部第{i}次专题学习会议召开情况通报'>"
                                   "统战部第{i}次专题学习会议召开...</a><span>2024-09-{d}</span></li>") + "</ul>",
        [f"{HOST}/xwzx/gzdt/202409/t202409{10 + i}_10{i}.html" for i in range(1, 6)],
        "统战部第1次专题学习会议召开情况通报", "2024-09-11"),
    "vsb-info-table-rows": (
        "/gqxw1/yw.htm",
        "<table>" + rows("<tr><td><a href='../info/1057/89{i}0.htm'>学院召开第{i}季度思想政治工作推进会</a></td>"
                         "<td>[ 2024-05-{d} ]</td></tr>") + "</table>",
        [f"{HOST}/info/1057/89{i}0.htm" for i in range(1, 6)],
        "学院召开第1季度思想政治工作推进会", "2024-05-11"),
    "aspx-div-rows-date-first": (
        "/xwzx/1001/list.aspx",
        rows("<div class='item'><span class='time'>05-{d}</span><a href='/xwzx/1001/12345{i}.aspx'>"
             "市政协召开第{i}次主席会议研究部署重点工作</a></div>"),
        [f"{HOST}/xwzx/1001/12345{i}.aspx" for i in range(1, 6)],
        "市政协召开第1次主席会议研究部署重点工作", "05-11"),
    "hanweb-hex-art-dl": (
        "/col/col1234/index.html",
        "<dl>" + rows("<dd><a href='/art/2025/art_{i}a1b2c3d4e5f60718293a4b5c6d7e8f9.html'>"
                      "全市民族宗教工作第{i}次联席会议顺利召开</a><i>2025年3月{d}日</i></dd>") + "</dl>",
        [f"{HOST}/art/2025/art_{i}a1b2c3d4e5f60718293a4b5c6d7e8f9.html" for i in range(1, 6)],
        "全市民族宗教工作第1次联席会议顺利召开", "2025年3月11日"),
    "jsp-query-id-onclick": (
        "/news/list.jsp?type=2",
        "<ul>" + rows("<li onclick=\"window.open('/news/view.jsp?id=70{i}')\">"
                      "<span class='t'>关于开展第{i}批社会主义学院培训的通知</span><em>2023-1-{d}</em></li>") + "</ul>",
        [f"{HOST}/news/view.jsp?id=70{i}" for i in range(1, 6)],
        "关于开展第1批社会主义学院培训的通知", "2023-1-11"),
    "search-results-with-snippets": (
        "/search?q=%E7%BB%9F%E6%88%98",
        rows("<div class='result'><h3><a href='http://www.other.example.gov.cn/zwgk/202301/t202301{d}_{i}.html'>"
             "统战工作第{i}号文件解读</a></h3><p>这是第{i}条搜索结果的摘要文字，摘要较长，包含关键词统战以及其他内容，"
             "用来说明结果的大致内容。</p><p class='src'><a href='http://www.other.example.gov.cn/'>某市人民政府</a>"
             " 2023-01-{d}</p></div>"),
        [f"http://www.other.example.gov.cn/zwgk/202301/t202301{10 + i}_{i}.html" for i in range(1, 6)],
        "统战工作第1号文件解读", "2023-01-11"),
    "list-split-over-several-ul": (
        "/tzgg/index.html",
        "".join("<ul class='list'>" + "".join(
            f"<li><a href='/tzgg/2024/0{k}{i}/{k}{i}.html'>关于做好2024年第{k}{i}项重点工作的通知</a>"
            f"<span>2024-0{k}-1{i}</span></li>" for i in range(1, 4)) + "</ul><div class='line'></div>"
            for k in (1, 2)),
        [f"{HOST}/tzgg/2024/0{k}{i}/{k}{i}.html" for k in (1, 2) for i in range(1, 4)],
        "关于做好2024年第11项重点工作的通知", "2024-01-11"),
    "list-in-html-comment": (
        "/c110634/zwgklist.shtml",
        "<ul class='xxgklist'><!--" + rows("<li><a href='/c110634/202511/1742{i}.shtml'>"
                                         "关于印发第{i}批教育工作要点的通知</a><b>2025-11-{d}</b></li>") + "--></ul>",
        [f"{HOST}/c110634/202511/1742{i}.shtml" for i in range(1, 6)],
        "关于印发第1批教育工作要点的通知", "2025-11-11"),
    # one list's rows in alternating, first/last and sticky classes
    "odd-and-even-rows": (
        "/zwgk/tzgg/index.html",
        "<table>" + "".join(f"<tr class='{('odd', 'even')[i % 2]}'><td><a href='/zwgk/tzgg/t2024{10 + i}_{i}.html'>"
                            f"关于做好第{i}批政务公开工作的通知</a></td><td>2024-03-{10 + i}</td></tr>"
                            for i in range(1, 6)) + "</table>",
        [f"{HOST}/zwgk/tzgg/t2024{10 + i}_{i}.html" for i in range(1, 6)],
        "关于做好第1批政务公开工作的通知", "2024-03-11"),
    "first-last-and-sticky-rows": (
        "/xwzx/index.html",
        "<ul class='list'><li class='top'><a href='/xwzx/0.html'>[置顶]关于开展主题教育的实施方案全文</a><span>2024-01-01</span>"
        "</li>" + "".join(f"<li{(' class=first', '', '', '', ' class=last')[i - 1]}><a href='/xwzx/{i}.html'>"
                          f"民盟市委会召开第{i}次主委会议研究工作</a><span>2024-02-{10 + i}</span></li>"
                          for i in range(1, 6)) + "</ul>",
        [f"{HOST}/xwzx/{i}.html" for i in range(0, 6)],
        "[置顶]关于开展主题教育的实施方案全文", "2024-01-01"),
    # a post's block: its title over its category, tag and 继续阅读 links
    "post-blocks-with-tags": (
        "/category/news/",
        rows("<article class='post'><h2><a href='/2024/03/{d}/p{i}/'>协会举办第{i}期会员企业交流座谈会</a></h2>"
             "<time>2024-03-{d}</time><footer><a href='/category/news/'>协会新闻</a> <a href='/tag/a/'>活动</a> "
             "<a href='/tag/b/'>会员</a> <a href='/tag/c/'>交流</a> <a href='/2024/03/{d}/p{i}/#more'>继续阅读</a>"
             "</footer></article>"),
        [f"{HOST}/2024/03/{10 + i}/p{i}/" for i in range(1, 6)],
        "协会举办第1期会员企业交流座谈会", "2024-03-11"),
    "hanweb-cdata-records": (
        "/col/col4567/index.html",
        "<div id='4567'><script type='text/xml'><datastore><nextgroup><![CDATA[<a href='/module/web/jpage/"
        "dataproxy.jsp?page=1'></a>]]></nextgroup><recordset>" + rows(
            "<record><![CDATA[<li><a href='/art/2017/9/{d}/art_4567_{i}.html'>全省宗教工作第{i}次会议在京召开</a>"
            "<span>2017-09-{d}</span></li>]]></record>") + "</recordset></datastore></script></div>",
        [f"{HOST}/art/2017/9/{10 + i}/art_4567_{i}.html" for i in range(1, 6)],
        "全省宗教工作第1次会议在京召开", "2017-09-11"),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_main_listing(case):
    path, listing, expected, first_title, first_date = case
    found = page_links(page(listing).encode(), HOST + path, UTF8)
    assert found.role == "list"
    assert found.articles == expected
    assert found.titles[expected[0]] == first_title
    assert found.dates[expected[0]] == first_date


def test_chrome_goes_to_other_links_not_the_listing():
    listing = CASES["trs-ul-li-span-date"][1]
    found = page_links(page(listing).encode(), HOST + "/xwzx/gzdt/index.html", UTF8)
    assert f"{HOST}/xwzx/" in found.links and f"{HOST}/gywm/" in found.links
    assert f"{HOST}/xwzx/202401/t20240101_1.html" in found.links  # the 热点 sidebar
    assert "http://www.gov.cn/" not in found.links  # another site
    assert not set(found.links) & set(found.articles)


def test_allowed_domains_filter_articles_and_links():
    listing = CASES["search-results-with-snippets"][1]
    found = page_links(page(listing).encode(), HOST + "/search?q=x", UTF8,
                       allowed_domains=("branch.example.org.cn",))
    assert found.articles == []
    assert all("branch.example.org.cn" in u for u in found.links)


ARTICLE = """<html><body>{nav}<h1>省委统战部召开党外知识分子座谈会</h1>
<div class="info">发布时间：2024-05-06 来源：本站</div><div class="content">{body}</div>
<div class="related"><h3>相关新闻</h3><ul>
<li><a href="/xwzx/202405/t20240501_1.html">全省统战工作会议在省城召开并部署全年任务</a></li>
<li><a href="/xwzx/202405/t20240502_2.html">省委统战部召开党外代表人士座谈会听取意见</a></li>
<li><a href="/xwzx/202405/t20240503_3.html">各民主党派省委会负责人集中学习交流体会</a></li>
<li><a href="/xwzx/202405/t20240504_4.html">全省新的社会阶层人士统战工作推进会召开</a></li></ul></div>
<div class="page">上一篇：<a href="/xwzx/202405/t20240505_5.html">关于召开统战理论研讨会的通知</a>
下一篇：<a href="/xwzx/202405/t20240507_7.html">关于开展统战宣传月活动的通知</a></div></body></html>"""
PROSE = "<p>5月6日，省委统战部召开党外知识分子座谈会，听取大家对做好新时代知识分子工作的意见和建议。</p>" * 6

ROLES = {
    "article-with-related-and-prev-next": (ARTICLE.format(nav=NAV, body=PROSE), "article"),
    "list": (page(CASES["vsb-info-table-rows"][1]), "list"),
    "hub-of-menus": (f"<html><body>{NAV}{FOOTER}</body></html>", "other"),
    "login-form": ("<html><body><form><input name='u'><input type='password'><button>登录</button>"
                   "</form></body></html>", "other"),
    "error-page": ("<html><body><h1>404 Not Found</h1><p>您访问的页面不存在</p></body></html>", "other"),
    "empty": ("", "other"),
}


@pytest.mark.parametrize("markup,role", ROLES.values(), ids=ROLES.keys())
def test_page_role(markup, role):
    assert page_links(markup.encode(), HOST + "/xwzx/x.html", UTF8).role == role


def test_gbk_page_is_decoded():
    markup = page(CASES["trs-ul-li-span-date"][1]).replace("<html>", "<html><head><meta charset='gbk'></head>")
    found = page_links(markup.encode("gbk"), HOST + "/xwzx/gzdt/index.html", {})
    assert found.titles[found.articles[0]] == "统战部第1次专题学习会议召开情况通报"


@pytest.mark.parametrize("listing, articles", [
    # the last page of a list: one dated row beats the three-row 热点 sidebar
    ("<ul class='list'><li><span>2024-01-05</span><a href='/xwzx/gzdt/202401/t20240105_9.html'>"
     "市委统战部召开年度工作总结会议</a></li></ul>",
     [f"{HOST}/xwzx/gzdt/202401/t20240105_9.html"]),
    # an article's body holding its one 上一篇 link is no row: the sidebar stays the listing
    ("<div class='article'><h1>市委统战部召开年度工作总结会议</h1><p>发布时间：2024-01-05</p>"
     "<p>" + "会议总结了一年来的统战工作，部署了新一年的重点任务。" * 4 + "</p>"
     "<p>上一篇：<a href='/xwzx/gzdt/202401/t20240104_8.html'>市委统战部开展调研活动</a></p></div>",
     [f"{HOST}/xwzx/202401/t20240101_1.html", f"{HOST}/xwzx/202401/t20240102_2.html",
      f"{HOST}/xwzx/202401/t20240103_3.html"]),
])
def test_a_lone_row_is_a_listing_only_as_a_title_and_a_date(listing, articles):
    found = page_links(page(listing).encode(), HOST + "/xwzx/gzdt/index_2.html", UTF8)
    assert found.articles == articles


def test_the_list_a_pager_follows_wins_over_a_longer_side_box():
    """A column's last page of three rows, and a right-hand box of eight under a plain heading
    (通知公告, not 热点): the pager under the three makes them the page's list."""
    main = "<ul class='list'>" + rows("<li><a href='./201911/t2019111{i}_300{i}.html'>市委统战部召开第{i}次党外代表人士座谈会</a>"
                                      "<span>2019-11-1{i}</span></li>", 3) + "</ul>"
    pager = "<div class='page'><script>createPageHTML(5, 4, 'index', 'html');</script></div>"
    box = ("<div class='right'><div class='box'><h3>通知公告</h3><ul>" + rows(
        "<li><a href='/tzgg/202402/t202402{d}_900{i}.html'>市工商联召开第{i}次执委会议审议年度工作报告</a>"
        "<span>2024-02-{d}</span></li>", 8) + "</ul></div></div>")
    html = f"<html><body>{NAV}<div class='left'>{main}{pager}</div>{box}{FOOTER}</body></html>"
    links = page_links(html.encode(), f"{HOST}/xwzx/gzdt/index_4.html", UTF8)
    assert links.articles == [f"{HOST}/xwzx/gzdt/201911/t2019111{i}_300{i}.html" for i in range(1, 4)]


HOT = ("<div class='side'><h3>热点排行</h3><ul>" + rows(
    "<li><a href='/hot/2024/0{i}/90{i}.html'>民盟某区委员会召开热点专题学习座谈会第{i}次会议</a></li>", 8) + "</ul></div>")


def _column_page(title: str, main: str, top: str = "") -> list[str]:
    html = (f"<html><head><title>{title}_某某统战网</title></head><body>{top}<div class='main'>{main}</div>"
            f"{HOT}</body></html>")
    return page_links(html.encode(), f"{HOST}/col/index_1.html", UTF8).articles


@pytest.mark.parametrize("title, main, top, expected", [
    # a column named like a side box (图片新闻): its own heading, <title>'s part, is no side box's
    ("图片新闻", "<h2 class='coltit'>图片新闻</h2><ul class='list'>" + rows(
        "<li><a href='/col/2024/05/t2024051{i}_11{i}.html'><img src='/img/{i}.jpg'></a><p>"
        "<a href='/col/2024/05/t2024051{i}_11{i}.html'>民进某区委员会举办第{i}期会员履职能力提升培训班</a></p></li>", 2)
     + "</ul>", "", [f"{HOST}/col/2024/05/t2024051{i}_11{i}.html" for i in (1, 2)]),
    # a list's last page: one row with its intro line, over the pager
    ("通知公告", "<h2>通知公告</h2><ul class='list'><li><a href='/col/2024/05/t20240511_110.html'>民进某区委员会举办第11期"
     "会员履职能力提升培训班</a><span>日期：2024-05-11 点击：70</span><p class='intro'>近日，民进某区委员会举办第11期会员履职能力"
     "提升培训班。会议强调，要坚持以习近平新时代中国特色社会主义思想为指导，不断提高履职能力...</p></li></ul>"
     "<div class='page'><a href='index.html'>首页</a> 共2页</div>", "", [f"{HOST}/col/2024/05/t20240511_110.html"]),
    # picture cards captioned with members' names (委员风采)
    ("委员风采", "<ul class='list'>" + rows(
        "<li><a href='/col/2024/05/t2024050{i}_10{i}.html'><img src='/img/{i}.jpg'></a><p>"
        "<a href='/col/2024/05/t2024050{i}_10{i}.html'>{name}</a></p></li>".replace(
            "{name}", "王建国"), 6) + "</ul>", "", [f"{HOST}/col/2024/05/t2024050{i}_10{i}.html" for i in range(1, 7)]),
    # a short menu bar before the list, one of its links 热点, is no box title
    ("工作动态", "<ul class='list'>" + rows("<li><a href='/col/2024/05/t2024050{i}_10{i}.html'>民进某区委员会举办第{i}期"
                                          "会员履职能力提升培训班</a><span>2024-05-0{i}</span></li>", 3) + "</ul>",
     "<div class='bar'><a href='/'>首页</a> <a href='/col/index.html'>本栏目</a> <a href='/hot/index.html'>热点</a></div>",
     [f"{HOST}/col/2024/05/t2024050{i}_10{i}.html" for i in range(1, 4)]),
], ids=["column-named-like-a-box", "last-page-row-with-intro", "name-cards", "menu-bar-before-the-list"])
def test_a_short_list_beats_the_hot_sidebar(title, main, top, expected):
    assert _column_page(title, main, top) == expected


def test_an_icon_menu_is_no_list_of_cards():
    menu = "<ul class='list'>" + "".join(f"<li><img src='/i/{n}.png'><a href='/{n}/'>{n}</a></li>"
                                          for n in ("首页", "概况", "动态", "公告")) + "</ul>"
    found = _column_page("工作动态", menu)
    assert not set(found) & {f"{HOST}/{n}/" for n in ("首页", "概况", "动态", "公告")}
