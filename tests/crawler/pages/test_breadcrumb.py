"""The location path above the headline (crawler/pages/breadcrumb.py)."""

from __future__ import annotations

import pytest

from tests.crawler.pages.invented import article_page, extract

CONTENT = ("<div class='content'><p>近日，民盟某某区委召开全体会议，传达学习全会精神，部署下一阶段工作任务。</p>"
           "<p>会议要求，各支部要把学习成果转化为推动工作的实际行动，提高提案质量。</p></div>")


@pytest.mark.parametrize("top, crumbs", [
    # separators printed as characters
    ('<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/c/">工作动态</a> &gt; 正文</div>',
     ["首页", "工作动态"]),
    ('<div class="location"><a href="/">首页</a> - <a href="/c/">工作 动态</a></div>', ["首页", "工作 动态"]),
    ('<div class="dqwz"><a href="/">首页</a>｜<a href="/dp/">党派风采</a>｜基层动态</div>', ["首页", "党派风采", "基层动态"]),
    # separators drawn by CSS: a Bootstrap list, each item a line of its own
    ('<ol class="breadcrumb"><li><a href="/">首页</a></li><li><a href="/c/12.html">工作动态</a></li>'
     '<li class="active">正文</li></ol>', ["首页", "工作动态"]),
    ('<nav class="m-breadcrumb"><ul><li><a href="/"><svg></svg></a></li><li><span>/</span><a href="/z/">专栏</a>'
     '</li><li><span>/</span><a href="/z/b/">报纸摘要</a></li></ul></nav>', ["专栏", "报纸摘要"]),
    # a WebPlus path whose separator is a span of spaces, an arrow image between spans
    ('<div class="col_path"><span class="path-name">当前位置：</span><a href="/main.htm">首页</a>'
     '<span class="possplit">&nbsp;&nbsp;</span><a href="/2660/list.htm">党派风采</a></div>', ["首页", "党派风采"]),
    ('<div class="weizhi"><span>首页</span><img src="/i/arrow.png"><span><a href="/k/">快讯</a>'
     '<img src="/i/arrow.png"><a href="/k/g/">公司</a></span></div>', ["首页", "快讯", "公司"]),
    # the path's label without a colon, its items as links side by side
    ('<div>您所在的位置 <a href="/">首页</a> <a href="/zt/">专题频道</a> <a href="/zt/gn/">国内专题</a></div>',
     ["首页", "专题频道", "国内专题"]),
    # the label on one line of the path's box, its items on the next lines
    ('<div class="breadcrumb">当前位置： <a href="/">首页</a><div><a href="/zw/">政务信息</a></div>'
     '<div><a href="/zw/cf/">行政处罚</a></div></div>', ["首页", "政务信息", "行政处罚"]),
], ids=["label-and-marks", "dashes", "bars", "bootstrap", "list-with-marks", "possplit", "arrow-images",
        "label-without-colon", "box-over-lines"])
def test_breadcrumb(top, crumbs):
    assert extract(article_page(CONTENT, top=top))["breadcrumb"] == crumbs


@pytest.mark.parametrize("top", [
    '<div class="nav"><a href="/">首页</a> <a href="/a/">党派动态</a> <a href="/b/">参政议政</a></div>',  # a menu
    '<a class="weizhi" href="/zc/">政 策</a>',  # a link named as the path, its letters spaced
], ids=["menu", "spaced-letters"])
def test_no_breadcrumb(top):
    assert extract(article_page(CONTENT, top=top))["breadcrumb"] == []
