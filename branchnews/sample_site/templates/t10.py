"""T10: newer 大汉 Hanweb (县人民政府 style), articles ``/t10/art/{Y}/art_{32 hex}.html``.

The article id is a 32-digit hex GUID instead of ``art_{col}_{id}``; the column is
``/t10/col/col2001/index.html``, then ``?uid=…&pageNum=N``, here as plain links.
"""

from __future__ import annotations

from ..markup import ListItem
from ..text import attr, esc
from . import portal

COLUMN = ("col2001", "政务动态", 2)
UID = 8001


def list_url(page: int) -> str:
    base = f"/t10/col/{COLUMN[0]}/index.html"
    return base if page == 1 else f"{base}?uid={UID}&pageNum={page}"


def _row(it: ListItem) -> str:
    return (f'<li><a href="{attr(it.href)}" target="_blank" title="{attr(it.title)}">{esc(it.title)}</a>'
            f'<b>{it.date}</b></li>')


def _pager(page: int, pages: int, total: int) -> str:
    def nav(target: int, text: str) -> str:
        if 1 <= target <= pages and target != page:
            return f'<a href="{attr(list_url(target))}">{text}</a>'
        return f"<span>{text}</span>"

    return (f'<div class="default_pgContainer">共{total}条 {nav(1, "首页")}{nav(page - 1, "上页")}'
            f'{nav(page + 1, "下页")}{nav(pages, "尾页")} {page}/{pages}页</div>')


FAMILY = portal.Family(
    key="t10", site="云州市西山县人民政府", column=COLUMN[1], pages=COLUMN[2], list_url=list_url,
    row=_row, pager=_pager, about="/t10/col/col2099/index.html",
    extras=(("2025年政府信息公开工作年度报告", "/t10/module/download/ndbg2025.pdf", "2025-06-01"),
            ("市政府：召开全市防汛工作会议", "http://www.yunzhou.example.gov.cn/art/2025/art_00112233445566778899aabbccddeeff.html", "2025-06-05")),
)
STATIC_FILES: dict[str, bytes] = {}


def static_pages(articles):
    return portal.static_pages(FAMILY, articles)


def asset_links():
    return portal.asset_links(FAMILY)
