"""The location path (``当前位置: 首页 > 党派动态 > 正文``) as a list of names."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from branchnews.crawler.pages.lines import CLOSE, OPEN, Line, clean_space

LOCATION_LABEL = re.compile(
    r"^.{0,6}?(?:当前位置|您的位置|你的位置|您现在的位置|你现在的位置|您当前的位置|你当前的位置|"
    r"您所在位置|您所在的位置|所在位置|当前页面|位置)\s*[:：]?\s*"
)
_CRUMB_CLASS = re.compile(r"crumb|position|location|place|weizhi|dqwz|path|curpos|local", re.I)
_SEPARATOR = re.compile(r"\s*(?:>>|>|»|›|→|＞|/|\\|－|—|-{1,2}|·|[|｜])\s*")
_NOT_ITEMS = {"正文", "详情", "内容", "文章", "阅读正文", "正文内容", "资讯正文", "新闻正文", "文章正文", "详细内容"}


def find_breadcrumb(lines: list[Line], before: int | None = None) -> list[str]:
    """Items of the first location line (above the headline when ``before`` is given). Where
    the separators are drawn by CSS or images (a Bootstrap ``<ol class="breadcrumb"><li>``, a
    WebPlus ``span.possplit`` of spaces, an arrow ``<img>``), the items are the elements of the
    block named as the path, over all its lines."""
    limit = before if before is not None else len(lines)
    for i, line in enumerate(lines[:limit]):
        labelled = LOCATION_LABEL.match(line.text) is not None
        box = _crumb_box(line.block) if labelled or (
            line.links and len(line.text) <= _PATH_CHARS and line.link_density >= 0.4) else None
        if not labelled and box is None:
            continue
        items = split_crumbs(LOCATION_LABEL.sub("", line.text, count=1))
        drawn = _drawn_items(box, lines[i:limit]) if box is not None else _drawn_items(line.block, [line])
        if len(drawn) > len(items):
            return drawn
        if items and (labelled or _SEPARATOR.search(line.text)):
            return items
    return []


def _crumb_box(el: etree._Element) -> etree._Element | None:
    """The outermost of the block and its two ancestors named as the location path."""
    found = None
    for _ in range(3):
        if el is None:
            break
        if el.tag != "a" and _named_as_path(el.get("class", ""), el.get("id", "")):
            found = el
        el = el.getparent()
    return found


@lru_cache(maxsize=4096)
def _named_as_path(class_: str, id_: str) -> bool:
    """(A page's elements share few class names: each is asked of the pattern once.)"""
    return _CRUMB_CLASS.search(f"{class_} {id_}") is not None


_MARKS = re.compile(f"[{OPEN}{CLOSE}]+")
_PATH_CHARS = 100  # a location path's line is no longer


def _drawn_items(box: etree._Element, lines: list[Line]) -> list[str]:
    """The path's items told by its markup: the elements of its lines (a list item each, or the
    links and spans of one line)."""
    own = []
    for line in lines:
        if line.block is not box and box not in line.block.iterancestors():
            break
        own.append(line)
    parts = [part for line in own for part in _MARKS.split(line.marked or line.text)]
    out = [item for part in parts for item in split_crumbs(LOCATION_LABEL.sub("", clean_space(part), count=1))
           if not LOCATION_LABEL.fullmatch(item)]
    return out if all(len(item) >= 2 for item in out) and sum(map(len, out)) <= 100 else []


def split_crumbs(text: str) -> list[str]:
    items = [clean_space(part) for part in _SEPARATOR.split(text)]
    items = [item for item in items if item and item not in _NOT_ITEMS]
    return items
