import pytest

from branchnews.crawler.pages.headers import header_dict, header_pairs


@pytest.mark.parametrize("headers, pairs", [
    (None, []),
    ({b"Content-Type": [b"text/html; charset=gbk"]}, [("Content-Type", "text/html; charset=gbk")]),
    ({b"Set-Cookie": [b"a=1", b"b=2"]}, [("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")]),
    ([("content-type", "text/html"), ("Vary", "Accept")], [("content-type", "text/html"), ("Vary", "Accept")]),
    ({"X-Raw": b"\xe4"}, [("X-Raw", "\xe4")]),  # latin-1: every byte is kept, none guessed at
])
def test_pairs_keep_order_and_repeats(headers, pairs):
    assert header_pairs(headers) == pairs


@pytest.mark.parametrize("headers, expected", [
    ({b"Content-Type": [b"text/html"]}, {"Content-Type": "text/html"}),
    ([("content-type", "text/html")], {"Content-Type": "text/html"}),  # warcio keeps the wire's case
    ({b"Vary": [b"Accept", b"Cookie"]}, {"Vary": "Accept, Cookie"}),
    ([("Vary", "Accept"), ("vary", "Cookie")], {"Vary": "Accept, Cookie"}),
])
def test_dict_is_one_value_per_name_in_scrapy_case(headers, expected):
    assert header_dict(headers) == expected
