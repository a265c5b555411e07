"""Where the headline, the info lines and the body are on one page.

A profile's selectors win where given (compiled when the profile loads, where a bad XPath is
refused; one that still fails on a page is a :class:`ValueError` naming it); else the
body is found by text density (:mod:`~branchnews.crawler.pages.body`) and the headline as the
heading that best matches the page (:mod:`~branchnews.crawler.pages.title`). The lines between
them are where the info bar (date, source, editor) sits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

from branchnews.crawler.pages.body import SUMMARY_BOX, body_lines, find_body
from branchnews.crawler.pages.lines import Line, clean_space, table_cell, text_of
from branchnews.crawler.pages.title import HEADING_TAGS, find_headline

# How many lines around the body may hold the info bar and the closing credits.
META_WINDOW = 10
# How many lines above the headline may hold an info bar printed over it (breadcrumb, then
# ``发布时间：… 来源：…`` and a share box, then the headline): read only for fields still missing.
ABOVE_WINDOW = 12


def select(root: etree._Element, xpath: etree.XPath | None):
    if xpath is None:
        return None
    try:
        result = xpath(root)
    except etree.XPathError as exc:  # a predicate's function or variable, met only on this page
        raise ValueError(f"bad selector {xpath.path!r}: {exc}") from exc
    if isinstance(result, list):
        return result[0] if result else None
    return result


def selected_text(root: etree._Element, xpath: etree.XPath | None) -> str | None:
    hit = select(root, xpath)
    if hit is None:
        return None
    text = text_of(hit) if isinstance(hit, etree._Element) else str(hit)
    return clean_space(text) or None


@dataclass(slots=True)
class Layout:
    """Where the headline, the info lines and the body are on one page."""

    lines: list[Line]
    title: str | None
    title_index: int
    body: etree._Element | None
    body_lines: list[Line]
    before: list[Line]  # info lines between headline and body
    after: list[Line]  # lines right after the body (editor, author credits)
    figure: etree._Element | None = None  # lead picture and caption just above the body
    above: list[Line] = field(default_factory=list)  # lines just above the headline


def find_layout(root: etree._Element, selectors: Mapping[str, etree.XPath],
                lines: list[Line]) -> Layout:
    body = select(root, selectors.get("body"))
    if not isinstance(body, etree._Element):
        body = find_body(lines, root)
    inside = set(body.iter()) if body is not None else set()
    # (a heading is never the body's first prose line, however long: a headline inside the body
    # container, or a saved page that opens with ``<h3>标题</h3>``, is looked for above the prose)
    prose_line = next((ln for ln in lines if ln.block in inside and len(ln.text) >= 15 and ln.han >= 15
                       and ln.block.tag not in HEADING_TAGS), None)
    title_el = None
    title = selected_text(root, selectors.get("title"))
    if title is None:
        title, title_el = find_headline(root, lines, prose_line.index if prose_line is not None else None,
                                        prose_line.block if prose_line is not None else None)
    title_index = -1
    if title_el is not None:
        below = set(title_el.iter())
        title_index = next((ln.index for ln in lines if ln.block in below), -1)
    elif title:
        title_index = next((ln.index for ln in lines if ln.text == title), -1)

    blines = body_lines(lines, body, inside) if body is not None else []
    figure = _lead_figure(body) if body is not None and "body" not in selectors else None
    if figure is not None:
        blines = body_lines(lines, figure) + blines
    lead = _lead_paragraph(figure if figure is not None else body) if "body" not in selectors \
        and body is not None else None
    if lead is not None:
        blines = body_lines(lines, lead) + blines
    blines = [ln for ln in blines if ln.index > title_index]
    start = blines[0].index if blines else len(lines)
    end = blines[-1].index if blines else len(lines)
    lo = title_index + 1 if 0 <= title_index < start else max(0, start - META_WINDOW)
    before = _first_rows(lines[lo:start], META_WINDOW)
    after = lines[end + 1:end + 1 + META_WINDOW]
    above = _first_rows(lines[title_index - 1::-1], ABOVE_WINDOW)[::-1] if title_index > 0 else []
    return Layout(lines, title, title_index, body, blines, before, after, figure, above)


def _first_rows(lines: list[Line], rows: int) -> list[Line]:
    """The first ``rows`` lines, the cells of one table row counting as one line: an info table
    under the headline (索引号 | … | 发布机构 | …, 发布日期 | …) is read whole."""
    out: list[Line] = []
    last_row = None
    for line in lines:
        cell = table_cell(line.block)
        row = cell.getparent() if cell is not None else None
        if row is None or row is not last_row:
            if rows == 0:
                break
            rows -= 1
        last_row = row
        out.append(line)
    return out


# A lead set apart (a chapo, 导语) ends as a sentence does (a summary box is labelled: SUMMARY_BOX).
_SENTENCE_END = ("。", "！", "？", "”", "…")


def _lead_paragraph(first: etree._Element) -> etree._Element | None:
    """The article's lead paragraph set in a ``<p>`` of its own just before the body container
    (``<p class="chapo">…</p><div class="body">…</div>``): part of the article, not a summary box."""
    prev = first.getprevious()
    if prev is None or prev.tag != "p":
        return None
    text = clean_space(text_of(prev))
    links = sum(len(clean_space(text_of(a))) for a in prev.iter("a"))
    if len(text) < 30 or not text.endswith(_SENTENCE_END) or SUMMARY_BOX.match(text) \
            or links > len(text) / 4:
        return None
    return prev


def _lead_figure(body: etree._Element) -> etree._Element | None:
    """A lead picture with its caption placed just before the body container: part of the article."""
    prev = body.getprevious()
    if prev is None or not isinstance(prev.tag, str) or prev.find(".//img") is None:
        return None
    text = clean_space(text_of(prev))
    links = sum(len(clean_space(text_of(a))) for a in prev.iter("a"))
    if not 0 < len(text) <= 200 or links > len(text) / 2:
        return None
    return prev
