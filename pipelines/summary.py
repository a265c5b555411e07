"""The counts of a manifest: records per channel and year, field coverage, time span, reposts.

Counted over the latest version of each record (and, for the crawl's time span and line count,
over every line). The lines are read as :class:`SummaryLine`, a small fixed-size view: a crawl's
manifest is built over the whole dataset, which must not cost memory in proportion to its text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from branchnews.pipelines.dataset import (DatasetError, check_schema_version, dataset_files,
                                          iter_lines)

# The record fields whose coverage (share of records with a value) manifests, cards and run
# summaries report, named as in the records.
COVERAGE = ("published", "source", "author", "editor", "sections", "attachments", "images")
NO_CHANNEL = "(none)"
HOME_CRUMBS = {"首页", "主页", "网站首页", "返回首页", "本站首页", "home", "index"}


class Counted(Protocol):
    """What the counts read of a record: a dataset :class:`~branchnews.pipelines.dataset.Record`
    or a :class:`SummaryLine`."""

    url: str
    breadcrumb: tuple
    published: str | None
    source: str | None
    author: str | None
    editor: str | None
    sections: Any
    attachments: Any
    images: Any
    fetched_at: str | None
    normalization: tuple
    original_script: str
    warnings: tuple
    duplicate_of: str | None


def channel(record: Counted) -> str:
    """The column an article sits in: the first breadcrumb item after the home item, else
    ``(none)``. Never a URL path segment: ``/a/zbfc/2017/…`` would give ``a``, a CMS folder,
    not a column anyone named (a record does not say which list page linked it)."""
    crumbs = [c for c in record.breadcrumb if c.strip()]
    if crumbs and (crumbs[0].strip().lower() in HOME_CRUMBS or len(crumbs) > 1):
        crumbs = crumbs[1:]  # the first item of a location path is the site's home
    return crumbs[0].strip() if crumbs else NO_CHANNEL


def _share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0


def _span(values: Iterable[str | None]) -> tuple[str | None, str | None]:
    present = sorted(v for v in values if v)
    return (present[0], present[-1]) if present else (None, None)


def _year(record: Counted) -> str:
    return record.published[:4] if record.published else "unknown"


def _sorted_counts(counter: Counter, *, by_key: bool = False) -> dict[str, int]:
    if by_key:
        items = sorted(counter.items(), key=lambda kv: (kv[0] == "unknown", kv[0]))
    else:
        items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return dict(items)


def summarise(records: list[Counted], all_lines: list[Counted]) -> dict[str, Any]:
    """Counts over records (latest versions) and lines (every version) of one group."""
    total = len(records)
    coverage = {name: _share(sum(1 for r in records if getattr(r, name)), total)
                for name in COVERAGE}
    fetched = _span(r.fetched_at for r in all_lines)
    published = _span(r.published[:10] if r.published else None for r in records)
    warnings = Counter(w.split(":", 1)[0] for r in records for w in r.warnings)
    return {
        "records": total,
        "record_lines": len(all_lines),
        "channels": _sorted_counts(Counter(channel(r) for r in records)),
        "years": _sorted_counts(Counter(_year(r) for r in records), by_key=True),
        "coverage": coverage,
        "time_span": {"fetched_first": fetched[0], "fetched_last": fetched[1],
                      "published_first": published[0], "published_last": published[1]},
        "normalization": _sorted_counts(Counter(s for r in records for s in r.normalization)),
        "original_script": _sorted_counts(Counter(r.original_script for r in records)),
        "warnings": _sorted_counts(warnings),
        "reposts": sum(1 for r in records if r.duplicate_of),
    }


@dataclass(slots=True)
class SummaryLine:
    """What a manifest needs of one record line, at a small fixed size (``text`` is ``"x"`` or
    empty, ``sections``, ``attachments`` and ``images`` bools, ``breadcrumb`` its first two
    items)."""

    id: str
    version: int
    site: str
    url: str
    breadcrumb: tuple
    published: str | None
    fetched_at: str | None
    editor: str | None
    author: str | None
    source: str | None
    sections: bool
    attachments: bool
    images: bool
    normalization: tuple
    original_script: str
    warnings: tuple
    duplicate_of: str | None
    content_hash: str
    text: str
    schema_version: str


def summary_lines(dataset: Path, damaged: list | None = None) -> Iterator[SummaryLine]:
    """Every record line of a dataset, versions and all, as :class:`SummaryLine`; lines that
    are not records are skipped (and listed in ``damaged``)."""
    shared: dict = {}  # one tuple object per distinct value (steps, warnings)
    for file in dataset_files(dataset):
        for number, obj in iter_lines(file, damaged):
            check_schema_version(obj.get("schema_version"), file, number)
            try:
                yield SummaryLine(
                    obj["id"], obj.get("version", 1), obj["site"], obj["url"],
                    tuple(obj.get("breadcrumb") or ())[:2], obj.get("published"),
                    obj.get("fetched_at"), obj.get("editor"), obj.get("author"), obj.get("source"),
                    bool(obj.get("sections")), bool(obj.get("attachments")),
                    bool(obj.get("images")),
                    shared.setdefault(("n", *obj.get("normalization", ())),
                                      tuple(obj.get("normalization", ()))),
                    obj.get("original_script", "simplified"),
                    shared.setdefault(("w", *obj.get("warnings", ())), tuple(obj.get("warnings", ()))),
                    obj.get("duplicate_of"), obj.get("content_hash", ""),
                    "x" if obj.get("text") else "", obj.get("schema_version", ""))
            except KeyError as exc:
                raise DatasetError(f"missing field {exc}", file, number) from None
