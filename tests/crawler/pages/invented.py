"""Invented article pages for the extraction tests: one builder and one reader, so that a test
states only what it varies (the lines around the body, the body, the info row)."""

from __future__ import annotations

from branchnews.crawler.pages.article import Page, parse_article

URL = "http://www.example.gov.cn/xwzx/a/123.html"
UTF8 = {"content-type": "text/html; charset=utf-8"}


def extract(html: str | bytes, url: str = URL, **options) -> dict:
    """The record of a page served as UTF-8 (``options``: parse_article's keywords)."""
    body = html.encode() if isinstance(html, str) else html
    return parse_article(Page(url, body, UTF8), **options)


def article_page(content: str, *, title: str = "作风建设推进会召开", head: str = "", top: str = "",
                 info: str = "", side: str = "<div class='footer'>版权所有 某某网</div>") -> str:
    """A page of one article: <title> with the site's suffix, ``top`` (a menu, a bar) above the
    ``<h1>`` headline, the ``info`` row under it, then ``content`` and ``side``."""
    return (f"<html><head><title>{title}_某某网</title>{head}</head><body>{top}<h1>{title}</h1>"
            f"{info}{content}{side}</body></html>")
