"""The location path (``当前位置: 首页 > 党派动态 > 正文``) as a list of names."""

from __future__ import annotations

import re

from lxml import etree

from branchnews.crawler.pages.lines import Line, clean_space

LOCATION_LABEL = re.compile(
    r"^.{0,6}?(?:当前位置|您的位置|你的位置|您现在的位置|你现在的位置|您当前的位置|你当前的位置|"
    r"您所在位置|您所在的位置|所在位置|当前页面|位置)\s*[:：]?\s*"
)
_CRUMB_CLASS = re.compile(r"crumb|position|location|place|weizhi|dqwz|path|curpos|local", re.I)
_SEPARATOR = re.compile(r"\s*(?:>>|>|»|›|→|＞|/|\\|－|—|-{1,2}|·)\s*")
_NOT_ITEMS = {"正文", "详情", "内容", "文章", "阅读正文", "正文内容"}


def find_breadcrumb(lines: list[Line], before: int | None = None) -> list[str]:
    """Items of the first location line (above the headline when ``before`` is given)."""
    limit = before if before is not None else len(lines)
    for line in lines[:limit]:
        if LOCATION_LABEL.match(line.text) or (
            _crumb_block(line.block) and line.links and line.link_density >= 0.4
            and _SEPARATOR.search(line.text)
        ):
            items = split_crumbs(LOCATION_LABEL.sub("", line.text, count=1))
            if items:
                return items
    return []


def _crumb_block(el: etree._Element) -> bool:
    return bool(_CRUMB_CLASS.search(f'{el.get("class", "")} {el.get("id", "")}'))


def split_crumbs(text: str) -> list[str]:
    items = [clean_space(part) for part in _SEPARATOR.split(text)]
    items = [item for item in items if item and item not in _NOT_ITEMS]
    return items
