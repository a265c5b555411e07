"""Articles split over several pages (``123.html`` → ``123_2.html``, 下一页, 共2页).

CMSes paginate one article in three ways: DedeCMS and PHPCMS name page N ``stem_N.ext``
(``6134.html``, ``6134_2.html``; 人民网's CMS ``c415686-40557146-2.html``); TRS and the folder-per-article systems count from 0, so the
second page is ``stem_1.ext`` (``t20240305_5830.html`` → ``t20240305_5830_1.html``,
``index.shtml`` → ``index_1.shtml``); dynamic pages add a page parameter (``show.php?id=1045``
→ ``show.php?id=1045&page=2``). Only a link of the pager counts, by its words (a number, 下一页,
第2页, ›), whose address continues *this* article's, so a list pager or a 下一篇 link to the next
article is never mistaken for page 2.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from lxml import etree

from branchnews.crawler.pages.lines import clean_space, parse_html, text_of
from w3lib.url import safe_url_string

_PAGE_FILE = re.compile(r"^(?P<stem>.+?)(?:[_-](?P<n>\d{1,2}))?(?P<ext>\.[a-z]{2,6})$", re.I)
_PAGE_PARAMS = "page|pageno|pagenum|pn|p|curpage|currentpage|cp"  # a dynamic page's page number
_PAGE_PARAM = re.compile(rf"^(?:{_PAGE_PARAMS})$", re.I)
_PAGE_QUERY = re.compile(rf"[?&;](?:{_PAGE_PARAMS})=\d".encode(), re.I)  # (in a page's bytes)
# What a pager's link of the same article reads (an empty one is a picture's arrow).
_PAGER_WORDS = re.compile(r"^(?:\d{1,2}|第\s*\d{1,2}\s*页|下一?页|下一页\s*[>»›]*|后一?页|[>»›]+|next\s*[>»›]*|"
                          r"尾页|末页|)$", re.I)


def _place(url: str) -> tuple[str, int | None] | None:
    """(key, the page number the address gives, or None when it gives none)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    paged = [(k, v) for k, v in query if _PAGE_PARAM.match(k) and v.isdigit()]
    if paged:
        rest = urlencode(sorted((k, v) for k, v in query if not _PAGE_PARAM.match(k)))
        return f"{parts.netloc}{parts.path}?{rest}", int(paged[0][1])
    directory, _, name = parts.path.rpartition("/")
    m = _PAGE_FILE.match(name)
    if not m:
        return None
    rest = f"?{urlencode(sorted(query))}" if query else ""
    return f"{parts.netloc}{directory}/{m['stem']}{m['ext'].lower()}{rest}", int(m["n"]) if m["n"] else None


def next_page_url(root: etree._Element, url: str) -> str | None:
    """URL of the next page of the same article, if the page's pager links to one: page N+1 from
    page N; from a first page named without a number, its ``_1`` (counting from 0) or else its
    ``_2``."""
    here = _place(url)
    if here is None:
        return None
    key, n = here
    candidates: dict[int, str] = {}
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#")) or not _PAGER_WORDS.match(clean_space(text_of(a))):
            continue
        target = safe_url_string(urljoin(url, href))
        there = _place(target)
        if there is not None and there[0] == key and there[1] is not None:
            candidates.setdefault(there[1], target)
    if n is not None:
        return candidates.get(n + 1)
    return candidates.get(1) or candidates.get(2)


def continuation_url(body: bytes, url: str, text: str) -> str | None:
    """The next page of the article one of whose pages is ``body`` (at ``url``, decoded as
    ``text``); cheap when there is none: the page is parsed only when its bytes name this page's
    file stem numbered or a page parameter."""
    parts = urlsplit(url)
    name = parts.path.rpartition("/")[2].rpartition(".")[0]
    stem = re.sub(r"[_-]\d{1,2}$", "", name)
    numbered = stem and (f"{stem}_".encode() in body or f"{stem}-".encode() in body)
    if not (numbered or (parts.query and _PAGE_QUERY.search(body))):
        return None
    try:
        root = parse_html(text)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None  # junk: treat as a single page
    return next_page_url(root, url) if root is not None else None
