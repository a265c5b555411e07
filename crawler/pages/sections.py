"""Split body paragraphs into the numbered sections of a Chinese report or regulation.

Reports number their parts ``一、`` with ``（一）`` (full- or half-width parentheses) below;
regulations, charters and rules add outer kinds: ``第一编`` parts, ``第一章`` chapters, ``第一节``
sections, ``第一条`` articles; plans and work reports ``第一部分`` parts above their ``一、``. Each kind nests inside the kinds above it, whichever of them the
document uses, and ``level`` is the depth that gives: 1 for ``一、`` in a report, 3 for ``一、``
under the articles of the chapters of a regulation. A ``（一）`` before any ``一、`` is still one
level below where ``一、`` would be.

Inline enumerations (``一是…二是…``) and runs such as ``三中、四中、五中全会`` never start a
paragraph with a marker, so anchoring at the paragraph start is what keeps them out; a heading
must also be short enough to read as a heading. The outer kinds are taken only from a document
that numbers two of them in order (``第一条经验是…`` alone is prose). An article's text is its
content: a short one is the heading, a long one its first paragraph.

>>> s = split_sections(["导语", "一、总体要求", "正文", "（一）指导思想", "内容"])
>>> s.preamble, s.sections[0]["heading"], s.sections[0]["subsections"][0]["paragraphs"]
(['导语'], '总体要求', ['内容'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from branchnews.crawler.pages.dates import cn_number

_NUM = "[一二三四五六七八九十]{1,3}"
_BIG = "[一二三四五六七八九十百零〇]{1,7}"
# The outer kinds, outermost first: a plan's or report's 第…部分, then a code's 编/章/节/条.
OUTER_KINDS = ("部分", "编", "章", "节", "条")
# (kind, pattern), outermost first. The outer kinds: 第…部分/编/章/节/条, then a space, the end,
# or text.
KINDS: tuple[tuple[str, re.Pattern], ...] = (
    *((kind, re.compile(rf"^(?P<marker>第\s?(?P<num>{_BIG})\s?{kind})(?:[\s　:：]+|$)(?P<heading>.*)$"))
      for kind in OUTER_KINDS),
    ("一、", re.compile(r"^(?P<marker>(?P<num>" + _NUM + r")\s?[、．.])\s*(?P<heading>\S.*)$")),
    ("（一）", re.compile(r"^(?P<marker>[（(]\s?(?P<num>" + _NUM + r")\s?[）)])\s*(?P<heading>\S.*)$")),
)
OUTER = frozenset(OUTER_KINDS)
# Longer than this and it is a paragraph that happens to start with a numeral.
MAX_HEADING_CHARS = 60
# 一是 / 一要 / 一中 start inline enumerations, not headings.
_NOT_HEADING = re.compile(r"^" + _NUM + r"[是要中来则]")
_SENTENCE_END = re.compile(r"[。；;！？!?]|[：:]$")  # a clause, not a title


@dataclass(frozen=True, slots=True)
class Split:
    preamble: list[str]
    sections: list[dict]


@dataclass(frozen=True, slots=True)
class _Heading:
    kind: str
    marker: str
    number: int
    heading: str
    text: str | None  # an article's clause text, when it is too long to be its heading


def _heading(paragraph: str) -> _Heading | None:
    for kind, pattern in KINDS:
        m = pattern.match(paragraph)
        if not m:
            continue
        number = cn_number(m["num"].replace("〇", "零"))
        if not number:
            return None
        rest = m["heading"].strip()
        if kind == "条" and (len(rest) > MAX_HEADING_CHARS or _SENTENCE_END.search(rest)):
            return _Heading(kind, m["marker"], number, "", rest)
        if len(paragraph) > MAX_HEADING_CHARS or (kind not in OUTER and _NOT_HEADING.match(paragraph)):
            return None
        # (``一、项目编号：`` introduces its value below: the heading is 项目编号; ``总　则`` is set
        # spaced out to the width of longer headings: 总则)
        heading = rest.rstrip("：:").rstrip() or rest
        return _Heading(kind, m["marker"], number, _unspaced(heading), None)
    return None


_SPACED_OUT = re.compile(r"^[^\s](?:\s+[^\s]){1,3}$")


def _unspaced(heading: str) -> str:
    """``总　则`` → ``总则``: a short heading set one character at a time."""
    return re.sub(r"\s+", "", heading) if _SPACED_OUT.match(heading) else heading


def _outer_kinds(found: list[_Heading | None]) -> list[str]:
    """The outer kinds this document numbers in order (a 第二… after its 第一…), outermost first."""
    kinds = []
    for kind in OUTER_KINDS:
        numbers = [h.number for h in found if h is not None and h.kind == kind]
        if len(numbers) >= 2 and any(b == a + 1 for a, b in zip(numbers, numbers[1:])):
            kinds.append(kind)
    return kinds


def _items_of_a_list(paragraphs: list[str], found: list[_Heading | None]) -> list[_Heading | None]:
    """A sentence numbered ``（一）`` or ``一、`` whose neighbour in the series (``（二）``, before
    it ``（一）``…) is a paragraph too long to be a heading is an item of a numbered list, as that
    neighbour is (``（一）考生于当年9月入学。`` then ``（二）考生必须…`` of three lines): not a heading.
    An item makes its sentence neighbours items in turn, down a run of short ones."""
    patterns = dict(KINDS)
    out = list(found)
    todo = [i for i, head in enumerate(found)
            if head is not None and head.kind not in OUTER and _SENTENCE_END.search(head.heading)]
    changed = True
    while changed:
        changed = False
        for i in todo:
            near = [j for j in (i - 1, i + 1) if 0 <= j < len(paragraphs) and out[j] is None]
            if out[i] is not None and any(patterns[found[i].kind].match(paragraphs[j]) for j in near):
                out[i] = None
                changed = True
    return out


def split_sections(paragraphs: list[str]) -> Split:
    """Preamble and nested sections, each kind inside the kinds above it."""
    found = _items_of_a_list(paragraphs, [_heading(p) for p in paragraphs])
    outer = _outer_kinds(found)
    rank = {kind: i for i, kind in enumerate(outer)}
    rank["一、"] = len(outer)
    rank["（一）"] = len(outer) + 1
    preamble: list[str] = []
    sections: list[dict] = []
    open_: list[tuple[int, dict]] = []  # (rank, section) from the outermost down
    for paragraph, head in zip(paragraphs, found):
        if head is None or head.kind not in rank:
            (open_[-1][1]["paragraphs"] if open_ else preamble).append(paragraph)
            continue
        r = rank[head.kind]
        while open_ and open_[-1][0] >= r:
            open_.pop()
        level = len(open_) + 1 if open_ else r + 1
        section = {"marker": head.marker, "number": head.number, "level": level,
                   "heading": head.heading, "paragraphs": [head.text] if head.text else []}
        if open_:
            open_[-1][1].setdefault("subsections", []).append(section)
        else:
            sections.append(section)
        open_.append((r, section))
    return Split(preamble, sections)
