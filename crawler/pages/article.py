"""One article record from the bytes of its page(s): the pure heart of branchnews.

Input is what a fetch gives (URL, body bytes, response headers); output is a record dict built
from the one record definition (:class:`branchnews.pipelines.record.Record`). No network, no
files, no Scrapy: the crawl, ``branchnews extract`` and the tests all call :func:`parse_article`.

Order of work: decode every page, prune what no reader sees, normalise all text of the article
as one document (the glued-pinyin test is per document), then read fields off the lines. Field
precedence, most trusted first, is commented where it is decided.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from lxml import etree

from branchnews.crawler.pages.body import (_HAN, _NEGATIVE, END_OF_ARTICLE, attachments_in, body_lines,
                                find_body, images_in, is_attachment_line, is_chrome, is_noise)
from branchnews.crawler.pages.bylines import (author_from_classes, byline_authors, closing_authors,
                                   dateline_authors, is_credit_line, source_from_classes)
from branchnews.crawler.pages.breadcrumb import LOCATION_LABEL, find_breadcrumb, split_crumbs
from branchnews.crawler.pages.dates import FoundDate, date_from_url, find_dates, parse_iso_like
from branchnews.crawler.pages.dates import list_date as dates_list_date
from branchnews.crawler.pages.decode import decode_html
from branchnews.crawler.pages.labels import EDITOR_PRIORITY, is_label_line, read_labels
from branchnews.crawler.pages.lines import Line, PageText, clean_space, parse_html, prune, text_of, walk_page
from branchnews.crawler.pages.sections import split_sections
from branchnews.crawler.pages.title import find_headline, similarity
from branchnews.pipelines.normalize import Normalizer, normalize_text
from branchnews.pipelines.identity import canonical_url, content_hash, record_id
from branchnews.pipelines.record import SCHEMA_VERSION, Attachment, Image, Record, Section

# <meta> names that carry the publish time, in order of trust (gov CMS first, then OpenGraph).
DATE_METAS = ("pubdate", "publishdate", "publish_date", "pubtime", "firstpublishedtime",
              "article:published_time", "og:article:published_time", "og:release_date",
              "dc.date.issued", "dc.date", "date", "lastmodifiedtime")
SOURCE_METAS = ("contentsource", "source", "og:article:source", "mediaid")
META_WINDOW = 10
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # lines between headline and body that may hold the info bar


class ExtractionError(ValueError):
    """A page that cannot be read at all (not HTML, empty). Carries the URL and the reason."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Page:
    """What one fetch gave: enough to reproduce the decoding exactly."""

    url: str
    body: bytes
    headers: Mapping[str, object] = field(default_factory=dict)
    status: int | None = None
    fetched_at: str | None = None


@dataclass(slots=True)
class _Parsed:
    page: Page
    root: etree._Element
    encoding: str
    declared: str | None


def parse_tree(page: Page) -> _Parsed:
    decoded = decode_html(page.body, page.headers)
    text = decoded.text.strip()
    if not text:
        raise ExtractionError(page.url, "empty page")
    if _CONTROL.search(text[:4096]):
        raise ExtractionError(page.url, "binary content, not an HTML page")
    # Bytes that decoded exactly as UTF-8 go to libxml2 as they are.
    utf8 = decoded.exact and decoded.encoding == "utf-8"
    try:
        root = parse_html(bytes(page.body) if utf8 else text)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ExtractionError(page.url, f"not parseable as HTML ({exc})") from exc
    if root is None:
        raise ExtractionError(page.url, "not parseable as HTML")
    prune(root)
    return _Parsed(page, root, decoded.encoding, decoded.declared)


def normalise_pages(walks: Sequence[PageText], normalizer: Normalizer):
    """Normalise the texts of all pages of one article as one document, in the trees too."""
    doc = normalizer.normalize([text for walk in walks for text in walk.texts])
    at = 0
    for walk in walks:
        walk.write(doc.texts[at:at + len(walk.texts)])
        at += len(walk.texts)
    return doc


def _meta(root: etree._Element, names: Sequence[str]) -> str | None:
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


def _select(root: etree._Element, xpath: str | None):
    if not xpath:
        return None
    try:
        result = root.xpath(xpath)
    except etree.XPathError as exc:
        raise ValueError(f"bad selector {xpath!r}: {exc}") from exc
    if isinstance(result, list):
        return result[0] if result else None
    return result


def _selected_text(root: etree._Element, xpath: str | None) -> str | None:
    hit = _select(root, xpath)
    if hit is None:
        return None
    text = text_of(hit) if isinstance(hit, etree._Element) else str(hit)
    return clean_space(text) or None


@dataclass(slots=True)
class _Layout:
    """Where the headline, the info lines and the body are on one page."""

    lines: list[Line]
    title: str | None
    title_index: int
    body: etree._Element | None
    body_lines: list[Line]
    before: list[Line]  # info lines between headline and body
    after: list[Line]  # lines right after the body (editor, author credits)
    figure: etree._Element | None = None  # lead picture and caption just above the body


def _layout(root: etree._Element, selectors: Mapping[str, str], lines: list[Line]) -> _Layout:
    body = _select(root, selectors.get("body")) if selectors.get("body") else None
    if not isinstance(body, etree._Element):
        body = find_body(lines, root)
    inside = set(body.iter()) if body is not None else set()
    prose_line = next((ln for ln in lines if ln.block in inside
                       and len(ln.text) >= 15 and ln.han >= 15), None)
    prose = prose_line.index if prose_line is not None else None
    title_el = None
    title = _selected_text(root, selectors.get("title"))
    if title is None:
        title, title_el = find_headline(root, lines, prose,
                                        prose_line.block if prose_line is not None else None)
    title_index = -1
    if title_el is not None:
        below = set(title_el.iter())
        title_index = next((ln.index for ln in lines if ln.block in below), -1)
    elif title:
        title_index = next((ln.index for ln in lines if ln.text == title), -1)

    blines = body_lines(lines, body, inside) if body is not None else []
    figure = _lead_figure(body) if body is not None and not selectors.get("body") else None
    if figure is not None:
        blines = body_lines(lines, figure) + blines
    blines = [ln for ln in blines if ln.index > title_index]
    start = blines[0].index if blines else len(lines)
    end = blines[-1].index if blines else len(lines)
    lo = title_index + 1 if 0 <= title_index < start else max(0, start - META_WINDOW)
    before = lines[lo:start][:META_WINDOW]
    after = lines[end + 1:end + 1 + META_WINDOW]
    return _Layout(lines, title, title_index, body, blines, before, after, figure)


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


def _in_noise(el: etree._Element, body: etree._Element, seen: dict) -> bool:
    """A block under a comment/sidebar/share container inside the body (``seen``: per-call cache,
    since the lines of one block share the answer)."""
    if el in seen:
        return seen[el]
    start, noisy = el, False
    while el is not None and el is not body:
        if _NEGATIVE.search(f'{el.get("class", "")} {el.get("id", "")}'):
            noisy = True
            break
        el = el.getparent()
    seen[start] = noisy
    return noisy



def _body_texts(layout: _Layout, title: str | None) -> list[str]:
    """Body lines that read as article text: no chrome, info labels, attachment lists or menus."""
    out: list[str] = []
    noise: dict[etree._Element, bool] = {}
    for line in layout.body_lines:
        text = line.text
        if (is_chrome(text) or text == title or is_label_line(line.marked or text)
                or is_attachment_line(line) or _in_noise(line.block, layout.body, noise)):
            continue
        if line.link_density > 0.7 and len(text) < 80:
            continue
        if len(text) <= 10 and not _HAN.search(text):
            continue  # widget residue: "+1", "SHARE", counters
        if is_noise(text) or (not out and _is_date_line(text)):
            continue  # (a date line opening the body is metadata; one closing it is a signature)
        if END_OF_ARTICLE.match(text) and len(out) >= 2:
            break
        out.append(text)
    return _drop_repeats(_drop_deck(out, title))


def _is_date_line(text: str) -> bool:
    dates = find_dates(text) if len(text) <= 30 else []
    return bool(dates) and len(text.replace(dates[0].raw, "").strip(" ()（）[]【】|")) <= 2


def _drop_deck(texts: list[str], title: str | None) -> list[str]:
    """The headline deck (引题/主题/副题) repeated at the top of the body container."""
    if not title or not texts:
        return texts
    first = texts[0]
    if len(first) > 40 or re.search(r"[。！？!?]", first) or not (
            title in first or first in title or similarity(first, title) >= 0.8):
        return texts
    n = 1
    while n < len(texts) and len(texts[n]) <= 30 and not re.search(r"[。！？!?]", texts[n]):
        n += 1
    return texts[n:] if n < len(texts) else texts


def _drop_repeats(texts: list[str]) -> list[str]:
    """A summary box (划重点, 摘要) repeats sentences of the body below it: keep the later copy."""
    out = []
    for i, text in enumerate(texts):
        if len(text) >= 12 and any(text in later for later in texts[i + 1:]):
            continue
        out.append(text)
    return out


def _without_credits(texts: list[str]) -> list[str]:
    """Byline and closing-credit lines feed ``author``; they are not body paragraphs."""
    last = len(texts) - 1
    return [t for i, t in enumerate(texts)
            if not (byline_authors(t) or ((i < 2 or i > last - 2) and is_credit_line(t)))]


def _credit_lines(layout: _Layout) -> list[Line]:
    """Lines that may carry labels, most trusted first."""
    head = [ln for ln in layout.body_lines[:4] if is_label_line(ln.marked or ln.text)]
    tail = [ln for ln in layout.body_lines[-4:]
            if is_label_line(ln.marked or ln.text) or is_credit_line(ln.text)]
    return [*layout.before, *head, *tail, *layout.after]


def _labeled_fields(lines: Sequence[Line]) -> dict[str, str | None]:
    """First non-empty value per field; the editor by label rank (责任编辑 > 责编 > 编辑)."""
    values: dict[str, str | None] = {}
    editors: dict[str, str] = {}
    for line in lines:
        for found in read_labels(line.marked or line.text):
            if found.field == "editor":
                if found.value and found.label not in editors:
                    editors[found.label] = found.value
            elif found.value and not values.get(found.field):
                values[found.field] = found.value
    values["editor"] = next((editors[label] for label in EDITOR_PRIORITY if label in editors), None)
    return values


def _unlabeled_author(opening: list[str], closing: list[str], header_blocks) -> str | None:
    """Byline element in the header, then a dateline or byline line opening the body, then a
    closing credit."""
    found = author_from_classes(header_blocks)
    if found:
        return found
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


def _publish_date(layout: _Layout, labeled: str | None, root: etree._Element,
                  url: str) -> FoundDate | None:
    # 1. the labeled date near the headline (发布时间/日期/时间 …)
    if labeled:
        dates = find_dates(labeled)
        if dates:
            return dates[0]
    # 2. an unlabeled date on an info line between headline and body (2017年09月14日 10:20 | …)
    for line in layout.before:
        if len(line.text) <= 120:
            dates = find_dates(line.text)
            if dates:
                return dates[0]
    # 3. machine dates in <meta>, 4. the URL. Body text, sidebars and footers are never asked.
    meta = _meta(root, DATE_METAS)
    found = parse_iso_like(meta) if meta else None
    return found or date_from_url(url)


def parse_article(pages: Sequence[Page] | Page, *, site: str = "", target: str = "simplified",
                  selectors: Mapping[str, str] | None = None,
                  normalizer: Normalizer | None = None, list_date: str | None = None) -> dict:
    """The record for one article, from its first page and any continuation pages.

    Built as a :class:`~branchnews.pipelines.record.Record` (the one definition of the fields)
    and returned as its JSON object, the shape the crawl's item pipelines and the writer take.
    """
    if isinstance(pages, Page):
        pages = [pages]
    if not pages:
        raise ValueError("parse_article needs at least one page")
    selectors = selectors or {}
    normalizer = normalizer or Normalizer(target=target)
    parsed = [parse_tree(page) for page in pages]
    walks = [walk_page(p.root) for p in parsed]
    doc = normalise_pages(walks, normalizer)
    for walk in walks:
        walk.drop_hidden()
    layouts = [_layout(p.root, selectors, walk.lines()) for p, walk in zip(parsed, walks)]
    first, first_root, url = layouts[0], parsed[0].root, pages[0].url

    title = first.title
    labeled = _labeled_fields([ln for layout in layouts for ln in _credit_lines(layout)])
    for name in ("source", "author", "editor", "published"):
        chosen = _selected_text(first_root, selectors.get(name))
        if chosen is not None:
            labeled[name] = chosen
    texts = [_body_texts(layout, title) for layout in layouts]
    header_blocks = [ln.block for ln in first.before]
    if not labeled.get("author"):
        labeled["author"] = _unlabeled_author(texts[0][:3], texts[-1][-3:], header_blocks) or next(
            (found for page_texts in texts for t in page_texts if (found := byline_authors(t))), None)
    if not labeled.get("source"):
        labeled["source"] = source_from_classes(header_blocks) or _meta(first_root, SOURCE_METAS)
    date = _publish_date(first, labeled.get("published"), first_root, url)
    from_list = False
    if date is None and list_date:
        # 5. the date the list page showed beside the link (year inferred when it has none)
        day = (pages[0].fetched_at or "")[:10]
        reference = dt.date.fromisoformat(day) if len(day) == 10 else dt.date.today()
        date = dates_list_date(normalize_text(list_date), reference)
        from_list = date is not None

    paragraphs = _without_credits([t for page_texts in texts for t in page_texts])
    split = split_sections(paragraphs)
    attachments, images = [], []
    for layout, page in zip(layouts, pages):
        if layout.body is not None:
            attachments += [a for a in attachments_in(layout.body, page.url) if a not in attachments]
            images += images_in(layout.figure, page.url) if layout.figure is not None else []
            images += images_in(layout.body, page.url)
    crumb_sel = _selected_text(first_root, selectors.get("breadcrumb"))
    if crumb_sel is not None:
        breadcrumb = split_crumbs(LOCATION_LABEL.sub("", crumb_sel, count=1))
    else:
        breadcrumb = find_breadcrumb(first.lines, first.title_index if first.title_index >= 0 else None)

    warnings = []
    if date is None:
        warnings.append("no_date")
    elif from_list:
        warnings.append("date_from_list")
    if not title:
        warnings.append("no_title")
    if not paragraphs:
        warnings.append("no_body")
    if parsed[0].declared:
        warnings.append(f"charset_mismatch:{parsed[0].declared}")

    text = "\n".join(paragraphs)
    return Record(
        schema_version=SCHEMA_VERSION,
        id=record_id(url),
        url=canonical_url(url),
        site=site,
        title=title or None,
        published=date.iso if date else None,
        published_raw=clean_space(date.raw.strip("/_")) if date else None,
        source=labeled.get("source") or None,
        author=labeled.get("author") or None,
        editor=labeled.get("editor") or None,
        breadcrumb=tuple(breadcrumb),
        preamble=tuple(split.preamble),
        sections=tuple(Section.from_dict(s) for s in split.sections),
        paragraphs=tuple(paragraphs),
        text=text,
        attachments=tuple(Attachment.from_dict(a) for a in attachments),
        images=tuple(Image.from_dict(i) for i in images),
        pages=len(pages),
        original_script=doc.original_script,
        script=target,
        normalization=tuple(doc.steps),
        encoding=parsed[0].encoding,
        content_hash=content_hash(title or None, text),
        version=1,
        updated_at=None,
        duplicate_of=None,
        fetched_at=pages[0].fetched_at,
        status=pages[0].status,
        warnings=tuple(warnings),
    ).as_dict()
