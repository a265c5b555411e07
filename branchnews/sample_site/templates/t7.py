"""T7: WebPlus/VSB (博达站群, 高校统战部 style), articles ``/t7/{Y}/{MMDD}/c{col}a{id}/page.htm``.

Column lists are ``list.htm``, ``list2.htm``, …; the pager is VSB's ``wp_paging`` list
(第一页 / 上一页 / 下一页 / 尾页 with the page count in ``<em class="all_pages">``). The home page
shows the newest headlines beside a 更多 link: a hub, not a list.
"""

from __future__ import annotations

from ..markup import ListItem
from ..text import attr, esc
from . import portal

COLUMN = ("tzyw", "统战要闻", 2)


def list_url(page: int) -> str:
    return f"/t7/{COLUMN[0]}/list.htm" if page == 1 else f"/t7/{COLUMN[0]}/list{page}.htm"


def _row(it: ListItem) -> str:
    return (f'<li class="news clearfix"><span class="news_title"><a href="{attr(it.href)}" target="_blank" '
            f'title="{attr(it.title)}">{esc(it.title)}</a></span><span class="news_meta">{it.date}</span></li>')


def _pager(page: int, pages: int, total: int) -> str:
    def nav(cls: str, target: int, text: str) -> str:
        href = list_url(target) if 1 <= target <= pages and target != page else "javascript:void(0);"
        return f'<a class="{cls}" href="{href}"><span>{text}</span></a>'

    return ('<div id="wp_paging_w6"><ul class="wp_paging clearfix">'
            f'<li class="pages_count"><span class="per_page">每页&nbsp;<em class="per_count">3</em>&nbsp;记录</span>'
            f'<span class="all_count">总共&nbsp;<em class="all_count">{total}</em>&nbsp;记录</span></li>'
            f'<li class="page_nav">{nav("first", 1, "第一页")}{nav("prev", page - 1, "&lt;&lt;上一页")}'
            f'{nav("next", page + 1, "下一页&gt;&gt;")}{nav("last", pages, "尾页")}</li>'
            f'<li class="page_jump"><span class="pages">页码&nbsp;<em class="curr_page">{page}</em>/'
            f'<em class="all_pages">{pages}</em></span></li></ul></div>')


FAMILY = portal.Family(
    key="t7", site="云州大学党委统战部", column=COLUMN[1], pages=COLUMN[2], list_url=list_url, row=_row,
    pager=_pager, about="/t7/lxwm.htm", home_latest=3,
    extras=(("2025年统战工作要点", "/t7/upload/article/files/gzyd2025.pdf", "2025-02-20"),
            ("省委统战部：全省高校统战工作会议召开", "http://tzb.example.edu.cn/2025/0301/c1001a9001/page.htm", "2025-03-01")),
)
STATIC_FILES: dict[str, bytes] = {}


def static_pages(articles):
    return portal.static_pages(FAMILY, articles)


def asset_links():
    return portal.asset_links(FAMILY)
