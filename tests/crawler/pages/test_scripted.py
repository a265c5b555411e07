"""What inline scripts write into a page (crawler/pages/scripted.py)."""

from __future__ import annotations

import pytest

from branchnews.crawler.pages.scripted import script_output
from tests.crawler.pages.invented import article_page, extract

_TRS_SOURCE = ('var str_1="{source}";var str_2="";if(str_1==str_2){{document.write("来源：本网");}}'
               'else{{document.write("来源："+str_1);}}')


@pytest.mark.parametrize("code, written", [
    # TRS: the source in a variable, a default when it is empty
    (_TRS_SOURCE.format(source="某某日报"), "来源：某某日报"),
    (_TRS_SOURCE.format(source=""), "来源：本网"),
    # a time cut to the minute, a variable after its label, markup around the text
    ('document.write("2024-03-05 15:30:00".substring(0,16));', "2024-03-05 15:30"),
    ("var pubdate = '2024-03-05 10:20'; document.write('日期：' + pubdate)", "日期：2024-03-05 10:20"),
    ('document.write("<span class=\\"ly\\">来源：某某日报</span>")', "来源：某某日报"),
    ('var a="某某"; if (a != "") { document.writeln("作者：" + a.substr(0, 2)) }', "作者：某某"),
    # anything it cannot know writes nothing
    ("document.write(getSource())", ""),
    ('document.write("来源：" + unknown)', ""),
    ("var x = 1; console.log(x)", ""),
], ids=["trs-source", "trs-default", "substring", "variable", "markup", "if-not-empty", "call", "unknown",
        "no-write"])
def test_script_output(code, written):
    assert script_output(code) == written


def test_an_info_row_written_by_scripts():
    info = ("<div class='info'>发布时间：<script>document.write(\"2024-03-05 15:30:00\".substring(0,16));</script>"
            f"　<script>{_TRS_SOURCE.format(source='市委统战部研究室')}</script></div>")
    body = "<div class='TRS_Editor'><p>近日，市委统战部召开党外代表人士座谈会，听取对年度工作的意见建议。</p></div>"
    record = extract(article_page(body, info=info), "http://www.example.gov.cn/xwzx/a/123.html")
    assert (record["published"], record["source"]) == ("2024-03-05T15:30:00+08:00", "市委统战部研究室")


def test_the_article_a_script_shows_is_read():
    """A WeChat article as served: its whole text in ``js_content`` under ``visibility: hidden``
    until the page's script shows it."""
    text = ["3月3日，九三学社某某市委组织农业科技专家赴某某村开展科技下乡活动。",
            "专家们现场讲解果树修剪和病虫害防治技术，发放技术资料300余份。"]
    page = ("<html><head><title>科技下乡进村入户</title></head><body><div class='rich_media_area_primary'>"
            "<h1 class='rich_media_title' id='activity-name'>科技下乡进村入户</h1>"
            "<div class='rich_media_content' id='js_content' style='visibility: hidden;'>"
            + "".join(f"<p>{t}</p>" for t in text) + "</div></div><script>var ct = '1709608800';</script>"
            "</body></html>")
    assert extract(page)["paragraphs"] == text
