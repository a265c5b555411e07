"""Which links on a list page lead to articles and which to more list pages.

Pure: (bytes, URL, headers, profile patterns) in, two URL lists out. Beyond ``<a href>`` it
reads the two pagers that a plain link extractor never sees: TRS's script-only
``createPageHTML(count, current, "index", "html")`` (0-based: page 2 is ``index_1.html``) and
list records that Hanweb hides as CDATA inside ``<script type="text/xml">``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree, html
from w3lib.url import safe_url_string

from branchnews.crawler.pages.decode import decode_html

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
_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "#", "data:")
_TRS_PAGER = re.compile(r"createPageHTML\(\s*(\w+)\s*,\s*(\w+)\s*,\s*[\"'](\w+)[\"']\s*,\s*[\"'](\w+)[\"']")
_CDATA_HREF = re.compile(r"href\s*=\s*[\"']([^\"']+)[\"']", re.I)
_XML_RECORD = re.compile(r"<record>(.*?)</record>", re.S | re.I)
# Hanweb's script pager: jpage({uid: '4567', perPage: 15, totalRecord: 38, …}) → ?uid=…&pageNum=N
_HANWEB_PAGER = re.compile(r"uid\W{1,4}(?P<uid>\d+).{0,80}?perPage\W{1,4}(?P<per>\d+).{0,80}?"
                           r"totalRecord\W{1,4}(?P<total>\d+)", re.S)
MAX_SCRIPT_PAGES = 10_000


_ROW_TAGS = ("li", "tr", "dd", "dt", "p", "div", "td")
_ROW_DATE = re.compile(r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?"
                       r"|(?<!\d)\d{1,2}\s*[-/.月]\s*\d{1,2}日?(?!\d)")


@dataclass(frozen=True, slots=True)
class ListLinks:
    articles: list[str]
    lists: list[str]
    dates: dict[str, str] = field(default_factory=dict)  # article URL → date shown beside it


def _row_date(a: etree._Element) -> str | None:
    """The date a list row shows beside its link (``<li><a>…</a><span>09-14</span></li>``,
    ``<tr><td><a>…</a></td><td>[2017-9-14]</td></tr>``): the nearest row holding one."""
    own = "".join(a.itertext())
    row, levels = a.getparent(), 0
    while row is not None and levels < 4:
        if row.tag in _ROW_TAGS:
            if sum(1 for _ in row.iter("a")) > 3:
                return None
            m = _ROW_DATE.search("".join(row.itertext()).replace(own, " ", 1))
            if m:
                return m.group(0).strip()
        row, levels = row.getparent(), levels + 1
    return None


def _anchors(root: etree._Element, text: str) -> list[tuple[str, str | None]]:
    """(href, row date) of every link, including Hanweb's CDATA list records."""
    found = [(a.get("href"), _row_date(a)) for a in root.iter("a") if a.get("href")]
    for script in re.findall(r"<script[^>]*text/xml[^>]*>(.*?)</script>", text, re.S | re.I):
        for record in _XML_RECORD.findall(script):  # <nextgroup> is the POST data proxy: not a page
            fragment = record.replace("<![CDATA[", "").replace("]]>", "")
            try:
                found += _anchors(html.fragment_fromstring(fragment, create_parent="div"), "")
            except (etree.ParserError, ValueError):
                found += [(h, None) for h in _CDATA_HREF.findall(record)]
    return found


def _hrefs(root: etree._Element, text: str) -> list[tuple[str, str | None]]:
    hrefs = _anchors(root, text)
    for count, _current, stem, ext in _TRS_PAGER.findall(text):
        if not count.isdigit():  # createPageHTML(countPage, …) after "var countPage = 3;"
            m = re.search(r"\b" + re.escape(count) + r"\s*=\s*(\d+)", text)
            count = m.group(1) if m else "1"
        hrefs += [(f"{stem}_{n}.{ext}", None) for n in range(1, min(int(count), MAX_SCRIPT_PAGES))]
    for m in _HANWEB_PAGER.finditer(text):
        pages = -(-int(m["total"]) // max(int(m["per"]), 1))
        hrefs += [(f"?uid={m['uid']}&pageNum={n}", None)
                  for n in range(2, min(pages, MAX_SCRIPT_PAGES) + 1)]
    return hrefs


def list_links(body: bytes, url: str, headers: Mapping[str, object] | None, *,
               allowed_domains=(), article_patterns=(), list_patterns=(),
               deny_patterns=()) -> ListLinks:
    """Article and list-page URLs linked from a list (or home) page, in page order, no repeats."""
    text = decode_html(body, headers).text
    try:
        root = html.document_fromstring(text) if text.strip() else None
    except Exception:  # lxml raises several types on junk; a junk list page just has no links
        root = None
    if root is None:
        return ListLinks([], [])
    articles: dict[str, None] = {}
    lists: dict[str, None] = {}
    dates: dict[str, str] = {}
    for href, row_date in _hrefs(root, text):
        href = href.strip()
        if not href or href.lower().startswith(_SKIP_SCHEMES):
            continue
        target = safe_url_string(urljoin(url, href)).split("#", 1)[0]
        host = urlsplit(target).hostname or ""
        if allowed_domains and not any(host == d or host.endswith("." + d) for d in allowed_domains):
            continue
        kind = link_kind(target, article_patterns=article_patterns, list_patterns=list_patterns,
                         deny_patterns=deny_patterns)
        if kind == "article":
            articles[target] = None
            if row_date and target not in dates:
                dates[target] = row_date
        elif kind == "list" and target != url:
            lists[target] = None
    return ListLinks(list(articles), list(lists), dates)


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
