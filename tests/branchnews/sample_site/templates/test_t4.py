"""templates/t4.py (DedeCMS): GBK pages with characters outside GB2312, no charset in the header."""

from __future__ import annotations

import json

import pytest

from tests.branchnews.sample_site.site_helpers import site_bytes


def test_gbk_pages_are_gbk_with_characters_outside_gb2312():
    headers = json.loads(site_bytes("_headers.json"))
    gbk_files = sorted(rel for rel in headers if rel.startswith("t4/"))
    assert gbk_files and all(headers[rel] == "text/html" for rel in gbk_files)
    joined = ""
    for rel in gbk_files:
        data = site_bytes(rel)
        text = data.decode("gbk")  # strict
        assert 'charset=gbk"' in text
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        joined += text
    for ch in "喆镕〇○·—":
        assert ch in joined
    with pytest.raises(UnicodeEncodeError):
        "张喆".encode("gb2312")
