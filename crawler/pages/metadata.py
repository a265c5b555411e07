"""Who and when: the labeled fields (source, author, editor, date), an author without a label,
and the publish date, each from the most trusted place first.

Labels are read on the info lines around the headline and at the body's edges; an author
without a label comes from a byline element, a dateline or a closing credit; the date from the
labeled date, then an info line, then ``<meta>``, then the URL (never the body text).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from lxml import etree

from branchnews.crawler.pages.body import END_OF_ARTICLE, is_noise
from branchnews.crawler.pages.bylines import (author_from_classes, byline_authors, closing_authors,
                                              credit_groups, dateline_authors, header_byline,
                                              is_credit_line)
from branchnews.crawler.pages.dates import FoundDate, date_from_url, find_dates, machine_date
from branchnews.crawler.pages.labels import (EDITOR_PRIORITY, PUBLISHED_PRIORITY, SUPPLIED_LABEL,
                                             is_label_line, is_label_word, read_labels)
from branchnews.crawler.pages.layout import Layout
from branchnews.crawler.pages.lines import Line, clean_space, table_cell, text_of
from branchnews.crawler.pages.paragraphs import badge_dates, badge_lines, is_date_line, value_on_next_line

# <meta> names that carry the publish time, in order of trust (gov CMS first, then OpenGraph).
DATE_METAS = ("pubdate", "publishdate", "publish_date", "pubtime", "firstpublishedtime",
              "article:published_time", "og:article:published_time", "og:release_date",
              "dc.date.issued", "dc.date", "date", "lastmodifiedtime")
# Of those, the ones that may name a later day than the publishing (a generic date, the last edit):
# a schema.org datePublished or a <time datetime> outranks them.
_WEAK_DATE_METAS = ("dc.date", "date", "lastmodifiedtime")
_STRONG_DATE_METAS = tuple(name for name in DATE_METAS if name not in _WEAK_DATE_METAS)
# <meta> names that carry the source (来源), in order of trust.
SOURCE_METAS = ("contentsource", "source", "og:article:source", "mediaid")


def meta_value(root: etree._Element, names: Sequence[str]) -> str | None:
    found: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        value = (el.get("content") or "").strip()
        if key and value and key not in found:
            found[key] = value
    for name in names:
        if name in found:
            return found[name]
    return None


def meta_source(root: etree._Element, title: str | None) -> str | None:
    """The source a meta tag names, unless it repeats the headline: a CMS template that fills
    ContentSource with the article's title has named no source."""
    value = meta_value(root, SOURCE_METAS)
    if value and title and title.replace(" ", "") in value.replace(" ", ""):
        return None
    return value


def credit_lines(layout: Layout) -> list[Line]:
    """Lines that may carry labels, most trusted first: the lines around the body, and the label
    lines among the body's first and last four before (after) its prose. A label line between
    paragraphs of text is the text's (a notice's ``时间：…`` is its event's)."""
    lines = layout.body_lines
    head = _edge(lines[:4], credits=False)
    tail = _edge(reversed(lines[-4:]), credits=True)[::-1]
    return [*layout.before, *_with_value_cells(head, lines[:5]), *_with_value_cells(tail, lines[-5:]),
            *layout.after]


def _with_value_cells(picked: list[Line], lines: Sequence[Line]) -> list[Line]:
    """``picked`` with the line after each, when that line is its label's value cell (a table
    closing the body: ``<td>撰稿：</td><td>李四</td>``)."""
    out = []
    for line in picked:
        out.append(line)
        at = next(i for i, ln in enumerate(lines) if ln is line)
        after = lines[at + 1] if at + 1 < len(lines) else None
        if after is not None and all(after is not p for p in picked) and (
                _value_cell(line, after) or value_on_next_line(line, after)):
            out.append(after)
    return out


def _edge(lines, *, credits: bool) -> list[Line]:
    """The label lines (and, with ``credits``, the credit lines) of a run of body lines, up to the
    first line of prose."""
    out = []
    for ln in lines:
        if is_label_line(ln.marked or ln.text) or (credits and is_credit_line(ln.text)):
            out.append(ln)
        elif len(ln.text) >= _PROSE_CHARS and not is_noise(ln.text):
            break
    return out


_PROSE_CHARS = 30  # a line of text this long is prose, where a body's edge ends


def body_credits(layout: Layout) -> list[Line]:
    """Bracketed credit lines of their own in the body, wherever they stand (``（撰稿：张三）`` where
    the article ends and appended material follows: 学生感想, 附: …, a second part). The last place
    asked for who wrote, edited or published it; never for the date (a ``时间：`` line in a
    notice's body is an event's)."""
    return [ln for ln in layout.body_lines
            if ln.text[:1] in _GROUP_OPEN and credit_groups(ln.text) and is_credit_line(ln.text)
            and read_labels(ln.marked or ln.text)]


_GROUP_OPEN = "（(【["  # a line of bracketed credits opens with one of them (bylines._GROUP)


_RANKED = {"editor": EDITOR_PRIORITY, "published": PUBLISHED_PRIORITY}


def _value_cell(line: Line, after: Line | None) -> Line | None:
    """The cell that holds the value of a label cell (``<td>发布日期：</td><td>2024-03-05</td>``): the
    next line, when it stands in the next cell of the same row and carries no label itself."""
    cell = table_cell(line.block)
    if after is None or cell is None or (following := cell.getnext()) is None \
            or table_cell(after.block) is not following:
        return None
    return None if read_labels(after.marked or after.text) else after


def labeled_fields(lines: Sequence[Line]) -> dict[str, str | None]:
    """First non-empty value per field; the editor (责任编辑 > 责编 > 编辑) and the date (发布日期 >
    成文日期 …) by label rank. A label alone in a table cell (with its colon or, in a disclosure
    table, without: ``<td>发布机构</td><td>某某局</td>``) has its value in the next cell. The
    writers credited on the first line that credits one (``记者：张三 通讯员：李四``) are the
    authors, joined with 、. Who supplied the text (供稿: often a unit) is the author only when no
    writer is credited (``供稿：某某学院 撰稿：张三`` → 张三). A 来源 label left empty gives ``""``:
    the page shows that it names no source, and no other place (a meta tag) is asked for one."""
    values: dict[str, str | None] = {}
    ranked: dict[str, dict[str, str]] = {field: {} for field in _RANKED}
    writers_line = None
    supplied = None
    for i, line in enumerate(lines):
        text = line.marked or line.text
        found_labels = read_labels(text)
        bare = not found_labels and is_label_word(line.text)  # a label cell without its colon
        after = lines[i + 1] if i + 1 < len(lines) else None
        if (bare or found_labels and found_labels[-1].value is None) and (
                cell := _value_cell(line, after) or (after if value_on_next_line(line, after) else None)):
            found_labels = read_labels(f"{text}{'：' if bare else ' '}{cell.marked or cell.text}")
        for found in found_labels:
            if found.label == SUPPLIED_LABEL:
                supplied = supplied or found.value
            elif found.field in ranked:
                if found.value and found.label not in ranked[found.field]:
                    ranked[found.field][found.label] = found.value
            elif found.field == "source" and found.value is None:
                values.setdefault("source", "")  # 来源 shown empty: the page names no source
            elif found.value and not values.get(found.field):
                values[found.field] = found.value
                writers_line = i if found.field == "author" else writers_line
            elif found.value and found.field == "author" and writers_line == i \
                    and found.value not in values["author"].split("、"):
                values["author"] += "、" + found.value
    for field, order in _RANKED.items():
        values[field] = next((ranked[field][label] for label in order if label in ranked[field]), None)
    if not values.get("author"):
        values["author"] = supplied
    return values


def header_texts(layout: Layout) -> list[str]:
    """The lines between the headline and the body. When the headline was found elsewhere (a
    meta tag, a page that repeats it above the body), only the lines after its last repeat."""
    before = [ln.text for ln in layout.before]
    repeats = [i for i, text in enumerate(before) if layout.title and text == layout.title]
    if repeats:
        return before[repeats[-1] + 1:]
    return before if layout.title_index >= 0 else []


def unlabeled_author(opening: list[str], closing: list[str], header_blocks,
                     header: Sequence[str] = ()) -> str | None:
    """Byline element in the header, then a byline line under the headline, then a dateline or
    byline line opening the body, then a closing credit."""
    found = author_from_classes(header_blocks)
    if found:
        return found
    for text in header:
        if byline := header_byline(text):
            # (the info row may name the first writer only, the byline opening the body all)
            names = set(byline.authors.split("、"))
            fuller = (found for t in opening[:3] if (found := byline_authors(t)))
            return next((f for f in fuller if names < set(f.split("、"))), byline.authors)
    for text in opening:
        labeled = [f.value for f in read_labels(text) if f.field == "author" and f.value] \
            if len(text) <= 40 else []
        found = (labeled[0] if labeled else None) or dateline_authors(text) or byline_authors(text)
        if found:
            return found
    for text in reversed(closing):
        found = closing_authors(text) or byline_authors(text) or dateline_authors(text[-60:])
        if found:
            return found
    return None


def byline_outlet(lines: Sequence[str]) -> str | None:
    """The outlet of an outlet byline (``上报快讯／范姜佳钰`` → 上报): the source when no label names one."""
    return next((b.outlet for text in lines if (b := header_byline(text)) and b.outlet), None)


def linked_data_date(root: etree._Element) -> str | None:
    """``datePublished`` of the page's schema.org JSON-LD (``<script type="application/ld+json">``,
    an object, a list of them or an ``@graph``), as written. Read before the scripts are pruned."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue  # a CMS's broken JSON-LD is no date
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                value = item.get("datePublished")
                if isinstance(value, str) and value.strip():
                    return value.strip()
                stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return None


def _time_element_date(layout: Layout, root: etree._Element) -> FoundDate | None:
    """A ``datetime`` of a ``<time>`` in the info lines, or of an element marked
    ``itemprop="datePublished"`` anywhere in the page."""
    for el in root.xpath('//*[normalize-space(@itemprop)="datePublished"]'):
        value = el.get("datetime") or el.get("content")
        if value and (found := machine_date(value)):
            return found
    for line in _info_lines(layout):
        for el in line.block.iter("time") if line.block is not None else ():
            value = el.get("datetime")
            if value and (found := machine_date(value)):
                return found
    return None


def _info_lines(layout: Layout) -> list[Line]:
    """The lines between headline and body that belong to the article: up to a heading that
    starts related content (关联稿件：, 相关新闻), whose dates are other articles'. Then the info
    row that opens the body container itself (``2021-03-05 | 收藏 | 报道：张三``, a date alone),
    which is not one of its paragraphs (:func:`~branchnews.crawler.pages.paragraphs.body_texts`)."""
    lines = []
    for line in layout.before:
        if END_OF_ARTICLE.match(line.text):
            break
        lines.append(line)
    opening = layout.body_lines[:4]
    badged = badge_lines(badge_dates(opening))
    for at, line in enumerate(opening):
        if line.text == layout.title:
            continue  # the headline printed inside the body container, above its info row
        if at not in badged and (at == 3 or not (
                is_label_line(line.marked or line.text) or is_date_line(line.text))):
            break
        lines.append(line)
    return _with_badges(lines)


def _with_badges(lines: list[Line]) -> list[Line]:
    """``lines`` with each date badge among them read as one line of its date, where it stands."""
    badges = badge_dates(lines)
    out, skip = [], -1
    for at, line in enumerate(lines):
        if at in badges:
            date, spans = badges[at]
            out.append(Line(date, line.block, line.index))
            skip = at + spans - 1
        elif at > skip:
            out.append(line)
    return out


def publish_date(layout: Layout, labeled: str | None, root: etree._Element,
                  url: str, linked_data: str | None = None) -> FoundDate | None:
    # 1. the labeled date near the headline (发布时间/日期/时间 …)
    if labeled:
        dates = find_dates(labeled)
        if dates:
            return dates[0]
    # 2. an unlabeled date on an info line between headline and body (2017年09月14日 10:20 | …),
    #    never one of a related-articles list there
    for line in _info_lines(layout):
        if len(line.text) <= 120:
            dates = find_dates(line.text)
            if dates:
                return dates[0]
    # 3. machine dates: a publish-time <meta>, schema.org datePublished (JSON-LD, itemprop), a
    #    <time datetime> in the info lines, a generic or last-modified <meta>; 4. the URL. Body
    #    text, sidebars and footers are never asked.
    meta = meta_value(root, _STRONG_DATE_METAS)
    found = machine_date(meta) if meta else None
    if found is None and linked_data:
        found = machine_date(linked_data)
    if found is None:
        found = _time_element_date(layout, root)
    if found is None and (meta := meta_value(root, _WEAK_DATE_METAS)):
        found = machine_date(meta)
    # 5. an element the page names as the publish or issue date (``<span id="paperdate">``, an
    #    e-paper's issue strip), its text a date alone, outside lists
    return found or date_from_url(url) or _named_date(root)


# Names (id or class) of an element holding the article's publish date or the paper's issue
# date; never a bare ``date`` or ``time``, which sidebars and lists use for every row.
_DATE_NAME = re.compile(r"pub[-_]?(?:lish)?[-_]?(?:date|time)|paper[-_]?date|release[-_]?(?:date|time)|"
                        r"post[-_]?(?:date|time)|fbsj|fbrq", re.I)


def _named_date(root: etree._Element) -> FoundDate | None:
    for el in root.iter():
        if not isinstance(el.tag, str) or not _DATE_NAME.search(f'{el.get("id") or ""} {el.get("class") or ""}'):
            continue
        if any(a.tag in ("li", "a") for a in el.iterancestors()) or len(el.xpath(".//a")):
            continue
        text = clean_space(text_of(el))
        if is_date_line(text):
            return find_dates(text)[0]
    return None
