"""NotFollowed: links a crawl passed by on list pages, tallied by shape for the run summary."""

from __future__ import annotations

import pytest

from branchnews.crawler.not_followed import NotFollowed

B = "http://a.example"


@pytest.mark.parametrize("pages, commonest", [
    # one page: two shapes, the commonest first, the first URL seen as the example
    ([([], [f"{B}/about.html", f"{B}/view/1.html", f"{B}/view/2.html"])],
     [{"shape": "/*/9.html", "count": 2, "example": f"{B}/view/1.html"},
      {"shape": "/about.html", "count": 1, "example": f"{B}/about.html"}]),
    # a URL passed on every page counts once
    ([([], [f"{B}/view/1.html"]), ([], [f"{B}/view/1.html"])],
     [{"shape": "/*/9.html", "count": 1, "example": f"{B}/view/1.html"}]),
    # followed from a later page: no longer passed by; the next URL of the shape is the example
    ([([], [f"{B}/view/1.html", f"{B}/view/2.html"]), ([f"{B}/view/1.html"], [])],
     [{"shape": "/*/9.html", "count": 1, "example": f"{B}/view/2.html"}]),
    # followed first, passed later: never counted
    ([([f"{B}/view/1.html"], []), ([], [f"{B}/view/1.html"])], []),
])
def test_commonest_shapes_passed_by(pages, commonest):
    tally = NotFollowed()
    for followed, passed in pages:
        tally.note(followed, passed)
    assert tally.commonest() == commonest


def test_at_most_ten_shapes_most_urls_first():
    tally = NotFollowed()
    tally.note([], [f"{B}/news/{'p' * n}{i}.html" for n in range(1, 13) for i in range(n)])
    shown = tally.commonest()
    assert [s["count"] for s in shown] == list(range(12, 2, -1))
