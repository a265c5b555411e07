"""T3: 大汉 Hanweb JCMS (县委统战部), UTF-8, ``/t3/art/{Y}/{M}/{D}/art_{colid}_{artid}.html``.

The list records exist only as CDATA ``<li>``s inside ``<script type="text/xml">`` and the pager
is written at run time by ``jpage({...})``: a DOM crawler finds neither. Page 2 is
``index.html?uid=4567&pageNum=2``. Dates in the article path are not zero-padded; bylines are
only the closing credit (``（文/… 图/…）``) and review (``审核：… 编辑：…``) lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from w3lib.url import safe_url_string

from ..markup import ListItem, Page, chunk, img_html, list_items, neighbour_links, neighbours_in, paragraph_html, xhtml_head
from ..text import LEVEL1, Style, TruthError, attr, esc
from ..truth import Article, Img

SITE = "中共西山县委统战部"
COLUMN = ("1234", "统战动态", "4567", 2)  # column id, name, unit id (uid), list pages
EXTRAS = [  # records that are not articles of this site: (text, href, date)
    ("2017年全县统战工作要点", "/t3/attach/0/170301tzgzyd.pdf", "2017-03-01"),
    ("市委统战部：全市统战工作会议召开", "http://www.yzstzb.example.org.cn/art/2017/9/20/art_88_1001.html", "2017-09-20"),
]
# The jpage stub: a browser runs it and sees the records and the pager; a crawler that only reads
# the DOM sees neither (the records are CDATA inside a script, the pager is written at run time).
JPAGE_JS = """// 大汉 JCMS jpage (stub): renders the <record> CDATA of the column's datastore and its pager.
function jpage(opts) {
  var box = document.getElementById(opts.uid);
  var xml = box.getElementsByTagName("script")[0].text;
  var re = /<record><!\\[CDATA\\[([\\s\\S]*?)\\]\\]><\\/record>/g, m, html = "<ul class=\\"list\\">";
  while ((m = re.exec(xml))) { html += m[1]; }
  html += "</ul><div class=\\"default_pgContainer\\">共" + opts.totalRecord + "条 ";
  var pages = Math.ceil(opts.totalRecord / opts.perPage);
  for (var i = 1; i <= pages; i++) {
    var href = (i == 1) ? "index.html" : "index.html?uid=" + opts.uid + "&pageNum=" + i;
    html += (i == opts.pageNum) ? "<span>" + i + "</span> " : "<a href=\\"" + href + "\\">" + i + "</a> ";
  }
  box.innerHTML = html + "</div>";
}
"""


def list_url(page: int) -> str:
    colid, _, uid, _ = COLUMN
    base = f"/t3/col/col{colid}/index.html"
    return base if page == 1 else f"{base}?uid={uid}&pageNum={page}"


def _head(title: str, metas: str = "") -> str:
    colid, name, _, _ = COLUMN
    return (
        xhtml_head("utf-8")
        + f"{metas}<title>{esc(title)}</title>\n"
        '<link href="/t3/images/style.css" rel="stylesheet" type="text/css" />\n'
        '<script type="text/javascript" src="/t3/module/web/jpage/jpage.js"></script>\n</head>\n<body>\n'
        f'<div class="head"><div class="logo">{SITE}</div><ul class="nav"><li><a href="/">首页</a></li>'
        f'<li><a href="{list_url(1)}">{name}</a></li></ul></div>\n'
        f'<div class="crumb">您当前的位置：<a href="/">首页</a> &gt; <a href="{list_url(1)}">{name}</a></div>\n'
    )


def _footer() -> str:
    return f'<div class="foot">主办单位：{SITE} 技术支持：某网络科技有限公司</div>\n</body>\n</html>\n'


def _ids(article: Article) -> tuple[str, str]:
    m = re.search(r"art_(\d+)_(\d+)\.html$", article.path)
    if not m:
        raise TruthError(f"{article.path}: not a Hanweb article URL")
    return m.group(1), m.group(2)


def render_article(index: int, article: Article, neighbours: tuple[Article | None, Article | None]) -> str:
    _, artid = _ids(article)
    metas = (
        f'<meta name="ArticleTitle" content="{attr(article.title)}" />\n'
        f'<meta name="PubDate" content="{article.published_raw or ""}" />\n'
        f'<meta name="ContentSource" content="{attr(article.source or "")}" />\n'
        f'<meta name="ColumnName" content="{COLUMN[1]}" />\n'
    )
    out = [_head(f"{article.title} {SITE}", metas)]
    out.append('<div class="article">\n')
    out.append(f'<h1 class="title">{esc(article.title)}</h1>\n')
    out.append(
        f'<div class="xxgk">发布日期：{article.published_raw}&nbsp;&nbsp;&nbsp;信息来源：{esc(article.source or "")}'
        f'&nbsp;&nbsp;&nbsp;浏览次数：<span id="dynclicks_wz_{artid}"><script type="text/javascript">'
        f"_showDynClick('dynclicks_wz_{artid}', {artid});</script></span></div>\n"
    )
    out.append(
        '<div class="tools">【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> '
        '<a href="javascript:doZoom(14)">小</a>】【<a href="javascript:window.print()">打印本页</a>】'
        '【<a href="javascript:window.close()">关闭窗口</a>】</div>\n'
    )
    out.append('<div id="zoom">\n')
    indent = index % 4
    for block in article.body:
        if isinstance(block, str):
            if LEVEL1.match(block):
                out.append(f'<p style="text-indent:2em"><b>{esc(block)}</b></p>\n')
            else:
                out.append(paragraph_html(block, indent) + "\n")
        elif isinstance(block, Img):
            out.append(img_html(block, Style()) + "\n")
        else:
            raise TruthError(f"{article.path}: T3 articles are single pages without attachments")
    credits = []
    if article.author:
        credits.append(f"文/{esc(article.author)}")
    if article.photographer:
        credits.append(f"图/{esc(article.photographer)}")
    if credits:
        out.append(f'<p style="text-align:right">（{" ".join(credits)}）</p>\n')
    review = []
    if article.reviewer:
        review.append(f"审核：{esc(article.reviewer)}")
    if article.editor:
        review.append(f"编辑：{esc(article.editor)}")
    if review:
        out.append(f'<p style="text-align:right">{" ".join(review)}</p>\n')
    out.append("</div>\n")
    prev_html, next_html = neighbour_links(neighbours)
    out.append(f'<div class="prevnext"><p>上一篇：{prev_html}</p><p>下一篇：{next_html}</p></div>\n')
    out.append("</div>\n")
    out.append(_footer())
    return "".join(out)


def render_list(page: int, pages: int, items: Sequence[ListItem], total: int) -> str:
    colid, name, uid, _ = COLUMN
    per_page = -(-total // pages)
    webname = safe_url_string(SITE)
    out = [_head(f"{name} {SITE}")]
    out.append(f'<div class="list-box">\n<div class="list-title">{name}</div>\n')
    out.append(f'<div id="{uid}"><script type="text/xml"><datastore>\n')
    out.append(
        f'<nextgroup><![CDATA[<a href="/t3/module/web/jpage/dataproxy.jsp?page={page}&appid=1&webid=1&path=/'
        f'&columnid={colid}&unitid={uid}&webname={webname}&permissiontype=0"></a>]]></nextgroup>\n'
    )
    out.append("<recordset>\n")
    for it in items:
        out.append(
            f'<record><![CDATA[<li><a href="{attr(it.href)}" title="{attr(it.title)}" target="_blank">{esc(it.title)}</a>'
            f'<span class="bt-data-time">{it.date}</span></li>]]></record>\n'
        )
    out.append("</recordset></datastore></script></div>\n</div>\n")
    out.append(
        '<script type="text/javascript">\n'
        f"jpage({{uid: '{uid}', perPage: {per_page}, totalRecord: {total}, pageNum: {page}, ishref: true}});\n"
        "</script>\n"
    )
    out.append(_footer())
    return "".join(out)


CSS = "body{font:14px/1.8 SimSun,serif}\n#zoom p{text-indent:2em}\n"
STATIC_FILES = {
    "/t3/images/style.css": CSS.encode("utf-8"),
    "/t3/module/web/jpage/jpage.js": JPAGE_JS.encode("utf-8"),
}


def asset_links() -> Iterator[str]:
    """Site paths of the files the list links to (they must exist)."""
    yield from (h for _, h, _ in EXTRAS if h.startswith("/"))


def static_pages(articles: Sequence[Article]) -> Iterator[Page]:
    """The bundled site's T3 pages: articles (上一篇/下一篇 by date) and the two list pages."""
    for index, article in enumerate(articles):
        yield Page(article.path, render_article(index, article, neighbours_in(articles, article)))
    items = list_items(articles, EXTRAS)
    pages = COLUMN[3]
    for page, page_items in enumerate(chunk(items, pages), start=1):
        yield Page(list_url(page), render_list(page, pages, page_items, len(items)))
