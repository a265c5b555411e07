"""Every link a list page offers, including those a plain ``<a href>`` scan never sees.

Sites hide their lists and pagers in four ways besides plain links: Hanweb puts list records as
CDATA inside ``<script type="text/xml">``; some platforms leave the server-rendered list inside
an HTML comment while a script fills the live one; jump menus are ``<select>`` options; rows
open their article from an ``onclick`` handler. :func:`link_tree` grafts the first two back
into the tree where they stood (so their rows sit beside their siblings), and :func:`anchors`
reads all four as :class:`Anchor` values in page order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from lxml import etree, html
from w3lib.url import safe_url_string

from branchnews.crawler.pages.lines import clean_space, text_of

SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "#", "data:", "about:", "file:")
GRAFT = "data-branchnews-graft"  # marks elements rebuilt from a comment or a CDATA record
_XML_RECORD = re.compile(r"<record>(.*?)</record>", re.S | re.I)
_CDATA_HREF = re.compile(r"href\s*=\s*[\"']([^\"']+)[\"']", re.I)
# onclick="window.open('…')", "location.href='…'", "location='…'", "location.assign('…')"
_ONCLICK_URL = re.compile(r"(?:window\.open|location(?:\.href)?\s*=|location\.assign|"
                          r"location\.replace)\s*\(?\s*[\"']([^\"']+)[\"']")
# A site's own handler given the page's path (``onclick="goPage(this,'/xw/index2.html')"``,
# ``turnPage('list_3.shtml')``): a quoted argument shaped as a web page's path.
_ONCLICK_PATH = re.compile(r"[\"']((?:https?://[^\"'\s]+?|[\w./%-]*)/?[\w%-]+\.(?:s?html?|jsp|aspx?|php)"
                           r"(?:\?[^\"'\s]*)?)[\"']", re.I)


def onclick_url(handler: str) -> str | None:
    """The address an ``onclick`` handler opens: a location or window.open call's, else a
    page path handed to the site's own function."""
    m = _ONCLICK_URL.search(handler) or _ONCLICK_PATH.search(handler)
    return m.group(1) if m else None
# A date as list rows show it: 2017-09-14, 2017年9月14日, [09-14], 9月14日.
ROW_DATE = re.compile(r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?"
                      r"|(?<!\d)\d{1,2}\s*[-/.月]\s*\d{1,2}日?(?!\d)")


@dataclass(frozen=True, slots=True)
class Anchor:
    """One link: the element that carries it, its absolute URL, and the text a reader sees."""

    el: etree._Element
    url: str
    text: str
    kind: str = "a"  # "a", "onclick" or "option"


def parse(text: str, *, comments: bool = True) -> etree._Element | None:
    """The page's tree with hidden lists grafted back (``comments``: also lists left in
    HTML comments), or None when nothing parses."""
    if not text.strip():
        return None
    try:
        root = html.document_fromstring(text)
    except (etree.ParserError, ValueError):  # lxml's answers to junk: no links
        return None
    _graft_records(root)
    if comments:
        _graft_comments(root)
    return root


def _fragment(markup: str) -> etree._Element | None:
    try:
        holder = html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return None
    holder.set(GRAFT, "1")
    return holder


def _replace(old: etree._Element, new: etree._Element) -> None:
    new.tail = old.tail
    old.getparent().replace(old, new)


def _graft_records(root: etree._Element) -> None:
    """Hanweb's ``<script type="text/xml">`` records become rows of one ``div``; the
    ``<nextgroup>`` is its POST data proxy, not a page, and is left out."""
    for script in list(root.iter("script")):
        if "xml" not in (script.get("type") or "").lower() or not script.text:
            continue
        records = _XML_RECORD.findall(script.text)
        if not records:
            continue
        holder = etree.Element("div", {GRAFT: "1"})
        for record in records:
            markup = record.replace("<![CDATA[", "").replace("]]>", "")
            row = _fragment(markup)
            if row is None:  # unparseable record: keep its hrefs as bare links
                row = etree.Element("div", {GRAFT: "1"})
                for href in _CDATA_HREF.findall(record):
                    etree.SubElement(row, "a", href=href)
            holder.append(row)
        _replace(script, holder)


def _graft_comments(root: etree._Element) -> None:
    """A comment holding links is parsed and put where it was: when it is the page's own
    list (rendered by the server, then replaced by a script), the listing finder sees it;
    when it is an old menu, it loses there like any other menu."""
    for comment in list(root.iter(etree.Comment)):
        markup = comment.text or ""
        if "href" not in markup or "<a" not in markup.lower() or comment.getparent() is None:
            continue
        holder = _fragment(markup)
        if holder is not None:
            _replace(comment, holder)


def absolute(base: str, href: str | None) -> str | None:
    """``href`` resolved against ``base``, safe-quoted, without its fragment; None for links
    that lead to no page (``javascript:``, ``mailto:``, a bare ``#``)."""
    href = (href or "").strip()
    if not href or href.lower().startswith(SKIP_SCHEMES):
        return None
    return _web_address(urljoin(base, href))


@lru_cache(maxsize=16384)
def _web_address(joined: str) -> str | None:
    """A resolved link safe-quoted, without its fragment, or None when it is not http(s).
    Remembered: a site's menus and columns link the same addresses from each of its list
    pages (six in seven links of a crawl of the sample site), and w3lib's quoting is the
    dearest step of reading a link."""
    url = safe_url_string(joined).split("#", 1)[0]
    return url if url.startswith(("http://", "https://")) else None


def anchor_text(el: etree._Element) -> str:
    """What a reader takes for the link's text: the visible text, or a longer ``title``
    (titles cut to ``…`` keep the whole one there)."""
    text = clean_space(text_of(el))
    title = clean_space(el.get("title") or "")
    return title if len(title) > len(text.rstrip(".…")) else text


def anchors(root: etree._Element, base: str) -> list[Anchor]:
    """Every link of the page in document order: ``<a href>``, ``onclick`` handlers that open
    a URL, ``<option value>`` URLs of jump menus."""
    found: list[Anchor] = []
    for el in root.iter(etree.Element):
        tag = el.tag
        if tag == "a" and (url := absolute(base, el.get("href"))):
            found.append(Anchor(el, url, anchor_text(el)))
            continue
        onclick = el.get("onclick")
        if onclick and (target := onclick_url(onclick)) and (url := absolute(base, target)):
            found.append(Anchor(el, url, anchor_text(el), "onclick"))
        elif tag == "option" and _looks_like_url(el.get("value")):
            if url := absolute(base, el.get("value")):
                found.append(Anchor(el, url, anchor_text(el), "option"))
    return found


def _looks_like_url(value: str | None) -> bool:
    value = (value or "").strip()
    return bool(value) and ("/" in value or "." in value) and " " not in value


def site_of(host: str) -> str:
    """The part of a host name that stays across a site's subdomains: ``www.`` dropped."""
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


def on_site(url: str, page_url: str, allowed_domains=()) -> bool:
    """``url`` is on the site: one of ``allowed_domains`` (or a subdomain), else the page's
    own host with or without ``www.``."""
    host = (urlsplit(url).hostname or "").lower()
    if allowed_domains:
        return any(host == d or host.endswith("." + d) for d in allowed_domains)
    own = site_of(urlsplit(page_url).hostname or "")
    return site_of(host) == own or host.endswith("." + own)


def row_date(row: etree._Element, title: str = "") -> str | None:
    """The date a list row shows beside its title (or, failing that, inside it)."""
    text = clean_space(text_of(row))
    rest = text.replace(title, " ", 1) if title else text
    m = ROW_DATE.search(rest) or (ROW_DATE.search(title) if title else None)
    return m.group(0).strip() if m else None
