"""Markup of the small single-CMS sites (T7–T10), each rooted at ``/tN/``: home, lists, articles.

Unlike T1–T6, which share the bundled host's home page, each of these is a site of its own (its
home page links its column and an about page, never the bundled home's columns), so a crawl from
an address alone is tested on URL families the default patterns do not know. What differs
between the CMS families (URLs, list rows, the pager) is a :class:`Family`; the article chrome
they share is written once here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..markup import ListItem, Page, chunk, list_items, neighbour_links, neighbours_in
from ..text import LEVEL1, TruthError, attr, esc
from ..truth import Article


@dataclass(frozen=True)
class Family:
    key: str  # "t7": the site's folder
    site: str  # the site's name in its chrome
    column: str  # the column's name
    pages: int  # list pages of the column
    list_url: Callable[[int], str]  # page number → URL path (and query)
    row: Callable[[ListItem], str]  # one list row
    pager: Callable[[int, int, int], str]  # (page, pages, total) → pager markup
    about: str  # URL path of the about page (an "other" page: neither list nor article)
    extras: tuple[tuple[str, str, str], ...]  # list links that are not articles of the site
    crumb: str = "当前位置："
    home_latest: int = 0  # the home page also shows the newest N headlines (a hub, not a list)

    @property
    def root(self) -> str:
        return f"/{self.key}/"


def _head(family: Family, title: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(title)}</title>\n</head>\n<body>\n"
        f'<div class="header"><a class="logo" href="{family.root}">{family.site}</a></div>\n'
        f'<ul class="nav"><li><a href="{family.root}">首页</a></li>'
        f'<li><a href="{attr(family.list_url(1))}">{family.column}</a></li>'
        f'<li><a href="{attr(family.about)}">联系我们</a></li></ul>\n'
    )


def _footer(family: Family) -> str:
    return (f'<div class="footer">主办：{family.site} 地址：云州市新华路8号 '
            f'<a href="/">返回总站</a></div>\n</body>\n</html>\n')


def render_home(family: Family, articles: Sequence[Article]) -> str:
    out = [_head(family, family.site)]
    if family.home_latest:
        rows = "".join(f'<li><a href="{attr(a.path)}">{esc(a.title)}</a></li>'
                       for a in sorted(articles, key=lambda a: a.published or "", reverse=True)[:family.home_latest])
        out.append(f'<div class="tzgg"><h3>{family.column}</h3><ul>{rows}</ul>'
                   f'<a class="more" href="{attr(family.list_url(1))}">更多&gt;&gt;</a></div>\n')
    out.append(f'<div class="intro">{family.site}门户网站欢迎您。</div>\n')
    out.append(_footer(family))
    return "".join(out)


def render_about(family: Family) -> str:
    return (_head(family, f"联系我们_{family.site}")
            + f'<div class="crumb">{family.crumb}<a href="{family.root}">首页</a> &gt; 联系我们</div>\n'
            + '<div class="about"><p>地址：云州市新华路8号</p><p>邮编：100000</p><p>电话：0000-1234567</p></div>\n'
            + _footer(family))


def _crumbs(family: Family, article: Article) -> str:
    *parents, last = article.breadcrumb
    links = [f'<a href="{family.root}">{esc(parents[0])}</a>', *(esc(p) for p in parents[1:]),
             f'<a href="{attr(family.list_url(1))}">{esc(last)}</a>']
    return " &gt; ".join(links)


def render_article(family: Family, article: Article, neighbours: tuple[Article | None, Article | None]) -> str:
    out = [_head(family, f"{article.title}-{family.site}")]
    out.append(f'<div class="crumb">{family.crumb}{_crumbs(family, article)}</div>\n')
    out.append(f'<div class="article">\n<h1>{esc(article.title)}</h1>\n')
    info = [f"发布时间：{article.published_raw}", f"来源：{esc(article.source or '')}"]
    if article.author:
        info.append(f"作者：{esc(article.author)}")
    out.append(f'<div class="info">{"　".join(info)}</div>\n<div class="content">\n')
    for block in article.body:
        if not isinstance(block, str):
            raise TruthError(f"{article.path}: {family.key} articles are plain text")
        text = f"<strong>{esc(block)}</strong>" if LEVEL1.match(block) else esc(block)
        out.append(f'<p style="text-indent:2em">{text}</p>\n')
    out.append("</div>\n")
    if article.editor:
        out.append(f'<div class="editor">责任编辑：{esc(article.editor)}</div>\n')
    older, newer = neighbour_links(neighbours)
    out.append(f'<div class="prevnext"><p>上一篇：{older}</p><p>下一篇：{newer}</p></div>\n</div>\n')
    out.append(_footer(family))
    return "".join(out)


def render_list(family: Family, page: int, items: Sequence[ListItem], total: int) -> str:
    out = [_head(family, f"{family.column}-{family.site}")]
    out.append(f'<div class="crumb">{family.crumb}<a href="{family.root}">首页</a> &gt; {family.column}</div>\n')
    out.append('<div class="list">\n' + "".join(family.row(it) + "\n" for it in items) + "</div>\n")
    out.append(family.pager(page, family.pages, total) + "\n")
    out.append(_footer(family))
    return "".join(out)


def static_pages(family: Family, articles: Sequence[Article]) -> Iterator[Page]:
    yield Page(family.root + "index.html", render_home(family, articles))
    yield Page(family.about, render_about(family))
    for article in articles:
        yield Page(article.path, render_article(family, article, neighbours_in(articles, article)))
    items = list_items(articles, family.extras)
    for page, page_items in enumerate(chunk(items, family.pages), start=1):
        yield Page(family.list_url(page), render_list(family, page, page_items, len(items)))


def asset_links(family: Family) -> Iterator[str]:
    yield from (h for _, h, _ in family.extras if h.startswith("/"))
