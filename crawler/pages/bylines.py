"""Authors and sources that carry no ``label:`` — datelines, byline blocks, class names.

News and organisation pages credit writers in a handful of unlabeled shapes: a dateline at the
start of the body (``新京报快讯（记者 裴剑飞）``, ``〔记者巫其伦／台北报导〕``), a byline line
(``半月谈记者 史卫燕``, ``本报记者 王乐文 方 敏``), a closing credit (``（评论员 罗博 萧海川）``,
``（罗森）``), or an element whose class says what it is (``class="source"``, ``id="author_baidu"``).
These are read only when the labeled info line did not give the field.

>>> dateline_authors("长江网10月4日讯（记者陈智 整合） 国庆中秋长假过半")
'陈智'
>>> byline_authors("本报记者 王乐文 方 敏")
'王乐文、方敏'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

from lxml import etree

from branchnews.crawler.pages.dates import find_dates
from branchnews.crawler.pages.labels import LABELS, is_label_word, read_labels
from branchnews.crawler.pages.lines import text_of, clean_space
from branchnews.pipelines.normalize.charsets import HAN

_ROLE = (r"(?:本报|本网|本刊|本台|本站)?(?:融媒体?|全媒体|新媒体|首席|特派)?(?:特约|见习|实习|驻\S{1,4})?"
         r"(?:记者|通讯员|评论员|撰稿人?|特约撰稿)")
_OPEN, _CLOSE = "（(〔【[", "）)〕】]"
DATELINE = re.compile(r"[（(〔【\[]\s*" + _ROLE + r"[\s:：]*(?P<names>[^）)〕】\]]{2,40}?)\s*[）)〕】\]]")
# A role byline (``半月谈记者 史卫燕``, ``某某日报记者 张三／北京报道``): ``lead`` is what stands
# before the role (an outlet, when it reads as one); a ``／北京报道`` dateline may close it.
# A dateline closing a byline: ``／北京报道``, `` 自江西报道``, `` 发自北京``.
_REPORTED_FROM = (rf"(?:\s*[／/]\s*[{HAN}]{{2,8}}(?:报道|报导|电)|\s+发?自[{HAN}]{{2,8}}(?:报道|报导|电)?"
                  rf"|\s+发自[{HAN}]{{2,8}})")
# ``张三/文`` closing a byline, and then who gave the pictures (``/文受访者供图``, ``/文 李四/图``).
_WROTE = rf"(?:\s*[/／]\s*文(?:字)?(?:\s*[{HAN}]{{1,8}}?(?:供图|提供图片)|\s*[{HAN}·]{{2,5}}\s*[/／]\s*(?:图|摄))?)"
BYLINE = re.compile(r"^(?:(?P<lead>\S{0,10}?)\s?(?:" + _ROLE + r"\s*[:：︱/／]?|作者(?:\s*[:：︱/／]|\s))"
                    r"|(?:撰文|文|执笔)\s*[:：︱/／])\s*"
                    rf"(?P<names>[{HAN}·]{{1,5}}(?:\s+(?!发?自)[{HAN}·]{{1,5}}){{0,5}})"
                    rf"{_WROTE}?{_REPORTED_FROM}?$")
# An outlet's name: what a news organisation or a site calls itself.
_OUTLET_NAME = re.compile(rf"^[{HAN}]{{1,14}}(?:网站|网|日报|晚报|早报|报|杂志社|杂志|周刊|电视台|电台|"
                          rf"通讯社|新闻社|社|客户端|融媒体中心|频道)$|^[{HAN}]{{2,14}}(?:APP|App|app)$")
# Inside a closing bracket group: an optional unit, then up to three names (（民革某支部 张某）).
CLOSING = re.compile(rf"^(?:[{HAN}]{{3,20}}\s+)?"
                     rf"(?P<names>[{HAN}·]{{2,4}}(?:\s+[{HAN}·]{{2,4}}){{0,2}})$")
_GROUP = re.compile(r"[（(【\[]([^（()）【】\[\]]*)[）)】\]]")
_ROLE_LEAD = re.compile(r"^\S{0,10}?" + _ROLE + r"\s*")
# Words that follow names in credits but are not names (``记者张三文并图``: text and pictures).
_NOT_NAME = re.compile(r"(?:整合|报道|报导|摄影|摄|编译|采写|综合|发自\S*|实习生|通讯员|记者|评论员|"
                       r"整理|制图|供图|供稿|撰稿|文并图|文并摄|图并文)$")
_NAME = re.compile(rf"^[{HAN}·]{{2,5}}$")
_HAN_ONE = re.compile(rf"^[{HAN}]$")
# An outlet that credits its own reporter, no role word between: ``中央纪委国家监委网站 韩亚栋``,
# ``上报快讯／范姜佳钰``, ``某某日报 张三 通讯员 李四``.
_OUTLET = (rf"[{HAN}]{{1,14}}?(?:网站|新闻网|网|日报|晚报|早报|都市报|报|杂志社|杂志|周刊|电视台|电台|"
           rf"通讯社|新闻社|客户端)")
_PERSON = rf"[{HAN}·]{{2,5}}"
OUTLET_BYLINE = re.compile(rf"^(?P<outlet>{_OUTLET})(?:快讯|讯)?\s*(?:[／/]\s*|\s+)"
                           rf"(?P<names>{_PERSON}(?:\s+(?!发?自)(?:{_ROLE}\s*)?{_PERSON}){{0,5}})"
                           rf"{_WROTE}?{_REPORTED_FROM}?$")
# Read through importlib.resources: the package also runs from a zipped egg (Scrapyd).
_SURNAMES = json.loads(resources.files(__package__).joinpath("surnames.json").read_text("utf-8"))
_LONE_NAME = re.compile(rf"^(?:{'|'.join(_SURNAMES['compound'])}|[{_SURNAMES['single']}])[{HAN}]{{1,2}}$")
AUTHOR_CLASS = re.compile(r"author|writer|zuozhe|byline", re.I)
SOURCE_CLASS = re.compile(r"(?:^|[\s_-])(?:source|where|from|origin|laiyuan|ly|media|medium)"
                          r"(?:$|[\s_-]|baidu|name)|(?<![a-z])source", re.I)
_LABEL_PREFIX = re.compile(r"^.{0,6}?(?:(?:来源|来自|出处|稿源|作者|记者)\s*[:：]|来源于|转自|摘自)\s*")


# Bullets a paper sets before and between its credits (``□ 本报记者 张三``, ``⊙记者 张三 ○编辑 李四``).
_BULLETS = re.compile(r"[□■●◎⊙○◆◇▲△★☆•▪]+")
# A credit of the editor ends the writers' names (``每经记者 张三 每经编辑 李四``).
_EDITOR_ROLE = re.compile("(?:" + "|".join((*LABELS["editor"], "编审", "审核", "校对", "主编")) + ")$")
# The dateline's places closing a byline (``记者 张三 李四 北京 上海报道``).
_DATELINE_END = re.compile(r"(?:报道|报导|电)$")


def unbulleted(line: str) -> str:
    return clean_space(_BULLETS.sub(" ", line))


def byline_editors(line: str) -> set[str]:
    """The names a byline line credits as editors (``某某报 ⊙记者 张三 ○编辑 李四`` → {李四}): a
    labelled author list that repeats the byline's names (``【作者：张三 李四】``) has them too."""
    line = unbulleted(line)
    if len(line) > 40 or not byline_authors(line):
        return set()
    tokens = line.split()
    start = _editor_token(tokens)
    return {t for t in tokens[start + 1:] if _LONE_NAME.match(t)} if start is not None else set()


def _editor_token(tokens: list[str]) -> int | None:
    """Where a byline's editor credit starts (``记者 张三 编辑 李四``: at 编辑): the names after it
    are editors, not writers."""
    return next((i for i, t in enumerate(tokens) if _EDITOR_ROLE.search(t)), None)


def _names(text: str) -> str | None:
    """``王乐文 方 敏`` → ``王乐文、方敏``; ``巫其伦／台北报导`` → ``巫其伦``; ``张三 李四 北京 上海报道`` →
    ``张三、李四`` (the places of a dateline are the tokens after the last personal name)."""
    text = re.split(r"[／/]", text)[0]
    tokens = [t for t in re.split(r"[\s、，,;；&＆]+", text) if t]
    if (editor := _editor_token(tokens)) is not None:
        tokens = tokens[:editor]
    if len(tokens) > 1 and _DATELINE_END.search(tokens[-1]):
        tokens[-1] = _DATELINE_END.sub("", tokens[-1])
        while tokens and not _LONE_NAME.match(tokens[-1]):
            tokens.pop()
    merged: list[str] = []
    for token in tokens:
        if merged and len(token) == 1 and len(merged[-1]) == 1:
            merged[-1] += token
        else:
            merged.append(token)
    names = []
    for token in merged:
        token = re.sub(r"^" + _ROLE, "", token)
        token = _NOT_NAME.sub("", token)
        if _NAME.match(token) and token not in names:
            names.append(token)
    return "、".join(names) or None


# A dateline without brackets (``本报讯 记者张三 通讯员 李四 近日，…``, ``某地3月5日电 记者 张三 …``):
# each role and its name followed by a space, the text after the last one.
_BARE_DATELINE = re.compile(r"^\S{0,12}?[讯电]\s+(?P<names>(?:" + _ROLE + rf"\s*[{HAN}·]{{2,5}}\s+){{1,4}})")


# A wire dateline opening the text names the outlet that sent it (``新华社北京3月5日电``,
# ``据中新网拉萨电``); the paper's own (本报, 本网) names none.
_DATELINE_OUTLET = re.compile(rf"^据?(?!本)(?P<outlet>[{HAN}]{{2,8}}?(?:社|网|报|台))[{HAN}]{{2,6}}?"
                              r"(?:\d{1,2}月\d{1,2}日)?电")


def dateline_outlet(paragraph: str) -> str | None:
    m = _DATELINE_OUTLET.match(paragraph)
    return m["outlet"] if m else None


def dateline_authors(paragraph: str) -> str | None:
    m = DATELINE.search(paragraph[:200]) or _BARE_DATELINE.match(paragraph[:200])
    return _names(m["names"]) if m else None


def byline_authors(line: str) -> str | None:
    """A line that is only a byline (``半月谈记者 史卫燕``, ``《棱镜》作者 周纯``,
    ``中央纪委国家监委网站 吴晶 薛鹏``)."""
    line = unbulleted(line)
    if len(line) > 40:
        return None
    line = re.sub(r"^《[^》]{1,12}》", "", line)
    if m := BYLINE.match(line):
        return _names(m["names"])
    m = OUTLET_BYLINE.match(line)
    return _outlet_names(m) if m else None


@dataclass(frozen=True)
class Byline:
    authors: str
    outlet: str | None = None


def header_byline(line: str) -> Byline | None:
    """A byline among the lines between the headline and the body: a role byline (``本刊记者
    侯逸宁 黄月``), an outlet crediting its reporter (``上报快讯／范姜佳钰 2020年03月12日 20:19``), or a
    lone personal name (``王诗雨``, told from a short heading by its surname). Dates on the line
    are set aside first."""
    line = unbulleted(line)
    for found in find_dates(line):
        line = line.replace(found.raw, " ")
    line = clean_space(line)
    if not line or len(line) > 40:
        return None
    if m := OUTLET_BYLINE.match(line):
        names = _outlet_names(m)
        return Byline(names, m["outlet"]) if names else None
    if names := byline_authors(line):
        m = BYLINE.match(re.sub(r"^《[^》]{1,12}》", "", line))
        lead = (m["lead"] or "") if m else ""
        return Byline(names, lead if _OUTLET_NAME.match(lead) else None)
    return Byline(line) if _LONE_NAME.match(line) and not is_label_word(line) else None


# What follows a writer's name in a credit of a commentary or a paper: the writer's unit and
# post (``北京大学经济学院教授``, ``中共某某市委党校副校长``, ``某某研究院研究员``).
_POSTS = (r"(?:教授|副教授|研究员|副研究员|讲师|博士生导师|博士后|博士生|博士|硕士生|研究生|学者|专家|院士|主任|"
          r"副主任|院长|副院长|所长|副所长|书记|副书记|校长|副校长|部长|副部长|局长|副局长|会长|副会长|"
          r"秘书长|理事|委员|干部|教师|老师|成员|特约研究员|助理|科员|干事|经理|副经理)")
_UNITS = (r"(?:大学|学院|学校|中学|研究院|研究所|研究中心|研究会|中心|党校|社科院|科学院|委员会|委|政府|厅|局|部|"
          r"办公室|集团|公司|医院|协会|学会|报社|杂志社|银行)")
_AFFILIATION = re.compile(rf"^[{HAN}（）()·]{{2,30}}?{_UNITS}[{HAN}（）()·]{{0,16}}?{_POSTS}?$")
# The unit, or the unit and post, before the name (``某某集团办公室主任助理 王五``, ``某某大学 张三``).
_POST_BEFORE = re.compile(rf"^[{HAN}（）()·]{{1,30}}(?:{_POSTS}|{_UNITS})\s+(?P<name>\S+)$")
# The same glued on (``武汉大学历史学院郭伦``): the name is the two or three characters after the
# last unit or post, when they read as a name and not as a unit of their own (``市委宣传部``).
_UNIT_GLUED_BEFORE = re.compile(rf"^(?P<unit>[{HAN}（）()·]{{2,30}}(?:{_POSTS}|{_UNITS}))(?P<name>[{HAN}]{{2,3}})$")
# Where a unit's name starts when it is glued to the writer's name (``方敏北京大学…``): a
# province-level place or a national prefix, read as part of the unit, not of the name.
_UNIT_START = ("中国", "中共", "中央", "国家", "全国", "国务院", "北京", "天津", "上海", "重庆", "河北", "山西",
               "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南",
               "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏",
               "宁夏", "新疆", "香港", "澳门", "清华", "复旦", "南开", "人民")

_UNIT_END = "委办部局厅院校会处科站所司社"  # how a unit's name ends, and a person's never does


def _writer(name: str, unit: str) -> bool:
    """``name`` reads as a person's and ``unit`` as a unit with a post (``党委`` + ``组织部`` is a
    unit alone: a name never ends like a unit's name)."""
    return (len(unit) >= 5 and _LONE_NAME.match(name) is not None and name[-1] not in _UNIT_END
            and _AFFILIATION.match(unit) is not None)


def name_before_affiliation(text: str) -> str | None:
    """``方敏 北京大学经济学院教授`` or ``方敏北京大学经济学院教授`` → ``方敏``: a personal name
    (surname first) followed by the writer's unit and post. Glued on, where the name ends is told
    only by a unit that starts as one (``_UNIT_START``); otherwise the value stays whole."""
    text = clean_space(text)
    head, _, rest = text.partition(" ")
    if rest:
        return head if _writer(head, rest.replace(" ", "")) else None
    splits = [(text[:n], text[n:]) for n in (2, 3, 4) if _writer(text[:n], text[n:])]
    return next((name for name, unit in splits if unit.startswith(_UNIT_START)), None)


# A name, then the role after a slash (``张三/文``, ``李四／摄``).
_NAME_THEN_ROLE = re.compile(rf"^(?P<name>[{HAN}·]{{2,5}})[/／](?P<role>文字|文|图片|图|摄影|摄)$")
# A credit with a note in brackets after it (``张三（某某大学）``); the label reader may have cut
# the closing bracket off the end of the line.
_BRACKETED_NOTE = re.compile(r"^(?P<name>[^（()）]+?)\s*[（(][^（()）]{1,30}(?P<close>[）)]?)$")


def clean_author(value: str | None) -> str | None:
    """A labelled author without role words, several names joined with 、 (``本报记者 张三 李四``
    → ``张三、李四``, ``实习生 王五`` → ``王五``, ``张 三`` → ``张三``), without the unit and post
    after a name (``方敏 北京大学经济学院教授`` → ``方敏``) or in brackets after it (``张三（某某大学）``
    → ``张三``) or before it (``某某集团办公室主任助理 王五`` → ``王五``, ``某某大学历史学院张三`` → ``张三``); a unit alone (``党委组织部``, ``党委组织部（宣传部）``) stays as written."""
    if not value:
        return value
    text = re.sub(r"^\S{0,10}?" + _ROLE + r"\s*", "", value.strip())
    text = re.sub(r"^实习生\s*", "", text)
    if m := _BRACKETED_NOTE.match(text):
        if _LONE_NAME.match(m["name"]):
            return m["name"]
        if not m["close"]:  # the label reader cut the closing bracket
            text += "）" if "（" in text else ")"
    if (m := _POST_BEFORE.match(text)) and _LONE_NAME.match(m["name"]):
        return m["name"]
    if (m := _UNIT_GLUED_BEFORE.match(text)) and _writer(m["name"], m["unit"]):
        return m["name"]
    tokens = [t for t in re.split(r"[\s、，,]+", text) if t]
    credits = [_NAME_THEN_ROLE.match(t) for t in tokens]
    if tokens and all(credits):  # ``张三/文 李四/图``: the writers, not the photographers
        return "、".join(dict.fromkeys(m["name"] for m in credits if m["role"] in ("文", "文字"))) or None
    # (a two-character name is often set with a space inside it: ``张 三``)
    if len(tokens) > 1 and all(_NAME.match(t) or _HAN_ONE.match(t) for t in tokens):
        return _names(text) or text
    return name_before_affiliation(text) or text or value


def outlet_in_info(lines: list[str]) -> str | None:
    """An outlet named alone on the dated info line (``2021-03-05 人民政协报 | 打印``): the source
    when no label names one."""
    for line in lines:
        dates = find_dates(line) if len(line) <= 120 else []
        if not dates:
            continue
        for found in dates:
            line = line.replace(found.raw, " ")
        for token in re.split(r"[\s|｜丨/／]+", line):
            token = token.strip("()（）[]【】<>《》")
            if 3 <= len(token) <= 15 and _OUTLET_NAME.match(token) and not read_labels(token):
                return token
    return None


def _outlet_names(m: re.Match) -> str | None:
    """The names of an outlet byline, each a personal name (so ``新华网 北京`` is not one)."""
    names = _names(m["names"])
    if names and all(_LONE_NAME.match(n) for n in names.split("、")):
        return names
    return None


_TRAILING_GROUP = re.compile(r"(?<=[。！？!?”’」』…）)])\s*(?P<group>[（(][^（）()]{2,40}[）)])\s*$")


def peel_credit(paragraph: str) -> tuple[str, str | None]:
    """A credit glued to the end of the last paragraph (``…一百周年！（文/某部 图/某社）``) is not
    body text: the paragraph without it, and the credit."""
    m = _TRAILING_GROUP.search(paragraph)
    if m and m.start() > 0 and is_credit_line(m["group"]):
        return paragraph[:m.start()].rstrip(), m["group"]
    return paragraph, None


def credit_groups(text: str) -> list[str] | None:
    """The bracket groups of a line made only of them: ``（张某）【编辑：叶某】`` → two groups."""
    groups, pos = [], 0
    text = text.strip()
    for m in _GROUP.finditer(text):
        if text[pos:m.start()].strip():
            return None
        groups.append(m.group(1).strip())
        pos = m.end()
    return groups if groups and not text[pos:].strip() else None


# A closing group that credits pictures (``（记者 张三 摄）``, ``（李四 供图）``): no author in it.
_PICTURES_BY = re.compile(r"(?:摄影|摄|供图|制图)$")
# A group that names who supplied the text (``（某某部 供稿）``): that unit or person is the author.
_SUPPLIED_BY = re.compile(rf"^(?P<who>[{HAN}·]{{2,20}})\s*供稿$")


def _group_authors(group: str) -> str | None:
    group = group.strip()
    if _PICTURES_BY.search(group):
        return None
    if m := _SUPPLIED_BY.match(group):
        return m["who"]
    if _ROLE_LEAD.match(group):
        return _names(_ROLE_LEAD.sub("", group, count=1))
    tokens = group.split()
    if 1 < len(tokens) <= 4 and all(_LONE_NAME.match(t) for t in tokens):
        return _names(group)  # (``（常某某 马某某）``: a three-character name is no unit before a name)
    m = CLOSING.match(group)
    return _names(m["names"]) if m else None


def closing_authors(paragraph: str) -> str | None:
    """Authors of a closing credit line (``（罗森）``, ``（评论员 罗博 萧海川）``,
    ``（民革某支部 张某）【编辑：叶某】``); labeled groups are left to the label reader."""
    for group in credit_groups(paragraph) or ():
        if read_labels(group):
            continue
        found = _group_authors(group)
        if found:
            return found
    return _labeled_byline(paragraph)


def is_credit_line(text: str) -> bool:
    """A line of bracketed credits only: names, roles or labels (编辑：…, 文/…) in every group;
    or a byline followed by labels (``某报记者 张三 来源：某报``)."""
    groups = credit_groups(text)
    if groups:
        return all(read_labels(g) or _group_authors(g) or _picture_credit(g) for g in groups)
    return _labeled_byline(text) is not None


def _picture_credit(group: str) -> bool:
    """``记者 张三 摄``, ``李四 供图``: a credit line still, though its names are no authors."""
    group = group.strip()
    return bool(_PICTURES_BY.search(group)) and _group_authors(_PICTURES_BY.sub("", group)) is not None


def _labeled_byline(text: str) -> str | None:
    """The authors of ``某报记者 张三 来源：某报 编辑：李四``: a byline, then only short labels."""
    if len(text) > 80:
        return None
    found = read_labels(text)
    if not found or found[0].start == 0 or any(f.value and len(f.value) > 30 for f in found):
        return None
    return byline_authors(text[:found[0].start])


def _class_names(el: etree._Element) -> str:
    return f'{el.get("class", "")} {el.get("id", "")}'


def _short_text(el: etree._Element) -> str | None:
    text = clean_space(text_of(el))
    for found in find_dates(text):
        text = text.replace(found.raw, " ")
    text = clean_space(re.sub(r"[()（）\[\]【】|｜]", " ", text))
    text = _LABEL_PREFIX.sub("", text)
    return text if 2 <= len(text) <= 30 else None


# A link to a writer's page: ``rel="author"``, or a path through an author folder.
_AUTHOR_HREF = re.compile(r"/(?:authors?|zuozhe|writer|reporter)/", re.I)


_BYLINE_LABEL = re.compile(r"^(?:作者|撰稿|撰文|文|by)(?:\s*[:：]\s*|\s+)", re.I)


def author_from_classes(blocks: list[etree._Element]) -> str | None:
    """An element classed author/byline in the header (``<div class="author">本报记者 王乐文</div>``),
    or the links to the writers' pages there (avatar cards: ``<a href="/author/181.html">…刘某</a>``)."""
    linked = []
    for block in blocks:
        for a in (*block.iterancestors("a"), *block.iter("a")):  # (a card's link may hold its block)
            if (a.get("rel") or "").lower() == "author" or _AUTHOR_HREF.search(a.get("href") or ""):
                name = clean_space(text_of(a))
                if _LONE_NAME.match(name) and name not in linked:  # (not 全部作者, 更多文章)
                    linked.append(name)
    if linked:
        return "、".join(linked)
    for block in blocks:
        for el in block.iter():
            if isinstance(el.tag, str) and AUTHOR_CLASS.search(_class_names(el)):
                text = _short_text(el)
                if text:
                    # (a theme's byline prints its label without a colon: ``作者 秘书处``)
                    text = re.sub(r"^\S{0,8}?" + _ROLE, "", _BYLINE_LABEL.sub("", text))
                    parts = re.split(r"[／/]", text)
                    names = _names(parts[-1] if len(parts) > 1 else text)
                    if names:
                        return names
    return None


def source_from_classes(blocks: list[etree._Element]) -> str | None:
    """An element classed source/where/from in the header, or a <cite>, without date or label."""
    for block in blocks:
        for el in block.iter():
            if _names_source(el):
                # (the innermost such element first: ``<span class="source">本文来源于<span
                # id="source_baidu"><a>某某报</a></span> 日期</span> <a>我要评论</a>``)
                inner = [sub for sub in el.iterdescendants() if _names_source(sub)]
                for candidate in (*reversed(inner), el):
                    text = _short_text(candidate)
                    if text and not re.search(r"[。！？]", text):
                        return text
    return None


_PICTURE = frozenset({"figure", "figcaption"})


def _names_source(el: etree._Element) -> bool:
    """Classed or tagged as the source; never a picture's caption (``<figcaption><span
    class="media-legend">``: the picture's credit, not the article's outlet)."""
    return isinstance(el.tag, str) and (el.tag == "cite" or SOURCE_CLASS.search(_class_names(el)) is not None) \
        and el.tag != "figcaption" and not any(a.tag in _PICTURE for a in el.iterancestors())


# A headline in the ``作者：标题`` form some essay and forum sites print (``某某：我是怎样…``).
_WRITER_PREFIX = re.compile(rf"^(?P<name>[{HAN}·]{{2,6}})\s*[:：]")


def headline_writer(title: str | None, deck: list[str]) -> str | None:
    """The writer a ``作者：标题`` headline names, when the body's repeat of the headline has that
    name alone on the line under it: a pen name, which no surname list tells (a headline
    ``某某：…`` alone is as often a speaker quoted)."""
    m = _WRITER_PREFIX.match(title or "")
    return m["name"] if m and m["name"] in deck[1:] else None
