"""templates/t3.py (Hanweb JCMS): list records only as CDATA, a script pager, unpadded path dates, credit lines."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from branchnews.sample_site import BASE_URL, SITE_DIR
from tests.branchnews.sample_site.site_helpers import (
    ABS, ARTICLE_URLS, GOLDENS, hanweb_pages, hanweb_records, site_bytes,
    assert_credit_lines_close_the_body,
)


T3_LISTS = ["t3/col/col1234/index.html", "t3/col/col1234/index.html@uid=4567&pageNum=2"]

T3_ARTICLE = re.compile(r"/t3/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html$")


@pytest.mark.parametrize("rel", T3_LISTS)
def test_hanweb_list_has_no_plain_article_links(rel):
    """The records are CDATA inside <script type="text/xml">: a DOM //a/@href finds no article."""
    text = site_bytes(rel).decode("utf-8")
    doc = lxml_html.document_fromstring(text)
    hrefs = doc.xpath("//a/@href")
    assert hrefs and not [h for h in hrefs if "/art/" in h]
    assert not doc.xpath('//div[@id="4567"]//li')  # not even the list items
    records = hanweb_records(text)
    assert records and any(T3_ARTICLE.search(h) for h in records)
    assert "pageNum=" not in " ".join(hrefs)  # the pager is written by jpage() at run time


def test_hanweb_records_and_pager_reach_every_t3_article():
    found = []
    for rel in T3_LISTS:
        text = site_bytes(rel).decode("utf-8")
        found += [h for h in hanweb_records(text) if T3_ARTICLE.search(h)]
        assert hanweb_pages(text) == ["index.html?uid=4567&pageNum=2"]
    t3 = sorted(u for u in ARTICLE_URLS if "/t3/" in u)
    assert len(t3) == 5 and sorted(BASE_URL + h for h in found) == t3
    assert not (SITE_DIR / "t3/col/col1234/index.html@uid=4567&pageNum=3").exists()


def test_hanweb_article_date_path_is_not_zero_padded():
    for url in ARTICLE_URLS:
        m = re.search(r"/t3/art/(\d{4})/(\d{1,2})/(\d{1,2})/", url)
        if m:
            golden = next(g for g in GOLDENS.values() if g["url"] == url)
            y, mo, d = golden["published"][:10].split("-")
            assert m.groups() == (y, str(int(mo)), str(int(d)))
    assert f"{ABS}/t3/art/2017/9/14/art_1234_56789.html" in ARTICLE_URLS


@pytest.mark.parametrize(
    "rel, golden, credit_lines",
    [
        ("t3/art/2017/9/14/art_1234_56789.html", "t3-56789.json", ["（文/张某 图/李某）", "审核：刘某 编辑：赵某"]),
        ("t3/art/2017/8/3/art_1234_56512.html", "t3-56512.json", ["（文/陈某）", "审核：刘某"]),
    ],
)
def test_credit_lines_close_the_body_and_are_not_paragraphs(rel, golden, credit_lines):
    assert_credit_lines_close_the_body(rel, golden, credit_lines)
