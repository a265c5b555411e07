"""List-page evaluation: the main listing's article links and the pager's forward pages, per
page and overall, for branchnews and its peers in one run.

Labeled list pages use the corpus layout (:mod:`.corpus`: ``labels.jsonl`` with ``id``,
``url``, ``articles``, ``next_pages``; ``html/<id>.html``), read from one or more folders.
Tools, each given the page bytes and its labeled URL:

* ``branchnews``: :func:`~branchnews.crawler.pages.listing.page_links` (role, listing, pager);
* ``patterns``: the crawl before structure was read, ``list_links`` with the default CMS URL
  patterns (what a profile without ``[links]`` followed);
* ``gerapy``: gerapy-auto-extractor's ``extract_list(text, base_url=url)`` on text decoded by
  branchnews's browser-like decoder; it finds no pager.

Scores: article-link recall (found label links / label links) and precision (found label links
/ links returned), summed over pages; pagination, the share of pages whose first labeled
forward page is among the tool's (a page whose label has none: the tool gives none). URLs are
compared with their fragment dropped and HTML entities unescaped on both sides (labels were
unescaped with Python's ``html.unescape``, which reads ``&times`` in ``&timescope=`` as ×).
"""

from __future__ import annotations

import hashlib
import html
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from branchnews.evaluation.corpus import CorpusError, CorpusPage, corpus_sha256, load

ENV_VAR = "BRANCHNEWS_LISTS"
DEFAULT_RELATIVE = Path("..") / "shared" / "lists"
LIST_TOOLS = ("branchnews", "patterns", "gerapy")
MEASURES = ("recall", "precision", "pagination")


class ToolUnavailable(Exception):
    """A peer is not installed, or is installed but fails to import (the message says which)."""


@dataclass(frozen=True, slots=True)
class Found:
    articles: list[str]
    next_pages: list[str] | None  # None: the tool has no pager


@dataclass(frozen=True, slots=True)
class ListTool:
    name: str
    version: str
    run: Callable[[CorpusPage], Found]


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


def _branchnews() -> ListTool:
    from branchnews.crawler.pages.listing import page_links

    def run(page: CorpusPage) -> Found:
        found = page_links(page.body, str(page.label["url"]), {})
        # The listing is scored whole: rows that link a document (PDF…) are rows too.
        return Found(found.articles + found.files, found.next_pages)

    return ListTool("branchnews", _version("branchnews"), run)


def _patterns() -> ListTool:
    from branchnews.crawler.pages.links import list_links

    def run(page: CorpusPage) -> Found:
        found = list_links(page.body, str(page.label["url"]), {})
        return Found(found.articles, found.lists)

    return ListTool("patterns", _version("branchnews"), run)


def _gerapy() -> ListTool:
    try:
        from gerapy_auto_extractor import extract_list
    except ImportError as exc:
        if exc.name and exc.name.split(".")[0] != "gerapy_auto_extractor":
            raise ToolUnavailable(f"gerapy-auto-extractor is installed but fails to import: "
                                  f"{exc}") from exc
        raise ToolUnavailable("gerapy-auto-extractor is not installed "
                              "(pip install 'gerapy-auto-extractor>=0.2.1')") from exc
    from branchnews.crawler.pages.decode import decode_html

    def run(page: CorpusPage) -> Found:
        url = str(page.label["url"])
        rows = extract_list(decode_html(page.body, {}).text, base_url=url) or []
        return Found([r["url"] for r in rows if r.get("url")], None)

    return ListTool("gerapy", _version("gerapy-auto-extractor"), run)


_FACTORIES = {"branchnews": _branchnews, "patterns": _patterns, "gerapy": _gerapy}


def make_list_tool(name: str) -> ListTool:
    if name not in _FACTORIES:
        raise KeyError(f"unknown list tool {name!r} (known: {', '.join(LIST_TOOLS)})")
    return _FACTORIES[name]()


# --- where the pages are ------------------------------------------------------------------


def locate_lists(explicit: Sequence[str | os.PathLike] = (), *, base: Path | None = None
                 ) -> list[Path]:
    """The list folders: *explicit*, else ``<base>/../shared/lists`` when it exists plus every
    folder in ``$BRANCHNEWS_LISTS`` (``os.pathsep``-separated) that holds labels."""
    if explicit:
        roots = [Path(p) for p in explicit]
        for root in roots:
            if not (root / "labels.jsonl").is_file():
                raise CorpusError(f"no labels.jsonl in {root}")
        return roots
    roots, tried = [], []
    shared = (base or Path.cwd()) / DEFAULT_RELATIVE
    (roots if (shared / "labels.jsonl").is_file() else tried).append(shared)
    for item in filter(None, os.environ.get(ENV_VAR, "").split(os.pathsep)):
        path = Path(item)
        (roots if (path / "labels.jsonl").is_file() else tried).append(path)
    if not roots:
        raise CorpusError("no labeled list pages found; tried "
                          + (", ".join(map(str, tried)) or str(shared))
                          + f". Set {ENV_VAR} or pass the folders.")
    return list(dict.fromkeys(roots))


def load_pages(roots: Sequence[Path]) -> tuple[list[CorpusPage], list[str]]:
    """Every labeled page of every folder (an id met twice is named by its folder too)."""
    pages, warnings, seen = [], [], set()
    for root in roots:
        corpus = load(root)
        warnings += corpus.warnings
        for page in corpus.pages:
            if page.id in seen:
                page = CorpusPage(f"{root.name}/{page.id}", page.path, page.label, page.body,
                                  page.error)
            seen.add(page.id)
            pages.append(page)
    return pages, warnings


def lists_sha256(roots: Sequence[Path]) -> str:
    """One fingerprint over the folders (each folder's corpus hash, in order)."""
    if len(roots) == 1:
        return corpus_sha256(roots[0])
    digest = hashlib.sha256()
    for root in roots:
        digest.update(corpus_sha256(root).encode() + b"\0")
    return digest.hexdigest()


# --- scoring ------------------------------------------------------------------------------


def same_url(url: str) -> str:
    return html.unescape(url).split("#", 1)[0]


@dataclass(slots=True)
class PageScore:
    id: str
    cms: str
    expected: int
    returned: int
    right: int
    pager_hit: bool | None  # None: the tool has no pager
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    pager_got: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass(slots=True)
class ListScores:
    tool: str
    version: str
    pages: list[PageScore]

    def value(self, measure: str) -> float | None:
        if measure == "recall":
            total = sum(p.expected for p in self.pages)
            return sum(p.right for p in self.pages) / total if total else None
        if measure == "precision":
            total = sum(p.returned for p in self.pages)
            return sum(p.right for p in self.pages) / total if total else 0.0
        hits = [p.pager_hit for p in self.pages if p.pager_hit is not None]
        if len(hits) < len(self.pages):
            return None
        return sum(hits) / len(hits) if hits else None

    def values(self) -> dict[str, float]:
        return {m: v for m in MEASURES if (v := self.value(m)) is not None}


def score_page(page: CorpusPage, found: Found | None, error: str | None = None) -> PageScore:
    want = [same_url(u) for u in page.label.get("articles") or []]
    pager = [same_url(u) for u in page.label.get("next_pages") or []]
    cms = str(page.label.get("cms") or "")
    if found is None:
        return PageScore(page.id, cms, len(want), 0, 0, False, want, error=error or "no result")
    got = list(dict.fromkeys(same_url(u) for u in found.articles))
    hit = None
    pager_got: list[str] = []
    if found.next_pages is not None:
        pager_got = [same_url(u) for u in found.next_pages]
        hit = (pager[0] in pager_got) if pager else not pager_got
    right = len(set(got) & set(want))
    return PageScore(page.id, cms, len(want), len(got), right, hit,
                     [u for u in want if u not in set(got)], [u for u in got if u not in set(want)],
                     pager_got)


def evaluate_lists(pages: Sequence[CorpusPage], tools: Sequence[ListTool]) -> list[ListScores]:
    """Every tool on every page; a page a tool fails on is a miss with its error."""
    results = []
    for tool in tools:
        scored = []
        for page in pages:
            if page.body is None:
                scored.append(score_page(page, None, page.error))
                continue
            try:
                found = tool.run(page)
            except Exception as exc:  # one page's failure is that page's miss
                scored.append(score_page(page, None, f"{type(exc).__name__}: {exc}"))
                continue
            scored.append(score_page(page, found))
        results.append(ListScores(tool.name, tool.version, scored))
    return results
