"""The scaled site of N articles: which articles exist, their list pages, and a URL → bytes router.

Article ``i`` (``0 <= i < N``) is template ``TEMPLATES[i % 6]``, the ``j = i // 6``-th of its
template (:mod:`.content` makes it). Only the list pages depend on N (which articles exist, how
many pages). Lists are newest first. Every page is rendered on request with the bundled site's
template modules, so nothing per article is kept: memory does not grow with N.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import BASE_URL, content_type_for, url_to_relpath
from ..assets import asset_bytes
from ..markup import GBK_CONTENT_TYPE, ListItem
from ..templates import STATIC_FILES, t1, t2, t3, t4, t5, t6
from ..templates.home import render_home
from ..truth import Article
from .content import ID_BASE, T1_COLUMN_KEYS, T2_COLUMN_KEYS, T3_COLID, T3_UID, T4_KEY, T4_TID, T5_TID, T6_KEY
from .content import article_path, head_of, make_article, stub

__all__ = ["PER_PAGE", "TEMPLATES", "ScaledSite", "article_at", "article_urls", "count_of"]

TEMPLATES = ("t1", "t4", "t6", "t2", "t3", "t5")
HTML_UTF8 = "text/html; charset=utf-8"
PER_PAGE = {"t1": 20, "t2": 20, "t3": 15, "t4": 20, "t5": 20, "t6": 20}


def count_of(template: str, n: int) -> int:
    """How many of the N articles use ``template``."""
    pos = TEMPLATES.index(template)
    return max(0, -(-(n - pos) // len(TEMPLATES)))


def article_at(n: int, i: int) -> Article:
    """The truth of article ``i`` of a site of ``n`` articles."""
    if not 0 <= i < n:
        raise IndexError(i)
    return make_article(TEMPLATES[i % len(TEMPLATES)], i // len(TEMPLATES))


def article_urls(n: int) -> Iterator[str]:
    """Every article URL of the site of ``n`` articles, in index order."""
    for i in range(n):
        yield BASE_URL + article_path(TEMPLATES[i % len(TEMPLATES)], i // len(TEMPLATES))


def _pages(count: int, per: int) -> int:
    return max(1, -(-count // per))


# Non-article links on the first list page (off-site pages, attachments), as on the static site.
_EXTRAS = {
    ("t1", k): tuple(v) for k, v in t1.EXTRAS.items()
} | {
    ("t2", k): tuple(t2.extras(k)) for k in t2.COLUMNS
} | {("t4", T4_KEY): tuple(t4.EXTRAS), ("t6", T6_KEY): tuple(t6.EXTRAS)}
_ATTACHMENT_RELS = frozenset(
    url_to_relpath(h.partition("?")[0])[0]
    for extras in _EXTRAS.values() for _, h, _ in extras if h.startswith("/")
)
_ASSET_PATTERNS = (
    re.compile(r"uploads/allimg/\d{6}/\d+-1\.png"),  # T1 images
    re.compile(r"t6/uploads/\d{4}/\d{2}/\d+\.png"),  # T6 images
    re.compile(r"t4/uploads/soft/\d{6}/\d+\.doc"),   # T4 attachments
)
# Stylesheets, scripts and robots.txt, with the header the static server gives them.
_STATIC = {path[1:]: (data, content_type_for(path[1:], {})) for path, data in STATIC_FILES.items()}
_DIRS = frozenset({"a", *(f"a/{k}" for k in T1_COLUMN_KEYS), "t2", *(f"t2/{k}" for k in T2_COLUMN_KEYS),
                   "t3", "t3/col", f"t3/col/col{T3_COLID}", "t4", "t4/a", f"t4/a/{T4_KEY}", "t5", "t6",
                   f"t6/{T6_KEY}"})

_R_T1_ART = re.compile(r"a/([a-z]+)/\d{4}/\d{4}/(\d+)\.html")
_R_T4_ART = re.compile(rf"t4/a/{T4_KEY}/\d{{4}}/\d{{4}}/(\d+)(?:_(\d+))?\.html")
_R_T6_ART = re.compile(r"t6/system/\d{4}/\d{2}/\d{2}/(\d+)\.shtml")
_R_T2_ART = re.compile(r"t2/([a-z]+)/\d{6}/t\d{8}_(\d+)\.html")
_R_T3_ART = re.compile(rf"t3/art/\d{{4}}/\d{{1,2}}/\d{{1,2}}/art_{T3_COLID}_(\d+)\.html")
_R_T5_ART = re.compile(rf"t5/newsview\.asp@Id=(\d+)&Tid={T5_TID}")
_R_T1_LIST = re.compile(r"a/([a-z]+)/index\.html(?:@page=([1-9]\d*))?")
_R_T2_LIST = re.compile(r"t2/([a-z]+)/index(?:_([1-9]\d*))?\.html")
_R_T3_LIST = re.compile(rf"t3/col/col{T3_COLID}/index\.html(?:@uid={T3_UID}&pageNum=([1-9]\d*))?")
_R_T4_LIST = re.compile(rf"t4/a/{T4_KEY}/(?:index|list_{T4_TID}_([1-9]\d*))\.html")
_R_T5_LIST = re.compile(rf"t5/newslist\.asp@Tid={T5_TID}&page=([1-9]\d*)")
_R_T6_LIST = re.compile(rf"t6/{T6_KEY}/index(?:_([1-9]\d*))?\.shtml")


def _rel(url_path: str) -> str:
    path, _, query = url_path.partition("?")
    return url_to_relpath(path, query)[0]


class ScaledSite:
    """Routes a site-relative file name (``url_to_relpath``'s ``@`` form) to rendered bytes."""

    def __init__(self, articles: int) -> None:
        if articles < 0:
            raise ValueError("articles must be >= 0")
        self.n = articles
        self.counts = {t: count_of(t, articles) for t in TEMPLATES}

    # -- membership ------------------------------------------------------------------------------
    def column_count(self, template: str, column: str) -> int:
        """Articles in one column (T1: j % 4, T2: j % 2; other templates have one column)."""
        total = self.counts[template]
        keys = T1_COLUMN_KEYS if template == "t1" else T2_COLUMN_KEYS if template == "t2" else None
        if keys is None:
            return total
        slot = keys.index(column)
        return max(0, -(-(total - slot) // len(keys)))

    def column_members(self, template: str, column: str, page: int) -> list[int]:
        """``j`` of the articles on list page ``page`` (1-based) of a column, newest first."""
        keys = T1_COLUMN_KEYS if template == "t1" else T2_COLUMN_KEYS if template == "t2" else None
        stride, slot = (len(keys), keys.index(column)) if keys else (1, 0)
        per = PER_PAGE[template]
        count = self.column_count(template, column)
        return [slot + stride * m for m in range((page - 1) * per, min(count, page * per))]

    def pages_of(self, template: str, column: str) -> int:
        return _pages(self.column_count(template, column), PER_PAGE[template])

    def _article_j(self, template: str, number: str) -> int | None:
        j = int(number) - ID_BASE[template]
        if not 0 <= j < self.counts[template]:
            return None
        return j

    # -- routing -----------------------------------------------------------------------------------
    def lookup(self, rel: str):
        """``("file", render)`` / ``("dir", None)`` / ``None``: render() gives (bytes, Content-Type)."""
        if rel in _STATIC:
            return "file", lambda: _STATIC[rel]
        if rel == "index.html":
            return "file", lambda: (render_home().encode("utf-8"), HTML_UTF8)
        if rel in _DIRS:
            return "dir", None
        if rel in _ATTACHMENT_RELS or any(p.fullmatch(rel) for p in _ASSET_PATTERNS):
            return "file", lambda: _asset(rel)
        route = self._route(rel)
        if route is None:
            return None
        return "file", route

    def _route(self, rel: str):
        if m := _R_T1_ART.fullmatch(rel):
            j = self._article_j("t1", m[2])
            if j is not None and _rel(article_path("t1", j)) == rel:
                return lambda: (self.render_t1(j).encode("utf-8"), HTML_UTF8)
            return None
        if m := _R_T1_LIST.fullmatch(rel):
            col, page = m[1], int(m[2] or 1)
            if col in T1_COLUMN_KEYS and m[2] != "1" and page <= self.pages_of("t1", col):
                return lambda: (self.render_t1_list(col, page).encode("utf-8"), HTML_UTF8)
            return None
        if m := _R_T4_ART.fullmatch(rel):
            j = self._article_j("t4", m[1])
            if j is None:
                return None
            want = _rel(article_path("t4", j))
            n = int(m[2]) if m[2] else 1
            if m[2] and (m[2] == "1" or str(n) != m[2]):
                return None
            path = want if n == 1 else want.replace(".html", f"_{n}.html")
            if path != rel:
                return None
            pages = t4.render_article(j, make_article("t4", j), self._neighbours("t4", j))
            if n > len(pages):
                return None
            return lambda: (_gbk(pages[n - 1][1]), GBK_CONTENT_TYPE)
        if m := _R_T4_LIST.fullmatch(rel):
            page = int(m[1] or 1)
            if page <= self.pages_of("t4", T4_KEY):
                return lambda: (_gbk(self.render_t4_list(page)), GBK_CONTENT_TYPE)
            return None
        if m := _R_T6_ART.fullmatch(rel):
            j = self._article_j("t6", m[1])
            if j is not None and _rel(article_path("t6", j)) == rel:
                return lambda: (self.render_t6(j).encode("utf-8"), HTML_UTF8)
            return None
        if m := _R_T6_LIST.fullmatch(rel):
            page = int(m[1] or 1)
            if m[1] != "1" and page <= self.pages_of("t6", T6_KEY):
                return lambda: (self.render_t6_list(page).encode("utf-8"), HTML_UTF8)
            return None
        if m := _R_T2_ART.fullmatch(rel):
            j = self._article_j("t2", m[2])
            if j is not None and _rel(article_path("t2", j)) == rel:
                return lambda: (t2.render_article(make_article("t2", j)).encode("utf-8"), HTML_UTF8)
            return None
        if m := _R_T2_LIST.fullmatch(rel):
            col, page = m[1], int(m[2]) + 1 if m[2] else 1
            if col in T2_COLUMN_KEYS and page <= self.pages_of("t2", col):
                return lambda: (self.render_t2_list(col, page).encode("utf-8"), HTML_UTF8)
            return None
        if m := _R_T3_ART.fullmatch(rel):
            j = self._article_j("t3", m[1])
            if j is not None and _rel(article_path("t3", j)) == rel:
                return lambda: (t3.render_article(j, make_article("t3", j), self._neighbours("t3", j))
                                .encode("utf-8"), HTML_UTF8)
            return None
        if m := _R_T3_LIST.fullmatch(rel):
            page = int(m[1] or 1)
            if m[1] != "1" and page <= self.pages_of("t3", f"col{T3_COLID}"):
                return lambda: (self.render_t3_list(page).encode("utf-8"), HTML_UTF8)
            return None
        if m := _R_T5_ART.fullmatch(rel):
            j = self._article_j("t5", m[1])
            if j is not None and _rel(article_path("t5", j)) == rel:
                def render_t5():
                    text, content_type = t5.render_article(make_article("t5", j))
                    return _gbk(text), content_type
                return render_t5
            return None
        if m := _R_T5_LIST.fullmatch(rel):
            page = int(m[1])
            if page <= self.pages_of("t5", str(T5_TID)):
                return lambda: (_gbk(self.render_t5_list(page)), t5.LIST_CONTENT_TYPE)
            return None
        return None

    # -- rendering (the bundled site's template modules) -------------------------------------------
    def _neighbours(self, template: str, j: int) -> tuple[Article | None, Article | None]:
        """(older, newer) of the same template, as 上一篇 / 下一篇 links."""
        older = stub(head_of(template, j + 1)) if j + 1 < self.counts[template] else None
        newer = stub(head_of(template, j - 1)) if j > 0 else None
        return older, newer

    def _hot_t1(self, j: int | None = None) -> list[Article]:
        """T1's 热点新闻 sidebar: the newest other T1 articles (a constant few, whatever N is)."""
        return [stub(head_of("t1", k)) for k in range(min(4, self.counts["t1"])) if k != j]

    def _items(self, template: str, column: str, page: int) -> list[ListItem]:
        items = []
        for j in self.column_members(template, column, page):
            a = make_article(template, j) if template == "t6" else stub(head_of(template, j))
            items.append(ListItem(a.title, a.path, (a.published or "")[:10], a))
        if page == 1:
            items += [ListItem(t, h, d, None) for t, h, d in _EXTRAS.get((template, column), ())]
        return items

    def render_t1(self, j: int) -> str:
        return t1.render_article(j, make_article("t1", j), self._hot_t1(j))

    def render_t1_list(self, column: str, page: int) -> str:
        items = self._items("t1", column, page)
        total = self.column_count("t1", column) + len(_EXTRAS.get(("t1", column), ()))
        # no 热点新闻 entries on list pages: each article is linked from exactly one list page
        return t1.render_list(column, page, self.pages_of("t1", column), items, total, [])

    def render_t2_list(self, column: str, page: int) -> str:
        return t2.render_list(column, page, self.pages_of("t2", column), self._items("t2", column, page))

    def render_t3_list(self, page: int) -> str:
        col = f"col{T3_COLID}"
        return t3.render_list(page, self.pages_of("t3", col), self._items("t3", col, page),
                                self.column_count("t3", col))

    def render_t4_list(self, page: int) -> str:
        total = self.column_count("t4", T4_KEY) + len(_EXTRAS[("t4", T4_KEY)])
        return t4.render_list(page, self.pages_of("t4", T4_KEY), self._items("t4", T4_KEY, page), total)

    def render_t5_list(self, page: int) -> str:
        col = str(T5_TID)
        return t5.render_list(page, self.pages_of("t5", col), self._items("t5", col, page),
                                self.column_count("t5", col))

    def render_t6(self, j: int) -> str:
        # related news: the two next older articles, oldest first (build passes every earlier one)
        earlier = [stub(head_of("t6", k)) for k in (j + 2, j + 1) if k < self.counts["t6"]]
        return t6.render_article(j, make_article("t6", j), earlier)

    def render_t6_list(self, page: int) -> str:
        return t6.render_list(page, self.pages_of("t6", T6_KEY), self._items("t6", T6_KEY, page))

    def get(self, url_path: str) -> tuple[bytes, str] | None:
        """Bytes and Content-Type of a URL path (``/a/mjdt/?page=2``), None when not served."""
        path, _, query = url_path.partition("?")
        for rel in url_to_relpath(path, query) or ():
            found = self.lookup(rel)
            if found and found[0] == "file":
                return found[1]()
        return None


def _gbk(text: str) -> bytes:
    """GBK bytes of a page (strict: a character outside GBK is a bug in the generator)."""
    return text.encode("gbk")


def _asset(rel: str) -> tuple[bytes, str]:
    return asset_bytes("/" + rel), content_type_for(rel, {})
