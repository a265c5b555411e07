"""Golden tests: saved page bytes + response headers → the expected record, field by field.

Each folder under ``tests/fixtures/`` holds ``article.html`` (raw bytes, or ``article.html`` +
``article_2.html`` … for a multi-page article), ``meta.json`` (url, status, headers) and
``expected.json`` (the fields to check; fields it does not list are not asserted here).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from branchnews.crawler.pages.article import Page, parse_article
from branchnews.pipelines.identity import record_id
from branchnews.pipelines.record_schema import problems

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def load_case(folder: Path):
    meta = json.loads((folder / "meta.json").read_text("utf-8"))
    bodies = sorted(folder.glob("article*.html"), key=lambda p: (len(p.name), p.name))
    urls = meta.get("urls") or [meta["url"]]
    pages = [Page(url, body.read_bytes(), meta.get("headers", {}), meta.get("status"))
             for url, body in zip(urls, bodies)]
    expected = json.loads((folder / "expected.json").read_text("utf-8"))
    return pages, expected


CASES = sorted(p for p in FIXTURES.iterdir() if (p / "expected.json").exists())
FIELD_CASES = [(case, field) for case in CASES
               for field in json.loads((case / "expected.json").read_text("utf-8"))]


@pytest.fixture(scope="module")
def records():
    cache = {}

    def get(case: Path) -> dict:
        if case not in cache:
            pages, _ = load_case(case)
            cache[case] = parse_article(pages, site="fixture")
        return cache[case]
    return get


@pytest.mark.parametrize("case, field", FIELD_CASES, ids=[f"{c.name}-{f}" for c, f in FIELD_CASES])
def test_field(records, case, field):
    _, expected = load_case(case)
    assert records(case)[field] == expected[field]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_record_is_valid_and_clean(records, case):
    record = records(case)
    assert problems(record) == []
    assert record["id"] == record_id(record["url"])
    assert record["text"] == "\n".join(record["paragraphs"])
    blob = json.dumps(record, ensure_ascii=False)
    assert "\ufffd" not in blob and "?," not in blob
