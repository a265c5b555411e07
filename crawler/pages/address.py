"""A saved page's own address, from what the page says of itself.

``branchnews extract page.html`` has bytes but no URL. A browser's "save as" and most crawler
dumps keep ``<base href>``, the canonical link or the Open Graph ``og:url``; with one of those
the record gets the article's real URL and id, and its relative images and attachments resolve
to real addresses instead of ``file://`` paths on the user's disk.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from lxml import etree, html

from branchnews.crawler.pages.decode import decode_html

# In order of trust: the canonical link names the article; og:url is meant for sharing it;
# <base href> often names only the site or a folder.
_ADDRESS_XPATHS = (
    etree.XPath('//link[contains(concat(" ", normalize-space(translate(@rel, "CANOICL", '
                '"canoicl")), " "), " canonical ")]/@href'),
    etree.XPath('//meta[@property="og:url" or @name="og:url"]/@content'),
    etree.XPath("//base/@href"),
)


def is_web_url(value: str) -> bool:
    """An absolute http(s) URL with a host: the only kind a record's address can be."""
    parts = urlsplit(value.strip())
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def page_address(body: bytes, headers: Mapping[str, object] | None = None) -> str | None:
    """The absolute http(s) address the page gives for itself, or None."""
    text = decode_html(body, headers).text
    if not text.strip():
        return None
    try:
        root = html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None
    for xpath in _ADDRESS_XPATHS:
        for value in xpath(root):
            if is_web_url(str(value)):
                return str(value).strip()
    return None
