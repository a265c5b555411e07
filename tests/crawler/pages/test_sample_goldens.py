"""Every article of the bundled sample site, extracted from its saved bytes, equals its golden.

Goldens come from the sample site's truth data (``branchnews/sample_site/truth/``), never
from this extractor. Bytes and headers are exactly what the server sends.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from branchnews.sample_site import SITE_DIR, url_to_relpath
from branchnews.sample_site.server import content_type_for
from branchnews.crawler.pages.article import Page, parse_article
from branchnews.pipelines.record_schema import problems

GOLDEN_DIR = Path(__file__).resolve().parents[2] / "golden" / "sample"
# the bundled site's goldens and those of the small sites of their own (sites/<template>/)
GOLDENS = {p.stem: json.loads(p.read_text("utf-8"))
           for p in sorted([*GOLDEN_DIR.glob("t*.json"), *GOLDEN_DIR.glob("sites/*/t*.json")])}
OVERRIDES = json.loads((SITE_DIR / "_headers.json").read_text("utf-8"))


def saved_page(url: str) -> Page:
    parts = urlsplit(url)
    for relpath in url_to_relpath(parts.path, parts.query):
        file = SITE_DIR / relpath
        if file.is_file():
            headers = {"Content-Type": content_type_for(relpath, OVERRIDES)}
            return Page(url, file.read_bytes(), headers, 200)
    raise FileNotFoundError(url)


def page_urls(url: str, pages: int) -> list[str]:
    stem, dot, ext = url.rpartition(".")
    return [url] + [f"{stem}_{n}{dot}{ext}" for n in range(2, pages + 1)]


@lru_cache(maxsize=None)
def extracted(name: str) -> dict:
    golden = GOLDENS[name]
    return parse_article([saved_page(u) for u in page_urls(golden["url"], golden["pages"])],
                         site="sample")


CASES = [(name, field) for name, golden in GOLDENS.items() for field in golden]


def test_there_are_goldens():
    assert len(GOLDENS) >= 30


@pytest.mark.parametrize("name, field", CASES, ids=[f"{n}-{f}" for n, f in CASES])
def test_field(name, field):
    assert extracted(name)[field] == GOLDENS[name][field]


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_record_validates(name):
    assert problems(extracted(name)) == []
