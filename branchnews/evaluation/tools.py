"""The extractors under comparison, each behind the same two calls.

``prepare(page)`` turns a corpus page into the tool's input and is *not* timed (only GNE needs
it: it takes decoded text). ``extract(input)`` is the timed call and returns an
:class:`Extracted`. Peers are imported lazily, so branchnews alone needs neither installed.

What each tool is asked to do (the "whole extraction" that is timed):

* branchnews: ``parse_article(Page(url, bytes, {}), normalizer=…)``: decoding, extraction and
  normalisation, with one :class:`~branchnews.pipelines.normalize.Normalizer` built before timing;
* trafilatura: ``bare_extraction(bytes, with_metadata=True, include_comments=False)``: it
  decodes the bytes itself; comments are left out because no label holds them. ``sitename``
  stands for the source; it has no editor field;
* GNE: ``GeneralNewsExtractor().extract(text)`` on text decoded (untimed) with branchnews's
  browser-like decoder, so GNE is not penalised for pages whose declared charset lies. GNE
  has no source or editor field; its ``author`` is scored as the author.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata

from branchnews.evaluation.corpus import CorpusPage

TOOL_NAMES = ("branchnews", "trafilatura", "gne")
ALL_FIELDS = frozenset({"title", "date", "source", "author", "editor", "body"})


class ToolUnavailable(Exception):
    """A peer tool is not installed."""


@dataclass(slots=True)
class Extracted:
    """What a tool found on one page (raw values, before any folding)."""

    title: str | None = None
    date: str | None = None
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    text: str = ""
    paragraphs: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Tool:
    name: str
    version: str
    fields: frozenset[str]
    prepare: Callable[[CorpusPage], object]
    extract: Callable[[object], Extracted]


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


def _lines(text: str | None) -> list[str]:
    return [ln.strip() for ln in (text or "").splitlines() if ln.strip()]


def _branchnews() -> Tool:
    from branchnews.crawler.pages.article import Page, parse_article
    from branchnews.pipelines.normalize import Normalizer

    normalizer = Normalizer()

    def prepare(page: CorpusPage) -> Page:
        return Page(page.url, page.body, {})

    def extract(page: Page) -> Extracted:
        record = parse_article(page, site="", normalizer=normalizer)
        return Extracted(record["title"], record["published"], record["source"], record["author"],
                         record["editor"], record["text"], list(record["paragraphs"]))

    return Tool("branchnews", _version("branchnews"), ALL_FIELDS, prepare, extract)


def _trafilatura() -> Tool:
    try:
        import trafilatura
    except ImportError as exc:
        raise ToolUnavailable("trafilatura is not installed (pip install 'trafilatura>=2.3')"
                              ) from exc

    def prepare(page: CorpusPage) -> bytes:
        return page.body

    def extract(body: bytes) -> Extracted:
        doc = trafilatura.bare_extraction(body, with_metadata=True, include_comments=False)
        if doc is None:
            return Extracted()
        return Extracted(doc.title, doc.date, doc.sitename, doc.author, None, doc.text or "",
                         _lines(doc.text))

    return Tool("trafilatura", _version("trafilatura"), ALL_FIELDS - {"editor"}, prepare, extract)


def _gne() -> Tool:
    try:
        from gne import GeneralNewsExtractor
    except ImportError as exc:
        raise ToolUnavailable("gne is not installed (pip install 'gne>=0.4.3')") from exc
    from branchnews.crawler.pages.decode import decode_html

    extractor = GeneralNewsExtractor()

    def prepare(page: CorpusPage) -> str:
        return decode_html(page.body, {}).text

    def extract(text: str) -> Extracted:
        result = extractor.extract(text)
        content = result.get("content") or ""
        return Extracted(result.get("title"), result.get("publish_time"), None,
                         result.get("author"), None, content, _lines(content))

    return Tool("gne", _version("gne"), ALL_FIELDS - {"source", "editor"}, prepare, extract)


_FACTORIES = {"branchnews": _branchnews, "trafilatura": _trafilatura, "gne": _gne}


def make_tool(name: str) -> Tool:
    """Build the named tool: :class:`ToolUnavailable` if not installed, KeyError if unknown."""
    if name not in _FACTORIES:
        raise KeyError(f"unknown tool {name!r} (known: {', '.join(TOOL_NAMES)})")
    return _FACTORIES[name]()
