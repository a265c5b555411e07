"""One article record from the bytes of its page(s): the pure heart of branchnews.

Input is what a fetch gives (URL, body bytes, response headers); output is a record dict built
from the one record definition (:class:`branchnews.pipelines.record.Record`). No network, no
files, no Scrapy: the crawl, ``branchnews extract`` and the tests all call :func:`parse_article`.

Order of work: decode every page, prune what no reader sees, normalise all text of the article
as one document (the glued-pinyin test is per document), then read fields off the lines: where
things are (:mod:`~branchnews.crawler.pages.layout`), the paragraphs
(:mod:`~branchnews.crawler.pages.paragraphs`), who and when
(:mod:`~branchnews.crawler.pages.metadata`). Field precedence, most trusted first, is commented
where it is decided.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urljoin, urlsplit
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from lxml import etree

from branchnews.crawler.pages.body import attachment_blocks, attachments_in, embedded_documents, images_in
from branchnews.crawler.pages.breadcrumb import LOCATION_LABEL, find_breadcrumb, split_crumbs
from branchnews.crawler.pages.bylines import (byline_authors, byline_editors, clean_author, dateline_outlet,
                                              headline_writer, outlet_in_info, peel_credit,
                                              source_from_classes)
from branchnews.crawler.pages.labels import read_labels
from branchnews.crawler.pages.dates import list_date as dates_list_date
from branchnews.crawler.pages.decode import DecodedPage, decode_html
from branchnews.crawler.pages.layout import find_layout, selected_text
from branchnews.crawler.pages.lines import (PageText, clean_space, parse_errors, parse_html,
                                            parse_limit, prune, walk_page)
from branchnews.crawler.pages.reparse import browser_tree, misparsed
from branchnews.crawler.pages.metadata import (body_credits, byline_outlet, credit_lines, header_texts,
                                               labeled_fields, linked_data_date, meta_source, publish_date,
                                               unlabeled_author)
from branchnews.crawler.pages.paragraphs import TableRow, body_texts, without_credits
from branchnews.crawler.pages.scripted import run_scripts
from branchnews.crawler.pages.sections import split_sections
from branchnews.crawler.pages.title import uncut_headline
from branchnews.pipelines.identity import canonical_url, content_hash, record_id
from branchnews.pipelines.normalize import Normalizer, normalize_text
from branchnews.pipelines.record import SCHEMA_VERSION, Attachment, Image, Record, Section

# Control characters in the first 4 KB of decoded text: binary content, not an HTML page.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


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
    # Where relative links resolve from when it is not ``url``: a saved page read without its
    # address gives "" so its links stay relative instead of becoming file:// paths.
    base_url: str | None = None
    _decoded: list = field(default_factory=list, init=False, repr=False, compare=False)

    def decoded(self) -> DecodedPage:
        """The text as a browser decodes these bytes, worked out once: the crawl's decisions
        (readable? a continuation?) and the extractor all read the same page."""
        if not self._decoded:
            self._decoded.append(decode_html(self.body, self.headers))
        return self._decoded[0]


@dataclass(slots=True)
class _Parsed:
    page: Page
    root: etree._Element
    encoding: str
    declared: str | None
    replaced: int = 0  # U+FFFD the decoding put in (DecodedPage.replaced)
    base: str = ""  # where the page's relative links point from (see link_base)
    linked_data_date: str | None = None  # JSON-LD datePublished, read before the scripts go
    embedded: list = field(default_factory=list)  # documents shown in frames, read before they go


def parse_tree(page: Page) -> _Parsed:
    decoded = page.decoded()
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
    if limit := parse_limit(utf8):
        raise ExtractionError(page.url, f"too deep or too large for the HTML parser ({limit})")
    if root is None:
        raise ExtractionError(page.url, "not parseable as HTML")
    if misparsed(root, parse_errors(utf8)):
        root = browser_tree(text)
    base = link_base(root, page)
    linked = linked_data_date(root)
    embedded = embedded_documents(root, base)
    run_scripts(root, text)  # (what the info row's scripts print, the text they show)
    prune(root)
    return _Parsed(page, root, decoded.encoding, decoded.declared, decoded.replaced, base, linked, embedded)


def link_base(root: etree._Element, page: Page) -> str:
    """What a browser resolves the page's relative links against: its ``<base href>`` (itself
    relative to the page's address), else the address (``Page.base_url`` when given)."""
    address = page.url if page.base_url is None else page.base_url
    for base in root.iter("base"):
        href = (base.get("href") or "").strip()
        if not href:
            continue  # a browser takes the first <base> that has an href
        joined = urljoin(address, href)
        if urlsplit(joined).scheme in ("http", "https") or not address:
            return joined
        break
    return address


def normalise_pages(walks: Sequence[PageText], normalizer: Normalizer):
    """Normalise the texts of all pages of one article as one document, in the trees too."""
    doc = normalizer.normalize([text for walk in walks for text in walk.texts])
    at = 0
    for walk in walks:
        walk.write(doc.texts[at:at + len(walk.texts)])
        at += len(walk.texts)
    return doc


def parse_article(pages: Sequence[Page] | Page, *, site: str = "", target: str = "simplified",
                  selectors: Mapping[str, etree.XPath] | None = None,
                  normalizer: Normalizer | None = None, list_date: str | None = None) -> dict:
    """The record for one article, from its first page and any continuation pages.

    Built as a :class:`~branchnews.pipelines.record.Record` (the one definition of the fields)
    and returned as its JSON object, the shape the crawl's item pipelines and the writer take.
    ``selectors`` are a profile's compiled XPaths (:attr:`SiteProfile.selectors
    <branchnews.crawler.profiles.SiteProfile>`): checked once when the profile loaded.
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
    layouts = [find_layout(p.root, selectors, walk.lines()) for p, walk in zip(parsed, walks)]
    first, first_root, url = layouts[0], parsed[0].root, pages[0].url

    title = first.title
    labeled = labeled_fields([ln for layout in layouts for ln in credit_lines(layout)])
    # an info bar printed above the headline, for what the lines around the body did not give
    for name, value in labeled_fields(first.above).items():
        labeled[name] = labeled.get(name) or value
    # a credit line of its own inside the body, for a credit the lines around it did not give
    for name, value in labeled_fields([ln for layout in layouts for ln in body_credits(layout)]).items():
        if name in ("author", "editor", "source") and labeled.get(name) is None:
            labeled[name] = value
    for name in ("source", "author", "editor", "published"):
        chosen = selected_text(first_root, selectors.get(name))
        if chosen is not None:
            labeled[name] = chosen
    texts, decks = map(list, zip(*(body_texts(layout, title) for layout in layouts)))
    if whole := uncut_headline(title, [*decks[0][:2], *texts[0][:1]]):
        title = whole  # (out of the body, as the repeat of the headline is)
        texts[0] = texts[0][1:] if texts[0][:1] == [whole] else texts[0]
    # (the lines that may credit someone: a data table's rows are text, never a byline)
    written = [[t for t in page_texts if not isinstance(t, TableRow)] for page_texts in texts]
    closing = written[-1][-3:]
    if texts[-1] and not isinstance(texts[-1][-1], TableRow):
        # a credit glued to the last paragraph: into the fields, out of the body
        texts[-1][-1], credit = peel_credit(texts[-1][-1])
        if credit:
            closing = [*written[-1][-3:-1], texts[-1][-1], credit]
            for found in read_labels(credit):
                if found.field in ("author", "editor", "source") and found.value:
                    labeled[found.field] = labeled.get(found.field) or found.value
    header_blocks = [ln.block for ln in first.before]
    header = [*header_texts(first), *decks[0][1:]]  # (a byline under the body's repeat of the headline)
    labeled["author"] = clean_author(labeled.get("author"))
    if not labeled.get("author"):
        # (the body's first lines: a byline may follow a repeat of the headline block there)
        labeled["author"] = unlabeled_author(written[0][:5], closing, header_blocks, header) \
            or headline_writer(title, decks[0]) or next(
            (found for page_texts in written for t in page_texts if (found := byline_authors(t))), None)
    if labeled.get("author") and (editors := set().union(*map(byline_editors, [*header, *written[0][:3]]))):
        writers = [n for n in labeled["author"].split("、") if n not in editors]
        labeled["author"] = "、".join(writers) or labeled["author"]
    if labeled.get("source") is None:
        # (an outlet alone on the info row is where the page names its source; a byline's outlet
        # is the writer's, and a reprint's info row names the outlet that published it)
        labeled["source"] = (source_from_classes(header_blocks) or outlet_in_info(header)
                             or byline_outlet([*header, *written[0][:3]])
                             or next(filter(None, map(dateline_outlet, written[0][:2])), None)
                             or meta_source(first_root, title))
    date = publish_date(first, labeled.get("published"), first_root, url, parsed[0].linked_data_date)
    from_list = False
    if date is None and list_date:
        # 5. the date the list page showed beside the link (year inferred when it has none)
        day = (pages[0].fetched_at or "")[:10]
        reference = dt.date.fromisoformat(day) if len(day) == 10 else dt.date.today()
        date = dates_list_date(normalize_text(list_date), reference)
        from_list = date is not None

    paragraphs = without_credits([t for page_texts in texts for t in page_texts])
    split = split_sections(paragraphs)
    found, images = [], []
    for layout, page in zip(layouts, parsed):
        if layout.body is not None:
            found += [a for block in attachment_blocks(layout.body) for a in attachments_in(block, page.base)]
            images += images_in(layout.figure, page.base) if layout.figure is not None else []
            images += images_in(layout.body, page.base)
        found += page.embedded
    unique: dict[str, dict] = {}
    for attachment in found:
        unique.setdefault(attachment["url"], attachment)  # (each document once, where first listed)
    attachments = list(unique.values())
    crumb_sel = selected_text(first_root, selectors.get("breadcrumb"))
    if crumb_sel is not None:
        breadcrumb = split_crumbs(LOCATION_LABEL.sub("", crumb_sel, count=1))
    else:
        breadcrumb = find_breadcrumb(first.lines, first.title_index if first.title_index >= 0 else None)

    if not title and not paragraphs:
        # Nothing a reader would call an article (a page of links, an error page served 200, a
        # shell a script fills in): a page failure, not an empty record.
        raise ExtractionError(url, "nothing to extract: no headline and no body text")
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
    if replaced := sum(p.replaced for p in parsed):  # bytes no charset could read, every page
        warnings.append(f"replacement_chars:{replaced}")

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
