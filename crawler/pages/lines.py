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

from lxml import etree, html

BLOCK_TAGS = frozenset("""
    address article aside blockquote body center dd details dialog div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table
    tbody td tfoot th thead tr ul
""".split())
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "select",
             "button", "input", "textarea", "svg", "canvas", "video", "audio")

_SPACE = re.compile(r"\s+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


@dataclass(slots=True)
class Line:
    text: str
    block: html.HtmlElement
    index: int
    link_chars: int = 0
    links: list[html.HtmlElement] = field(default_factory=list)

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


def clean_space(text: str) -> str:
    """Collapse whitespace runs (str.split knows NBSP and U+3000) and trim the ends."""
    return _SPACE.sub(" ", text).strip()


def prune(root: html.HtmlElement) -> None:
    """Drop what no reader sees: scripts, styles, form controls, hidden elements, comments."""
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _drop(el)
    for el in list(root.iter(*DROP_TAGS)):
        _drop(el)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or ""):
            _drop(el)


def _drop(el: html.HtmlElement) -> None:
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


def page_lines(root: html.HtmlElement) -> list[Line]:
    """Every visible line of ``root`` in document order."""
    lines: list[Line] = []
    parts: list[str] = []
    state = {"link_chars": 0, "links": []}

    def flush(block: html.HtmlElement) -> None:
        text = clean_space("".join(parts))
        if text:
            lines.append(Line(text, block, len(lines), state["link_chars"], state["links"]))
        parts.clear()
        state["link_chars"] = 0
        state["links"] = []

    def walk(el: html.HtmlElement, block: html.HtmlElement, in_link: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        is_block = tag in BLOCK_TAGS
        if is_block:
            flush(block)
            block = el
        if tag == "br":
            flush(block)
        link = in_link or tag == "a"
        if tag == "a" and not in_link:
            state["links"].append(el)
        if el.text:
            parts.append(el.text)
            if link:
                state["link_chars"] += len(el.text.strip())
        for child in el:
            walk(child, block, link)
            if child.tail:
                parts.append(child.tail)
                if link:
                    state["link_chars"] += len(child.tail.strip())
        if is_block:
            flush(block)

    body = root.find("body")
    walk(body if body is not None else root, root, False)
    flush(root)
    return lines


def is_inside(el: html.HtmlElement, ancestor: html.HtmlElement) -> bool:
    while el is not None:
        if el is ancestor:
            return True
        el = el.getparent()
    return False
