"""The headline: the element that best matches the page's <title> and sits above the body.

``<title>`` carries a site suffix (``标题-民进某市委员会``) and sometimes a column name, so it is
the reference, not the answer. Candidates are headings and title-classed elements; a column
name or a sidebar heading shares little text with <title> and loses.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from lxml import etree

from branchnews.crawler.pages import lines
from branchnews.crawler.pages.lines import clean_space, is_inside, text_of

_TITLE_CLASS = re.compile(r"(?:^|[\s_-])(?:title|tit|biaoti|headline|bt|article[-_]?title|"
                          r"news[-_]?title|detail[-_]?title|content[-_]?title|arti[-_]?tit)"
                          r"(?:$|[\s_-]|\d)", re.I)
_SITE_SUFFIX = re.compile(r"\s*(?:[-_|｜—–]+|--)\s*[^-_|｜—–]{1,30}$")
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_TAG_BONUS = {"h1": 0.3, "h2": 0.2, "h3": 0.1, "h4": 0.05}


def page_title(root: etree._Element) -> str | None:
    el = root.find("head/title")
    if el is None:
        el = root.find(".//title")
    if el is None:
        return None
    text = clean_space(text_of(el))
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


_TITLE_PARTS = re.compile(r"\s*(?:[_|｜—–]+|\s-{1,2}\s|--)\s*")


def main_title(title: str) -> str:
    """The headline part of <title>: its longest segment (``标题_栏目_站点``, ``站点 - 标题``)."""
    parts = [p for p in _TITLE_PARTS.split(title) if p]
    longest = max(parts, key=len) if parts else title
    return longest if len(longest) >= 4 else title


def similarity(candidate: str, reference: str) -> float:
    """Share of the candidate found in the reference, in matching blocks."""
    if not candidate or not reference:
        return 0.0
    if candidate in reference:
        return 1.0
    matcher = SequenceMatcher(None, candidate, reference, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks()) / len(candidate)


# Headings, elements with a class or id (the regex above decides), and leaf elements whose
# own text starts like the <title> ($p): a superset, filtered in C.
_TEST = ("self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6"
         " or @class or @id or (not(*) and $p != '' and starts-with(normalize-space(text()), $p))")
_CANDIDATES = etree.XPath(f"//body//*[{_TEST}]")
# A headline sits above the body's first prose line: only elements before it are looked at
# (and below it when the prose sits loose in a container that holds the headline too). The axis
# is walked in libxml2; the test runs in Python, where it costs less than XPath's self:: steps.
_PRECEDING = etree.XPath("preceding::*")
_XML_SPACE = re.compile(r"[ \t\r\n]+")


def _candidates_before(root: etree._Element, prose: etree._Element, prefix: str) -> list:
    """``_CANDIDATES_BEFORE``'s elements, in document order: those of <body> before ``prose``
    (not its ancestors), then ``prose``'s descendants."""
    body = root.find("body")
    if body is None or not is_inside(prose, body):
        return _CANDIDATES_BEFORE(prose, p=prefix)
    outside = {el for child in root if child is not body for el in child.iter()}  # <head>
    out = []
    for el in _PRECEDING(prose):
        if el in outside:
            continue
        if _is_candidate(el, prefix):
            out.append(el)
    for el in prose.iterdescendants():
        if _is_candidate(el, prefix):
            out.append(el)
    return out


def _is_candidate(el: etree._Element, prefix: str) -> bool:
    """``_TEST`` in Python (XPath's normalize-space: XML whitespace only)."""
    tag = el.tag
    if tag.__class__ is not str:
        return False
    if tag in _HEADING_TAGS or el.get("class") is not None or el.get("id") is not None:
        return True
    if not prefix or len(el):
        return False
    return _leaf_starts_with(el.text, prefix)


def _leaf_starts_with(text: str | None, prefix: str) -> bool:
    if not text or prefix[0] not in text:
        return False
    return _XML_SPACE.sub(" ", text).strip(" ").startswith(prefix)


_CANDIDATES_BEFORE = etree.XPath(f"preceding::*[ancestor::body][{_TEST}] | descendant::*[{_TEST}]")
_CRUMB_LIKE = re.compile(r"首页|主页|当前位置|您的位置|>|»|→")


def find_headline(root: etree._Element, lines=None, body_start: int | None = None,
                  prose: etree._Element | None = None) -> tuple[str | None, etree._Element | None]:
    """(headline text, its element); falls back to <title> without its suffix.

    Candidates are headings and title-classed elements above the body's first prose line.
    The one most like <title> wins; when none is like it (a <title> that only names the
    column), the nearest heading above the body that does not read as a column or breadcrumb.
    """
    reference = main_title(page_title(root) or "")
    line_of = {}
    for line in lines or ():
        line_of.setdefault(line.block, line.index)
    candidates = []
    found = _candidates_before(root, prose, reference[:2]) if prose is not None else \
        _CANDIDATES(root, p=reference[:2])
    for el in found:
        is_heading = el.tag in _HEADING_TAGS
        if not is_heading and not _TITLE_CLASS.search(f'{el.get("class", "")} {el.get("id", "")}'):
            # An unmarked leaf element whose own text is the <title>'s headline.
            own = clean_space(el.text or "")
            if not (len(el) == 0 and 6 <= len(own) <= 120 and own[:2] in reference
                    and similarity(own, reference) >= 0.8):
                continue
        text = clean_space(text_of(el))
        if not 2 <= len(text) <= 120:
            continue
        index = _line_index(el, line_of)
        if body_start is not None and index is not None and index >= body_start:
            continue
        score = similarity(text, reference) + _TAG_BONUS.get(el.tag, 0.1 if not is_heading else 0)
        candidates.append((score, index, text, el))
    if reference or not candidates:
        good = [c for c in candidates if c[0] >= 0.6]
        if good:
            best = max(good, key=lambda c: c[0])
            return best[2], best[3]
    plain = [c for c in candidates if len(c[2]) >= 6 and not _CRUMB_LIKE.search(c[2])
             and c[1] is not None and body_start is not None and body_start - c[1] <= 12]
    if plain:
        best = max(plain, key=lambda c: c[1])
        return best[2], best[3]
    if reference:
        return title_without_suffix(reference), None
    return (candidates[0][2], candidates[0][3]) if candidates else (None, None)


def _line_index(el: etree._Element, line_of: dict) -> int | None:
    """Index of the first line inside ``el`` (its block, or a block below it)."""
    if el in line_of:
        return line_of[el]
    for sub in el.iter():
        if sub in line_of:
            return line_of[sub]
    parent = el.getparent()
    while parent is not None:
        if parent in line_of:
            return line_of[parent]
        parent = parent.getparent()
    return None
