"""build.py: the committed tree is exactly what the generator makes, and the seed is the shared sample."""

from __future__ import annotations

import hashlib
import json

from branchnews.sample_site import SEED_RELPATH, SITE_DIR
from branchnews.sample_site import build
from branchnews.sample_site.truth import ARTICLES
from tests.branchnews.sample_site.site_helpers import ARTICLE_URLS, SEED_SHA256, site_bytes


def test_seed_page_is_the_shared_sample_byte_for_byte():
    assert hashlib.sha256(site_bytes(SEED_RELPATH)).hexdigest() == SEED_SHA256


def test_committed_tree_equals_build_output():
    assert build.differences() == []


def test_build_is_deterministic():
    assert build.generate() == build.generate()


def test_build_writes_identical_bytes(tmp_path):
    (tmp_path / "site" / SEED_RELPATH).parent.mkdir(parents=True)
    (tmp_path / "site" / SEED_RELPATH).write_bytes(site_bytes(SEED_RELPATH))
    build.write(tmp_path / "site", tmp_path / "golden")
    assert build.differences(tmp_path / "site", tmp_path / "golden") == []
    assert build.write(tmp_path / "site", tmp_path / "golden") == 0  # second run: nothing to change


def test_at_least_30_articles_over_six_templates():
    assert len(ARTICLE_URLS) >= 30
    assert ARTICLE_URLS == sorted(set(ARTICLE_URLS))
    per_template = {t: sum(a.template == t for a in ARTICLES) for t in ("t1", "t2", "t3", "t4", "t5", "t6")}
    assert min(per_template.values()) >= 5 and sum(n >= 10 for n in per_template.values()) >= 3, per_template


def test_only_gbk_pages_have_header_overrides():
    """Every file listed in _headers.json is a GBK page (T4, T5); every other page is UTF-8."""
    headers = json.loads(site_bytes("_headers.json"))
    assert headers and all(rel.startswith(("t4/", "t5/")) for rel in headers)
    for path in SITE_DIR.rglob("*"):
        rel = path.relative_to(SITE_DIR).as_posix()
        if not path.is_file() or rel in headers or rel.endswith((".png", ".pdf")):
            continue
        path.read_bytes().decode("utf-8")  # strict: every unlisted text file is UTF-8
