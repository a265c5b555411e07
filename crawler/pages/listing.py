"""What a page is and where it leads: its role, its main listing, its pager, its other links.

Pure: (bytes, URL, headers) in, :class:`PageLinks` out; the profile-less crawl and
``branchnews links`` both call :func:`page_links`.

The main listing is the block of repeated, same-shaped link rows the page exists to show:
siblings of one tag under one parent, each with one title link (often a date beside it).
Candidates are every such sibling run on the page; each is scored by its rows' titles (menus
have short link texts, list rows long ones), dates, and how link-heavy each row is (a row of
six links is a menu bar, not a list row); runs inside navigation, footers, breadcrumbs and
sidebars (by class/id, or by a heading such as 热点, 推荐, 排行, 友情链接 just above them) are
weighed down. Runs of the same shape beside the winner (one list split over several ``<ul>``)
join it. URL shape does not decide anything here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

from branchnews.crawler.pages.anchors import Anchor, anchors, on_site, parse, row_date
from branchnews.crawler.pages.body import ATTACHMENT_EXT
from branchnews.crawler.pages.decode import decode_html
from branchnews.crawler.pages.lines import clean_space, text_of
from branchnews.crawler.pages.pagination import next_pages
from branchnews.crawler.pages.roles import page_role
from branchnews.pipelines.normalize.charsets import HAN

MAX_UP = 6  # levels from a link to the row that holds it
MAX_ROW_LINKS = 4  # more links in one "row" make it a block of links, not a list row
MIN_TITLE = 5  # characters of a title; menu entries are shorter
_CARD_TITLE = 15  # what a picture card's caption of a name weighs
MIN_ROWS = 2
MAX_ROW_EXTRA = 40  # characters of a lone row besides its title: a date, a column name
MAX_ROW_SUMMARY = 200  # … or, over the pager of a list's last page, its intro line too

_HAN = re.compile(f"[{HAN}]")
# Class or id words of page chrome around a run of links.
_CHROME = re.compile(r"nav|menu|foot|header|crumb|position|location|weizhi|dqwz|side|friend|"
                     r"yqlj|links?\b|link[-_]|hot|rank|tuijian|recommend|share|copyright|"
                     r"banner|toolbar|topbar|top[-_]|sitemap|column[-_]?tree|lanmu|subnav", re.I)
# Headings of sidebars and link boxes that are not the page's list.
_SIDE_HEADING = re.compile(r"热点|热门|推荐|排行|点击排|友情链接|相关(?:链接|新闻|文章|图片|视频|公文)|"
                           r"猜你|可能感兴趣|栏目分类|网站导航|精彩专题|图片新闻|视频新闻|最新更新")
# Pictures and media a row may link to; with attachments, not pages to read or explore.
_MEDIA = re.compile(r"\.(?:jpe?g|png|gif|bmp|webp|mp4|mp3|flv|swf|exe|apk)(?:$|[?#])", re.I)
_BACK_OR_PAGER = re.compile(r"^(?:上一?[页篇条]|下一?[页篇条]|首页|尾页|末页|返回|更多|more)", re.I)


@dataclass(frozen=True, slots=True)
class PageLinks:
    url: str
    role: str  # "list" | "article" | "other" (hub, navigation, search, login, error)
    articles: list[str]  # the main listing's links, in page order, absolute, no repeats
    next_pages: list[str]  # forward pagination targets, in pager order (stops at the last page)
    titles: dict[str, str] = field(default_factory=dict)  # article URL -> the row's title
    dates: dict[str, str] = field(default_factory=dict)  # article URL -> the row's date as shown
    links: list[str] = field(default_factory=list)  # every other same-site link, in page order
    files: list[str] = field(default_factory=list)  # listing rows that link a document (PDF…)

    def as_json(self) -> dict:
        return {"url": self.url, "role": self.role, "articles": self.articles,
                "next_pages": self.next_pages, "titles": self.titles, "dates": self.dates,
                "links": self.links, "files": self.files}


@dataclass(slots=True)
class Row:
    el: etree._Element
    links: list[Anchor]

    @property
    def main(self) -> Anchor:
        return max(self.links, key=lambda a: (_size(a.text), -self.links.index(a)))


@dataclass(slots=True)
class Listing:
    """The main listing: its rows in page order, and the elements that hold them."""

    rows: list[Row]
    holders: list[etree._Element]
    score: float

    @property
    def title_chars(self) -> int:
        return sum(_size(r.main.text) for r in self.rows)


def _size(text: str) -> int:
    """Title length as a reader weighs it: a Han character counts 1, a Latin word about 1."""
    han = len(_HAN.findall(text))
    return han + len(re.findall(r"[A-Za-z0-9]+", text))


def _names(el: etree._Element) -> str:
    return f'{el.get("class", "")} {el.get("id", "")}'


def _chrome_factor(holder: etree._Element, own: frozenset[str] = frozenset()) -> float:
    """How likely the run is page chrome: by class/id of the holder and its ancestors, and
    by the heading of the box it sits in, unless that heading names the page's own column
    (``own``: the parts of its <title>; a column called 图片新闻 lists its pictures' news)."""
    factor = 1.0
    el, levels = holder, 0
    while el is not None and levels < 6 and el.tag not in ("body", "html"):
        if _CHROME.search(_names(el)) or el.tag in ("nav", "footer", "header", "aside"):
            factor = min(factor, 0.3)
        heading = _box_heading(el)
        if heading and heading not in own and _SIDE_HEADING.search(heading):
            factor = min(factor, 0.25)
        el, levels = el.getparent(), levels + 1
    return factor


def _box_heading(el: etree._Element) -> str:
    """The short text just before ``el`` among its siblings (a box title), if any; a bar of
    links there (a short menu: 首页 本栏目 热点) is no box title."""
    prev = el.getprevious()
    while prev is not None and not isinstance(prev.tag, str):
        prev = prev.getprevious()
    if prev is None or len(prev.xpath(".//a[@href]")) > 1 or (prev.tag == "a" and prev.get("href")):
        return ""
    text = clean_space(text_of(prev))
    return text if len(text) <= 20 else ""


def _shape(el: etree._Element) -> str:
    """What makes two rows the same shape: the tag, and the first class without digits that
    names a kind, not a row's state or place in the list (``tr.odd`` and ``tr.even``,
    ``li.first``, ``li.top`` of a sticky row, ``li.new`` are rows of one list)."""
    classes = [re.sub(r"\d+", "", c) for c in (el.get("class") or "").split()]
    return el.tag + "." + next((c for c in classes if c.lower() not in _ROW_STATES), "")


_ROW_STATES = frozenset("""odd even alt first last top zd zhiding sticky new on active cur current
    selected hover line bg gray grey hui bai white dark light clearfix clear fl fr""".split())


def _runs(found: list[Anchor]) -> dict[tuple[int, str], tuple[etree._Element, dict]]:
    """Every run of same-shaped siblings holding links: (parent, shape) → rows."""
    runs: dict[tuple[int, str], tuple[etree._Element, dict]] = {}
    for anchor in found:
        node = anchor.el
        for _ in range(MAX_UP):
            parent = node.getparent()
            if parent is None or parent.tag in ("html",):
                break
            key = (id(parent), _shape(node))
            holder, rows = runs.setdefault(key, (parent, {}))
            rows.setdefault(node, []).append(anchor)
            node = parent
    return runs


def _title_size(row: Row) -> int:
    """How long the row's title reads: a picture card captioned with a name (委员风采: a member's
    photo and 王某某, both linking the profile) weighs as a headline of a list row does."""
    main = row.main
    size = _size(main.text)
    if 2 <= size < MIN_TITLE and (href := main.el.get("href")) and any(
            a.get("href") == href and a.find(".//img") is not None for a in row.el.iter("a")):
        return _CARD_TITLE
    return size


def _is_row(row: Row) -> bool:
    """A list row, not a block of links: at most four links, or a title that outweighs the rest
    (a post's title over its category, tag and 继续阅读 links)."""
    if len(row.links) <= MAX_ROW_LINKS:
        return True
    main = row.main
    others = [_size(a.text) for a in row.links if a.url != main.url]
    return not others or _size(main.text) >= max(MIN_TITLE * 2, 2 * max(others))


def _score(rows: list[Row]) -> float:
    score = 0.0
    for row in rows:
        if not _is_row(row):
            score -= 5
            continue
        title = row.main.text
        size = _title_size(row)
        if size < MIN_TITLE or _BACK_OR_PAGER.match(title):
            continue
        score += min(size, 40)
        if row_date(row.el, title):
            score += 12
    return score


def _last_row(rows: list[Row], holder: etree._Element, own: frozenset[str]) -> bool:
    """A run of one dated row outside page chrome: the last page of a list, a column of one
    article (a sidebar of three hot links must not win over it). A row is a title and a date,
    not a block of text holding one link (an article's body with its 上一篇 link)."""
    if len(rows) != 1 or len(rows[0].links) != 1:
        return False
    row = rows[0]
    extra = MAX_ROW_EXTRA if not _pager_after(holder) else MAX_ROW_SUMMARY
    if len(clean_space(text_of(row.el))) > len(row.main.text) + extra:
        return False
    return (_size(row.main.text) >= MIN_TITLE and row_date(row.el, row.main.text) is not None
            and _chrome_factor(holder, own) >= 1.0 and _chrome_factor(row.main.el, own) >= 1.0)


def main_listing(found: list[Anchor], own: frozenset[str] = frozenset()) -> Listing | None:
    """The best run of list rows on the page, with same-shaped runs beside it joined (``own``:
    the names the page gives its column, see :func:`_chrome_factor`)."""
    runs = _runs(found)
    best: Listing | None = None
    best_key = None
    for key, (holder, rows_of) in runs.items():
        rows = [Row(el, links) for el, links in rows_of.items()]
        good = [r for r in rows if _is_row(r) and _title_size(r) >= MIN_TITLE]
        if len(good) < MIN_ROWS and not _last_row(rows, holder, own):
            continue
        score = _score(rows) * _chrome_factor(holder, own) * (_PAGED if _pager_after(holder) else 1.0)
        if best is None or score > best.score:
            best, best_key = Listing(rows, [holder], score), key
    if best is None or best.score <= 0:
        return None
    _join_siblings(best, best_key, runs, own)
    best.rows = [r for r in _same_shape(best.rows) if _is_row(r)
                 and _title_size(r) >= MIN_TITLE and not _BACK_OR_PAGER.match(r.main.text)]
    return best


_PAGED = 3.0  # the list a pager follows is the page's list (a side box of more rows is not)
_PAGER_NAME = re.compile(r"(?:^|[\s_-])(?:page|pages|pager|paging|pagination|pagebar|pagelist|pagenav|"
                         r"page[-_]nav|fenye|fy|turnpage|page[-_]?box)(?:$|[\s_-])", re.I)
_PAGER_TEXT = re.compile(r"下一?页|上一?页|尾页|末页|共\s*\d+\s*页|createPageHTML|jpage|gotopage", re.I)


_PAGER_CHARS = 300  # a pager says what it is within its first characters


def _text_start(el: etree._Element, chars: int) -> str:
    """The first ``chars`` or so characters of ``el``'s text (a footer after the list is not read whole)."""
    parts, size = [], 0
    for text in el.itertext():
        parts.append(text)
        size += len(text)
        if size >= chars:
            break
    return " ".join(parts)


def _pager_after(holder: etree._Element) -> bool:
    """A pager right after the list (the holder's next element, or its box's): by its name or
    its words (下一页, 共5页, a TRS ``createPageHTML`` script)."""
    el = holder
    for _ in range(2):
        if el is None:
            return False
        sibling = el.getnext()
        while sibling is not None and not isinstance(sibling.tag, str):
            sibling = sibling.getnext()
        if sibling is not None and (_PAGER_NAME.search(_names(sibling)) or _PAGER_TEXT.search(
                _text_start(sibling, _PAGER_CHARS))):
            return True
        el = el.getparent()
    return False


def _path(row: etree._Element, el: etree._Element) -> tuple[str, ...]:
    tags = []
    while el is not None and el is not row:
        tags.append(el.tag)
        el = el.getparent()
    return tuple(tags)


def _same_shape(rows: list[Row]) -> list[Row]:
    """Rows keep the link at the place most rows have their title (``h3 > a``); a row with
    none there (an embedded 相关视频 block among search results) is not a list row."""
    if len(rows) < 3:
        return rows
    paths = Counter(_path(r.el, r.main.el) for r in rows)
    common, count = paths.most_common(1)[0]
    if count * 2 <= len(rows):
        return rows
    kept = []
    for row in rows:
        links = [a for a in row.links if _path(row.el, a.el) == common]
        if links:
            kept.append(Row(row.el, links))
    return kept


def _join_siblings(best: Listing, key, runs, own: frozenset[str]) -> None:
    """One list split over several containers (``<ul>`` per five rows): the holder's
    same-shaped siblings whose rows have the winner's shape join, in page order."""
    holder = best.holders[0]
    parent = holder.getparent()
    if parent is None:
        return
    shape = key[1]
    joined = []
    for sibling in parent:
        if not isinstance(sibling.tag, str) or _shape(sibling) != _shape(holder):
            continue
        if sibling is holder:
            joined.append((sibling, best.rows))
            continue
        run = runs.get((id(sibling), shape))
        if run is None:
            continue
        rows = [Row(el, links) for el, links in run[1].items()]
        if _score(rows) > 0 and _chrome_factor(sibling, own) >= 1.0:
            joined.append((sibling, rows))
    best.holders = [h for h, _ in joined]
    best.rows = [row for _, rows in joined for row in rows]


def is_file(url: str) -> bool:
    """A link to a document or a picture: a row of the listing, but no page to read or explore."""
    return ATTACHMENT_EXT.search(url) is not None or _MEDIA.search(url) is not None


def _title(text: str, date: str | None) -> str:
    """The row's title without the date some rows write inside their link (``[ 2021-05-19 ]``)."""
    if date and date in text and len(text) > len(date):
        text = text.replace(date, " ")
        text = re.sub(r"[\[【(（]\s*[\]】)）]", " ", text)
    return clean_space(text)


_TITLE_PART = re.compile(r"\s*(?:[-_|｜—–>»]+|\s-\s)\s*")


def _own_column(root: etree._Element) -> frozenset[str]:
    """The parts of the page's <title> (``图片新闻_某某统战网``): the names of its own column."""
    title = root.find(".//title")
    text = clean_space(text_of(title)) if title is not None else ""
    return frozenset(part for part in _TITLE_PART.split(text) if part)


def page_links(body: bytes, url: str, headers: Mapping[str, object] | None = None, *,
               allowed_domains=()) -> PageLinks:
    """The page's role, main listing (with titles and dates), forward pages and other links."""
    text = decode_html(body, headers).text
    root = parse(text)
    if root is None:
        return PageLinks(url, "other", [], [])
    found = anchors(root, url)
    listing = main_listing(found, _own_column(root))
    articles: dict[str, None] = {}
    files: dict[str, None] = {}
    titles: dict[str, str] = {}
    dates: dict[str, str] = {}
    in_listing: set[int] = set()
    if listing is not None:
        for row in listing.rows:
            main = row.main
            in_listing.update(id(a.el) for a in row.links if a.url == main.url)
            if allowed_domains and not on_site(main.url, url, allowed_domains):
                continue
            if main.url in articles or main.url in files or main.url == url:
                continue
            (files if is_file(main.url) else articles)[main.url] = None
            date = row_date(row.el, main.text)
            titles[main.url] = _title(main.text, date)
            if date:
                dates[main.url] = date
    pages = [p for p in next_pages(found, url, text) if p not in articles and not is_file(p)
             and on_site(p, url, allowed_domains)]
    role = page_role(root, listing, len(articles) + len(files), bool(pages))
    taken = set(articles) | set(files) | set(pages) | {url}
    others = dict.fromkeys(a.url for a in found if a.url not in taken and not is_file(a.url)
                           and on_site(a.url, url, allowed_domains))
    return PageLinks(url, role, list(articles), pages, titles, dates, list(others), list(files))
