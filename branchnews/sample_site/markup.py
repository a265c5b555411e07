"""Markup the templates share: list rows, body paragraphs, images, page heads, prev/next links.

Each is written once here so that two templates showing the same thing (an XHTML head, a
上一篇/下一篇 pair, a list row's data) cannot drift apart; the differences between CMS families
stay in ``templates/``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urljoin

from . import BASE_URL
from .text import Style, TruthError, attr, esc
from .truth import Article, Img

__all__ = [
    "GBK_CONTENT_TYPE", "ListItem", "Page", "chunk", "img_html", "list_items", "neighbour_links", "neighbours_in",
    "paragraph_html", "site_path",
    "xhtml_head",
]

# Content-Type of a GBK page: no charset, so the <meta> decides (w3lib maps gbk → gb18030).
GBK_CONTENT_TYPE = "text/html"


@dataclass(frozen=True)
class ListItem:
    title: str
    href: str
    date: str  # ISO date
    article: Article | None  # None for the non-article links (off-site, attachment)


def chunk(items: Sequence[ListItem], pages: int) -> list[list[ListItem]]:
    per_page = -(-len(items) // pages)
    out = [list(items[i : i + per_page]) for i in range(0, len(items), per_page)]
    if len(out) != pages:
        raise TruthError(f"{len(items)} items do not fill {pages} pages")
    return out


def list_items(articles: Iterable[Article], extras: Iterable[tuple[str, str, str]]) -> list[ListItem]:
    """Newest first, as CMS lists are; ties keep the truth's order."""
    items = [ListItem(a.title, a.path, (a.published or "")[:10], a) for a in articles]
    items += [ListItem(title, href, date, None) for title, href, date in extras]
    return sorted(items, key=lambda it: it.date, reverse=True)


def paragraph_html(text: str, indent: int) -> str:
    """One body paragraph; ``indent`` picks one of the indentation styles real editors leave."""
    if indent == 0:
        return f'<p style="text-indent:2em">{esc(text)}</p>'
    if indent == 1:
        return f"<p>&emsp;&emsp;{esc(text)}</p>"
    if indent == 2:
        return f"<p>\u3000\u3000{esc(text)}</p>"
    return f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{esc(text)}</p>"


def img_html(img: Img, style: Style) -> str:
    alt = "" if img.alt is None else f' alt="{attr(style.text(img.alt))}"'
    return f'<p style="text-align:center"><img src="{attr(img.src)}"{alt} border="0" /></p>'



def xhtml_head(charset: str) -> str:
    """The XHTML 1.0 Transitional opening most of the CMS families share, up to the charset meta."""
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}" />\n'
    )


def neighbour_links(neighbours: tuple[Article | None, Article | None]) -> tuple[str, str]:
    """The 上一篇 / 下一篇 targets: a link to the (older, newer) article, or 没有了 at either end."""
    return tuple(  # type: ignore[return-value]
        f'<a href="{attr(a.path)}">{esc(a.title)}</a>' if a else "没有了" for a in neighbours
    )


def neighbours_in(articles: Sequence[Article], article: Article) -> tuple[Article | None, Article | None]:
    """(older, newer) of ``article`` among ``articles`` ordered by publishing date."""
    ordered = sorted(articles, key=lambda a: a.published or "")
    pos = ordered.index(article)
    return (ordered[pos - 1] if pos > 0 else None, ordered[pos + 1] if pos + 1 < len(ordered) else None)


class Page(NamedTuple):
    """One page of the static site: GBK bytes served with ``content_type`` when one is given
    (every non-UTF-8 file is listed in ``_headers.json``), else UTF-8 with the default header."""

    path: str  # URL path (and query) from the site root
    html: str
    content_type: str | None = None


def site_path(page_path: str, href: str) -> str:
    """Site path of a link on a page (for generating the file it points to)."""
    joined = urljoin(BASE_URL + page_path, href)
    if not joined.startswith(BASE_URL + "/"):
        raise TruthError(f"{href} on {page_path} leaves the site")
    return joined[len(BASE_URL) :]
