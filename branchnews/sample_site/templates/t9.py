"""T9: a JSP news system (市民建 style), articles ``/t9/news/detail.jsp?id={id}``.

The list is ``list.jsp?cid={column}``, then ``&pageNo=N``; the pager is text with links
(``共 N 页 第 n 页 首页 上一页 下一页 末页``) and a jump box; dates in brackets.
"""

from __future__ import annotations

from ..markup import ListItem
from ..text import attr, esc
from . import portal

COLUMN = ("12", "会务动态", 2)


def list_url(page: int) -> str:
    base = f"/t9/news/list.jsp?cid={COLUMN[0]}"
    return base if page == 1 else f"{base}&pageNo={page}"


def _row(it: ListItem) -> str:
    href = it.href.rsplit("/", 1)[-1] if it.article is not None else it.href
    return f'<li><a href="{attr(href)}" title="{attr(it.title)}">{esc(it.title)}</a><span class="date">[{it.date}]</span></li>'


def _pager(page: int, pages: int, total: int) -> str:
    def nav(target: int, text: str) -> str:
        if 1 <= target <= pages and target != page:
            return f'<a href="{attr(list_url(target).rsplit("/", 1)[-1])}">{text}</a>'
        return text

    return (f'<div class="page">共 {pages} 页 第 {page} 页 {nav(1, "首页")} {nav(page - 1, "上一页")} '
            f'{nav(page + 1, "下一页")} {nav(pages, "末页")} 转到<input type="text" id="pageNo" size="2">页'
            f'<input type="button" value="GO" onclick="goPage()"></div>')


FAMILY = portal.Family(
    key="t9", site="民建云州市委会", column=COLUMN[1], pages=COLUMN[2], list_url=list_url, row=_row,
    pager=_pager, about="/t9/about.jsp",
    extras=(("会员信息采集表", "/t9/upload/hyxx.xls", "2025-05-01"),
            ("民建中央：召开学习会", "http://www.cndca.example.org.cn/news/detail.jsp?id=90001", "2025-04-20")),
)
STATIC_FILES: dict[str, bytes] = {}


def static_pages(articles):
    return portal.static_pages(FAMILY, articles)


def asset_links():
    return portal.asset_links(FAMILY)
