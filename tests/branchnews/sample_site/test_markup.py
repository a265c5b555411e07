"""markup.py: the pieces several templates share are written once and behave the same everywhere."""

from __future__ import annotations

import pytest

from branchnews.sample_site.markup import ListItem, chunk, neighbour_links, neighbours_in, site_path, xhtml_head
from branchnews.sample_site.text import TruthError
from branchnews.sample_site.truth import ARTICLES, Article


def _article(path: str, title: str, published: str | None) -> Article:
    return Article("t3", "col1234", path, title, published, published, None, None, None, (), ())


OLD = _article("/old.html", "旧<文>", "2017-01-01")
MID = _article("/mid.html", "中间", "2017-02-01")
NEW = _article("/new.html?a=1&b=2", "新", "2017-03-01")


@pytest.mark.parametrize(
    "neighbours, expected",
    [
        ((None, None), ("没有了", "没有了")),
        ((OLD, None), ('<a href="/old.html">旧&lt;文&gt;</a>', "没有了")),
        ((None, NEW), ("没有了", '<a href="/new.html?a=1&amp;b=2">新</a>')),
    ],
)
def test_neighbour_links(neighbours, expected):
    assert neighbour_links(neighbours) == expected


@pytest.mark.parametrize(
    "article, expected",
    [(OLD, (None, MID)), (MID, (OLD, NEW)), (NEW, (MID, None))],
)
def test_neighbours_are_by_date_whatever_the_order_given(article, expected):
    assert neighbours_in([NEW, OLD, MID], article) == expected


@pytest.mark.parametrize("template", ["t3", "t4"])
def test_both_prev_next_templates_link_their_date_neighbours(template):
    """T3 and T4 pages show 上一篇/下一篇 with the same rule: the article before and after by date."""
    from branchnews.sample_site.build import generate

    files, _ = generate()
    articles = [a for a in ARTICLES if a.template == template]
    for article in articles:
        older, newer = neighbours_in(articles, article)
        page = files[article.path.lstrip("/").replace("?", "@")]
        page_text = page.decode("gbk" if template == "t4" else "utf-8")
        prev_html, next_html = neighbour_links((older, newer))
        assert f"上一篇：{prev_html}" in page_text and f"下一篇：{next_html}" in page_text


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_xhtml_head_declares_its_charset(charset):
    head = xhtml_head(charset)
    assert head.startswith("<!DOCTYPE html PUBLIC") and head.endswith(f'charset={charset}" />\n')


@pytest.mark.parametrize(
    "page, href, expected",
    [
        ("/t2/tzxw/index.html", "./201803/P0.pdf", "/t2/tzxw/201803/P0.pdf"),
        ("/t6/system/2017/11/03/030013502.shtml", "../../../../uploads/2017/11/zuotan.png",
         "/t6/uploads/2017/11/zuotan.png"),
        ("/t4/a/jcfc/", "/t4/uploads/x.doc", "/t4/uploads/x.doc"),
    ],
)
def test_site_path(page, href, expected):
    assert site_path(page, href) == expected


def test_site_path_refuses_a_link_off_the_site():
    with pytest.raises(TruthError, match="leaves the site"):
        site_path("/a/zbfc/index.html", "http://www.example.com/x.pdf")


@pytest.mark.parametrize("count, pages, sizes", [(7, 3, [3, 3, 1]), (4, 2, [2, 2]), (1, 1, [1])])
def test_chunk_fills_the_pages(count, pages, sizes):
    items = [ListItem(str(i), f"/{i}", "2017-01-01", None) for i in range(count)]
    assert [len(c) for c in chunk(items, pages)] == sizes


def test_chunk_refuses_too_few_items():
    items = [ListItem("x", "/x", "2017-01-01", None)] * 2
    with pytest.raises(TruthError, match="do not fill 3 pages"):
        chunk(items, 3)
