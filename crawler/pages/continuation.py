"""Articles split over several pages (``123.html`` → ``123_2.html``, 下一页, 共2页).

DedeCMS, PHPCMS and many home-grown CMSes paginate one article as ``stem_N.ext``; the pager
sits under the body. Only links whose file name continues *this* article's stem count, so a
list pager or a 下一篇 link to the next article is never mistaken for page 2.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml import etree

from branchnews.crawler.pages.lines import parse_html
from w3lib.url import safe_url_string

_PAGE_FILE = re.compile(r"^(?P<stem>.+?)(?:_(?P<n>\d+))?(?P<ext>\.[a-z]{2,6})$", re.I)


def page_number(url: str) -> tuple[str, int] | None:
    """(``dir/stem`` + ext key, page number) of an article page URL, or None."""
    parts = urlsplit(url)
    directory, _, name = parts.path.rpartition("/")
    m = _PAGE_FILE.match(name)
    if not m:
        return None
    return f"{parts.netloc}{directory}/{m['stem']}{m['ext'].lower()}", int(m["n"] or 1)


def next_page_url(root: etree._Element, url: str) -> str | None:
    """URL of the next page of the same article, if the page links to one."""
    here = page_number(url)
    if here is None:
        return None
    key, n = here
    candidates: dict[int, str] = {}
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#")):
            continue
        target = safe_url_string(urljoin(url, href))
        there = page_number(target)
        if there and there[0] == key and there[1] > n:
            candidates.setdefault(there[1], target)
    return candidates.get(n + 1)


def continuation_url(body: bytes, url: str, text: str, pages_so_far: int) -> str | None:
    """The next page of the article whose ``pages_so_far``-th page is ``body``; cheap when there
    is none: the page is parsed only when its bytes mention ``<stem>_<n+1>``."""
    here = page_number(url)
    if here is None:
        return None
    stem = here[0].rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if f"{stem}_{pages_so_far + 1}".encode() not in body:
        return None
    try:
        root = parse_html(text)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None  # junk: treat as a single page
    return next_page_url(root, url) if root is not None else None
