"""The headline: the element that best matches the page's <title> and sits above the body.

``<title>`` carries a site suffix (``标题-民进某市委员会``) and sometimes a column name, so it is
the reference, not the answer. Candidates are headings and title-classed elements; a column
name or a sidebar heading shares little text with <title> and loses.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from lxml import html

from crawler.pages.lines import clean_space

_TITLE_CLASS = re.compile(r"(?:^|[\s_-])(?:title|tit|biaoti|headline|bt|article[-_]?title|"
                          r"news[-_]?title|detail[-_]?title|content[-_]?title|arti[-_]?tit)"
                          r"(?:$|[\s_-]|\d)", re.I)
_SITE_SUFFIX = re.compile(r"\s*(?:[-_|｜—–]+|--)\s*[^-_|｜—–]{1,30}$")
_HEADING_TAGS = ("h1", "h2", "h3", "h4")
_TAG_BONUS = {"h1": 0.3, "h2": 0.2, "h3": 0.1, "h4": 0.05}


def page_title(root: html.HtmlElement) -> str | None:
    el = root.find(".//title")
    if el is None:
        return None
    text = clean_space(el.text_content())
    return text or None


def title_without_suffix(title: str) -> str:
    """``标题-站点名`` → ``标题`` (repeatedly: ``标题_栏目_站点``)."""
    previous = None
    while previous != title:
        previous = title
        stripped = _SITE_SUFFIX.sub("", title)
        if len(stripped) >= 4:
            title = stripped
    return title


def similarity(candidate: str, reference: str) -> float:
    """Share of the candidate found in the reference, in matching blocks."""
    if not candidate or not reference:
        return 0.0
    if candidate in reference:
        return 1.0
    matcher = SequenceMatcher(None, candidate, reference, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks()) / len(candidate)


def find_headline(root: html.HtmlElement) -> tuple[str | None, html.HtmlElement | None]:
    """(headline text, its element); falls back to <title> without its suffix."""
    reference = page_title(root) or ""
    body = root.find("body")
    scope = body if body is not None else root
    best: tuple[float, int, str, html.HtmlElement] | None = None
    for order, el in enumerate(scope.iter()):
        if not isinstance(el.tag, str):
            continue
        is_heading = el.tag in _HEADING_TAGS
        if not is_heading and not _TITLE_CLASS.search(f'{el.get("class", "")} {el.get("id", "")}'):
            continue
        text = clean_space(el.text_content())
        if not 2 <= len(text) <= 120:
            continue
        score = similarity(text, reference) + _TAG_BONUS.get(el.tag, 0.1 if not is_heading else 0)
        if best is None or score > best[0] + 1e-9:
            best = (score, order, text, el)
    if best is not None and (best[0] >= 0.6 or not reference):
        return best[2], best[3]
    if reference:
        return title_without_suffix(reference), None
    return (best[2], best[3]) if best else (None, None)
