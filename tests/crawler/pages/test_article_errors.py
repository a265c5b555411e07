import pytest

from branchnews.crawler.pages.article import ExtractionError, Page, parse_article
from branchnews.crawler.profiles import compile_selectors

URL = "http://x.example.cn/a/1.html"


@pytest.mark.parametrize("body, reason", [
    (b"", "empty page"),
    (b"   \n\t ", "empty page"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
])
def test_unreadable_pages_name_url_and_reason(body, reason):
    with pytest.raises(ExtractionError) as info:
        parse_article(Page(URL, body, {}))
    assert info.value.url == URL and reason in info.value.reason and URL in str(info.value)


def test_wrong_input_type_is_a_type_error():
    with pytest.raises(TypeError):
        parse_article(Page(URL, "<html>text, not bytes</html>", {}))


def test_page_without_article_still_gives_a_flagged_record():
    record = parse_article(Page(URL, "<html><body><p>短</p></body></html>".encode(), {}))
    assert record["paragraphs"] == [] and "no_body" in record["warnings"]
    assert record["published"] is None and "no_date" in record["warnings"]


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
