import pytest
from lxml import html

from branchnews.crawler.pages.bylines import (Byline, author_from_classes, byline_authors, byline_editors,
                                              clean_author, closing_authors, dateline_authors, dateline_outlet,
                                              header_byline, is_credit_line, peel_credit, source_from_classes)


@pytest.mark.parametrize("paragraph, authors", [
    ("新京报快讯（记者 裴剑飞）今日有网友爆料", "裴剑飞"),
    ("长江网10月4日讯（记者陈智 整合） 国庆中秋长假过半", "陈智"),
    ("〔记者巫其伦／台北报导〕财政部今天下午将公布", "巫其伦"),
    ("（记者汪某 通讯员代某）", "汪某、代某"),
    ("本报讯（特约记者 王五）近日", "王五"),
    ("本站讯（记者刘某某文并图）2014年11月15日下午", "刘某某"),  # (text and pictures by)
    ("（通讯员 王乐文）近日", "王乐文"),  # (a name ending in 文 keeps it)
    # a county media centre's reporters (融媒体记者, 全媒体记者), a 首席记者
    ("某某网12月10日讯（融媒体记者 林某某 林某）昨日，记者从某局获悉", "林某某、林某"),
    ("（全媒体记者 王某）", "王某"),
    ("（首席记者 赵某某 通讯员 钱某）", "赵某某、钱某"),
    ("（通讯员 赵某 供稿）", "赵某"),  # (who supplied the text: the role is no name)
    # without brackets: each role and its name followed by a space
    ("本报讯 记者张某 通讯员 李某某 近日，某某市召开会议", "张某、李某某"),
    ("某某网北京3月5日电 记者 王某某 3月5日，会议召开", "王某某"),
    ("本报讯 记者近日从市政府获悉，某某工作取得进展", None),
    ("本报讯 记者张某近日从市政府获悉", None),
    ("会议指出（2017年）要加强学习", None),
    ("这是没有署名的一段正文。", None),
])
def test_dateline_authors(paragraph, authors):
    assert dateline_authors(paragraph) == authors


@pytest.mark.parametrize("paragraph, outlet", [
    ("据某华社拉萨电（记者 格桑某某）记者近日从会议上了解到", "某华社"),
    ("某华社北京3月5日电（记者 张某）", "某华社"),
    ("某新网北京1月5日电 记者 王某", "某新网"),
    ("本报北京3月5日电（记者 张某）", None),  # the paper's own
    ("某江网10月4日讯（记者陈某）", None),  # its own news, not a wire's
    ("会议召开电视电话会议进行部署", None),
])
def test_dateline_outlet(paragraph, outlet):
    assert dateline_outlet(paragraph) == outlet


@pytest.mark.parametrize("line, authors", [
    ("半月谈记者 史卫燕", "史卫燕"),
    ("本报记者 王乐文 方 敏", "王乐文、方敏"),
    ("《棱镜》作者 周纯", "周纯"),
    ("文/李红", "李红"),
    ("支部始终把坚持理论学习作为第一要务", None),
    ("青年优秀论文颁奖典礼", None),  # 论文 ends in 文: not a "文/" credit
    ("文 艺术节开幕", None),
    ("作者要求", None),  # a heading: 作者 needs a separator before a name
    ("作者 周某", "周某"),
    ("记者节座谈会在京召开，与会代表围绕新闻工作畅所欲言并提出许多建议", None),
    # bullets a paper sets before and between its credits
    ("□ 本报记者 葛某某", "葛某某"),
    ("■记者 王某某 李某", "王某某、李某"),
    # an editor's credit ends the writers' names, with or without the outlet before it
    ("某经记者 袁某 实习记者 聂某 某经编辑 肖某月", "袁某、聂某"),
    ("某某证券报 ⊙记者 梁某 ○编辑 林某", "梁某"),
    # the places of a dateline closing the byline are no names
    ("□记者 王某博 班某娟 何某荣 北京 上海报道", "王某博、班某娟、何某荣"),
    ("记者 张某 李某 报道", "张某、李某"),
    # the writer's 文 after the name, and then who gave the pictures
    ("某某观察报 李某涛/文", "李某涛"),
    ("某某新闻·某某商报记者马某峰/文受访者供图", "马某峰"),
    ("记者 张某/文 李某/图", "张某"),
    ("某某网 记者 蔡某坤 姜某", "蔡某坤、姜某"),  # the outlet and its role word apart
])
def test_byline_authors(line, authors):
    assert byline_authors(line) == authors


@pytest.mark.parametrize("paragraph, authors", [
    ("（罗森）", "罗森"),
    ("（评论员 罗博 萧海川）", "罗博、萧海川"),
    ("(2017)", None),
    ("（完）", None),
    ("（民革云州市委北湖支部 张某）", "张某"),
    ("（民革云州市委宣传部 张喆）【编辑：叶某】", "张喆"),
    ("（记者汪某 通讯员代某）【编辑:叶某】", "汪某、代某"),
    ("这段话里（括号）不是署名。", None),
    # who supplied the text is its author; who took or made the pictures is not
    ("（某某部 供稿）", "某某部"),
    ("（记者 张某 摄）", None),
    ("（张某 摄影）", None),
    ("（李某 供图）", None),
    ("（常某香 马某阳 ）", "常某香、马某阳"),  # names only: a three-character name is no unit
    ("（民革某支部 马某阳）", "马某阳"),
])
def test_closing_authors(paragraph, authors):
    assert closing_authors(paragraph) == authors


@pytest.mark.parametrize("fragment, source", [
    ('<div><span class="a_source">棱镜</span><span class="a_time">2019-09-23 07:48</span></div>', "棱镜"),
    ('<div><a class="source ent-source">新京报</a></div>', "新京报"),
    ('<div><cite><a>北京新浪网</a> (2020-01-21 11:12)</cite></div>', "北京新浪网"),
    ('<div><span id="source_baidu">来源：中国新闻网</span></div>', "中国新闻网"),
    ('<div><span class="resource-list">下载</span></div>', None),
    # the innermost source element, without a label that has no colon, nor the widgets beside it
    ('<div class="ar_source"><span class="source">本文来源于<span id="source_baidu"><a>某某参考报</a>'
     '</span>　<span>2018-06-01 11:24:00</span></span> <a>我要评论（<span>0</span>）</a></div>', "某某参考报"),
    ('<div><span class="source">转自某某日报 2018-06-01</span></div>', "某某日报"),
    # a picture's credit in its caption is not the article's source
    ('<div><figure><img src="a.jpg"><figcaption><span class="a-media-legend">资料图</span>'
     '<span class="a-media-legend">某某社</span></figcaption></figure></div>', None),
    ('<div><figcaption class="media">某某社</figcaption></div>', None),
])
def test_source_from_classes(fragment, source):
    assert source_from_classes([html.fragment_fromstring(fragment)]) == source


@pytest.mark.parametrize("fragment, authors", [
    ('<div class="author">本报记者 王乐文 方 敏</div>', "王乐文、方敏"),
    ('<div class="author"><a>上报快讯／范姜佳钰</a> 2020年03月12日 20:19:00</div>', "范姜佳钰"),
    ('<div class="info">没有作者</div>', None),
    # links to the writers' pages (avatar cards), a card's link around its block or inside it
    ('<div class="person"><a href="/author/181.html"><p>刘某</p></a><a href="/author/201.html"><p>赵某婷</p></a>'
     '</div>', "刘某、赵某婷"),
    ('<div><a rel="author" href="/u/1">王某</a> <a href="/news/2.html">某某新闻</a></div>', "王某"),
    ('<div><a href="/authors/list.html">全部作者</a></div>', None),
    # a blog theme's byline: its label without a colon before the account in an element
    ('<span class="byline"> 作者 <span class="author vcard"><a href="/author/x/">秘书处</a></span></span>', "秘书处"),
])
def test_author_from_classes(fragment, authors):
    root = html.fragment_fromstring(fragment)
    blocks = root.xpath("self::*[not(.//p)] | .//p")  # (a card's paragraph is a line's block)
    assert author_from_classes(blocks) == authors


@pytest.mark.parametrize("line, credit", [
    ("（文/张某 图/李某）", True),
    ("（民革云州市委宣传部 张喆）【编辑：叶某】", True),
    ("【责任编辑：王某某】", True),
    ("（2017年9月）", False),
    ("（一）总体要求", False),
    # a picture credit is a credit line, though it names no author
    ("（记者 张某 摄）", True),
    ("（某某部 供稿）", True),
    ("（图为会议现场）", False),
])
def test_is_credit_line(line, credit):
    assert is_credit_line(line) is credit


# Names written with rare characters (CJK extension A/B, compatibility ideographs) are names
# too: the byline patterns use the one Han range (pipelines/normalize/charsets.HAN), which the
# basic block U+4E00–U+9FFF they used before left out.
@pytest.mark.parametrize("line, authors", [
    ("记者 陶𬭎", "陶𬭎"),  # U+2C34E, extension E
    ("记者 王𠮷", "王𠮷"),  # U+20BB7, extension B
    ("记者 㐀华", "㐀华"),  # U+3400, extension A
    ("记者 张三", "张三"),
])
def test_byline_names_with_rare_characters(line, authors):
    assert byline_authors(line) == authors


@pytest.mark.parametrize("paragraph, authors", [
    ("（民革某支部 陶𬭎）", "陶𬭎"),
    ("（民革某支部 张三）", "张三"),
])
def test_closing_credit_names_with_rare_characters(paragraph, authors):
    assert closing_authors(paragraph) == authors


@pytest.mark.parametrize("line, byline", [
    ("本刊记者  侯某某  黄某", Byline("侯某某、黄某")),
    ("某某省纪委监委网站 韩某栋", Byline("韩某栋", "某某省纪委监委网站")),  # outlet, name, no role word
    ("某某市纪委监委网站 宋某 通讯员 蒋某涛", Byline("宋某、蒋某涛", "某某市纪委监委网站")),
    ("某某日报 欧阳某某", Byline("欧阳某某", "某某日报")),
    ("某报快讯／范姜某某 2020年03月12日 20:19:00", Byline("范姜某某", "某报")),  # date set aside
    ("王诗某", Byline("王诗某")),  # a lone personal name
    ("新华网 北京", None),  # a place, not a person: no surname
    ("某某网 记者 蔡某坤 姜某", Byline("蔡某坤、姜某", "某某网")),
    ("某某观察报 李某涛/文", Byline("李某涛", "某某观察报")),
    ("评论", None), ("专题报道", None), ("图片新闻", None),  # short headings, labels
    ("文号", None), ("关键词", None), ("关 键 词", None),  # label cells that read as names (文, 关 are surnames)
    ("发布时间：2021-03-05", None),
    ("为全面贯彻落实党的二十大精神，某某省委召开专题会议进行部署", None),
])
def test_header_byline(line, byline):
    assert header_byline(line) == byline


@pytest.mark.parametrize("paragraph, body, credit", [
    ("用更加优异的成绩献礼！（文/某部 图/某新闻社）", "用更加优异的成绩献礼！", "（文/某部 图/某新闻社）"),
    ("会议取得圆满成功。（记者 张某）", "会议取得圆满成功。", "（记者 张某）"),
    ("会议取得圆满成功。 （罗某）", "会议取得圆满成功。", "（罗某）"),
    ("会议指出（一）要加强学习", "会议指出（一）要加强学习", None),  # mid-sentence: not a credit
    ("详见附件（2023年版）", "详见附件（2023年版）", None),
    ("（记者 张某）", "（记者 张某）", None),  # a credit line alone is left to the credit-line reader
])
def test_peel_credit(paragraph, body, credit):
    assert peel_credit(paragraph) == (body, credit)


@pytest.mark.parametrize("value, author", [
    # a writer's name, then the unit and post: the name (spaced, or glued before a unit that
    # starts as one)
    ("方某 北京大学经济学院教授", "方某"),
    ("方某北京大学经济学院教授", "方某"),
    ("欧阳某某中共某某市委党校副校长", "欧阳某某"),
    ("李某 某某研究院研究员", "李某"),
    # glued with no telling start: left whole rather than cut at a guess
    ("李某某某研究院研究员", "李某某某研究院研究员"),
    # a unit alone is no name with a unit (党 is a surname; 党委 is a unit's name)
    ("党委组织部", "党委组织部"),
    ("党委宣传部副部长", "党委宣传部副部长"),
    ("本报记者 张某 李某", "张某、李某"),
    ("实习生 王某", "王某"),
    # a name, then its role after a slash: the writers, not the photographers
    ("张某/文 李某/图", "张某"),
    ("张某/文、李某某/文", "张某、李某某"),
    ("李某／摄", None),
    # a two-character name set with a space inside it
    ("张 某", "张某"),
    ("本报记者 张 某 李某某", "张某、李某某"),
    # the writer's unit in brackets after the name (the label may have cut the closing bracket)
    ("张某（某某大学）", "张某"),
    ("张某（某某大学", "张某"),
    ("欧阳某某(某某日报)", "欧阳某某"),
    # a unit with a note in brackets stays whole, its bracket closed
    ("党委组织部（宣传部", "党委组织部（宣传部）"),
    ("党委组织部（宣传部）", "党委组织部（宣传部）"),
    # the unit, or the unit and post, before the name
    ("后勤集团办公室主任助理 王某丹", "王某丹"),
    ("某某大学 张某", "张某"),
    ("党委宣传部 李某", "李某"),
    ("某某大学 某某学院", "某某大学、某某学院"),  # two units: as written
    # glued on, the name after the last unit or post, when it reads as a name
    ("武汉大学历史学院郭某", "郭某"),
    ("某某大学新闻中心王某", "王某"),
    ("某某学院教授李某某", "李某某"),
    ("中共某某市委宣传部", "中共某某市委宣传部"),  # (宣 is a surname; 宣传部 a unit)
    ("某某县融媒体中心", "某某县融媒体中心"),
    ("某某市政协文史委", "某某市政协文史委"),
])
def test_clean_author(value, author):
    assert clean_author(value) == author


@pytest.mark.parametrize("line, byline", [
    # an outlet, its reporter and where the report was filed from
    ("某某监委网站 曹某 自江西报道", Byline("曹某", "某某监委网站")),
    ("某某日报记者 张某 自北京报道", Byline("张某", "某某日报")),
    ("本报记者 王某 发自上海", Byline("王某")),
    ("某某日报记者 张某／北京报道", Byline("张某", "某某日报")),
    # 自 opening a place is not a second name
    ("某某网站 曹某 自江西", Byline("曹某", "某某网站")),
])
def test_byline_reported_from(line, byline):
    assert header_byline(line) == byline


@pytest.mark.parametrize("line, editors", [
    ("某某证券报 ⊙记者 梁某 ○编辑 林某", {"林某"}),
    ("某经记者 袁某 实习记者 聂某 某经编辑 肖某月", {"肖某月"}),
    ("本报记者 张某", set()),
    ("会议由编辑 张某主持", set()),  # not a byline
])
def test_byline_editors(line, editors):
    assert byline_editors(line) == editors
