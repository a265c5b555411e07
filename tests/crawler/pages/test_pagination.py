"""Forward pages of invented pagers, per CMS family and per trap: in pager order, ending at the
last page, never a calendar, a sort order, a filter or an AJAX pager."""

import pytest

from branchnews.crawler.pages.anchors import anchors, parse
from branchnews.crawler.pages.pagination import next_pages, script_pagers

HOST = "http://www.branch.example.org.cn"


def forward(markup: str, path: str) -> list[str]:
    url = HOST + path
    root = parse(f"<html><body>{markup}</body></html>")
    return [u.replace(HOST, "") for u in next_pages(anchors(root, url), url, markup)]


CASES = {
    "trs-static-index_N": (
        "/xw/index_1.html",
        "<div class='page'><a href='index.html'>首页</a><a href='index.html'>上一页</a><a href='index.html'>1</a>"
        "<span class='current'>2</span><a href='index_2.html'>3</a><a href='index_3.html'>4</a>"
        "<a href='index_2.html'>下一页</a><a href='index_3.html'>尾页</a></div>",
        ["/xw/index_2.html", "/xw/index_3.html"]),
    "vsb-reverse-numbered": (
        "/gqxw1/yw.htm",
        "<div>共98条 首页 上页 <b>1</b> <a href='yw/4.htm'>2</a> <a href='yw/3.htm'>3</a> ... "
        "<a href='yw/1.htm'>5</a> <a href='yw/4.htm'>下页</a> <a href='yw/1.htm'>尾页</a> 1/5</div>",
        ["/gqxw1/yw/4.htm", "/gqxw1/yw/3.htm", "/gqxw1/yw/1.htm"]),
    "search-zero-based-p": (
        "/s.htm?q=x&t=all",
        "<div class='pager'><span>1</span><a href='s.htm?q=x&amp;p=1&amp;t=all'>2</a>"
        "<a href='s.htm?q=x&amp;p=2&amp;t=all'>3</a><a href='s.htm?q=x&amp;p=1&amp;t=all'>下一页</a>"
        "<a href='s.htm?q=x&amp;p=9&amp;t=all'>尾页</a></div>",
        ["/s.htm?q=x&p=1&t=all", "/s.htm?q=x&p=2&t=all", "/s.htm?q=x&p=9&t=all"]),
    "aspx-PageIndex-middle-page": (
        "/xwzx/list.aspx?cid=7&PageIndex=3",
        "<div><a href='list.aspx?cid=7&amp;PageIndex=1'>1</a><a href='list.aspx?cid=7&amp;PageIndex=2'>2</a>"
        "<span>3</span><a href='list.aspx?cid=7&amp;PageIndex=4'>4</a><a href='list.aspx?cid=7&amp;PageIndex=5'>5</a>"
        "<a href='list.aspx?cid=7&amp;PageIndex=4'>&gt;</a><a href='list.aspx?cid=7&amp;PageIndex=9'>&gt;&gt;</a></div>",
        ["/xwzx/list.aspx?cid=7&PageIndex=4", "/xwzx/list.aspx?cid=7&PageIndex=5",
         "/xwzx/list.aspx?cid=7&PageIndex=9"]),
    "listN-htm": (
        "/tzgg/list.htm",
        "<p><span>1</span> <a href='list2.htm'>2</a> <a href='list3.htm'>3</a> <a href='list2.htm'>后页</a></p>",
        ["/tzgg/list2.htm", "/tzgg/list3.htm"]),
    "list_N-from-middle-current-from-url": (
        "/news/list_3.html",
        "<p><a href='list_2.html'>上一页</a><a href='list_4.html'>下一页</a><a href='list_7.html'>末页</a>"
        " 共7页</p>",
        ["/news/list_4.html", "/news/list_7.html"]),
    "pageNum-icon-links": (
        "/col/list.jsp?pageNum=1",
        "<div><a href='list.jsp?pageNum=2'>2</a><a href='list.jsp?pageNum=3'>3</a>"
        "<a class='next' href='list.jsp?pageNum=2'></a><a class='last' href='list.jsp?pageNum=8'></a></div>",
        ["/col/list.jsp?pageNum=2", "/col/list.jsp?pageNum=3", "/col/list.jsp?pageNum=8"]),
    "next-word-only": (
        "/court/list/down-1-",
        "<div>上一页<a href='/court/list/down-2-#up'>下一页</a>共 2269 条纪录 第 1 页</div>",
        ["/court/list/down-2-"]),
    "select-jump-menu": (
        "/xw/list.html",
        "<select onchange='location=this.value'><option value='list.html'>第1页</option>"
        "<option value='list_2.html'>第2页</option><option value='list_3.html'>第3页</option></select>",
        ["/xw/list_2.html", "/xw/list_3.html"]),
    "trs-script-pager": (
        "/xw/index.html",
        "<script>createPageHTML(4, 0, \"index\", \"html\");</script>",
        ["/xw/index_1.html", "/xw/index_2.html", "/xw/index_3.html"]),
    "trs-script-pager-count-in-variable": (
        "/xw/index_1.html",
        "<script>var countPage = 3; createPageHTML(countPage, 1, \"index\", \"html\");</script>",
        ["/xw/index_2.html"]),
    "script-pager-with-element-id-is-1-based": (
        "/c1/zwgklist.shtml",
        "<script>createPageHTML('page_div',4, 1,'zwgklist','shtml',80);</script>",
        ["/c1/zwgklist_2.shtml", "/c1/zwgklist_3.shtml", "/c1/zwgklist_4.shtml"]),
    "hanweb-jpage": (
        "/col/col4567/index.html",
        "<script>jpage({uid: '4567', perPage: 15, totalRecord: 40, pageNum: 1});</script>",
        ["/col/col4567/index.html?uid=4567&pageNum=2", "/col/col4567/index.html?uid=4567&pageNum=3"]),
    # the parameters as real pages order them, the unit only as the element the pager is called on
    # or as ajaxParam's unitid
    "hanweb-jpage-total-first": (
        "/col/col212860/index.html",
        "<script>$('#212860').jpage({themeName: 'default', totalRecord: 38, perPage: 19, "
        "ajaxParam: {col: 1, webid: 2}});</script>",
        ["/col/col212860/index.html?uid=212860&pageNum=2"]),
    "hanweb-jpage-unitid": (
        "/col/col4567/index.html",
        "<script>$('#div4567').jpage({perPage: 15, totalRecord: 40, ajaxParam: {unitid: '4567', "
        "webid: '2'}});</script>",
        ["/col/col4567/index.html?uid=4567&pageNum=2", "/col/col4567/index.html?uid=4567&pageNum=3"]),
    "last-page-offers-nothing": (
        "/xw/index_4.html",
        "<div><a href='index.html'>首页</a><a href='index_3.html'>上一页</a><a href='index_3.html'>4</a>"
        "<span class='current'>5</span></div>",
        []),
    "ajax-pager": (
        "/search.do?q=x",
        "<div><a href='javascript:;'>上一页</a><a href='javascript:;'>1</a><a href='javascript:;'>2</a>"
        "<a href='javascript:;'>下一页</a></div>",
        []),
    "calendar-is-not-a-pager": (
        "/xw/index.html",
        "<table class='calendar'>" + "".join(f"<td><a href='/xw/day.jsp?date=2024-05-{d:02d}'>{d}</a></td>"
                                            for d in range(1, 29)) + "</table>",
        []),
    "year-column-tree-is-not-a-pager": (
        "/jyt/c110634/zwgklist.shtml",
        "<ul>" + "".join(f"<li><a href='/jyt/c10{7000 + y * 7}/zwgklist.shtml'>{2008 + y}</a></li>"
                         for y in range(8)) + "</ul>",
        []),
    "sort-orders-and-filters": (
        "/search?q=x&page=1",
        "<div><a href='/search?q=x&amp;page=1&amp;sort=1'>按时间</a><a href='/search?q=x&amp;page=1&amp;sort=2'>"
        "按相关度</a><a href='/search?q=x&amp;page=1&amp;year=2023'>2023</a><a href='/search?q=x&amp;page=1&amp;year=2024'>"
        "2024</a></div>",
        []),
    "script-handler-without-href": (
        "/xw/113469/index1.html",
        "<div><a tagname='[HOMEPAGE]'>首页</a> <a tagname='[PREVIOUSPAGE]'>上一页</a> <a style='cursor:pointer' "
        "onclick=\"queryByPage(this,'/xw/113469/index2.html')\">下一页</a> <a style='cursor:pointer' "
        "onclick=\"queryByPage(this,'/xw/113469/index280.html')\">尾页</a> 当前页: 1/280</div>",
        ["/xw/113469/index2.html", "/xw/113469/index280.html"]),
    "script-handler-last-page-disabled": (
        "/xw/113469/index280.html",
        "<div><a onclick=\"queryByPage(this,'/xw/113469/index1.html')\">首页</a> <a "
        "onclick=\"queryByPage(this,'/xw/113469/index279.html')\">上一页</a> <a tagname='[NEXTPAGE]'>下一页</a> "
        "<a tagname='[LASTPAGE]'>尾页</a> 当前页: 280/280</div>",
        []),
    "article-previous-next": (
        "/xw/202405/t20240506_5.html",
        "<div>上一篇：<a href='t20240505_4.html'>关于召开会议的通知</a>下一篇：<a href='t20240507_6.html'>"
        "关于开展活动的通知</a></div>",
        []),
}


@pytest.mark.parametrize("path,markup,expected", CASES.values(), ids=CASES.keys())
def test_next_pages(path, markup, expected):
    assert forward(markup, path) == expected


@pytest.mark.parametrize("text,count", [
    ('createPageHTML(500, 117, "index", "htm");', 382),
    ('createPageHTML(1, 0, "index", "htm");', 0),
    ('jpage({uid: "12", perPage: 10, totalRecord: 35})', 3),
])
def test_script_pagers_know_every_forward_page(text, count):
    (pager,) = script_pagers(text)
    assert len(pager.hrefs) == count
    assert len(pager.shown()) == min(count, 11)
