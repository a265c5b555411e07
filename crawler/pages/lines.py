"""Lay a parsed page out as the lines a reader sees.

Extraction works on lines, not raw nodes: a label and its value are often split over several
inline elements (``来源:<span id="source_baidu">…</span>``) and a paragraph's text over many
text nodes, while block boundaries and ``<br>`` are where a reader's eye breaks. Each line keeps
its block element so that positional questions (inside the body? after the headline?) can be
answered against the tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

BLOCK_TAGS = frozenset("""
    address article aside blockquote body center dd details dialog div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table
    tbody td tfoot th thead tr ul
""".split())
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "select",
             "button", "input", "textarea", "svg", "canvas", "video", "audio")

_SPACE = re.compile(r"\s+")
# Private-use marks for the start and end of an inline element inside a line. Label parsing
# reads them as value boundaries (``<span id="source_baidu">来源：中国新闻网</span><span>王帆</span>``
# is one line but two values); every other consumer reads ``Line.text``, which has none.
OPEN, CLOSE = "\ue000", "\ue001"
_INLINE_MARKED = frozenset({"a", "span", "font", "em", "strong", "b", "i", "cite", "label", "small",
                            "u", "time", "abbr", "address"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


@dataclass(slots=True)
class Line:
    text: str
    block: etree._Element
    index: int
    link_chars: int = 0
    links: list[etree._Element] = field(default_factory=list)
    marked: str = ""  # text with OPEN/CLOSE around inline elements
    _han: int = -1

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0

    @property
    def han(self) -> int:
        """Number of Han characters: the body finder and the prose test both ask, once each."""
        if self._han < 0:
            self._han = len(_NOT_HAN.sub("", self.text))
        return self._han


_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")


_MARKS_AND_SPACE = re.compile(r"[\s\ue000\ue001]*[\ue000\ue001][\s\ue000\ue001]*")


def unmark(text: str) -> str:
    """Drop element marks; spaces around them count once (a mark is not a space)."""
    return _MARKS_AND_SPACE.sub(lambda m: " " if any(c.isspace() for c in m.group()) else "", text)


# Plain lxml.etree elements: lxml.html's per-element class lookup costs more than the parse.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=False,
                           no_network=True)


def parse_html(text: str) -> etree._Element | None:
    """Parse decoded page text into a tree; None when there is nothing to parse."""
    if not text.strip():
        return None
    return etree.fromstring(text, _PARSER)


def text_of(el: etree._Element) -> str:
    """All text below ``el`` (what lxml.html calls text_content)."""
    return "".join(el.itertext())


def clean_space(text: str) -> str:
    """Collapse whitespace runs (str.split knows NBSP and U+3000) and trim the ends."""
    return _SPACE.sub(" ", text).strip()


# Style attributes that may hide, found in libxml2 (a substring test; the regex decides), and the
# hidden attribute. Testing attributes is cheaper there than testing elements.
_MAY_HIDE = etree.XPath("//@style[contains(., 'one') or contains(., 'ONE') or contains(., 'idden')"
                        " or contains(., 'IDDEN')] | //@hidden")


def prune(root: etree._Element) -> None:
    """Drop what no reader sees: scripts, styles, form controls, hidden elements, comments.

    Hidden elements are renamed to one sentinel tag so that a single ``strip_elements`` call
    (C, keeping each tail for the parent) removes everything at once.
    """
    for attr in _MAY_HIDE(root):
        if attr.attrname == "hidden" or _HIDDEN_STYLE.search(attr):
            attr.getparent().tag = _DOOMED
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, *DROP_TAGS, _DOOMED,
                         with_tail=False)


_DOOMED = "branchnews-hidden"


# What an element does to the line layout, by tag: a bit set, so the walk reads ``el.tag`` once.
_BLOCK, _BREAK, _MARK, _LINK = 1, 2, 4, 8
_KIND = {tag: _BLOCK for tag in BLOCK_TAGS}
_KIND["br"] = _BREAK
for _tag in _INLINE_MARKED:
    _KIND[_tag] = _KIND.get(_tag, 0) | _MARK
_KIND["a"] |= _LINK


def _line(parts: list[str], block: etree._Element, index: int, link_chars: int,
          links: list[etree._Element]) -> Line | None:
    marked = clean_space("".join(parts))
    text = marked.replace(OPEN, "").replace(CLOSE, "")
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        text = text.strip().replace("  ", " ")
    return Line(text, block, index, link_chars, links, marked) if text else None


def page_lines(root: etree._Element) -> list[Line]:
    """Every visible line of ``root`` in document order.

    One pass of lxml's ``iterwalk`` (no Python recursion): text gathers until a block element
    starts or ends, or a ``<br>``; then it becomes a line of the block it belongs to. This loop
    runs twice per element of every page, so it is written for speed: one tag lookup per
    element, and the line is built only when text has gathered.
    """
    lines: list[Line] = []
    parts: list[str] = []
    has_text = False
    link_chars = 0
    links: list[etree._Element] = []
    body = root.find("body")
    start = body if body is not None else root
    block, link = root, False
    stack: list[tuple[etree._Element, bool, int]] = []  # the enclosing block, in link, kind
    for event, el in etree.iterwalk(start, events=("start", "end")):
        if event == "start":
            tag = el.tag
            kind = _KIND.get(tag, 0) if tag.__class__ is str else 0
            stack.append((block, link, kind))
            if kind:
                if kind & (_BLOCK | _BREAK):
                    if has_text:
                        line = _line(parts, block, len(lines), link_chars, links)
                        if line is not None:
                            lines.append(line)
                        link_chars, links, has_text = 0, [], False
                    if parts:
                        parts = []
                    if kind & _BLOCK:
                        block = el
                if kind & _LINK and not link:
                    links.append(el)
                    link = True
                if kind & _MARK:
                    parts.append(OPEN)
            text = el.text
        else:
            outer_block, outer_link, kind = stack.pop()
            if kind & _MARK:
                parts.append(CLOSE)
            if kind & _BLOCK:
                if has_text:
                    line = _line(parts, block, len(lines), link_chars, links)
                    if line is not None:
                        lines.append(line)
                    link_chars, links, has_text = 0, [], False
                if parts:
                    parts = []
            block, link = outer_block, outer_link
            if not stack:
                continue
            text = el.tail  # a tail belongs to the parent: block and link as restored
        if text:
            parts.append(text)
            if not text.isspace():
                has_text = True
                if link:
                    link_chars += len(text.strip())
    if has_text:
        line = _line(parts, root, len(lines), link_chars, links)
        if line is not None:
            lines.append(line)
    return lines


def is_inside(el: etree._Element, ancestor: etree._Element) -> bool:
    while el is not None:
        if el is ancestor:
            return True
        el = el.getparent()
    return False
