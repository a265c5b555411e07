"""The URL → file rule and the Content-Type of a file (pure; ``branchnews.sample_site``)."""

from __future__ import annotations

import json

import pytest

from branchnews.sample_site import content_type_for, url_to_relpath
from tests.branchnews.sample_site.site_helpers import UTF8_HTML, site_bytes


@pytest.mark.parametrize(
    "path, query, expected",
    [
        ("/", "", ["index.html", "index.shtml"]),
        ("/a/zbfc/", "", ["a/zbfc/index.html", "a/zbfc/index.shtml"]),
        ("/a/zbfc/index.html", "page=2", ["a/zbfc/index.html@page=2"]),
        ("/a/zbfc/", "page=2", ["a/zbfc/index.html@page=2", "a/zbfc/index.shtml@page=2"]),
        ("/t4/plus/view.php", "aid=124", ["t4/plus/view.php@aid=124"]),
        ("/t6/uploads/2017/09/%E9%99%84%E4%BB%B61.docx", "", ["t6/uploads/2017/09/附件1.docx"]),
        ("/../etc/passwd", "", None),
        ("/a/%2e%2e/%2e%2e/etc/passwd", "", None),
        ("/a/..%2f..%2fetc", "", None),
        ("/a/%5c..%5cetc", "", None),
        ("/a/%00.html", "", None),
        ("/_headers.json", "", None),
        ("/.git/config", "", None),
        ("/%ff.html", "", None),
        ("relative.html", "", None),
    ],
)
def test_url_to_relpath(path, query, expected):
    assert url_to_relpath(path, query) == expected


@pytest.mark.parametrize(
    "relpath, expected",
    [
        ("a/zbfc/2017/0914/120.html", UTF8_HTML),
        ("a/zbfc/index.html@page=2", UTF8_HTML),
        ("t6/zxgz/index.shtml", UTF8_HTML),
        ("t4/a/jcfc/2017/0914/123.html", "text/html"),  # listed in _headers.json
        ("t4/plus/view.php@aid=124", "text/html"),  # listed; .php has no default
        ("robots.txt", "text/plain; charset=utf-8"),
        ("uploads/soft/180612/1-1P612093Z1.pdf", "application/pdf"),
        ("t6/uploads/2017/09/fj2.xls", "application/vnd.ms-excel"),
        ("skin/images/logo.png", "image/png"),
        ("x/unknown.bin", "application/octet-stream"),
        ("t3/col/col1234/index.html@uid=4567&pageNum=2", UTF8_HTML),
        ("t3/art/2017/9/14/art_1234_56789.html", UTF8_HTML),
        ("t5/newsview.asp@Id=3890&Tid=4", "text/html; charset=utf-8"),  # listed: the lie
        ("t5/newsview.asp@Id=3915&Tid=4", "text/html"),  # listed: no charset, the meta lies
        ("t5/newsview.asp@Id=3871&Tid=4", "text/html; charset=gb2312"),
        ("t5/newslist.asp@Tid=4&page=2", "text/html; charset=utf-8"),
    ],
)
def test_content_type_for(relpath, expected):
    overrides = json.loads(site_bytes("_headers.json"))
    assert content_type_for(relpath, overrides) == expected
