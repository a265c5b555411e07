import pytest

from branchnews.crawler.pages.labels import is_label_line, read_labels


def fields(line):
    return [(f.field, f.label, f.value) for f in read_labels(line)]


@pytest.mark.parametrize("line, expected", [
    # empty author followed by the editor: the editor is not the author's value
    ("作者: 责任编辑:张禹", [("author", "作者", None), ("editor", "责任编辑", "张禹")]),
    ("发布时间:2017-09-14 来源:", [("published", "发布时间", "2017-09-14"), ("source", "来源", None)]),
    ("2017年09月14日 10:20 | 作者:李某 | 来源:民进某市委会 A- A+",
     [("author", "作者", "李某"), ("source", "来源", "民进某市委会")]),
    ("（责任编辑：周某）", [("editor", "责任编辑", "周某")]),
    ("【责任编辑：王某某】", [("editor", "责任编辑", "王某某")]),
    ("审核：刘某 编辑：赵某", [("other", "审核", "刘某"), ("editor", "编辑", "赵某")]),
    ("作 者:石家庄民进 时间:2019-11-13 15:17:57",
     [("author", "作者", "石家庄民进"), ("published", "时间", "2019-11-13 15:17:57")]),
    ("12:11来源：证券时报网作者：李在山", [("source", "来源", "证券时报网"), ("author", "作者", "李在山")]),
    ("稿源：人民政协报  责编：王五", [("source", "稿源", "人民政协报"), ("editor", "责编", "王五")]),
    ("信息来源：中共某市委统战部 浏览次数：", [("source", "信息来源", "中共某市委统战部"), ("other", "浏览次数", None)]),
    # a counter's label ends an empty value (a VSB info row: 作者： 来源： 点击率：次)
    ("作者： 来源： 点击率：次", [("author", "作者", None), ("source", "来源", None), ("other", "点击率", "次")]),
    ("来源：某某学院 阅读量：", [("source", "来源", "某某学院"), ("other", "阅读量", None)]),
    # a template's placeholder is no value (DedeCMS: 来源:未知; 作者:佚名)
    ("时间:2017-11-21 16:43 来源:未知 作者:某某商会", [("published", "时间", "2017-11-21 16:43"),
                                               ("source", "来源", None), ("author", "作者", "某某商会")]),
    ("来源：不详 作者：佚名", [("source", "来源", None), ("author", "作者", None)]),
    # the writer as 文 with a colon (or 丨), beside the pictures' credit: the writer's name alone
    ("来源:民盟第三支部 文:孙某琴 点击:", [("source", "来源", "民盟第三支部"), ("author", "文", "孙某琴"),
                                     ("other", "点击", None)]),
    ("文：陈某怡　图：王某然", [("author", "文", "陈某怡")]),
    ("（文：刘某源　图：郭某）", [("author", "文", "刘某源")]),
    ("文丨张某", [("author", "文", "张某")]),
    ("作者：张某 摄影：李某", [("author", "作者", "张某"), ("other", "摄影", "李某")]),
    # 文 inside a word is no label
    ("全文：见附件", []),
    ("原文：某某", []),
    # a forum portal's 来自, an issue's editor, a media centre's production credits
    ("2024-3-5 10:20 | 发布者: admin | 来自: 民建某某市委会", [("other", "发布者", None),
                                                  ("source", "来自", "民建某某市委会")]),
    ("文章来自：某某日报", [("source", "文章来自", "某某日报")]),
    ("本期编辑：杨某", [("editor", "本期编辑", "杨某")]),
    ("（视频：某某融媒体中心　剪辑：吴某）", [("other", "视频", "某某融媒体中心"), ("other", "剪辑", "吴某")]),
    ("排版：李某 海报设计：王某", [("other", "排版", "李某"), ("other", "海报设计", "王某")]),
    # the closing bracket of a title the value names stays (人民网-《人民日报》, 某报（海外版）)
    ("来源：人民网-《人民日报》", [("source", "来源", "人民网-《人民日报》")]),
    ("来源：某某日报（海外版）", [("source", "来源", "某某日报（海外版）")]),
    ("（来源：某某日报）", [("source", "来源", "某某日报")]),
    # the page's buttons a space after the value are not part of it
    ("来源：某某日报 打印 关闭", [("source", "来源", "某某日报")]),
    ("作者：李某 打印 收藏", [("author", "作者", "李某")]),
    ("来源：民革某某市委会   评论：0 点击：", [("source", "来源", "民革某某市委会"), ("other", "点击", None)]),
    ("作者：李某 评论：0", [("author", "作者", "李某")]),
    # and so is the CMS's administrator account (DedeCMS: 作者:admin, (责任编辑：admin123)); a
    # real editor's login names someone
    ("时间:2014-11-15 10:20 来源:未知 作者:admin", [("published", "时间", "2014-11-15 10:20"),
                                              ("source", "来源", None), ("author", "作者", None)]),
    ("(责任编辑：admin123)", [("editor", "责任编辑", None)]),
    ("作者：管理员 编辑：Administrator", [("author", "作者", None), ("editor", "编辑", None)]),
    ("[责任编辑：alonliu]", [("editor", "责任编辑", "alonliu")]),
    ("文/李红 图/王强", [("author", "文", "李红"), ("other", "图", "王强")]),
    ("（文/张某 图/李某）", [("author", "文", "张某"), ("other", "图", "李某")]),
    ("本文/不是署名", []),
    # roles joined by a slash, the name after a space or a colon: one credit, the writer's
    ("文/图 张某", [("author", "文", "张某")]),
    ("图／文 李某 编辑/王某", [("author", "文", "李某"), ("editor", "编辑", "王某")]),
    ("文/图：张某", [("author", "文", "张某")]),
    ("摄/图 李某", [("other", "图", "李某")]),
    # every writing role as a slash credit, beside a picture's or a video's
    ("编辑／王某　摄影／李某　文字／张某", [("editor", "编辑", "王某"), ("other", "摄影", "李某"),
                                 ("author", "文字", "张某")]),
    ("撰稿/张某 摄像/李某", [("author", "撰稿", "张某"), ("other", "摄像", "李某")]),
    ("文字／张某 图片／李某", [("author", "文字", "张某"), ("other", "图片", "李某")]),
    ("文字/图片 张某", [("author", "文字", "张某")]),
    ("图片/文字：张某", [("author", "文字", "张某")]),
    ("摄像：李某 文字：张某", [("other", "摄像", "李某"), ("author", "文字", "张某")]),
    ("中文字/符集", []),
    # a template's residue where a value should be; an interview's question after 记者：
    ('作者： size="20" 来源： size="20"', [("author", "作者", None), ("source", "来源", None)]),
    ("记者：你们通过什么渠道获取这些信息？", []),
    ("编辑：王某。", [("editor", "编辑", "王某")]),
    ("作者：张某；李某", [("author", "作者", "张某；李某")]),
    # slash credits after a label left empty
    ("来源：文/陆某 图/周某 编辑：曾某", [("source", "来源", None), ("author", "文", "陆某"), ("other", "图", "周某"),
                                ("editor", "编辑", "曾某")]),
    ("作者：文/图 张某", [("author", "作者", None), ("author", "文", "张某")]),
    # who gave the pictures is no source
    ("（图片来源：某某视觉）", [("other", "图片来源", "某某视觉")]),
    ("（图片提供：某某视觉）", [("other", "图片提供", "某某视觉")]),
    ("视频来源：某某台 来源：某某网", [("other", "视频来源", "某某台"), ("source", "来源", "某某网")]),
    # a label in quotation marks is a mention (a copyright notice), not a field
    ("转载时必须注明：“文章来源：某某网站”。", []),
    ("注明「来源：某某网」字样", []),
    # what trails a name on the line is not part of it: a URL, an unlabelled date
    ("来源：某某网站 http://www.example.gov.cn/", [("source", "来源", "某某网站")]),
    ("来源：某某市纪委 2024-01-05", [("source", "来源", "某某市纪委")]),
    ("2020年07月04日 12:10 来源：某某网参与互动", [("source", "来源", "某某网")]),  # a widget link after it
    ("作者：李某 2017年09月14日 10:20", [("author", "作者", "李某")]),
    ("来源：http://www.example.gov.cn/", [("source", "来源", "http://www.example.gov.cn/")]),
    ("活动时间：2017年9月", []),
    ("总编辑：某某", []),
    # a label in brackets, its value after the bracket, up to the next bracket
    ("【日期】2021-03-05 【来源】某某市政协", [("source", "来源", "某某市政协")]),
    ("[来源] 某某市政协 [时间] 2021-03-05", [("source", "来源", "某某市政协")]),
    ("【作者】张某 【来源】某某日报 【字号：大 中 小】",
     [("author", "作者", "张某"), ("source", "来源", "某某日报"), ("other", "字号", "大 中 小")]),
    ("【责任编辑】王某某", [("editor", "责任编辑", "王某某")]),
    ("【信息来源】某某市统战部【打印】", [("source", "信息来源", "某某市统战部")]),
    # more ways of naming the source
    ("来源于：某某日报", [("source", "来源于", "某某日报")]),
    ("转自：某某网 http://www.example.com.cn/", [("source", "转自", "某某网")]),
    ("转载自：某某网", [("source", "转载自", "某某网")]),
    ("文章出处：某某日报", [("source", "文章出处", "某某日报")]),
    ("资金来源于：财政拨款", []),  # inside a word of the text
    # the editor's label without a colon: the name is the word after it
    ("责任编辑 张某", [("editor", "责任编辑", "张某")]),
    ("（责编 王某 审核 赵某）", [("editor", "责编", "王某")]),
    ("他担任责任编辑 多年", []),
    # 编辑 without a colon opening a bracket, an outlet's name before it or not
    ("（编辑 张某）", [("editor", "编辑", "张某")]),
    ("（某某江网编辑 孙某芳）", [("editor", "编辑", "孙某芳")]),
    ("【编辑 王某】", [("editor", "编辑", "王某")]),
    ("他担任编辑 多年", []),
    ("编辑 出版 发行", []),
    # a bracketed time or place in the text is not the page's field
    ("【时间】2024年3月5日上午9时", []),
    ("【地点】市政协三楼会议室", []),
    ("【相关新闻】", []),
    # an empty element (an icon's link) before the value holds none of it
    ("来源： \ue000 \ue001 \ue000某某日报网\ue001", [("source", "来源", "某某日报网")]),
    ("来源：\ue000\ue001\ue000\ue001 某某网", [("source", "来源", "某某网")]),
    # a data-source note and a disclosure table's particulars are no 来源
    ("资料来源：某某省统计局", [("other", "资料来源", "某某省统计局")]),
    ("数据来源：某某市统计局", [("other", "数据来源", "某某市统计局")]),
    ("文号：某政发〔2024〕5号 发布机构：某某局", [("other", "文号", "某政发〔2024〕5号"), ("other", "发布机构", "某某局")]),
    ("公开日期：2024-03-06", [("published", "公开日期", "2024-03-06")]),
], ids=lambda v: v if isinstance(v, str) else None)
def test_read_labels(line, expected):
    assert fields(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("作者: 责任编辑:张禹", True),
    ("（责任编辑：周某）", True),
    ("编辑:韩某", True),
    ("2017年09月14日 10:20 | 作者:李某 | 来源:民进某市委会", True),
    ("会议指出，来源：群众反映的问题要逐一落实，做到件件有回音、事事有着落，切实把好事办好。", False),
    ("支部始终把坚持理论学习作为第一要务。", False),
    ("【来源】某某市政协 【作者】张某", True),
    # a paragraph opening with its date is no info line, though a credit follows it
    ("2017年4月25日下午某某一行莅临商会参观指导工作，并参加了座谈。(责任编辑：某某)", False),
    ("2017-11-21 16:43 星期二 来源：某某商会", True),
])
def test_is_label_line(line, expected):
    assert is_label_line(line) is expected


@pytest.mark.parametrize("line, expected", [
    ("总编辑：张三", []),  # 编辑 inside a word is not the label
    ("㐀编辑：张三", []),  # the same after a rare (extension A) character: one Han range
    ("（编辑：张三）", [("editor", "编辑", "张三")]),
])
def test_a_label_inside_a_word_after_any_han_character(line, expected):
    assert fields(line) == expected
