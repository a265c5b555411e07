import pytest

from branchnews.crawler.pages.article import ExtractionError, Page, parse_article
from branchnews.crawler.profiles import compile_selectors

URL = "http://x.example.cn/a/1.html"


LINE_12MB = "这是一段没有任何标记的长文字".encode() * (12 * 1024 * 1024 // 39)
NESTED = "<div>" * 100_000 + "<p>正文在十万层嵌套之内，解析器读不到这里。</p>" + "</div>" * 100_000


@pytest.mark.parametrize("body, reason", [
    (b"", "empty page"),
    (b"   \n\t ", "empty page"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
    pytest.param(f"<html><head><title>深</title></head><body>{NESTED}</body></html>".encode(),
                 "too deep or too large for the HTML parser (Excessive depth", id="100k-nested-divs"),
    pytest.param(LINE_12MB, "too deep or too large for the HTML parser", id="12MB-line-no-markup"),
    pytest.param(b"<html><head><title>x</title></head><body><p>" + LINE_12MB + b"</p></body></html>",
                 "too deep or too large for the HTML parser", id="12MB-paragraph"),
    pytest.param("<html><body><p>短</p></body></html>".encode(),
                 "nothing to extract: no headline and no body text", id="no-title-no-body"),
    pytest.param(b"<html><head><meta charset='utf-8'></head><body><div></div></body></html>",
                 "nothing to extract", id="empty-body"),
])
def test_unreadable_pages_name_url_and_reason(body, reason):
    with pytest.raises(ExtractionError) as info:
        parse_article(Page(URL, body, {}))
    assert info.value.url == URL and reason in info.value.reason and URL in str(info.value)


def test_wrong_input_type_is_a_type_error():
    with pytest.raises(TypeError):
        parse_article(Page(URL, "<html>text, not bytes</html>", {}))


def test_page_with_a_headline_but_no_body_still_gives_a_flagged_record():
    record = parse_article(Page(URL, "<html><body><h1>只有标题的通知</h1><p>短</p></body></html>".encode(), {}))
    assert record["title"] == "只有标题的通知"
    assert record["paragraphs"] == [] and "no_body" in record["warnings"]
    assert record["published"] is None and "no_date" in record["warnings"]


ARTICLE = ("<html><head><meta charset='gbk'><title>标题</title></head><body><h1>政协委员建言</h1>"
           "<div class='c'><p>这是一段足够长的正文内容，用来让正文检测找到它的位置。</p>"
           "<p>第二段正文也足够长，读者能看到其中的文字内容。</p></div></body></html>")


@pytest.mark.parametrize("body, headers, warning", [
    pytest.param(ARTICLE.encode("gbk"), {}, None, id="clean-gbk"),
    pytest.param(ARTICLE.encode("gbk").replace(b"</p><p>", b"\xff" * 500 + b"</p><p>"), {},
                 "replacement_chars:500", id="gbk-meta-500-bad-bytes"),
    pytest.param(ARTICLE.encode("gbk").replace(b"</p><p>", b"\x81\x20" * 7 + b"</p><p>"),
                 {"Content-Type": "text/html; charset=GBK"}, "replacement_chars:7",
                 id="gbk-header-7-broken-pairs"),
])
def test_replacement_characters_are_counted_in_warnings(body, headers, warning):
    record = parse_article(Page(URL, body, headers))
    counted = [w for w in record["warnings"] if w.startswith("replacement_chars:")]
    assert counted == ([warning] if warning else [])
    assert record["text"].count("\ufffd") == (int(warning.split(":")[1]) if warning else 0)


def test_profile_selector_overrides_a_field():
    page = ("<html><head><title>标题-站点</title></head><body><h1>标题</h1>"
            "<div class='meta'>来源：甲报</div><div class='real-src'>乙报</div>"
            "<div class='c'><p>这是一段足够长的正文内容，用来让正文检测找到它的位置。</p></div></body></html>")
    selectors = compile_selectors({"source": "//div[@class='real-src']"})
    record = parse_article(Page(URL, page.encode(), {}), selectors=selectors)
    assert record["source"] == "乙报"


def test_list_date_is_the_last_resort_for_the_publish_date():
    page = ("<html><body><h1>标题</h1><div class='c'><p>这是一段足够长的正文内容，"
            "用来让正文检测找到它的位置，没有任何日期。</p></div></body></html>").encode()
    record = parse_article(Page(URL, page, {}, fetched_at="2017-10-01T00:00:00Z"), list_date="09-14")
    assert record["published"] == "2017-09-14" and record["published_raw"] == "09-14"
    assert "date_from_list" in record["warnings"]
    dated = page.replace("标题</h1>".encode(), "标题</h1><div>发布时间：2017-09-12</div>".encode())
    assert parse_article(Page(URL, dated, {}), list_date="09-14")["published"] == "2017-09-12"
