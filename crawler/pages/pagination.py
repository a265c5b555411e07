"""The forward pages a list page's pager offers, in pager order, ending at the last page.

A pager is read from what a reader sees, not from URL shape alone: links whose text is a page
number (``2``, ``[3]``, ``第4页``), a forward word (下一页, 下页, 后页, ``>``, ``>>``, next) or a
last-page word (末页, 尾页, last), or an icon link whose class or title says so. The numbered
links fix the URL *template*: the one number that varies between their URLs, and how it maps to
the page number shown (``index_N`` is page N+1 on TRS, VSB counts down, ``?p=`` is 0-based on
some search engines). The current page is the number shown without a link (or marked
``current``/``active``), else the page URL's own number, else 1; only pages after it count.

Script pagers that write their links at run time are read from their arguments:
TRS ``createPageHTML(count, index, "index", "html")`` (0-based: page 2 is ``index_1.html``), the
variant with a leading element id and a 1-based page (``createPageHTML('page_div', 10, 1,
'list', 'shtml', 200)``), and Hanweb's ``jpage({uid, perPage, totalRecord})`` (``?uid=…&pageNum=N``).

What never counts: first, previous and current pages, links that differ from the pager's
template in anything but the page number (sort orders, filters, calendars), and
``javascript:`` pagers that load results by AJAX (no URL to fetch).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree

from branchnews.crawler.pages.anchors import Anchor, absolute
from branchnews.crawler.pages.lines import clean_space, text_of

MAX_SCRIPT_PAGES = 10_000
# Numbered pages a script pager is taken to show after the current one (then the last page).
WINDOW = 10

_NUMBER = re.compile(r"^(?:第\s*)?[\[【(（]?\s*(\d{1,6})\s*[\]】)）]?(?:\s*页)?$")
_NEXT = re.compile(r"^(?:下\s*一?\s*页|后\s*一?\s*页|下一頁|next(?:\s*page)?|[>›»＞]{1,2}|"
                   r"下一页\s*[>›»＞]{0,2})$", re.I)
_LAST = re.compile(r"^(?:末\s*页|尾\s*页|最后\s*一?\s*页|last(?:\s*page)?|[>›»＞]\s*\|)$", re.I)
_BACK = re.compile(r"^(?:上\s*一?\s*页|前\s*一?\s*页|首\s*页|第一页|prev(?:ious)?|first|"
                   r"[<‹«＜]{1,2})$", re.I)
# Icon links: the word is in a class, id, title or alt.
_ICON_NEXT = re.compile(r"next|下一?页|xyy", re.I)
_ICON_LAST = re.compile(r"last|end|末页|尾页|wy", re.I)
_ICON_BACK = re.compile(r"prev|first|上一?页|首页|syy", re.I)
_CURRENT = re.compile(r"(?:^|[\s_-])(?:current|curr|cur|active|on|sel(?:ected)?|now|"
                      r"thisclass|hover)(?:$|[\s_-])", re.I)
_DIGITS = re.compile(r"\d+")
# Query parameters that carry a date or a sort: a run over them is a calendar or a filter.
_NOT_PAGE_PARAM = re.compile(r"(?:date|day|time|year|month|ym|sort|order\w*)$", re.I)

# createPageHTML(count, current, "stem", "ext") and the id-first, 1-based variant
_TRS_PAGER = re.compile(
    r"createPageHTML\(\s*(?P<id>[\"'][\w-]+[\"']\s*,\s*)?(?P<count>\w+)\s*,\s*(?P<current>\w+)"
    r"\s*,\s*[\"'](?P<stem>[\w-]+)[\"']\s*,\s*[\"'](?P<ext>\w+)[\"']")
# jpage({uid: '4567', perPage: 15, totalRecord: 38, …}) → ?uid=…&pageNum=N; the parameters in
# any order, the unit as uid, as ajaxParam's unitid, or only as the element the pager is called
# on ($('#49468').jpage({totalRecord: 1418, perPage: 25, …})).
_HANWEB_PAGER = re.compile(r"(?:\$\(\s*['\"]#(?P<element>\d+)['\"]\s*\)\s*\.\s*)?jpage\s*\(\s*\{(?P<args>.{0,1000}?)\}\s*\)"
                           r"|(?P<args_only>uid\W{1,4}\d+.{0,80}?perPage\W{1,4}\d+.{0,80}?totalRecord\W{1,4}\d+)", re.S)
_HANWEB_ARG = {name: re.compile(rf"\b{pattern}\W{{1,4}}(\d+)") for name, pattern in
               (("uid", "(?:uid|unitid)"), ("per", "perPage"), ("total", "totalRecord"))}
_HANWEB_CURRENT = re.compile(r"[?&]pageNum=(\d+)")


@dataclass(frozen=True, slots=True)
class ScriptPager:
    """A pager written by a script: its forward pages as relative URLs."""

    hrefs: tuple[str, ...]  # every forward page, in order
    last: str | None

    def shown(self, window: int = WINDOW) -> list[str]:
        """What such a pager shows: the next ``window`` pages, then the last page."""
        pages = list(self.hrefs[:window])
        if self.last and self.last not in pages:
            pages.append(self.last)
        return pages


def _script_number(name: str, text: str) -> int | None:
    if name.isdigit():
        return int(name)
    m = re.search(r"\b" + re.escape(name) + r"\s*=\s*(\d+)", text)  # var countPage = 3;
    return int(m.group(1)) if m else None


def script_pagers(text: str, url: str = "") -> list[ScriptPager]:
    """The script pagers in the page's text (see the module docstring for the forms)."""
    found = []
    for m in _TRS_PAGER.finditer(text):
        count = _script_number(m["count"], text) or 1
        current = _script_number(m["current"], text) or 0
        stem, ext = m["stem"], m["ext"]
        count = min(count, MAX_SCRIPT_PAGES)
        if m["id"]:  # 1-based: page n is stem_n.ext, page 1 stem.ext
            hrefs = tuple(f"{stem}_{n}.{ext}" for n in range(max(current, 1) + 1, count + 1))
        else:  # 0-based index: page index k is stem_k.ext, index 0 stem.ext
            hrefs = tuple(f"{stem}_{k}.{ext}" for k in range(current + 1, count))
        found.append(ScriptPager(hrefs, hrefs[-1] if hrefs else None))
    for m in _HANWEB_PAGER.finditer(text):
        args = m["args"] if m["args"] is not None else m["args_only"]
        values = {name: int(v[1]) if (v := pattern.search(args)) else None
                  for name, pattern in _HANWEB_ARG.items()}
        uid = values["uid"] if values["uid"] is not None else m["element"]
        if uid is None or not values["per"] or values["total"] is None:
            continue
        pages = min(-(-values["total"] // values["per"]), MAX_SCRIPT_PAGES)
        here = _HANWEB_CURRENT.search(url)
        current = int(here.group(1)) if here else 1
        hrefs = tuple(f"?uid={uid}&pageNum={n}" for n in range(current + 1, pages + 1))
        found.append(ScriptPager(hrefs, hrefs[-1] if hrefs else None))
    return found


# --- links of a pager --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Link:
    anchor: Anchor
    number: int | None  # the page number shown
    word: str | None  # "next", "last", "back"


def _label(anchor: Anchor) -> _Link | None:
    text = anchor.text.replace("\xa0", " ").strip()
    if m := _NUMBER.match(text):
        return _Link(anchor, int(m.group(1)), None)
    for word, pattern in (("next", _NEXT), ("last", _LAST), ("back", _BACK)):
        if pattern.match(text):
            return _Link(anchor, None, word)
    if text:
        return None
    el = anchor.el
    names = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("title"),
                                   *(img.get("alt") or "" for img in el.iter("img")))))
    for word, pattern in (("back", _ICON_BACK), ("last", _ICON_LAST), ("next", _ICON_NEXT)):
        if pattern.search(names):
            return _Link(anchor, None, word)
    return _Link(anchor, None, "icon")


def _skeleton(url: str) -> tuple[str, list[int]]:
    return _DIGITS.sub("#", url), [int(n) for n in _DIGITS.findall(url)]


@dataclass(frozen=True, slots=True)
class _Template:
    skeleton: str
    values: tuple[int, ...]  # the fixed numbers
    position: int  # which number is the page
    sign: int  # +1: URL number grows with the page; -1: counts down (VSB)
    offset: int  # url_number = sign * page + offset

    def page_of(self, url: str) -> int | None:
        skeleton, numbers = _skeleton(url)
        if skeleton != self.skeleton:
            return None
        if any(n != v for i, (n, v) in enumerate(zip(numbers, self.values)) if i != self.position):
            return None
        return self.sign * (numbers[self.position] - self.offset)


def _template(links: Sequence[_Link], page_url: str) -> _Template | None:
    """The URL template of the numbered links: one varying number, mapped linearly."""
    numbered = [ln for ln in links if ln.number is not None]
    by_skeleton: dict[str, list[tuple[_Link, list[int]]]] = {}
    for ln in numbered:
        skeleton, numbers = _skeleton(ln.anchor.url)
        by_skeleton.setdefault(skeleton, []).append((ln, numbers))
    if not by_skeleton:
        return None
    skeleton, group = max(by_skeleton.items(), key=lambda kv: len(kv[1]))
    width = len(group[0][1])
    if width == 0:
        return None
    varying = [i for i in range(width) if len({nums[i] for _, nums in group}) > 1]
    if len(group) == 1 or not varying:
        # One link: the number equal (or next) to the page shown, the last such in the URL.
        ln, nums = group[0]
        page_skel, page_nums = _skeleton(page_url)
        diff = [i for i in range(width) if page_skel == skeleton and page_nums[i] != nums[i]]
        position = diff[0] if len(diff) == 1 else next(
            (i for i in reversed(range(width)) if nums[i] in (ln.number, ln.number - 1)), None)
        if position is None:
            return None
        return _Template(skeleton, tuple(nums), position, 1, nums[position] - ln.number)
    if len(varying) != 1:
        return None
    position = varying[0]
    fits = {}
    for sign in (1, -1):
        offsets = {nums[position] - sign * ln.number for ln, nums in group}
        if len(offsets) == 1:
            fits[sign] = offsets.pop()
    if not fits:
        return None
    sign = 1 if 1 in fits else -1
    template = _Template(skeleton, tuple(group[0][1]), position, sign, fits[sign])
    return template if _is_page_number(template) else None


def _is_page_number(template: _Template) -> bool:
    """The varying number can be a page: a query value of its own under a name that is not a
    date or a sort (``?page=2``, ``PageIndex=2``), or a number in the path that is not the day
    of a date (``index_2.html``, ``yw/128.htm``, but not ``day.jsp?date=2024-05-07``)."""
    parts = template.skeleton.split("#")
    before, after = "".join(parts[:template.position + 1]), parts[template.position + 1]
    if "?" in before:
        name = re.search(r"[?&]([^?&=]*)=$", before)
        if name is None or not re.match(r"(?:&|$)", after):
            return False
        return not _NOT_PAGE_PARAM.match(name.group(1))
    return not re.search(r"#[-/.年月]$", before)


def _current(links: Sequence[_Link], template: _Template | None, page_url: str) -> int:
    """The page being shown: marked or written without a link in the pager, else the page
    URL's own number, else 1."""
    numbered = [ln for ln in links if ln.number is not None]
    shown = _shown_number(numbered)
    if shown is not None:
        return shown
    if template is not None and (page := template.page_of(page_url)) is not None:
        return page
    return 1


def _pager_holder(numbered: Sequence[_Link]) -> etree._Element | None:
    holder = numbered[0].anchor.el.getparent()
    for _ in range(4):
        if holder is None:
            return None
        if all(_inside(ln.anchor.el, holder) for ln in numbered):
            return holder
        holder = holder.getparent()
    return None


def _shown_number(numbered: Sequence[_Link]) -> int | None:
    """The current page as the pager shows it: a number marked ``current``/``active``/
    ``thisclass`` or the selected option of a jump menu, else one written without a link
    (``<a>1</a> <b>2</b> <a>3</a>``). Counts (``共<b>3</b>页``, ``12条``) are not pages."""
    if not numbered:
        return None
    holder = _pager_holder(numbered)
    if holder is None:
        return None
    top = max(ln.number for ln in numbered) + 1

    def page(text: str | None) -> int | None:
        m = _NUMBER.match(clean_space(text or ""))
        return int(m.group(1)) if m and 0 < int(m.group(1)) <= top else None

    unlinked = None
    for el in holder.iter(etree.Element):
        if (n := page(text_of(el))) is None:
            continue
        marks = " ".join(filter(None, (el.get("class"), el.get("id"),
                                       *(p.get("class") or "" for p in el.iterancestors()
                                         if p is not holder and _inside(p, holder)))))
        if (marks and _CURRENT.search(marks)) or (el.tag == "option" and el.get("selected")
                                                  is not None):
            return n
        linked = (el.tag == "a" and el.get("href")) or el.tag == "option" or any(
            p.tag == "a" and p.get("href") for p in el.iterancestors())
        if unlinked is None and not linked and len(el) == 0 and not _is_count(el):
            unlinked = n
    return unlinked


def _is_count(el: etree._Element) -> bool:
    prev = el.getprevious()
    before = (prev.tail if prev is not None else el.getparent().text) or ""
    after = el.tail or ""
    return before.rstrip().endswith(("共", "总")) or after.lstrip().startswith(("条", "项", "篇",
                                                                                "记录"))


def _inside(el: etree._Element, holder: etree._Element) -> bool:
    return any(p is holder for p in el.iterancestors())


def next_pages(found: Sequence[Anchor], page_url: str, text: str = "") -> list[str]:
    """Forward pages in pager order: numbered pages after the current one, then the last
    page, then 下一页 when it is not among them; then what script pagers write."""
    links = [ln for a in found if (ln := _label(a)) is not None]
    links = [ln for ln in links if ln.anchor.url != page_url]
    template = _template(links, page_url)
    current = _current(links, template, page_url)
    pages: dict[str, None] = {}
    forward_words: list[str] = []
    for ln in links:
        url = ln.anchor.url
        if template is not None:
            page = template.page_of(url)
            if page is None and ln.word is None:
                continue  # a number that is not this pager's (a calendar day, another run)
            if page is not None and ln.word != "back":
                if page > current:
                    pages[url] = None
                continue
        if ln.word in ("next", "last"):
            forward_words.append(url)
    for url in forward_words:
        pages.setdefault(url, None)
    for pager in script_pagers(text, page_url):
        for href in pager.shown():
            if target := absolute(page_url, urljoin(page_url, href)):
                pages.setdefault(target, None)
    pages.pop(page_url, None)
    return list(pages)
