"""What an article of the truth is: its fields and its body blocks.

Everything the sample site serves (pages, lists, goldens) is generated from these records
(``templates/``, ``golden.py``, ``build.py``). Text here is what a perfect extractor returns:
simplified Chinese with full-width Chinese punctuation, no leading/trailing whitespace, single
inner spaces. The page renderers may only *corrupt* it in ways the pipeline's normaliser reverses
(ASCII punctuation after Han on T1 pages, OpenCC ``s2t`` for traditional pages, indentation
whitespace); ``text.Style`` checks each corruption round-trips and fails loudly otherwise.

A body is a sequence of blocks:

* ``str``: one paragraph (headings included: ``一、…`` level 1, ``（一）…`` level 2);
* :class:`Img`: an image-only paragraph (goes to ``images``, not ``paragraphs``);
* :class:`Files`: a ``附件：`` line (goes to ``attachments``, not ``paragraphs``);
* :data:`PAGE`: a page break (DedeCMS ``{aid}_2.html`` continuation pages, T4 only).

Bylines (source, author, editor) and the date are fields, rendered by each template's chrome.
All names, places and events are synthetic except the seed article (T1, aid 120), whose text
is the seed sample's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

__all__ = ["Article", "Block", "Files", "Img", "PAGE", "PageBreak"]


@dataclass(frozen=True)
class Img:
    """An image paragraph. ``src`` as written in the page; ``alt=None`` means no alt attribute."""

    src: str
    alt: str | None


@dataclass(frozen=True)
class Files:
    """One ``附件：`` line: ``(link text, href as written in the page)`` pairs."""

    links: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class PageBreak:
    """The article continues on its next page (``{aid}_{n}.html``)."""


PAGE = PageBreak()

Block = Union[str, Img, Files, PageBreak]


@dataclass(frozen=True)
class Article:
    template: str  # "t1" … "t6": which chrome renders it
    column: str  # key of the list (column) that links it
    path: str  # URL path (and query) of the first page, from the site root
    title: str
    published: str | None  # ISO date, or date-time +08:00 when the page shows a time
    published_raw: str | None  # the date text exactly as the page shows it (normalised)
    source: str | None
    author: str | None
    editor: str | None
    breadcrumb: tuple[str, ...]
    body: tuple[Block, ...]
    script: str = "simplified"  # script the page is written in: "simplified" | "traditional"
    ascii_punct: bool = False  # T1: page shows ASCII , : ; ! ? ( ) after Han like the seed
    variant: str = ""  # template-specific chrome variant (see templates/)
    photographer: str | None = None  # T6 "alt_labels" variant, T3: the 图/ credit (not a record field)
    verbatim: bool = False  # page bytes are committed as-is (the seed), not generated
    reviewer: str | None = None  # T3: 审核 (never the editor, not a record field)
    poster: str | None = None  # T5: 发布人, who posted it (not the source, not a record field)
    correspondent: str | None = None  # T5: 通讯员 in the credit line (not the author)
    unit: str | None = None  # T5: unit in a （{unit} {author}） credit line
