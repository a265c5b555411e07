"""Split body paragraphs into the numbered sections of a Chinese report.

Level 1 is ``一、`` at the start of a paragraph, level 2 is ``（一）`` (full- or half-width
parentheses). Inline enumerations (``一是…二是…``) and runs such as ``三中、四中、五中全会``
never start a paragraph with a marker, so anchoring at the paragraph start is what keeps them
out; a heading must also be short enough to read as a heading.

>>> s = split_sections(["导语", "一、总体要求", "正文", "（一）指导思想", "内容"])
>>> s.preamble, s.sections[0]["heading"], s.sections[0]["subsections"][0]["paragraphs"]
(['导语'], '总体要求', ['内容'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from branchnews.crawler.pages.dates import cn_number

_NUM = "[一二三四五六七八九十]{1,3}"
LEVEL1 = re.compile(r"^(?P<marker>(?P<num>" + _NUM + r")\s?[、．.])\s*(?P<heading>\S.*)$")
LEVEL2 = re.compile(r"^(?P<marker>[（(]\s?(?P<num>" + _NUM + r")\s?[）)])\s*(?P<heading>\S.*)$")
# Longer than this and it is a paragraph that happens to start with a numeral.
MAX_HEADING_CHARS = 60
# 一是 / 一要 / 一中 start inline enumerations, not headings.
_NOT_HEADING = re.compile(r"^" + _NUM + r"[是要中来则]")


@dataclass(frozen=True, slots=True)
class Split:
    preamble: list[str]
    sections: list[dict]


def _heading(paragraph: str) -> tuple[int, str, int, str] | None:
    if len(paragraph) > MAX_HEADING_CHARS or _NOT_HEADING.match(paragraph):
        return None
    for level, pattern in ((1, LEVEL1), (2, LEVEL2)):
        m = pattern.match(paragraph)
        if m:
            number = cn_number(m["num"])
            if number:
                return level, m["marker"], number, m["heading"].strip()
    return None


def split_sections(paragraphs: list[str]) -> Split:
    """Preamble and nested sections; a ``（一）`` before any ``一、`` opens a level-2 list."""
    preamble: list[str] = []
    sections: list[dict] = []
    current: dict | None = None  # where the next plain paragraph goes
    for paragraph in paragraphs:
        found = _heading(paragraph)
        if found is None:
            (current["paragraphs"] if current is not None else preamble).append(paragraph)
            continue
        level, marker, number, heading = found
        section = {"marker": marker, "number": number, "level": level, "heading": heading,
                   "paragraphs": []}
        if level == 2 and sections and sections[-1]["level"] == 1:
            sections[-1].setdefault("subsections", []).append(section)
        else:
            sections.append(section)
        current = section
    return Split(preamble, sections)
