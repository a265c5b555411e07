"""T6: news-publishing system (人民政协网 style), UTF-8, ``/t6/system/{Y}/{MM}/{DD}/{id}.shtml``.

Dates hide in several places: the visible ``.Remark`` label (which wins), a hidden
``pubtime_baidu`` with seconds the page never shows, in-body dates, list rows without the year and
related news with older dates. Variants: ``alt_labels`` (稿源/责编, a 文/… 图/… credit line) and
``gne`` (no hidden date, a related item dated with seconds). Lists: ``index.shtml``,
``index_N.shtml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..markup import ListItem, Page, chunk, img_html, list_items
from ..text import LEVEL1, Style, TruthError, asciify, attr, esc
from ..truth import Article, Files, Img

SITE = "云州政协网"
COLUMN = ("zxgz", "政协工作", 2)
EXTRAS = [
    ("提案汇总表（附件下载）", "/t6/uploads/2017/09/附件1.docx", "2017-09-14"),
    ("全国政协：委员热议教育公平", "http://www.cppcc.example.org.cn/c/2018/0306/1200456.shtml", "2018-03-06"),
]
OFFSITE_RELATED = ("政协委员热议教育公平", "http://www.cppcc.example.org.cn/c/2016-10-25/1102171.shtml", "2016-10-25")
_PARTIES = ("民进", "民盟", "民革", "民建", "农工党", "致公党", "九三学社", "政协")
_TOPICS = ("调研", "培训", "提案", "座谈会", "义诊", "送医", "会议", "科普", "协商")


def list_url(page: int) -> str:
    key = COLUMN[0]
    return f"/t6/{key}/index.shtml" if page == 1 else f"/t6/{key}/index_{page}.shtml"


def _head(title: str, keywords: str | None = None, description: str | None = None) -> str:
    meta = ""
    if keywords:
        meta += f'<meta name="keywords" content="{attr(keywords)}">\n'
    if description:
        meta += f'<meta name="description" content="{attr(description)}">\n'
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(title)}</title>\n{meta}"
        '<link rel="stylesheet" href="/t6/css/main.css">\n</head>\n<body>\n'
        f'<div class="top"><a class="logo" href="/">{SITE}</a> <a href="{list_url(1)}">{COLUMN[1]}</a></div>\n'
        f'<div class="crumb">您当前的位置 : <a href="/">{SITE}</a> &gt;&gt; <a href="{list_url(1)}">{COLUMN[1]}</a></div>\n'
    )


def _footer() -> str:
    return f'<div class="footer">{SITE} 版权所有 未经书面授权禁止复制或建立镜像</div>\n</body>\n</html>\n'


def _keywords(article: Article) -> str:
    party = next((p for p in _PARTIES if p in article.title), "政协")
    topic = next((t for t in _TOPICS if t in article.title), "活动")
    return f"{party} {topic}"


def _hidden_time(article: Article) -> str:
    """The hidden ``pubtime_baidu`` value: same day, seconds the page never shows."""
    n = int(re.search(r"(\d+)\.shtml$", article.path).group(1))  # type: ignore[union-attr]
    assert article.published is not None
    day = article.published[:10]
    if "T" in article.published:
        return f"{day} {article.published[11:16]}:{n % 60:02d}"
    return f"{day} {8 + n % 10:02d}:{n % 60:02d}:{n % 53:02d}"


def render_article(index: int, article: Article, earlier: Sequence[Article]) -> str:
    alt = article.variant == "alt_labels"
    first_text = next(b for b in article.body if isinstance(b, str))
    out = [_head(f"{article.title}_{SITE}", _keywords(article), first_text[:50])]
    out.append('<div class="Content">\n')
    out.append(f'<h1 class="Content_title">{esc(article.title)}</h1>\n')
    source_label = "稿源：" if alt else "来源:"
    out.append(
        f'<div class="Remark"><span>{article.published_raw} | 作者:<span id="author_baidu">{esc(article.author or "")}</span>'
        f' | {source_label}<span id="source_baidu">{esc(article.source or "")}</span></span>\n'
    )
    if article.variant != "gne":
        out.append(f'<span id="pubtime_baidu" style="display:none">{_hidden_time(article)}</span>\n')
    out.append('<a class="fontA" href="javascript:;">A-</a> <a class="fontA" href="javascript:;">A+</a></div>\n')
    out.append(
        '<div class="bdsharebuttonbox">分享到:<a href="#" class="bds_weixin" data-cmd="weixin">微信</a>'
        '<a href="#" class="bds_tsina" data-cmd="tsina">新浪微博</a><a href="#" class="bds_qzone" data-cmd="qzone">QQ空间</a></div>\n'
    )
    out.append('<div class="text_box">\n')
    if alt:
        out.append(f'<p style="text-align:center">文/{esc(article.author or "")} 图/{esc(article.photographer or "")}</p>\n')
    for block in article.body:
        if isinstance(block, str):
            if LEVEL1.match(block):
                out.append(f"<p><strong>{esc(block)}</strong></p>\n")
            elif block.startswith("（三）"):
                # some editors type the third sub-heading with half-width parentheses: (三)
                out.append(f"<p>\u3000\u3000{esc(asciify(block[:3]) + block[3:])}</p>\n")
            else:
                out.append(f"<p>\u3000\u3000{esc(block)}</p>\n")
        elif isinstance(block, Img):
            out.append(img_html(block, Style()) + "\n")
        elif isinstance(block, Files):
            links = "\u3000".join(f'<a href="{attr(h)}">{esc(n)}</a>' for n, h in block.links)
            out.append(f"<p>附件：{links}</p>\n")
        else:
            raise TruthError(f"{article.path}: T6 articles are single pages")
    out.append("</div>\n")
    if article.editor:
        label = "责编：" if alt else "编辑:"
        out.append(f'<div class="Editor">{label}{esc(article.editor)}</div>\n')
    out.append(f'<div class="keywords">关键词:{esc(_keywords(article))}</div>\n')
    related = [(a.title, a.path, (a.published or "")[:10]) for a in list(earlier)[-2:]][::-1]
    if article.variant == "gne":
        title, href, date = OFFSITE_RELATED
        related.append((title, href, f"{date} 09:12:30"))  # outranks the visible label in GNE's order
    elif len(related) < 2:
        related.append(OFFSITE_RELATED)
    items = "".join(f'<li><a href="{attr(h)}" target="_blank">{esc(t)}</a><span>{d}</span></li>' for t, h, d in related)
    out.append(f'<div class="related"><h3>相关新闻</h3><ul>{items}</ul></div>\n')
    out.append("</div>\n")
    out.append(_footer())
    return "".join(out)


def render_list(page: int, pages: int, items: Sequence[ListItem]) -> str:
    out = [_head(f"{COLUMN[1]}_{SITE}")]
    out.append('<div class="list"><ul>\n')
    for it in items:
        summary = ""
        if it.article is not None:
            first = next(b for b in it.article.body if isinstance(b, str))
            summary = f'<p class="summary">{esc(first[:36])}…</p>'
        out.append(f'<li><a href="{attr(it.href)}" target="_blank">{esc(it.title)}</a><span class="date">{it.date[5:]}</span>{summary}</li>\n')
    out.append("</ul></div>\n")

    def link(p: int, text: str) -> str:
        return f'<a href="{list_url(p).rsplit("/", 1)[-1]}">{text}</a>'

    parts = []
    if page > 1:
        parts += [link(1, "首页"), link(page - 1, "上一页")]
    parts += [f"<span>{p}</span>" if p == page else link(p, str(p)) for p in range(1, pages + 1)]
    if page < pages:
        parts += [link(page + 1, "下一页"), link(pages, "尾页")]
    out.append('<div class="page">' + " ".join(parts) + "</div>\n")
    out.append(_footer())
    return "".join(out)


CSS = "body{font:14px/1.6 'Microsoft YaHei',sans-serif}\n#pubtime_baidu{display:none}\n"
STATIC_FILES = {"/t6/css/main.css": CSS.encode("utf-8")}


def asset_links() -> Iterator[str]:
    """Site paths of the files the list links to (they must exist)."""
    yield from (h for _, h, _ in EXTRAS if h.startswith("/"))


def static_pages(articles: Sequence[Article]) -> Iterator[Page]:
    """The bundled site's T6 pages: articles (related news: the earlier ones) and the list pages."""
    ordered = sorted(articles, key=lambda a: a.published or "")
    for index, article in enumerate(articles):
        yield Page(article.path, render_article(index, article, ordered[: ordered.index(article)]))
    _, _, pages = COLUMN
    items = list_items(articles, EXTRAS)
    for page, page_items in enumerate(chunk(items, pages), start=1):
        yield Page(list_url(page), render_list(page, pages, page_items))
