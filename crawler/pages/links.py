"""Which links on a list page lead to articles and which to more list pages.

Pure: (bytes, URL, headers, profile patterns) in, two URL lists out: what a crawl with a
profile's ``[links]`` patterns follows (a crawl without them reads the page's structure instead,
:mod:`~branchnews.crawler.pages.listing`). Beyond ``<a href>`` it
reads the two pagers that a plain link extractor never sees: TRS's script-only
``createPageHTML(count, current, "index", "html")`` (0-based: page 2 is ``index_1.html``) and
list records that Hanweb hides as CDATA inside ``<script type="text/xml">``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

from branchnews.crawler.pages.anchors import ROW_DATE, absolute, on_site, parse
from branchnews.crawler.pages.decode import decode_html
from branchnews.crawler.pages.pagination import script_pagers

# Article URL shapes of the common Chinese CMSes, used when a profile names none.
DEFAULT_ARTICLE_PATTERNS = tuple(re.compile(p) for p in (
    r"/t(?:19|20)\d{6}_\d+\.s?html?$",                 # TRS WCM t20171120_5830.html
    r"/art/(?:19|20)\d\d/\d{1,2}/\d{1,2}/art_\d+_\d+\.html$",  # Hanweb
    r"/(?:19|20)\d\d/?\d{2}/?\d{2}/[\w-]+\.s?html?$",  # date paths /2017/0914/123.html, /2017/09/14/x.html
    r"/c/(?:19|20)\d\d-\d\d-\d\d/\d+\.s?html?$",       # 人民政协网
    r"/n1/(?:19|20)\d\d/\d{4}/c\d+-\d+\.html$",        # 人民网 family
    r"[?&](?:aid|id|articleid|newsid|contentid)=\d+",   # dynamic view pages
    r"/(?:show|view|detail|content|article|info)[/_-]?\d*[/_-]?\d+\.s?html?$",
    r"/system/(?:19|20)\d\d/\d\d/\d\d/\d+\.s?html$",
))
DEFAULT_LIST_PATTERNS = tuple(re.compile(p) for p in (
    r"/(?:index|list|more)(?:_\d+)*\.s?html?(?:\?.*)?$",
    r"/list_\d+_\d+\.html$",
    r"[?&](?:page|pageNum|pageNo|p|currPage)=\d+",
    r"/$",
))
_ROW_TAGS = ("li", "tr", "dd", "dt", "p", "div", "td")


@dataclass(frozen=True, slots=True)
class ListLinks:
    articles: list[str]
    lists: list[str]
    dates: dict[str, str] = field(default_factory=dict)  # article URL → date shown beside it
    others: list[str] = field(default_factory=list)  # on-site links of neither kind, not denied


def _row_date(a: etree._Element) -> str | None:
    """The date a list row shows beside its link (``<li><a>…</a><span>09-14</span></li>``,
    ``<tr><td><a>…</a></td><td>[2017-9-14]</td></tr>``): the nearest row holding one."""
    own = "".join(a.itertext())
    row, levels = a.getparent(), 0
    while row is not None and levels < 4:
        if row.tag in _ROW_TAGS:
            if sum(1 for _ in row.iter("a")) > 3:
                return None
            m = ROW_DATE.search("".join(row.itertext()).replace(own, " ", 1))
            if m:
                return m.group(0).strip()
        row, levels = row.getparent(), levels + 1
    return None


def _hrefs(root: etree._Element, text: str, url: str) -> list[tuple[str, str | None]]:
    """(href, row date) of every link, Hanweb's CDATA records included, then the pages that
    script pagers write (all of them: a profile crawl fetches them side by side)."""
    hrefs = [(a.get("href"), _row_date(a)) for a in root.iter("a") if a.get("href")]
    for pager in script_pagers(text, url):
        hrefs += [(href, None) for href in pager.hrefs]
    return hrefs


def list_links(body: bytes, url: str, headers: Mapping[str, object] | None, *,
               allowed_domains=(), article_patterns=(), list_patterns=(),
               deny_patterns=()) -> ListLinks:
    """Article and list-page URLs linked from a list (or home) page, in page order, no repeats."""
    text = decode_html(body, headers).text
    root = parse(text, comments=False)
    if root is None:
        return ListLinks([], [])
    articles: dict[str, None] = {}
    lists: dict[str, None] = {}
    dates: dict[str, str] = {}
    others: dict[str, None] = {}
    for href, row_date in _hrefs(root, text, url):
        target = absolute(url, href)
        if target is None or (allowed_domains and not on_site(target, url, allowed_domains)):
            continue
        kind = link_kind(target, article_patterns=article_patterns, list_patterns=list_patterns,
                         deny_patterns=deny_patterns)
        if kind == "article":
            articles[target] = None
            if row_date and target not in dates:
                dates[target] = row_date
        elif kind == "list" and target != url:
            lists[target] = None
        elif kind is None and target != url and not any(p.search(target) for p in deny_patterns):
            others[target] = None
    return ListLinks(list(articles), list(lists), dates, list(others))


def link_kind(url: str, *, article_patterns=(), list_patterns=(), deny_patterns=()) -> str | None:
    """``"article"``, ``"list"`` or None (not followed) for a link's absolute URL. A profile
    without patterns of a kind gets the common CMS ones; denied URLs are never followed."""
    if any(p.search(url) for p in deny_patterns):
        return None
    if any(p.search(url) for p in article_patterns or DEFAULT_ARTICLE_PATTERNS):
        return "article"
    if any(p.search(url) for p in list_patterns or DEFAULT_LIST_PATTERNS):
        return "list"
    return None
