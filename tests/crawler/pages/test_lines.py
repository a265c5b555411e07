"""Line layout, pruning and the text slots the normaliser sees (crawler/pages/lines.py)."""

from __future__ import annotations

import pytest
from lxml import etree

from branchnews.crawler.pages.article import Page, parse_article
from branchnews.crawler.pages.lines import OPEN, CLOSE, element_end, page_lines, parse_html, prune, walk_page


def _lines(html: str) -> list[str]:
    root = parse_html(html)
    prune(root)
    return [line.text for line in page_lines(root)]


@pytest.mark.parametrize("html, expected", [
    # Hidden by style or attribute: gone with everything inside; the tail stays with the parent.
    ('<p>A<span style="display:none">secret</span>B</p>', ["AB"]),
    ('<p>A<span style="DISPLAY : NONE">secret</span>B</p>', ["AB"]),
    ('<p>A<div style="visibility: hidden"><p>secret</p></div>B</p>', ["A", "B"]),
    ('<div><p hidden>secret</p><p>shown</p></div>', ["shown"]),
    ('<div><div style="display:none"><p style="color:red">x</p></div>tail</div>', ["tail"]),
    ('<p style="color:red">styled but visible</p>', ["styled but visible"]),
    # Not visible by tag.
    ("<p>A<script>var x = 1;</script>B<style>p{}</style>C</p>", ["ABC"]),
    ("<p>one<!-- note -->two</p><noscript><p>enable js</p></noscript>", ["onetwo"]),
    # Block elements and <br> break lines; inline ones do not.
    ("<div>one<p>two</p>three<br>four <b>five</b></div>", ["one", "two", "three", "four five"]),
    ("<ul><li>a</li><li> b  c </li></ul>", ["a", "b c"]),
])
def test_lines_of_visible_text(html, expected):
    assert _lines(f"<html><body>{html}</body></html>") == expected


def test_line_keeps_block_links_and_marks():
    root = parse_html('<html><body><p id="x">来源：<a href="/s">新华社</a> 作者</p></body></html>')
    prune(root)
    (line,) = page_lines(root)
    assert line.block.get("id") == "x"
    assert [a.get("href") for a in line.links] == ["/s"]
    assert line.link_chars == 3
    assert line.marked == f"来源：{OPEN}新华社{CLOSE} 作者"


@pytest.mark.parametrize("html, link_chars", [
    ('<p><a href="/1">ab</a>cd</p>', 2),  # a link's tail is not link text
    ('<p><a href="/1"><span>ab</span>c</a>d</p>', 3),  # the link holds until its own end
    ('<p><a href="/1">ab<span style="display:none">xy</span>c</a>d</p>', 3),
    ('<div><a href="/1">ab<p>cd</p>e</a>f</div>', 2 + 2 + 1),  # through the blocks inside it
])
def test_link_characters_of_a_line(html, link_chars):
    root = parse_html(f"<html><body>{html}</body></html>")
    prune(root)
    assert sum(line.link_chars for line in page_lines(root)) == link_chars


def test_links_of_a_textless_line_carry_to_the_next_line():
    root = parse_html('<html><body><div><a href="f.pdf"><img src="i.png"></a></div>'
                      "<div>附件：说明</div></body></html>")
    prune(root)
    (line,) = page_lines(root)
    assert [a.get("href") for a in line.links] == ["f.pdf"]


def test_walk_collects_head_body_and_attribute_texts():
    root = parse_html('<html><head><title>標題</title><meta name="source" content="來源">'
                      '</head><body><p>正文<img src="a.png" alt="圖片"></p>\n  </body></html>')
    prune(root)
    texts = walk_page(root).texts
    assert sorted(texts) == sorted(["標題", "來源", "正文", "圖片"])


def test_normalised_text_is_written_back_whole_after_a_stripped_element():
    # strip_elements leaves "A" and "B" as two adjacent text nodes of one .text: both must
    # survive the write-back of the normalised value.
    root = parse_html("<html><body><p>來源,<script>x</script>國家</p></body></html>")
    prune(root)
    walk = walk_page(root)
    assert walk.texts == ["來源,國家"]
    walk.write(["来源，国家"])
    assert root.find(".//p").text == "来源，国家"
    assert [line.text for line in walk.lines()] == ["来源，国家"]


def test_utf8_bytes_parse_like_decoded_text():
    html = "<html><head><meta charset=gbk></head><body><p>中文 ü</p></body></html>"
    from_text = etree.tostring(parse_html(html), encoding="unicode")
    from_bytes = etree.tostring(parse_html(html.encode("utf-8")), encoding="unicode")
    assert from_bytes == from_text


@pytest.mark.parametrize("hiding", ['style="display:none"', "hidden", 'style="visibility:hidden"'])
def test_article_never_reads_hidden_text(hiding):
    prose = "这是一段足够长的正文内容，用来让正文识别器找到文章的主体部分。" * 2
    second = "第二段说的是另一件事情，同样足够长，能被当作文章的正文段落来读。"
    html = (f"<html><head><title>标题文字很长的新闻</title></head><body>"
            f"<h1>标题文字很长的新闻</h1><div class='content'><p>{prose}</p>"
            f"<p {hiding}>隐藏的段落不应出现在正文里面，即使它也很长很长很长。</p>"
            f"<p>{second}<img src='/a.png' {hiding}></p></div></body></html>")
    record = parse_article(Page("http://example.org.cn/a.html", html.encode("utf-8"), {}))
    assert record["paragraphs"] == [prose, second]
    assert record["images"] == []



@pytest.mark.parametrize("text, han", [
    ("王𠮷获评", 4),  # a supplementary-plane character counts as one Han character
    ("㐀华 abc 123", 2),
    ("，。！", 0),
])
def test_han_count_uses_the_one_han_range(text, han):
    html = f"<html><body><p>{text}</p></body></html>"
    line = next(ln for ln in page_lines(parse_html(html)) if ln.text == text)
    assert line.han == han


# (O and C stand for the OPEN and CLOSE marks; the expected index is of the C that ends the element)
@pytest.mark.parametrize("marked, start, own, expected", [
    ("O新华社C O举报C", 0, True, 4),        # the element opening at start
    ("OO新华社C 网C 后", 0, True, 8),        # nested: the outer element's close
    ("来源：中国新闻网C王帆", 3, False, 8),   # the element holding start ends at its close
    ("来源：O某某C网C后", 3, False, 8),       # an element inside it does not end it
    ("O不闭合", 0, True, 4),                 # no close before stop: stop
])
def test_element_end_finds_the_close_of_an_element(marked, start, own, expected):
    marked = marked.replace("O", OPEN).replace("C", CLOSE)
    assert element_end(marked, start, len(marked), own=own) == expected
