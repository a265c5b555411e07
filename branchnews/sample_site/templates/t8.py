"""T8: ASP.NET WebForms (区政协 style), articles ``/t8/xwzx/{column}/{id}.aspx``.

The list is ``Default.aspx``, then ``Default.aspx?PageIndex=N`` written by an AspNetPager
(``<a disabled>`` for the pages that are not links, the current page in ``<span class="cpb">``);
the page is one big ``<form>`` with a ``__VIEWSTATE``; rows are table cells linking ``{id}.aspx``
relatively.
"""

from __future__ import annotations

from ..markup import ListItem
from ..text import attr, esc
from . import portal

COLUMN = ("1001", "政协动态", 2)


def list_url(page: int) -> str:
    base = f"/t8/xwzx/{COLUMN[0]}/Default.aspx"
    return base if page == 1 else f"{base}?PageIndex={page}"


def _row(it: ListItem) -> str:
    href = it.href.rsplit("/", 1)[-1] if it.article is not None else it.href
    return (f'<tr><td class="title"><a href="{attr(href)}" target="_blank">{esc(it.title)}</a></td>'
            f'<td class="date">{it.date}</td></tr>')


def _pager(page: int, pages: int, total: int) -> str:
    def nav(target: int, text: str) -> str:
        if 1 <= target <= pages and target != page:
            return f'<a href="{attr(list_url(target).rsplit("/", 1)[-1])}">{text}</a>'
        return f'<a disabled="disabled">{text}</a>'

    numbers = "".join(f'<span class="cpb">{n}</span>' if n == page else nav(n, str(n)) for n in range(1, pages + 1))
    return (f'<div id="AspNetPager1" class="paginator">{nav(1, "首页")}{nav(page - 1, "上一页")}{numbers}'
            f'{nav(page + 1, "下一页")}{nav(pages, "尾页")}<span>共{total}条 {page}/{pages}页</span></div>')



FAMILY = portal.Family(
    key="t8", site="云州市云东区政协", column=COLUMN[1], pages=COLUMN[2], list_url=list_url,
    row=_row, pager=_pager, about="/t8/About.aspx", crumb="您现在的位置：",
    extras=(("委员履职登记表", "/t8/UploadFiles/2025/lzdjb.doc", "2025-03-30"),
            ("市政协：召开常委会议", "http://www.yzzx.example.gov.cn/xwzx/1001/99001.aspx", "2025-04-01")),
)
STATIC_FILES: dict[str, bytes] = {}


def static_pages(articles):
    return portal.static_pages(FAMILY, articles)


def asset_links():
    return portal.asset_links(FAMILY)
