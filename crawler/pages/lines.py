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

from branchnews.pipelines.normalize.charsets import HAN

BLOCK_TAGS = frozenset("""
    address article aside blockquote body center dd details dialog div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table
    tbody td tfoot th thead tr ul
""".split())
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "select",
             "button", "input", "textarea", "svg", "canvas", "video", "audio")

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
    data_row: bool = False  # a data table's row, its cells joined (paragraphs.table_rows)
    _han: int = -1

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0

    @property
    def han(self) -> int:
        """Number of Han characters: the body finder and the prose test both ask, once each."""
        if self._han < 0:
            self._han = count_han(self.text)
        return self._han


_NOT_HAN = re.compile(f"[^{HAN}]+")


def count_han(text: str) -> int:
    return len(_NOT_HAN.sub("", text))


_MARKS_AND_SPACE = re.compile(r"[\s\ue000\ue001]*[\ue000\ue001][\s\ue000\ue001]*")


def unmark(text: str) -> str:
    """Drop element marks; spaces around them count once (a mark is not a space)."""
    return _MARKS_AND_SPACE.sub(lambda m: " " if any(c.isspace() for c in m.group()) else "", text)


def element_end(marked: str, start: int, stop: int, *, own: bool) -> int:
    """Where an element ends in a marked line: the index of the CLOSE mark of the element that
    opens at ``start`` (``own``: ``marked[start]`` is its OPEN mark), or else of the element that
    holds ``start``; ``stop`` when it does not close before."""
    target = 0 if own else -1
    depth = 0
    for j in range(start, stop):
        char = marked[j]
        if char == OPEN:
            depth += 1
        elif char == CLOSE:
            depth -= 1
            if depth == target:
                return j
    return stop


# Plain lxml.etree elements: lxml.html's per-element class lookup costs more than the parse.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=False,
                           no_network=True, collect_ids=False)


_UTF8_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=False,
                                no_network=True, collect_ids=False, encoding="utf-8")


def parse_html(text: str | bytes) -> etree._Element | None:
    """Parse page text into a tree; None when there is nothing to parse.

    ``text`` is decoded text, or bytes known to be valid UTF-8: libxml2 works in UTF-8, so
    those bytes skip the conversion a Python string needs.
    """
    if not text.strip():
        return None
    return etree.fromstring(text, _UTF8_PARSER if isinstance(text, bytes) else _PARSER)


def parse_errors(utf8: bool):
    """The error log of the last ``parse_html`` (of bytes when ``utf8``): where libxml2 had to
    repair the markup."""
    return (_UTF8_PARSER if utf8 else _PARSER).error_log


# libxml2's advice in its limit messages; the reason we give names the limit, not the option.
_HUGE_HINT = re.compile(r",?\s*(?:use|try) XML_PARSE_HUGE(?: option)?", re.I)


def parse_limit(utf8: bool) -> str | None:
    """The limit at which libxml2 stopped reading the last ``parse_html`` page, or None.

    libxml2 guards itself (elements nested more than 256 deep, a text run of more than 10 MB
    without markup) by stopping there: the tree then holds only what came before, which is not
    the page. Such a page is reported, not turned into an empty or cut record; ``huge_tree``
    stays off, since a tree 100,000 elements deep is not an article either.
    """
    for error in parse_errors(utf8):
        if error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            return _HUGE_HINT.sub("", error.message).strip()
    return None


def text_of(el: etree._Element) -> str:
    """All text below ``el`` (what lxml.html calls text_content)."""
    return "".join(el.itertext())


def clean_space(text: str) -> str:
    """Collapse whitespace runs (str.split knows NBSP and U+3000) and trim the ends.

    (``str.split`` and the regex ``\\s`` test the same Unicode whitespace; split is faster.)
    """
    return " ".join(text.split())


def prune(root: etree._Element) -> None:
    """Drop what no reader sees by its tag: scripts, styles, form controls, comments.

    One ``strip_elements`` call (C, keeping each tail for the parent). Elements hidden by a
    ``style`` or the ``hidden`` attribute are found by ``walk_page``, which reads every element
    anyway, and dropped by ``PageText.drop_hidden``.
    """
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, *DROP_TAGS,
                         with_tail=False)


_DOOMED = "branchnews-hidden"


# What an element does to the line layout, by tag: a bit set, so the walk reads ``el.tag`` once.
_BLOCK, _BREAK, _MARK, _LINK, _ALT, _CONTENT = 1, 2, 4, 8, 16, 32
_KIND = {tag: _BLOCK for tag in BLOCK_TAGS}
_KIND["br"] = _BREAK
for _tag in _INLINE_MARKED:
    _KIND[_tag] = _KIND.get(_tag, 0) | _MARK
_KIND["a"] |= _LINK
_KIND["img"] = _ALT
_KIND["meta"] = _CONTENT

# Where a text slot lives: ``(element, where)``; ``where`` is one of these or an attribute name.
TEXT, TAIL = 0, 1
# Text the normaliser must see: not only spaces (a text of spaces reads the same after the
# extractor collapses it; these are the spaces of XPath's normalize-space, NBSP and U+3000).
SPACES = " \t\r\n\u00a0\u3000"


@dataclass(slots=True)
class PageText:
    """One walk of a page: its text slots, and its lines still waiting for the slots' text.

    Why the lines wait: the normaliser must see every text of an article (all its pages) at once
    before any line is read, and gathering the texts in the same walk that lays out the lines
    saves a second pass over the tree. A pending line holds the raw texts; the few slots that
    normalising changes are patched into it through ``places``.
    """

    root: etree._Element
    slots: list[tuple[etree._Element, object]]
    texts: list[str]
    places: list[tuple[list, int, list | None]]  # per slot: its line's parts, index, link count
    pending: list[tuple[list, etree._Element, list, list]]  # parts, block, links, [link chars]
    hidden: list[etree._Element]

    def drop_hidden(self) -> None:
        """Remove the hidden elements the walk skipped, keeping their tails (after ``write``:
        a tail written back to a removed element would be lost)."""
        if not self.hidden:
            return
        for el in self.hidden:
            el.tag = _DOOMED
        self.hidden = []
        etree.strip_elements(self.root, _DOOMED, with_tail=False)

    def write(self, texts: list[str]) -> None:
        """Put normalised slot texts back into the tree and the pending lines (those changed)."""
        for i, (old, new) in enumerate(zip(self.texts, texts)):
            if new == old:
                continue
            el, where = self.slots[i]
            if where is TEXT:
                el.text = new
            elif where is TAIL:
                el.tail = new
            else:
                el.set(where, new)
            place = self.places[i]
            if place is not None:
                parts, index, link_chars = place
                parts[index] = new
                if link_chars is not None:
                    link_chars[0] += _link_length(new) - _link_length(old)
        self.texts = texts

    def lines(self) -> list[Line]:
        lines: list[Line] = []
        carried: list[etree._Element] = []
        for parts, block, links, link_chars in self.pending:
            marked = clean_space("".join(parts))
            text = marked.replace(OPEN, "").replace(CLOSE, "")
            if "  " in text or text[:1] == " " or text[-1:] == " ":
                text = text.strip().replace("  ", " ")
            if carried:
                links = carried + links
            if not text:  # (its text was normalised away: its links go to the next line)
                carried = links
                continue
            carried = []
            lines.append(Line(text, block, len(lines), link_chars[0], links, marked))
        return lines


def _link_length(text: str) -> int:
    return 0 if text.isspace() else len(text.strip())


def _hides(style: str) -> bool:
    """``style`` hides its element (the regex runs only on styles that name none or hidden)."""
    low = style.lower()
    return ("none" in low or "hidden" in low) and _HIDDEN_STYLE.search(style) is not None


def walk_page(root: etree._Element) -> PageText:
    """Lay out ``root`` as lines and collect its texts, in one pass over the tree.

    Text gathers until a block element starts or ends, or a ``<br>``; then it becomes a line of
    the block it belongs to. Elements hidden by ``style`` or ``hidden`` are skipped (and
    dropped by ``PageText.drop_hidden``).

    This loop runs twice per element of every page (lxml's ``iterwalk``), so it is written for
    speed: one tag lookup per element, two attribute reads (cheaper than one XPath pass that
    finds the rare ``hidden``), state pushed only by the elements that change it (blocks, the
    outermost link), and no string work until ``PageText.lines``.
    """
    slots: list[tuple[etree._Element, object]] = []
    texts: list[str] = []
    places: list = []
    pending: list[tuple[list, etree._Element, list, list]] = []
    parts: list[str] = []
    links: list[etree._Element] = []
    link_chars = [0]
    has_text = False
    body = root.find("body")
    start = body if body is not None else root
    if body is not None:
        _texts_outside(root, body, slots, texts, places)
    block = root
    blocks: list[etree._Element] = []  # the enclosing blocks of ``block``
    kinds: list[int] = []  # the kind of every element open at this point of the walk
    link = None  # the outermost open link
    hidden: list[etree._Element] = []
    walker = etree.iterwalk(start, events=("start", "end"))
    for event, el in walker:
        if event == "start":
            style = el.get("style")
            if (style is not None and _hides(style)) or el.get("hidden") is not None:
                walker.skip_subtree()  # (its end event still comes: the tail is read there)
                hidden.append(el)
                kinds.append(0)
                continue
            kind = _KIND.get(el.tag, 0)  # (a comment's tag is a function: kind 0)
            kinds.append(kind)
            if kind:
                if kind & (_BLOCK | _BREAK):
                    if has_text:
                        pending.append((parts, block, links, link_chars))
                        links, link_chars, has_text = [], [0], False
                    if parts:
                        parts = []
                    if kind & _BLOCK:
                        blocks.append(block)
                        block = el
                elif kind & (_ALT | _CONTENT):
                    name = "alt" if kind & _ALT else "content"
                    value = el.get(name)
                    if value and value.strip(SPACES):
                        slots.append((el, name))
                        texts.append(value)
                        places.append(None)
                if kind & _LINK and link is None:
                    links.append(el)
                    link = el
                if kind & _MARK:
                    parts.append(OPEN)
            text = el.text
            where = TEXT
        else:
            kind = kinds.pop()
            if kind:
                if kind & _MARK:
                    parts.append(CLOSE)
                if kind & _BLOCK:
                    if has_text:
                        pending.append((parts, block, links, link_chars))
                        links, link_chars, has_text = [], [0], False
                    if parts:
                        parts = []
                    block = blocks.pop()
                if el is link:
                    link = None
            if not kinds:
                continue
            text = el.tail  # a tail belongs to the parent: block and link as restored
            where = TAIL
        if text:
            if text.strip(SPACES):
                slots.append((el, where))
                texts.append(text)
                has_text = True
                if link is None:
                    places.append((parts, len(parts), None))
                else:
                    link_chars[0] += len(text.strip())
                    places.append((parts, len(parts), link_chars))
            parts.append(text)
    if has_text:
        pending.append((parts, root, links, link_chars))
    return PageText(root, slots, texts, places, pending, hidden)


def _texts_outside(root: etree._Element, body: etree._Element,
                   slots: list[tuple[etree._Element, object]], texts: list[str],
                   places: list) -> None:
    """Slots of the text around <body>: the <head> (title, metas) and stray text of <html>.

    Read through ``.text``/``.tail`` like the walk, never as XPath text nodes: after
    ``strip_elements`` one ``.text`` may be two adjacent text nodes, and writing one node's
    value back through ``.text`` would drop the other.
    """
    def add(el: etree._Element, where: object, text: str | None) -> None:
        if text and text.strip(SPACES):
            slots.append((el, where))
            texts.append(text)
            places.append(None)

    add(root, TEXT, root.text)
    for child in root:
        if child is not body:
            for el in child.iter():
                add(el, TEXT, el.text)
                if el is not child:
                    add(el, TAIL, el.tail)
                if el.tag == "meta":
                    add(el, "content", el.get("content"))
                elif el.tag == "img":
                    add(el, "alt", el.get("alt"))
        add(child, TAIL, child.tail)


def page_lines(root: etree._Element) -> list[Line]:
    """Every visible line of ``root`` in document order (its text as it stands in the tree)."""
    walk = walk_page(root)
    walk.drop_hidden()
    return walk.lines()


def is_inside(el: etree._Element, ancestor: etree._Element) -> bool:
    while el is not None:
        if el is ancestor:
            return True
        el = el.getparent()
    return False


_CELLS = frozenset({"td", "th"})


def table_cell(block: etree._Element) -> etree._Element | None:
    """The table cell a line stands in (its block, or an ancestor up to three levels up)."""
    el = block
    for _ in range(4):
        if el is None:
            return None
        if el.tag in _CELLS:
            return el
        el = el.getparent()
    return None
