"""T4: 织梦 DedeCMS, GBK bytes, ``/t4/a/jcfc/{Y}/{MMDD}/{aid}.html`` and ``/t4/plus/view.php?aid=…``.

Pages are GBK with characters outside GB2312 and served with a bare ``text/html``, so the
``<meta … charset=gbk>`` decides. Long articles continue on ``{aid}_2.html``, ``_3.html``
(``dede_pages`` pager); the editor line is in the body of the last page only. The column index
is a copy of ``list_12_1.html``; some list rows show ``MM-DD`` only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..golden import page_paths, split_pages
from ..markup import (GBK_CONTENT_TYPE, ListItem, Page, chunk, img_html, list_items, neighbour_links, neighbours_in,
                      paragraph_html, xhtml_head)
from ..text import Style, attr, esc, is_heading
from ..truth import Article, Files, Img

SITE = "民盟云州市委员会"
COLUMN = ("jcfc", "基层风采", 12, 3)  # typedir key, name, tid, list pages
EXTRAS = [
    ("2017年度盟员培训报名表", "/t4/uploads/soft/170901/1-1F9011A3.doc", "2017-09-01"),
    ("民盟中央：学习贯彻全会精神", "http://www.dem-league.example.org.cn/xw/2018/0305/77.html", "2018-03-05"),
]


def _head(title: str) -> str:
    return (
        xhtml_head("gbk")
        + f"<title>{esc(title)}</title>\n"
        '<link href="/t4/templets/default/style/dedecms.css" rel="stylesheet" media="screen" type="text/css" />\n'
        "</head>\n"
    )


def _header() -> str:
    _, name, _, _ = COLUMN
    return (
        f'<div class="header"><div class="top w960 center"><div class="title"><h2><a href="/">{SITE}</a></h2></div></div>\n'
        f'<div class="nav w960 center"><ul><li><a href="/">主页</a></li><li><a href="/t4/a/jcfc/">{name}</a></li></ul></div></div>\n'
    )


def _footer() -> str:
    return f'<div class="footer w960 center mt1">Copyright &copy; 2017-2019 {SITE} 版权所有</div>\n</body>\n</html>\n'


def _place() -> str:
    return '<div class="place">您所在位置: <a href="/">主页</a> &gt; <a href="/t4/a/jcfc/">基层风采</a> &gt; </div>\n'


def _article_pager(paths: Sequence[str], current: int) -> str:
    names = [p.rsplit("/", 1)[-1] for p in paths]
    n = len(paths)
    parts = [f"<li><a>共{n}页: </a></li>"]
    parts.append(f'<li><a href="{names[current - 1]}">上一页</a></li>' if current > 0 else '<li><a href="#">上一页</a></li>')
    for i, name in enumerate(names):
        parts.append(f'<li class="thisclass"><a href="#">{i + 1}</a></li>' if i == current else f'<li><a href="{name}">{i + 1}</a></li>')
    parts.append(f'<li><a href="{names[current + 1]}">下一页</a></li>' if current < n - 1 else '<li><a href="#">下一页</a></li>')
    return '<div class="dede_pages"><ul class="pagelist">' + "".join(parts) + "</ul></div>\n"


def render_article(index: int, article: Article, neighbours: tuple[Article | None, Article | None]) -> list[tuple[str, str]]:
    """``[(url_path, html), …]`` one per page."""
    aid = re.search(r"(\d+)(?:\.html)?$", article.path).group(1)  # type: ignore[union-attr]
    paths = page_paths(article)
    pages = split_pages(article.body)
    out_pages = []
    for i, (path, blocks) in enumerate(zip(paths, pages)):
        out = [_head(f"{article.title}_基层风采_{SITE}")]
        out.append('<body class="articleview">\n')
        out.append(_header())
        out.append('<div class="w960 center clear mt1"><div class="pleft">\n')
        out.append(_place())
        out.append('<div class="viewbox">\n')
        out.append(f'<div class="title"><h1>{esc(article.title)}</h1></div>\n')
        out.append(
            f'<div class="info"><small>发布时间：</small>{article.published_raw}&nbsp;&nbsp;'
            f"<small>来源：</small>{esc(article.source or '')}&nbsp;&nbsp;"
            f"<small>作者：</small>{esc(article.author or '')}&nbsp;&nbsp;"
            f'<small>点击：</small><script src="/t4/plus/count.php?view=yes&amp;aid={aid}&amp;mid=1" '
            'type="text/javascript" language="javascript"></script>次</div>\n'
        )
        out.append('<div class="content">\n<table width="100%"><tr><td>\n')
        indent = 3 if index % 2 == 0 else 0
        for block in blocks:
            if isinstance(block, str):
                if is_heading(block):
                    out.append(f"<p><strong>{esc(block)}</strong></p>\n")
                elif len(block) <= 12 and re.fullmatch(r"[〇○零一二三四五六七八九十]{4}年.+日|.+委员会", block):
                    out.append(f'<p style="text-align: right;">{esc(block)}</p>\n')  # signature lines
                else:
                    out.append(paragraph_html(block, indent) + "\n")
            elif isinstance(block, Img):
                out.append(img_html(block, Style()) + "\n")
            elif isinstance(block, Files):
                links = "&nbsp;&nbsp;".join(f'<a href="{attr(h)}" target="_blank">{esc(n)}</a>' for n, h in block.links)
                out.append(f"<p>附件：{links}</p>\n")
        if i == len(paths) - 1 and article.editor:
            out.append(f'<p style="text-align: right;">（责任编辑：{esc(article.editor)}）</p>\n')
        out.append("</td></tr></table>\n</div>\n")
        if len(paths) > 1:
            out.append(_article_pager(paths, i))
        out.append('<div class="boxoff"><strong>------分隔线----------------------------</strong></div>\n')
        out.append('<div class="handle">【<a href="#" onclick="window.print()">打印</a>】【<a href="javascript:self.close()">关闭</a>】</div>\n')
        prev_html, next_html = neighbour_links(neighbours)
        out.append(f'<div class="context"><ul><li>上一篇：{prev_html}</li><li>下一篇：{next_html}</li></ul></div>\n')
        out.append("</div>\n</div></div>\n")
        out.append(_footer())
        out_pages.append((path, "".join(out)))
    return out_pages


def _list_name(tid: int, page: int) -> str:
    return f"list_{tid}_{page}.html"


def list_url(page: int) -> str:
    key, _, tid, _ = COLUMN
    return f"/t4/a/{key}/{_list_name(tid, page)}"


def render_list(page: int, pages: int, items: Sequence[ListItem], total: int) -> str:
    key, name, tid, _ = COLUMN
    out = [_head(f"{name}_{SITE}"), '<body class="articlelist">\n', _header()]
    out.append('<div class="w960 center clear mt1"><div class="pleft">\n')
    out.append(f'<div class="place"><strong>当前位置:</strong> <a href="/">主页</a> &gt; <a href="/t4/a/{key}/">{name}</a> &gt; </div>\n')
    out.append('<div class="listbox"><ul class="e2">\n')
    for i, it in enumerate(items):
        # DedeCMS list dates: the template shows MM-DD for some rows (no year)
        date = it.date[5:] if (it.article is not None and ("view.php" in it.href or i % 3 == 1)) else it.date
        out.append(f'<li><a href="{attr(it.href)}" class="title">{esc(it.title)}</a><span class="date">{date}</span></li>\n')
    out.append("</ul></div>\n")
    parts = [f'<li><span class="pageinfo">共 <strong>{pages}</strong>页<strong>{total}</strong>条</span></li>']
    parts.append(f'<li><a href="{_list_name(tid, 1)}">首页</a></li>')
    if page > 1:
        parts.append(f'<li><a href="{_list_name(tid, page - 1)}">上一页</a></li>')
    for p in range(1, pages + 1):
        parts.append(f'<li class="thisclass"><a>{p}</a></li>' if p == page else f'<li><a href="{_list_name(tid, p)}">{p}</a></li>')
    if page < pages:
        parts.append(f'<li><a href="{_list_name(tid, page + 1)}">下一页</a></li>')
    parts.append(f'<li><a href="{_list_name(tid, pages)}">末页</a></li>')
    options = "".join(
        f'<option value="{_list_name(tid, p)}"{" selected" if p == page else ""}>{p}</option>' for p in range(1, pages + 1)
    )
    parts.append(
        '<li><select name="sldd" style="width:36px" '
        f'onchange="location.href=this.options[this.selectedIndex].value;">{options}</select></li>'
    )
    out.append('<div class="dede_pages"><ul class="pagelist">' + "\n".join(parts) + "</ul></div>\n")
    out.append("</div></div>\n")
    out.append(_footer())
    return "".join(out)


CSS = "body{font:12px/1.5 Verdana,Arial}\n.dede_pages ul li{display:inline}\n"
STATIC_FILES = {"/t4/templets/default/style/dedecms.css": CSS.encode("utf-8")}


def asset_links() -> Iterator[str]:
    """Site paths of the files the list links to (they must exist)."""
    yield from (h for _, h, _ in EXTRAS if h.startswith("/"))


def static_pages(articles: Sequence[Article]) -> Iterator[Page]:
    """The bundled site's T4 pages (GBK): every page of every article, the list pages and the index."""
    for index, article in enumerate(articles):
        for path, page_html in render_article(index, article, neighbours_in(articles, article)):
            yield Page(path, page_html, GBK_CONTENT_TYPE)
    key, _, _, pages = COLUMN
    items = list_items(articles, EXTRAS)
    for page, page_items in enumerate(chunk(items, pages), start=1):
        html_text = render_list(page, pages, page_items, len(items))
        yield Page(list_url(page), html_text, GBK_CONTENT_TYPE)
        if page == 1:  # DedeCMS: the column index is a copy of list page 1
            yield Page(f"/t4/a/{key}/index.html", html_text, GBK_CONTENT_TYPE)
