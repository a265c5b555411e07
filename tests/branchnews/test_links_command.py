"""`branchnews links PAGE --url URL` prints what the crawl reads from the page, as one JSON
object; a bad file or address is one line and status 2."""

from __future__ import annotations

import json

import pytest

from branchnews.crawler.pages.listing import page_links
from branchnews.exits import USAGE
from tests.conftest import REPO, run_cli

LIST_PAGE = REPO / "branchnews/sample_site/site/t2/tzxw/index.html"
LIST_URL = "http://branch.example.org.cn/t2/tzxw/index.html"


def test_prints_the_crawls_reading_of_a_list_page():
    result = run_cli("links", str(LIST_PAGE), "--url", LIST_URL)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and "\\u" not in lines[0]
    printed = json.loads(lines[0])
    assert printed == page_links(LIST_PAGE.read_bytes(), LIST_URL).as_json()
    assert {"url", "role", "articles", "next_pages", "titles", "dates"} <= set(printed)
    assert printed["role"] == "list"
    assert printed["articles"][0] == "http://branch.example.org.cn/t2/tzxw/201906/t20190611_35877.html"
    assert not any(url.endswith(".pdf") for url in printed["articles"] + printed["links"])
    assert printed["files"] == ["http://branch.example.org.cn/t2/tzxw/201803/P020180322400000000001.pdf"]
    assert printed["next_pages"] == ["http://branch.example.org.cn/t2/tzxw/index_1.html",
                                     "http://branch.example.org.cn/t2/tzxw/index_2.html"]
    assert printed["dates"][printed["articles"][0]] == "2019-06-11"


@pytest.mark.parametrize("args,message", [
    (["no-such-page.html", "--url", LIST_URL], "no-such-page.html: cannot read"),
    ([str(LIST_PAGE), "--url", "branch.example.org.cn/t2/"], "not an http(s) address"),
    ([str(LIST_PAGE), "--url", "http:///t2/"], "no host name"),
])
def test_bad_input_is_one_line_and_usage_status(args, message):
    result = run_cli("links", *args)
    assert result.returncode == USAGE
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
