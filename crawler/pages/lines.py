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
_UNMARK = {0xE000: None, 0xE001: None}
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


# Two plain attribute tests: string functions such as contains() in the predicate cost more in
# libxml2 than the regex over the few styled elements in Python.
_STYLED = etree.XPath("descendant::*[@style]")
_HIDDEN = etree.XPath("descendant::*[@hidden]")


def prune(root: etree._Element) -> None:
    """Drop what no reader sees: scripts, styles, form controls, hidden elements, comments."""
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction, *DROP_TAGS)):
        _drop(el)
    for el in _STYLED(root):
        if _HIDDEN_STYLE.search(el.get("style")):
            _drop(el)
    for el in _HIDDEN(root):
        _drop(el)


def _drop(el: etree._Element) -> None:
    """Remove ``el`` but keep its tail text, which belongs to the parent."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def page_lines(root: etree._Element) -> list[Line]:
    """Every visible line of ``root`` in document order.

    One pass of lxml's ``iterwalk`` (no Python recursion): text gathers until a block element
    starts or ends, or a ``<br>``; then it becomes a line of the block it belongs to.
    """
    lines: list[Line] = []
    parts: list[str] = []
    has_text = False
    link_chars = 0
    links: list[etree._Element] = []

    def flush(block: etree._Element) -> None:
        nonlocal has_text, link_chars, links
        if has_text:
            marked = clean_space("".join(parts))
            text = marked.translate(_UNMARK)
            if "  " in text or text[:1] == " " or text[-1:] == " ":
                text = text.strip().replace("  ", " ")
            if text:
                lines.append(Line(text, block, len(lines), link_chars, links, marked))
            link_chars = 0
            links = []
            has_text = False
        parts.clear()

    body = root.find("body")
    start = body if body is not None else root
    stack: list[tuple[etree._Element, bool, bool, bool]] = []  # block, in link, marked, is block
    for event, el in etree.iterwalk(start, events=("start", "end")):
        if event == "start":
            tag = el.tag if isinstance(el.tag, str) else ""
            block, link = stack[-1][:2] if stack else (root, False)
            is_block = tag in BLOCK_TAGS
            if is_block:
                flush(block)
                block = el
            elif tag == "br":
                flush(block)
            if tag == "a" and not link:
                links.append(el)
                link = True
            marks = tag in _INLINE_MARKED
            if marks:
                parts.append(OPEN)
            stack.append((block, link, marks, is_block))
            text = el.text
        else:
            block, link, marks, is_block = stack.pop()
            if marks:
                parts.append(CLOSE)
            if is_block:
                flush(block)
            if not stack:
                continue
            link = stack[-1][1]  # a tail belongs to the parent
            text = el.tail
        if text:
            parts.append(text)
            if not text.isspace():
                has_text = True
                if link:
                    link_chars += len(text.strip())
    flush(root)
    return lines


def is_inside(el: etree._Element, ancestor: etree._Element) -> bool:
    while el is not None:
        if el is ancestor:
            return True
        el = el.getparent()
    return False
