"""templates/t5.py (ASP legacy): GBK bytes behind lying charsets, a page with no date, credit lines."""

from __future__ import annotations

import json
import re

import pytest
from w3lib.encoding import html_to_unicode

from branchnews.sample_site import SITE_DIR
from tests.branchnews.sample_site.site_helpers import GOLDENS, site_bytes, assert_credit_lines_close_the_body


T5_HEADER_LIES = ["t5/newsview.asp@Id=3890&Tid=4", "t5/newsview.asp@Id=3902&Tid=4",
                  "t5/newslist.asp@Tid=4&page=1", "t5/newslist.asp@Tid=4&page=2"]

T5_META_LIES = "t5/newsview.asp@Id=3915&Tid=4"


def test_t5_every_page_is_gbk_and_listed():
    headers = json.loads(site_bytes("_headers.json"))
    pages = sorted(p.relative_to(SITE_DIR).as_posix() for p in (SITE_DIR / "t5").glob("news*.asp@*"))
    assert len(pages) == 7 and sorted(rel for rel in headers if rel.startswith("t5/")) == pages
    for rel in pages:
        data = site_bytes(rel)
        data.decode("gbk")  # strict
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")


@pytest.mark.parametrize("rel", T5_HEADER_LIES)
def test_t5_lying_header_files_are_gbk_bytes(rel):
    """The header says utf-8, the meta says gb2312, the bytes are GBK with characters outside GB2312."""
    headers = json.loads(site_bytes("_headers.json"))
    assert headers[rel] == "text/html; charset=utf-8"
    data = site_bytes(rel)
    text = data.decode("gbk")  # strict
    assert 'content="text/html; charset=gb2312"' in text
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    encoding, decoded = html_to_unicode(headers[rel], data)  # what a browser and Scrapy do: the header wins
    assert encoding == "utf-8" and "\ufffd" in decoded
    if "newsview" in rel:
        assert any(ch in text for ch in "〇镕喆")
        with pytest.raises(UnicodeEncodeError):
            text.encode("gb2312")


def test_t5_meta_lies_sibling_is_gbk_bytes():
    headers = json.loads(site_bytes("_headers.json"))
    assert headers[T5_META_LIES] == "text/html"  # no charset in the header
    data = site_bytes(T5_META_LIES)
    text = data.decode("gbk")
    assert '<meta charset="utf-8">' in text and "gb2312" not in text
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    encoding, decoded = html_to_unicode(headers[T5_META_LIES], data)  # trusting the meta gives mojibake
    assert encoding == "utf-8" and "\ufffd" in decoded


def test_t5_gb2312_label_needs_gbk():
    """Honest header and meta both say gb2312, but the text has 喆: only GBK/GB18030 decodes it."""
    rel = "t5/newsview.asp@Id=3871&Tid=4"
    assert json.loads(site_bytes("_headers.json"))[rel] == "text/html; charset=gb2312"
    data = site_bytes(rel)
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb2312")
    assert "张喆" in data.decode("gb18030")
    encoding, decoded = html_to_unicode("text/html; charset=gb2312", data)
    assert encoding == "gb18030" and "张喆" in decoded


def test_t5_no_date_article_shows_no_date_anywhere():
    """Id=3871: no date in the page, the URL or its list row; the golden says null."""
    golden = GOLDENS["t5-3871.json"]
    assert (golden["published"], golden["published_raw"]) == (None, None)
    date_like = re.compile(r"\d{4}\s*[-/年.]\s*\d{1,2}|\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}年|\[\d")
    text = site_bytes("t5/newsview.asp@Id=3871&Tid=4").decode("gbk")
    assert not date_like.search(text)
    assert "发布人:办公室</td>" in text  # the metadata line simply ends after 发布人
    assert not date_like.search(golden["url"])
    listing = site_bytes("t5/newslist.asp@Tid=4&page=2").decode("gbk")
    row = next(line for line in listing.splitlines() if "Id=3871" in line)
    assert row.endswith('<td class="d"></td></tr>')


@pytest.mark.parametrize(
    "rel, golden, credit_lines",
    [
        ("t5/newsview.asp@Id=3902&Tid=4", "t5-3902.json", ["（记者汪某 通讯员代某）【编辑:叶某】"]),
        ("t5/newsview.asp@Id=3890&Tid=4", "t5-3890.json", ["（民革云州市委北湖支部 张某）"]),
    ],
)
def test_credit_lines_close_the_body_and_are_not_paragraphs(rel, golden, credit_lines):
    assert_credit_lines_close_the_body(rel, golden, credit_lines)
