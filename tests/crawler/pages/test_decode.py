import pytest

from branchnews.crawler.pages.decode import decode_html

TEXT = "民盟张喆、李镕二〇一七年"


@pytest.mark.parametrize("body, headers, encoding, declared", [
    pytest.param(f"<meta charset=utf-8>{TEXT}".encode(), {"Content-Type": "text/html; charset=utf-8"},
                 "utf-8", None, id="honest-utf8"),
    pytest.param(f'<meta http-equiv="Content-Type" content="text/html; charset=gbk">{TEXT}'.encode("gbk"),
                 {"Content-Type": "text/html"}, "gb18030", None, id="gbk-meta-no-header-charset"),
    pytest.param(f"<meta charset=gb2312>{TEXT}".encode("gb18030"), {}, "gb18030", None,
                 id="gb2312-label-with-non-gb2312-chars"),
    pytest.param(f"<meta charset=gb2312>{TEXT}".encode("gbk"), {"Content-Type": "text/html; charset=utf-8"},
                 "gb18030", "utf-8", id="header-lies-utf8"),
    pytest.param(f"<meta charset=utf-8>{TEXT}".encode("gbk"), {"Content-Type": "text/html"},
                 "gb18030", "utf-8", id="meta-lies-utf8"),
    pytest.param(f"<meta charset=gb2312>{TEXT}".encode(), {}, "utf-8", "gb18030",
                 id="gb2312-declared-resaved-as-utf8"),
    pytest.param(f"<meta charset=big5>{'民盟測試'}".encode("big5"), {}, "big5hkscs", None, id="big5"),
    pytest.param(b"\xef\xbb\xbf" + TEXT.encode(), {"Content-Type": "text/html; charset=gbk"}, "utf-8", None,
                 id="bom-wins"),
])
def test_decode(body, headers, encoding, declared):
    page = decode_html(body, headers)
    assert page.encoding == encoding
    assert page.declared == declared
    assert "\ufffd" not in page.text
    assert ("民盟" in page.text)


def test_header_lookup_accepts_bytes_and_lists():
    body = TEXT.encode("gbk")
    page = decode_html(body, {b"content-type": [b"text/html; charset=gbk"]})
    assert page.encoding == "gb18030" and TEXT in page.text


def test_rejects_text_input():
    with pytest.raises(TypeError):
        decode_html("already text", {})


@pytest.mark.parametrize("body, exact", [
    pytest.param(f"<p>{TEXT}</p>".encode(), True, id="clean-utf8"),
    pytest.param(f"<p>{TEXT}</p>".encode("gbk"), True, id="clean-gbk"),
    pytest.param(b"\xef\xbb\xbf" + f"<p>{TEXT}</p>".encode(), False, id="bom-dropped"),
    pytest.param(f"<p>{TEXT}</p>".encode()[:-6] + b"\xff\xfe</p>", False, id="bytes-replaced"),
])
def test_exact_says_whether_every_byte_decoded(body, exact):
    """``exact`` lets the parser take the bytes themselves: only when nothing was dropped or
    replaced."""
    assert decode_html(body, {}).exact is exact


GBK_PAGE = f'<meta charset="gbk"><p>{TEXT}</p>'


@pytest.mark.parametrize("body, headers, replaced", [
    pytest.param(GBK_PAGE.encode("gbk"), {}, 0, id="clean-gbk"),
    pytest.param(GBK_PAGE.encode("gbk").replace(b"</p>", b"\xff" * 500 + b"</p>"), {}, 500,
                 id="gbk-declared-500-invalid-bytes"),
    pytest.param(GBK_PAGE.encode("gbk").replace(b"</p>", b"\xff" * 3 + b"</p>"),
                 {"Content-Type": "text/html; charset=gbk"}, 3, id="gbk-header-3-invalid-bytes"),
    pytest.param(f"<p>{TEXT}\ufffd\ufffd</p>".encode(), {}, 0, id="utf8-page-writes-fffd-itself"),
    pytest.param(f"<p>{TEXT}\ufffd</p>".encode() + b"\xff\xfe", {}, 2, id="own-fffd-plus-2-bad-bytes"),
    pytest.param(b"\xef\xbb\xbf" + f"<p>{TEXT}</p>".encode() + b"\xff", {}, 1, id="bom-then-bad-byte"),
])
def test_replaced_counts_the_fffd_decoding_put_in(body, headers, replaced):
    page = decode_html(body, headers)
    assert page.replaced == replaced
    assert "民盟" in page.text
