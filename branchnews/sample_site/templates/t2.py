"""T2: TRS WCM (统战部), UTF-8, ``/t2/<column>/{YYYYMM}/t{YYYYMMDD}_{id}.html``.

TRS writes its pager at run time: ``createPageHTML(countPage, currentPage, "index", "html")``
links ``index_1.html``, ``index_2.html`` (0-based suffix) and nothing in the DOM does. Lists link
articles relatively (``./``, ``../`` across columns); the CMS metadata (``PubDate``) may disagree
with the visible date (variant ``meta_disagrees``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..markup import ListItem, Page, chunk, list_items, site_path, xhtml_head
from ..text import LEVEL1, TruthError, asciify, attr, esc
from ..truth import Article, Files, Img

SITE = "中共云州市委统战部"
COLUMNS = {  # key → (name, list pages); page n > 1 is index_{n-1}.html (0-based suffix)
    "tzxw": ("统战新闻", 3),
    "dpgz": ("党派工作", 1),
}
EXTRAS = {  # hrefs as the list writes them (relative, as TRS does)
    "tzxw": [
        ("外链：某民主党派网站要闻", "http://www.example-party.org.cn/xw/2017/0911/77.html", "2017-09-11"),
        ("2018年全市统战工作要点.pdf", "./201803/P020180322400000000001.pdf", "2018-03-22"),
    ],
    "dpgz": [("民主党派中央网站", "http://www.example-party.org.cn/", "2017-01-01")],
}
PAGE_JS = """// TRS WCM pager: writes the page links at run time; a crawler that does not run scripts sees none.
function createPageHTML(countPage, currentPage, prefix, ext) {
  if (countPage <= 1) { return; }
  var html = "";
  for (var i = 0; i < countPage; i++) {
    var name = (i == 0) ? prefix + "." + ext : prefix + "_" + i + "." + ext;
    html += (i == currentPage) ? "<span>" + (i + 1) + "</span> " : "<a href=\\"" + name + "\\">" + (i + 1) + "</a> ";
  }
  document.write(html);
}
"""


def list_url(column: str, page: int) -> str:
    return f"/t2/{column}/index.html" if page == 1 else f"/t2/{column}/index_{page - 1}.html"


def _head(title: str, metas: str = "") -> str:
    nav = "".join(f'<li><a href="/t2/{k}/index.html">{n}</a></li>' for k, (n, _) in COLUMNS.items())
    return (
        xhtml_head("utf-8")
        + f"{metas}<title>{esc(title)}</title>\n"
        '<script type="text/javascript" src="/t2/js/page.js"></script>\n</head>\n<body>\n'
        f'<div class="header"><div class="logo">{SITE}</div><ul class="nav"><li><a href="/">首页</a></li>{nav}</ul></div>\n'
    )


def _footer() -> str:
    return f'<div class="footer">主办：{SITE} 技术支持：TRS</div>\n</body>\n</html>\n'


def render_article(article: Article) -> str:
    name = COLUMNS[article.column][0]
    pubdate = article.published_raw or ""
    if article.variant == "meta_disagrees":
        # the CMS metadata carries the URL's publishing date, not the date the page shows
        m = re.search(r"/t(\d{4})(\d{2})(\d{2})_", article.path)
        pubdate = f"{m.group(1)}-{m.group(2)}-{m.group(3)} 08:30"  # type: ignore[union-attr]
    metas = (
        f'<meta name="ArticleTitle" content="{attr(article.title)}" />\n'
        f'<meta name="PubDate" content="{pubdate}" />\n'
        f'<meta name="ContentSource" content="{attr(article.source or "")}" />\n'
    )
    out = [_head(f"{article.title}_{name}_{SITE}", metas)]
    out.append(
        f'<div class="crumb">您的位置 : <a href="/">首页</a> &gt; <a href="../index.html">{name}</a> &gt; 正文</div>\n'
    )
    out.append(f'<div class="detail">\n<h2 class="tit">{esc(article.title)}</h2>\n')
    parts = [f"日期：{article.published_raw}", f"来源：{esc(article.source or '')}"]
    if article.author is not None or article.editor is not None:
        parts.append(f"作者：{esc(article.author or '')}")
    out.append(
        '<div class="xx">' + "&nbsp;&nbsp;".join(parts) + "&nbsp;&nbsp;"
        '字号：[<a href="javascript:doZoom(12)">小</a>] [<a href="javascript:doZoom(14)">中</a>] '
        '[<a href="javascript:doZoom(16)">大</a>] <a href="javascript:window.print()">打印本页</a> '
        '<a href="javascript:window.close()">关闭窗口</a></div>\n'
    )
    out.append('<div class="TRS_Editor"><div class="TRS_PreAppend">\n')
    for block in article.body:
        if isinstance(block, str):
            if LEVEL1.match(block):
                out.append(f'<p style="text-indent:2em"><strong>{esc(block)}</strong></p>\n')
            elif block.startswith("（二）") and "（一）指导思想" in article.body:
                out.append(f'<p style="text-indent:2em">{esc(asciify(block[:3]) + block[3:])}</p>\n')  # (二)
            else:
                out.append(f'<p style="text-indent:2em">{esc(block)}</p>\n')
        elif isinstance(block, Img):
            name_only = block.src.rsplit("/", 1)[-1]
            out.append(
                f'<p style="text-align:center"><img src="{attr(block.src)}" oldsrc="{attr(name_only)}" '
                'title="" alt="" /></p>\n'
            )
        elif isinstance(block, Files):
            links = " ".join(
                f'<a href="{attr(h)}" oldsrc="{attr(h.rsplit("/", 1)[-1].replace("P0", "W0", 1))}">{esc(n)}</a>'
                for n, h in block.links
            )
            out.append(f"<p>附件：{links}</p>\n")
        else:
            raise TruthError(f"{article.path}: T2 articles are single pages")
    out.append("</div></div>\n")
    if article.editor:
        out.append(f'<div class="bjxx">【责任编辑：{esc(article.editor)}】</div>\n')
    out.append("</div>\n")
    out.append(_footer())
    return "".join(out)


def _relative(list_path: str, href: str) -> str:
    """The relative href a TRS list writes for a site path (./ in the column, ../ across columns)."""
    if not href.startswith("/"):
        return href
    base = list_path.rsplit("/", 1)[0] + "/"
    if href.startswith(base):
        return "./" + href[len(base) :]
    column_root = base.rstrip("/").rsplit("/", 1)[0] + "/"
    if href.startswith(column_root):
        return "../" + href[len(column_root) :]
    return href


def render_list(column: str, page: int, pages: int, items: Sequence[ListItem]) -> str:
    name = COLUMNS[column][0]
    list_path = list_url(column, page)
    out = [_head(f"{name}_{SITE}")]
    out.append(f'<div class="crumb">您的位置 : <a href="/">首页</a> &gt; <a href="./index.html">{name}</a></div>\n')
    out.append('<ul class="list">\n')
    for it in items:
        href = _relative(list_path, it.href)
        out.append(f'<li><a href="{attr(href)}" title="{attr(it.title)}" target="_blank">{esc(it.title)}</a><span>{it.date}</span></li>\n')
    out.append("</ul>\n")
    out.append(
        '<div class="page"><script type="text/javascript">\n'
        f"var countPage = {pages}//共多少页\n"
        f"var currentPage = {page - 1}//所在页从0开始\n"
        'createPageHTML(countPage, currentPage, "index", "html");\n'
        "</script></div>\n"
    )
    out.append(_footer())
    return "".join(out)



def extras(column: str) -> list[tuple[str, str, str]]:
    """A column's non-article list links, on-site ones as site paths (the list writes them relative)."""
    return [(t, h if h.startswith("http") else site_path(list_url(column, 1), h), d) for t, h, d in EXTRAS[column]]


def asset_links() -> Iterator[str]:
    """Site paths of the files the lists link to (they must exist)."""
    for column in COLUMNS:
        yield from (h for _, h, _ in extras(column) if h.startswith("/"))


STATIC_FILES = {"/t2/js/page.js": PAGE_JS.encode("utf-8")}


def static_pages(articles: Sequence[Article]) -> Iterator[Page]:
    """The bundled site's T2 pages; the cross-column article (``../dpgz/…``) is listed in 统战新闻 too."""
    for article in articles:
        yield Page(article.path, render_article(article))
    for column, (_, pages) in COLUMNS.items():
        members = [a for a in articles if column == "tzxw" or a.column == column]
        items = list_items(members, extras(column))
        for page, page_items in enumerate(chunk(items, pages), start=1):
            yield Page(list_url(column, page), render_list(column, page, pages, page_items))
