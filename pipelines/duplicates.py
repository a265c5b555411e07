"""Reposts: the same normalised article text under several URLs.

Two records are the same article when their ``content_hash`` (SHA-1 of the normalised title and
text) is equal and their ids differ. The *earliest* of them is the original: earliest
``published`` (records without a date come after dated ones; a date-only value sorts before a
date-time on the same day), then earliest ``fetched_at``, then the smaller id so the choice never
depends on file order. Every other record of the group is a repost and gets
``duplicate_of = <id of the original>``.
Records without text are never grouped: an empty body says nothing about identity.

Pure (no Scrapy, no I/O): works on record dicts and on :class:`branchnews.pipelines.dataset.Record` alike,
and never mutates its input.

Policies:

* ``mark`` (default): set ``duplicate_of`` on reposts, keep every record;
* ``drop``: leave reposts out (found here, or already marked upstream); originals stay;
* ``keep``: change nothing; the report still counts what ``mark`` would mark.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

POLICIES = ("mark", "drop", "keep")
DEFAULT_POLICY = "mark"

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class DuplicateReport:
    """What repost detection found: ``groups`` texts seen under 2+ ids, ``duplicates`` reposts."""

    policy: str
    groups: int = 0
    duplicates: int = 0
    dropped: int = 0
    skipped_no_text: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _get(record: Any, name: str) -> Any:
    return record.get(name) if isinstance(record, Mapping) else getattr(record, name)


def _with_duplicate_of(record: R, value: str | None) -> R:
    if _get(record, "duplicate_of") == value:
        return record
    if isinstance(record, Mapping):
        return {**record, "duplicate_of": value}  # type: ignore[return-value]
    return dataclasses.replace(record, duplicate_of=value)


def earliest_key(record: Any) -> tuple:
    """Sort key of "earliest": published, then fetched, then id (deterministic)."""
    published = _get(record, "published")
    return (published is None, published or "", _get(record, "fetched_at") or "", _get(record, "id"))


def _has_text(record: Any) -> bool:
    # An empty body says nothing about identity: two pages with no text are not one article.
    return bool(_get(record, "text"))


def find_duplicates(records: Iterable[Any]) -> dict[str, str]:
    """``{repost id: original id}`` over records with text; several versions of an id are fine."""
    return _find(records)[0]


def _find(records: Iterable[Any]) -> tuple[dict[str, str], int]:
    originals: dict[str, Any] = {}  # content_hash -> earliest record
    ids_by_hash: dict[str, set[str]] = {}
    for record in records:
        if not _has_text(record):
            continue
        digest = _get(record, "content_hash")
        ids_by_hash.setdefault(digest, set()).add(_get(record, "id"))
        best = originals.get(digest)
        if best is None or earliest_key(record) < earliest_key(best):
            originals[digest] = record
    found: dict[str, str] = {}
    groups = 0
    for digest, ids in ids_by_hash.items():
        if len(ids) < 2:
            continue
        groups += 1
        original = originals[digest]
        # An original already marked upstream (a repost of a record outside this dataset) passes
        # its own original on, so every repost points at the same root.
        root = _get(original, "duplicate_of") or _get(original, "id")
        for record_id in ids - {_get(original, "id")}:
            found[record_id] = root
    return found, groups


def apply_duplicates(records: Iterable[R], policy: str = DEFAULT_POLICY) -> tuple[list[R], DuplicateReport]:
    """Records with reposts marked, dropped or kept per ``policy``, and what was found."""
    if policy not in POLICIES:
        raise ValueError(f"unknown duplicates policy {policy!r}: use one of {', '.join(POLICIES)}")
    records = list(records)
    reposts, groups = _find(records)
    skipped = sum(1 for r in records if not _has_text(r))
    duplicates = sum(1 for r in records if _get(r, "id") in reposts)
    dropped = 0
    if policy == "mark":
        out = [_with_duplicate_of(r, reposts[_get(r, "id")]) if _get(r, "id") in reposts else r
               for r in records]
    elif policy == "drop":
        out = [r for r in records if _get(r, "id") not in reposts and not _get(r, "duplicate_of")]
        dropped = len(records) - len(out)
    else:
        out = records
    return out, DuplicateReport(policy=policy, groups=groups, duplicates=duplicates,
                                dropped=dropped, skipped_no_text=skipped)
