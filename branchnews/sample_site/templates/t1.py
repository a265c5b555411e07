"""T1: the seed's chrome (民进石家庄市委会), UTF-8, root paths ``/a/<column>/…``.

The template the seed sample comes from, so it carries the seed's damage: traditional pages and
ASCII punctuation after Han (through :class:`Style`, the truth's reversible corruptions), half-width
label colons, an empty 作者 before 责任编辑, and the 2019 chrome variant ``sjz2019`` (author and
time on one line, no editor line). Lists: ``index.html``, then ``index.html?page=N``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..assets import png_bytes
from ..markup import ListItem, Page, chunk, img_html, list_items, paragraph_html, xhtml_head
from ..text import Style, TruthError, attr, esc, is_heading
from ..truth import Article, Files, Img

SITE = "民进石家庄市委员会"
COLUMNS = {  # key → (name, list pages)
    "mjdt": ("民进动态", 2),
    "zbfc": ("支部风采", 3),
    "czyz": ("参政议政", 1),
    "shfw": ("社会服务", 1),
}
EXTRAS = {  # list links that are not articles: (text, href, date)
    "zbfc": [("支部工作手册（2018年版）", "/uploads/soft/180301/zbgzsc.doc", "2018-03-01")],
    "mjdt": [("民进河北省委会召开全体会议", "http://www.hbmj.example.org.cn/a/2017/0915/3302.html", "2017-09-15")],
    "czyz": [("社区养老服务设施调研报告全文", "/uploads/soft/180612/1-1P612093Z1.pdf", "2018-06-12")],
    "shfw": [("中国民主促进会网站", "http://www.mj.example.org.cn/", "2018-01-01")],
}


def list_url(column: str, page: int) -> str:
    return f"/a/{column}/index.html" + (f"?page={page}" if page > 1 else "")


def _head(title: str, style: Style) -> str:
    return (
        xhtml_head("utf-8")
        + f"<title>{esc(title)}-{style.chrome(SITE)}</title>\n"
        f'<meta name="keywords" content="{style.chrome("民进")},{style.chrome("石家庄")}" />\n'
        '<link href="/skin/css/style.css" rel="stylesheet" type="text/css" />\n'
        '<script type="text/javascript" src="/skin/js/jquery.js"></script>\n'
        '<script type="text/javascript">\n'
        "function fontZoom(size) { document.getElementById('fontzoom').style.fontSize = size + 'px'; }\n"
        "</script>\n</head>\n<body>\n"
        f'<div class="header"><div class="logo"><a href="/"><img src="/skin/images/logo.png" '
        f'alt="{style.chrome(SITE)}" /></a></div>\n'
        '<ul class="nav"><li><a href="/">' + style.chrome("首页") + "</a></li>"
        + "".join(f'<li><a href="/a/{key}/">{style.chrome(name)}</a></li>' for key, (name, _) in COLUMNS.items())
        + "</ul></div>\n"
    )


def _footer(style: Style) -> str:
    return (
        f'<div class="footer">{style.chrome("版权所有")}:{style.chrome(SITE)}&nbsp;&nbsp;'
        f'{style.chrome("冀ICP备00000000号")}</div>\n</body>\n</html>\n'
    )


def _sidebar(article: Article | None, all_t1: Sequence[Article], style: Style) -> str:
    others = [a for a in all_t1 if a is not article]
    hot = sorted(others, key=lambda a: a.published or "", reverse=True)[:3]
    items = "".join(
        f'<li><a href="{attr(a.path)}">{esc(style.chrome(a.title))}({a.published[:10]})</a></li>' for a in hot
    )
    return f'<div class="sidebar"><h3>{style.chrome("热点新闻")}</h3><ul>{items}</ul></div>\n'


def _crumb(article: Article, style: Style) -> str:
    links = []
    for item in article.breadcrumb:
        href = "/" if item == "首页" else f"/a/{article.column}/"
        links.append(f'<a href="{href}">{esc(style.text(item))}</a>')
    if article.variant == "sjz2019":
        return f'<div class="position">{style.chrome("当前位置")}:' + "".join(f"{a}&gt;&gt;" for a in links) + "</div>\n"
    sep = "&nbsp;&nbsp;&gt;&nbsp;&nbsp;"
    return f'<div class="position">{style.chrome("当前位置")}: ' + "".join(a + sep for a in links) + "</div>\n"


def render_article(index: int, article: Article, all_t1: Sequence[Article]) -> str:
    style = Style(traditional=article.script == "traditional", ascii_punct=article.ascii_punct)
    colon = ":"  # T1 labels use half-width colons, as the seed does
    out = [_head(style.text(article.title), style), '<div class="main">\n', _crumb(article, style)]
    out.append('<div class="article">\n')
    out.append(f'<h1 class="title">{esc(style.text(article.title))}</h1>\n')
    if article.variant == "sjz2019":
        # 2019 chrome of sjzmj.org.cn: author and time on one line, no editor line at all
        out.append(
            f'<div class="info">{style.chrome("作 者")}{colon}{esc(style.text(article.author or ""))}'
            f"    {style.chrome('时间')}{colon}{article.published_raw}</div>\n"
        )
    else:
        source = esc(style.text(article.source)) if article.source else ""
        out.append(
            f'<div class="info">{style.chrome("发布时间")}{colon}{article.published_raw}&nbsp;&nbsp;'
            f"{style.chrome('来源')}{colon}{source}</div>\n"
        )
    out.append(
        f'<div class="fontsize"><a href="javascript:fontZoom(18)">{style.chrome("放大")}</a> '
        f'<a href="javascript:fontZoom(14)">{style.chrome("缩小")}</a></div>\n'
    )
    out.append('<div class="content" id="fontzoom">\n')
    indent = index % 3
    strong_headings = index % 2 == 1
    for block in article.body:
        if isinstance(block, str):
            text = style.text(block)
            if strong_headings and is_heading(block):
                out.append(f"<p><strong>{esc(text)}</strong></p>\n")
            else:
                out.append(paragraph_html(text, indent) + "\n")
        elif isinstance(block, Img):
            out.append(img_html(block, style) + "\n")
        elif isinstance(block, Files):
            links = "&nbsp;".join(f'<a href="{attr(h)}">{esc(style.text(n))}</a>' for n, h in block.links)
            out.append(f'<p style="text-indent:2em">{style.chrome("附件：")}{links}</p>\n')
        else:
            raise TruthError(f"{article.path}: T1 articles are single pages")
    out.append("</div>\n")
    if article.variant != "sjz2019":
        author = esc(style.text(article.author)) if article.author else "&nbsp;&nbsp;&nbsp;&nbsp;"
        editor = esc(style.text(article.editor)) if article.editor else ""
        out.append(
            f'<div class="editor">{style.chrome("作者")}{colon}{author}&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;'
            f"{style.chrome('责任编辑')}{colon}{editor}</div>\n"
        )
    out.append("</div>\n")
    out.append(_sidebar(article, all_t1, style))
    out.append("</div>\n")
    out.append(_footer(style))
    return "".join(out)


def _pager(column: str, page: int, pages: int, total: int) -> str:
    def link(p: int, text: str) -> str:
        return f'<a href="{attr(list_url(column, p).rsplit("/", 1)[-1])}">{text}</a>'

    parts = [f"共{total}条 第{page}/{pages}页", link(1, "首页")]
    parts.append(link(page - 1, "上一页") if page > 1 else "<span>上一页</span>")
    parts += [f"<b>{p}</b>" if p == page else link(p, str(p)) for p in range(1, pages + 1)]
    parts.append(link(page + 1, "下一页") if page < pages else "<span>下一页</span>")
    parts.append(link(pages, "尾页"))
    return '<div class="pages">' + " ".join(parts) + "</div>\n"


def render_list(column: str, page: int, pages: int, items: Sequence[ListItem], total: int, all_t1: Sequence[Article]) -> str:
    style = Style()
    name = COLUMNS[column][0]
    out = [_head(name, style), '<div class="main">\n']
    out.append(
        '<div class="position">当前位置: <a href="/">首页</a>&nbsp;&nbsp;&gt;&nbsp;&nbsp;'
        f'<a href="/a/{column}/">{name}</a></div>\n'
    )
    out.append('<div class="listbox"><ul class="list">\n')
    for it in items:
        out.append(
            f'<li><span class="date">{it.date}</span><a href="{attr(it.href)}" title="{attr(it.title)}" '
            f'target="_blank">{esc(it.title)}</a></li>\n'
        )
    out.append("</ul>\n")
    out.append(_pager(column, page, pages, total))
    out.append("</div>\n")
    out.append(_sidebar(None, all_t1, style))
    out.append("</div>\n")
    out.append(_footer(style))
    return "".join(out)


CSS = "body{font-family:SimSun,serif;font-size:14px}\n.article .title{text-align:center}\n"
JQUERY_STUB = "/* jQuery is not bundled with the sample site; the pages work without it. */\n"
STATIC_FILES = {
    "/skin/css/style.css": CSS.encode("utf-8"),
    "/skin/js/jquery.js": JQUERY_STUB.encode("utf-8"),
    "/skin/images/logo.png": png_bytes((200, 30, 40)),
}


def static_pages(articles: Sequence[Article]) -> Iterator[Page]:
    """The bundled site's T1 pages: every article but the verbatim seed, and each column's list pages."""
    for index, article in enumerate(articles):
        if not article.verbatim:
            yield Page(article.path, render_article(index, article, articles))
    for column, (_, pages) in COLUMNS.items():
        items = list_items([a for a in articles if a.column == column], EXTRAS[column])
        for page, page_items in enumerate(chunk(items, pages), start=1):
            yield Page(list_url(column, page), render_list(column, page, pages, page_items, len(items), articles))


def asset_links() -> Iterator[str]:
    """Site paths of the files the lists link to (they must exist)."""
    for extras in EXTRAS.values():
        yield from (h for _, h, _ in extras if h.startswith("/"))
