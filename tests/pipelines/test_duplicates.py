"""Reposts: same normalised text under several URLs → duplicate_of the earliest record."""

from __future__ import annotations

import pytest

from branchnews.pipelines.record import Record
from branchnews.pipelines.duplicates import POLICIES, apply_duplicates, earliest_key, find_duplicates
from branchnews.pipelines.identity import content_hash, record_id


def rec(url: str, text: str = "正文。", *, published=None, fetched="2026-01-01T00:00:00Z",
        title="标题", version=1, duplicate_of=None) -> dict:
    return {"id": record_id(url), "url": url, "title": title, "text": text,
            "content_hash": content_hash(title, text), "published": published,
            "fetched_at": fetched, "version": version, "duplicate_of": duplicate_of}


ORIGINAL = rec("http://a.example/1.html", published="2017-09-14")
REPOST = rec("http://b.example/9.html", published="2017-09-15")
OTHER = rec("http://a.example/2.html", "另一篇。", published="2017-09-16")


def test_repost_points_at_the_earliest_published():
    out, report = apply_duplicates([REPOST, OTHER, ORIGINAL])
    by_id = {r["id"]: r for r in out}
    assert by_id[REPOST["id"]]["duplicate_of"] == ORIGINAL["id"]
    assert by_id[ORIGINAL["id"]]["duplicate_of"] is None
    assert by_id[OTHER["id"]]["duplicate_of"] is None
    assert [r["id"] for r in out] == [REPOST["id"], OTHER["id"], ORIGINAL["id"]]  # order kept
    assert (report.groups, report.duplicates, report.dropped) == (1, 1, 0)


def test_input_is_not_mutated():
    records = [dict(REPOST), dict(ORIGINAL)]
    apply_duplicates(records)
    assert records == [REPOST, ORIGINAL]


def test_earliest_is_deterministic_without_dates():
    a = rec("http://a.example/x.html", fetched="2026-01-02T00:00:00Z")
    b = rec("http://b.example/y.html", fetched="2026-01-01T00:00:00Z")
    dated = rec("http://c.example/z.html", published="2020-01-01", fetched="2026-01-03T00:00:00Z")
    assert find_duplicates([a, b]) == {a["id"]: b["id"]}  # earlier fetch wins
    assert find_duplicates([a, b, dated]) == {a["id"]: dated["id"], b["id"]: dated["id"]}
    same = rec("http://d.example/1.html"), rec("http://e.example/1.html")
    assert find_duplicates(same) == find_duplicates(same[::-1])  # then the smaller id
    assert earliest_key(ORIGINAL) < earliest_key(REPOST)


def test_drop_and_keep_policies():
    out, report = apply_duplicates([ORIGINAL, REPOST, OTHER], "drop")
    assert [r["id"] for r in out] == [ORIGINAL["id"], OTHER["id"]]
    assert report.dropped == 1
    out, report = apply_duplicates([ORIGINAL, REPOST], "keep")
    assert out == [ORIGINAL, REPOST] and report.duplicates == 1


def test_unknown_policy():
    with pytest.raises(ValueError, match="mark, drop, keep"):
        apply_duplicates([ORIGINAL], "merge")
    assert POLICIES == ("mark", "drop", "keep")


def test_empty_text_is_not_evidence_of_a_repost():
    a = rec("http://a.example/1.html", "")
    b = rec("http://b.example/1.html", "")
    out, report = apply_duplicates([a, b])
    assert all(r["duplicate_of"] is None for r in out)
    assert report.skipped_no_text == 2 and report.duplicates == 0


def test_versions_of_one_id_are_not_reposts_of_each_other():
    v1 = rec("http://a.example/1.html")
    v2 = {**v1, "version": 2, "fetched_at": "2026-02-01T00:00:00Z"}
    assert find_duplicates([v1, v2]) == {}


def test_an_original_marked_upstream_passes_its_root_on():
    root = "0123456789abcdef"
    original = rec("http://a.example/1.html", published="2017-01-01", duplicate_of=root)
    repost = rec("http://b.example/1.html", published="2017-02-01")
    out, _ = apply_duplicates([original, repost])
    assert [r["duplicate_of"] for r in out] == [root, root]


def test_works_on_records_too():
    full = {"schema_version": "1.1", "site": "s", "published_raw": None, "source": None,
            "author": None, "editor": None, "breadcrumb": [], "preamble": [], "sections": [],
            "paragraphs": [], "attachments": [], "images": [], "pages": 1,
            "original_script": "simplified", "script": "simplified", "normalization": [],
            "encoding": "utf-8", "updated_at": None, "status": 200, "warnings": []}
    a = Record.from_dict({**full, **ORIGINAL})
    b = Record.from_dict({**full, **REPOST})
    out, _ = apply_duplicates([b, a])
    assert isinstance(out[0], Record) and out[0].duplicate_of == a.id and out[1] is a
