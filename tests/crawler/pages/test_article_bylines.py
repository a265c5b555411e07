"""Bylines on whole invented pages: where a page credits its writer without a 作者： label, the
record has the author (and the outlet as source when no label names one), and the credit is not
body text."""

from __future__ import annotations

import pytest

from tests.crawler.pages.invented import extract

URL = "http://www.example.gov.cn/xwzx/2024/0105/123.html"
PROSE = ["某某市委召开全市作风建设推进会，总结去年工作成效，部署今年重点任务，会议强调要持之以恒纠治四风。",
         "会议指出，要坚持以严的基调强化正风肃纪，对顶风违纪问题露头就打，推动作风建设常态化长效化。",
         "会议要求，各级党组织要扛起主体责任，把作风建设融入日常、抓在经常，以好作风凝聚干事创业合力。"]


def _page(header: str = "", info: str = "", body: list[str] = PROSE, toc: str = "") -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body)
    return (f'<html><head><meta charset="utf-8"><title>作风建设推进会召开_某某网</title></head><body>'
            f'<div class="nav"><a href="/">首页</a> <a href="/xwzx/">新闻中心</a></div>{toc}'
            f'<div class="article"><h1>作风建设推进会召开</h1>{info}{header}'
            f'<div class="content">{paragraphs}</div></div>'
            f'<div class="footer">版权所有 某某网</div></body></html>').encode()


CASES = [
    # header line under the headline: role byline, outlet + reporter, lone name
    (_page(header="<p>本刊记者 侯某某 黄某</p>"), "侯某某、黄某", None),
    (_page(header="<div>某某省纪委监委网站 韩某栋</div>"), "韩某栋", "某某省纪委监委网站"),
    (_page(header="<div>某某日报 宋某 通讯员 蒋某涛</div>"), "宋某、蒋某涛", "某某日报"),
    (_page(header="<div>王诗某</div>"), "王诗某", None),
    (_page(info="<div>某报快讯／范姜某某 2020年03月12日 20:19</div>"), "范姜某某", "某报"),
    # a labelled source wins over the outlet of the byline
    (_page(info="<div>来源：某某市纪委 2024-01-05</div>", header="<div>某某日报 宋某</div>"),
     "宋某", "某某市纪委"),
    # the headline repeated above the byline, after a table of contents
    (_page(toc="<ul><li><a href='/a/1.html'>认真抓好条例的学习贯彻</a></li></ul>",
           header="<h2>作风建设推进会召开</h2><div>王诗某</div>"), "王诗某", None),
    # outlet byline opening the body
    (_page(body=["某某省纪委监委网站 韩某栋", *PROSE]), "韩某栋", "某某省纪委监委网站"),
    # a credit glued to the last paragraph
    (_page(body=[*PROSE[:2], PROSE[2] + "（文/党委组织部 图/某新闻社）"]), "党委组织部", None),
    (_page(body=[*PROSE[:2], PROSE[2] + "（记者 张某 李某）"]), "张某、李某", None),
    # an outlet alone on the info row is the source, not the outlet of the writer's byline
    (_page(info="<div><span>2022-02-13 09:57 某某网</span></div>", header="<div>某某日报记者 宋某</div>"),
     "宋某", "某某网"),
    (_page(info="<div>2022-02-13 09:57</div>", body=["某某日报记者 宋某", *PROSE]), "宋某", "某某日报"),
    # a labelled author list that repeats the byline's editor: the editor is no author
    (_page(header="<div>某某证券报 ⊙记者 梁某 ○编辑 林某</div>",
           body=[*PROSE, "【作者：梁某 林某】"]), "梁某", "某某证券报"),
    # a byline in an element of its own opening the first paragraph (under a picture's credit)
    (_page(body=[f"<strong>某某观察网 记者 蔡某坤 姜某</strong>{PROSE[0]}", *PROSE[1:]]), "蔡某坤、姜某",
           "某某观察网"),
    (_page(body=["（图片来源：某某视觉）", f"<b>某某观察报 李某涛/文 </b>{PROSE[0]}", *PROSE[1:]]), "李某涛",
           "某某观察报"),
    # the info row names the first writer only, the byline opening the body all of them
    (_page(info="<div>蔡某坤 2018-06-12 16:29</div>",
           body=[f"<strong>某某观察网 记者 蔡某坤 姜某</strong>{PROSE[0]}", *PROSE[1:]]), "蔡某坤、姜某",
           "某某观察网"),
    # closing credits: a bulleted byline line, names alone in brackets
    (_page(body=[*PROSE, "□ 本报记者 葛某某"]), "葛某某", None),
    (_page(body=[*PROSE[:2], PROSE[2] + "（常某香 马某阳 ）"]), "常某香、马某阳", None),
    # no byline: a short heading under the headline is not a name
    (_page(header="<div>评论</div>"), None, None),
    (_page(header="<div>新华网 北京</div>"), None, None),
]


@pytest.mark.parametrize("body, author, source", CASES)
def test_unlabelled_bylines(body, author, source):
    record = extract(body, URL)
    assert (record["author"], record["source"]) == (author, source)
    assert record["paragraphs"][-1].endswith("合力。")  # a glued credit is not body text
    assert not any(p.startswith(("某某省纪委监委网站", "本刊记者", "（图片来源")) for p in record["paragraphs"])
    assert record["paragraphs"][0].startswith(("某某市委", "会议"))


@pytest.mark.parametrize("first, author", [
    # a dateline opening the text, with or without brackets: its names are the authors, and it
    # stays the first sentence's opening
    ("本报讯（记者 张某 通讯员 李某某）", "张某、李某某"),
    ("本报讯 记者张某 通讯员 李某某 ", "张某、李某某"),
    ("本报讯 记者 ", None),
])
def test_dateline_opening_the_text(first, author):
    record = extract(_page(body=[first + PROSE[0], *PROSE[1:]]), URL)
    assert record["author"] == author
    assert record["paragraphs"][0].startswith("本报讯") and record["paragraphs"][0].endswith(PROSE[0])


# (info line, last body line or None, source, author, editor)
LABELLED = [
    ("2021-03-05 作者：张三", None, None, "张三", None),
    ("2021-03-05 记者：张三 李四", None, None, "张三、李四", None),  # several names: 、
    ("2021-03-05 作者：张三、李四", None, None, "张三、李四", None),
    ("2021-03-05 文字：张三", None, None, "张三", None),
    ("2021-03-05 撰稿：张三", None, None, "张三", None),
    ("2021-03-05 报道：张三", None, None, "张三", None),
    ("2021-03-05 供稿：办公室", None, None, "办公室", None),
    ("2021-03-05 通讯员：李四", None, None, "李四", None),
    ("2021-03-05 记者：张三　通讯员：李四", None, None, "张三、李四", None),  # several writers on one line
    ("2021-03-05 图文：张三", None, None, "张三", None),
    ("2021-03-05 摄影、报道：张三", None, None, "张三", None),  # combined roles: one writes
    ("2021-03-05 编辑/张三 摄影/李四", None, None, None, "张三"),  # slash forms
    ("2021-03-05 文／张三 图／李四", None, None, "张三", None),  # full-width slash; 图 is no author
    ("2021-03-05 文/图 张三", None, None, "张三", None),  # roles joined by a slash: one credit
    ("", "编辑／王五　摄影／李四　文字／张三", None, "张三", "王五"),  # a closing line of slash credits
    ("2021-03-05 撰稿/张三 摄像/李四", None, None, "张三", None),
    ("2021-03-05 作者：张三/文 李四/图", None, None, "张三", None),  # the role after the name
    ("2021-03-05 作者：张 三", None, None, "张三", None),  # a two-character name set with a space
    ("2021-03-05 摄影：李四", None, None, None, None),  # a photographer is not an author
    # role words stripped from names
    ("2021-03-05 作者：记者张三", None, None, "张三", None),
    ("2021-03-05 作者：本报记者 张三", None, None, "张三", None),
    ("2021-03-05 作者：特约记者 张三", None, None, "张三", None),
    ("2021-03-05 作者：实习生 王五", None, None, "王五", None),
    ("2021-03-05 作者：张三（某某大学） 来源：某某网", None, "某某网", "张三", None),  # the unit in brackets
    # an outlet, a role and a name in one credit
    ("某某日报记者 张三／北京报道", None, "某某日报", "张三", None),
    # the source without what trails it; an outlet named alone, or as a link, on the info line
    ("2021-03-05 来源：某某网站 http://www.example.gov.cn/", None, "某某网站", None, None),
    ("2021-03-05 <a href='http://www.example.com.cn/'>某某政协网</a>", None, "某某政协网", None, None),
    ("2021-03-05 某某政协报 | 打印", None, "某某政协报", None, None),
    ("<span>某某财经APP</span><em>2021-03-05 07:37:00</em>", None, "某某财经APP", None, None),  # an app's name
    ("2021-03-05 转自：某某日报", None, "某某日报", None, None),
    ("2021-03-05 来源：某某网", "责任编辑 李四", "某某网", None, "李四"),  # the editor's label without a colon
    ("2021-03-05", "（编辑 李四）", None, None, "李四"),  # 编辑 opening a bracket: no author 编辑、李四
    ("2021-03-05", "（某某网编辑 李四）", None, None, "李四"),
    # labels in brackets, the value after the bracket
    ("【日期】2021-03-05 【来源】某某市政协", None, "某某市政协", None, None),
    ("【作者】张三 【来源】某某日报 【时间】2021-03-05", None, "某某日报", "张三", None),
    ("[来源] 某某网 [时间] 2021-03-05", "【责任编辑】李四", "某某网", None, "李四"),
    # closing credits, taken out of the body into the fields
    ("", "（张三）", None, "张三", None),
    ("", "某报记者 张三 来源：某报", "某报", "张三", None),
    ("", "（某某部 供稿）", None, "某某部", None),
    ("", "（记者 张三 摄）", None, None, None),  # the photographer is no author
    # who supplied the text is the author only where no writer is credited
    ("", "（供稿：某某学院　撰稿：张三　摄影：李四　编辑：王五）", None, "张三", "王五"),
    ("2021-03-05 供稿：某某学院", "（撰稿：张三）", None, "张三", None),
    ("2021-03-05 作者：张三 供稿：某某学院", None, None, "张三", None),
]


@pytest.mark.parametrize("info, closing, source, author, editor", LABELLED,
                         ids=lambda v: v[:20] if isinstance(v, str) else None)
def test_bylines_of_a_page(info, closing, source, author, editor):
    page = _page(info=f"<div>{info}</div>" if info else "",
                 body=[*PROSE, closing] if closing else PROSE)
    record = extract(page, URL)
    assert (record["source"], record["author"], record["editor"]) == (source, author, editor)
    assert record["paragraphs"] == PROSE


@pytest.mark.parametrize("body, info, author, source", [
    # the body repeats a headline block of its own (a kicker, the headline, a series line) before
    # the byline: the byline is still read, and its outlet is no source when a label names one
    (["某某专项整治违规收送礼品", "作风建设推进会召开", "“某某工作机制”系列报道之一", "某某监委网站 曹某 自江西报道",
      *PROSE], "<div>来源：某某监委网站</div>", "曹某", "某某监委网站"),
    # a labelled writer with the unit and post after the name
    (PROSE, "<div>（作者：方某北京大学经济学院教授）</div>", "方某", None),
    (PROSE, "<div>作者：方某 北京大学经济学院教授</div>", "方某", None),
])
def test_bylines_of_commentaries_and_reports(body, info, author, source):
    record = extract(_page(info=info, body=body), URL)
    assert (record["author"], record["source"]) == (author, source)


@pytest.mark.parametrize("info, first, author, source", [
    # a wire's dateline opening the text names the source when nothing else does
    ("", "据某华社拉萨电（记者 格桑某某）", "格桑某某", "某华社"),
    ("<div>来源：某某日报</div>", "某华社北京3月5日电（记者 张某）", "张某", "某某日报"),
    ("", "本报北京3月5日电（记者 张某）", "张某", None),
])
def test_a_wire_dateline_names_the_source(info, first, author, source):
    record = extract(_page(info=info, body=[first + PROSE[0], *PROSE[1:]]), URL)
    assert (record["author"], record["source"]) == (author, source)
    assert record["paragraphs"][0] == first + PROSE[0]  # the dateline stays the text's opening


def test_an_interviews_questions_are_text_not_credits():
    questions = ["记者：你们通过什么渠道获取这些信息？", "记者：农机大市场的场址在哪里？"]
    record = extract(_page(body=[questions[0], PROSE[0], questions[1], *PROSE[1:]]), URL)
    assert record["paragraphs"] == [questions[0], PROSE[0], questions[1], *PROSE[1:]]
    assert record["author"] is None


APPENDED = ["学生感想：", "这次活动让我深刻体会到作风建设的重要意义，今后要在学习和工作中自觉践行，争做表率。",
            "——某某学院 2020 级某某党支部 王某", "通过参观学习，我对党的优良作风有了更直观的认识，收获很大。",
            "——某某学院 2021 级某某团支部 赵某某"]


@pytest.mark.parametrize("info, credit, author, editor", [
    # a credit line of its own where the article ends and appended material follows
    ("", "（撰稿：张某）", "张某", None),
    ("", "（文/张某 编辑/李某）", "张某", "李某"),
    ("", "【责任编辑：李某】", None, "李某"),
    # the lines around the body are asked first
    ("<div>作者：王某某</div>", "（撰稿：张某）", "王某某", None),
    # a notice's 时间 line in the body is its event's, not the publish date (the URL's day is)
    ("", "时间：2024年3月15日上午9:00", None, None),
])
def test_a_credit_inside_the_body(info, credit, author, editor):
    record = extract(_page(info=info, body=[*PROSE, credit, *APPENDED]), URL)
    assert (record["author"], record["editor"], record["published"]) == (author, editor, "2024-01-05")
    assert record["paragraphs"][:3] == PROSE and "学生感想：" in record["paragraphs"]
    if credit.startswith(("（", "【")):
        assert credit not in record["paragraphs"]
