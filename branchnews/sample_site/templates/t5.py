"""T5: ASP legacy table layout (民革市委), GBK bytes and lying charsets, ``/t5/newsview.asp?Id=…&Tid=4``.

Every page is GBK bytes; what the ``<meta>`` and the ``Content-Type`` header claim varies by
page (:data:`SERVING`): the header may lie (``utf-8``), the meta may lie, or both may honestly
say a charset too small for the text (``gb2312`` with 喆). No ``<h1>``, no 来源 label, the date as
``2017/09/14/10:20``; bylines only in the closing credit line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..markup import ListItem, Page, chunk, list_items
from ..text import LEVEL1, TruthError, attr, esc
from ..truth import Article

SITE = "民革云州市委员会"
COLUMN = (4, "工作动态", 2)  # Tid, name, list pages
EXTRAS = [
    ("2017年党员信息登记表", "/t5/UploadFile/2017917/20179171035.doc", "2017-09-17"),
    ("民革中央：认真学习贯彻十九大精神", "http://www.minge.example.org.cn/n1/2017/1020/c415686-401.html", "2017-10-20"),
]
META_GB2312 = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n'
META_UTF8 = '<meta charset="utf-8">\n'
# How each T5 page is served: (meta, Content-Type header). The bytes are always GBK.
SERVING = {
    "header_lies": (META_GB2312, "text/html; charset=utf-8"),  # IIS default charset: the header lies
    "meta_lies": (META_UTF8, "text/html"),  # a template copied from a UTF-8 site: the meta lies
    "gb2312_header": (META_GB2312, "text/html; charset=gb2312"),  # honest label, too small a charset
    "": (META_GB2312, "text/html"),  # no charset in the header: the meta decides
}
LIST_SERVING = "header_lies"
LIST_CONTENT_TYPE = SERVING[LIST_SERVING][1]
CSS = "body{font-size:12px;font-family:SimSun}\ntd.tit{font-size:16px;text-align:center}\n"


def list_url(page: int) -> str:
    return f"/t5/newslist.asp?Tid={COLUMN[0]}&page={page}"


def _head(title: str, meta: str) -> str:
    tid, name, _ = COLUMN
    return (
        "<html>\n<head>\n"
        f"{meta}<title>{esc(title)}</title>\n"
        '<link href="/t5/images/style.css" rel="stylesheet" type="text/css">\n'
        "</head>\n<body topmargin=\"0\" leftmargin=\"0\">\n"
        '<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">\n'
        f'<tr><td class="top">{SITE}</td></tr>\n'
        f'<tr><td class="menu"><a href="/">首页</a> | <a href="newslist.asp?Tid={tid}&amp;page=1">{name}</a></td></tr>\n'
        "</table>\n"
    )


def _footer() -> str:
    return (
        '<table width="960" border="0" align="center"><tr><td class="foot">'
        f"版权所有：{SITE}&nbsp;&nbsp;地址：云州市人民路1号</td></tr></table>\n</body>\n</html>\n"
    )


def _id(article: Article) -> int:
    m = re.search(r"[?&]Id=(\d+)", article.path)
    if not m:
        raise TruthError(f"{article.path}: not an ASP newsview URL")
    return int(m.group(1))


def _credit(article: Article) -> str | None:
    """The credit line closing the body: （单位 作者） or （记者… 通讯员…）, then 【编辑:…】."""
    line = ""
    if article.author and article.unit:
        line = f"（{esc(article.unit)} {esc(article.author)}）"
    elif article.author:
        line = f"（记者{esc(article.author)}" + (f" 通讯员{esc(article.correspondent)}" if article.correspondent else "") + "）"
    elif article.correspondent or article.unit:
        raise TruthError(f"{article.path}: a credit without an author")
    if article.editor:
        line += f"【编辑:{esc(article.editor)}】"
    return line or None


def _date(article: Article) -> str:
    """``2017/09/14/10:20`` as the page shows it (empty when the article has no date)."""
    return article.published_raw or ""


def render_article(article: Article) -> tuple[str, str]:
    """``(html, Content-Type header)``."""
    tid, name, _ = COLUMN
    meta, content_type = SERVING[article.variant]
    views = _id(article) * 37 % 3000 + 200
    out = [_head(f"{article.title}_{SITE}", meta)]
    out.append('<table width="960" border="0" align="center" cellpadding="0" cellspacing="0" class="view">\n')
    out.append(
        f'<tr><td class="nav">您当前的位置:<a href="/">首页</a> - <a href="newslist.asp?Tid={tid}&amp;page=1">{name}</a></td></tr>\n'
    )
    out.append(f'<tr><td class="tit"><b>{esc(article.title)}</b></td></tr>\n')
    info = [f"浏览:{views}", f"发布人:{esc(article.poster or '')}"]
    if article.published_raw:
        info.append(_date(article))
    out.append(f'<tr><td class="info" align="center">{"&nbsp;&nbsp;".join(info)}</td></tr>\n')
    out.append('<tr><td class="content">\n')
    for block in article.body:
        if isinstance(block, str):
            if LEVEL1.match(block):
                out.append(f"<p>\u3000\u3000<b>{esc(block)}</b></p>\n")
            else:
                out.append(f"<p>\u3000\u3000{esc(block)}</p>\n")
        else:
            raise TruthError(f"{article.path}: T5 articles are plain text")
    credit = _credit(article)
    if credit:
        out.append(f'<p align="right">{credit}</p>\n')
    out.append("</td></tr>\n")
    out.append(
        '<tr><td class="tools" align="center"><a href="javascript:window.print()">打印</a> 』※ '
        '<a href="javascript:window.external.AddFavorite(location.href,document.title)">收藏此页</a> ※『 '
        '<a href="javascript:window.close()">关闭</a></td></tr>\n'
    )
    out.append("</table>\n")
    out.append(_footer())
    return "".join(out), content_type


def render_list(page: int, pages: int, items: Sequence[ListItem], total: int) -> str:
    tid, name, _ = COLUMN
    per_page = -(-total // pages)
    out = [_head(f"{name}_{SITE}", SERVING[LIST_SERVING][0])]
    out.append('<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">\n')
    out.append(f'<tr><td class="nav">您当前的位置:<a href="/">首页</a> - {name}</td></tr>\n</table>\n')
    out.append('<table class="list" width="960" border="0" align="center" cellpadding="2" cellspacing="0">\n')
    for it in items:
        href = it.href
        if it.article is not None:
            href = it.href.rsplit("/", 1)[-1]  # newsview.asp?Id=…&Tid=4, relative as ASP lists write it
        date = ""
        if it.date:
            y, m, d = (int(x) for x in it.date.split("-"))
            date = f"[{y}-{m}-{d}]"
        out.append(
            f'<tr><td class="t">·<a href="{attr(href)}" target="_blank">{esc(it.title)}</a></td><td class="d">{date}</td></tr>\n'
        )
    out.append("</table>\n")

    def link(p: int, text: str) -> str:
        return f'<a href="?Tid={tid}&amp;page={p}">{text}</a>'

    parts = [f"共 {total} 条记录 页次:{page}/{pages} 每页{per_page}条", link(1, "首页")]
    parts.append(link(page - 1, "上一页") if page > 1 else "上一页")
    parts.append(link(page + 1, "下一页") if page < pages else "下一页")
    parts.append(link(pages, "尾页"))
    options = "".join(f'<option value="{p}"{" selected" if p == page else ""}>{p}</option>' for p in range(1, pages + 1))
    parts.append(f"转到:<select onchange=\"location='?Tid={tid}&amp;page='+this.value\">{options}</select>")
    out.append('<div class="pager" align="center">' + " ".join(parts) + "</div>\n")
    out.append(_footer())
    return "".join(out)


STATIC_FILES = {"/t5/images/style.css": CSS.encode("utf-8")}


def asset_links() -> Iterator[str]:
    """Site paths of the files the list links to (they must exist)."""
    yield from (h for _, h, _ in EXTRAS if h.startswith("/"))


def static_pages(articles: Sequence[Article]) -> Iterator[Page]:
    """The bundled site's T5 pages (GBK), each with the Content-Type its variant is served with."""
    for article in articles:
        yield Page(article.path, *render_article(article))
    items = list_items(articles, EXTRAS)
    pages = COLUMN[2]
    for page, page_items in enumerate(chunk(items, pages), start=1):
        yield Page(list_url(page), render_list(page, pages, page_items, len(items)), LIST_CONTENT_TYPE)
