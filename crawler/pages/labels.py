"""Labeled metadata (来源, 作者, 责任编辑, 发布时间 …) read off the lines around an article.

A value runs from its label to the next label, a ``|``, a bracket or the end of the line; an
empty value is ``None`` (``作者:     责任编辑:张禹`` gives no author, not ``责任编辑:张禹``).
Labels are data: add a variant to the right tuple and every page gains it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from branchnews.crawler.pages.lines import CLOSE, OPEN, element_end, unmark
from branchnews.pipelines.normalize.charsets import HAN

# Field → label variants, most specific first. 审核/审校 are listed under "other" so they end
# the previous value and are never taken for the editor.
LABELS: dict[str, tuple[str, ...]] = {
    "published": ("发布时间", "发布日期", "发表时间", "发表日期", "发稿时间", "公开日期", "更新时间", "成文日期",
                  "生成日期", "发文日期", "时间", "日期"),
    "source": ("信息来源", "文章来源", "新闻来源", "稿件来源", "内容来源", "消息来源", "来源于", "来源", "稿源",
               "文章出处", "出处", "转载自", "转自", "文章来自", "稿件来自", "来自"),
    "author": ("作者", "撰稿", "撰文", "文字", "图文", "报道", "记者", "通讯员", "供稿"),
    "editor": ("责任编辑", "本期编辑", "值班编辑", "文字编辑", "责编", "编辑"),
    "other": ("审核", "审校", "审稿", "校对", "终审", "签发", "监制", "摄影", "摄像", "图片", "点击数", "点击率",
              "点击量", "点击", "图片来源", "图片来自", "资料来源", "数据来源", "图片提供", "视频来源", "浏览次数",
              "浏览量", "浏览数", "浏览", "阅读量", "阅读数", "阅读", "访问次数", "访问量", "发布人", "发布者",
              "发布单位", "字号", "字体", "分享到", "分享", "关键词", "关键字",
              "打印", "出品", "原标题",
              # who produced the pictures, video and layout of a media centre's piece
              "排版", "剪辑", "视频", "制作", "海报设计", "设计", "美编", "初审", "复审", "一审", "二审", "三审",
              # the particulars of a government disclosure (信息公开) table
              "索引号", "发布机构", "发文机关", "发文字号", "文号", "主题分类", "信息分类", "主题词", "体裁分类",
              "组配分类", "服务对象", "公开方式", "公开范围", "公开时限", "有效性", "语种", "信息格式", "内容概述"),
}
# Who supplied the text: an author only where no writer is credited (it often names a unit).
SUPPLIED_LABEL = "供稿"
EDITOR_PRIORITY = ("责任编辑", "本期编辑", "值班编辑", "责编", "编辑", "文字编辑")
# The publishing date outranks the dates a government notice also shows: when it was signed
# (成文日期, 生成日期), issued (发文日期) or last changed (更新时间); a disclosure table's 公开日期 is
# when the notice was made public: its publish date.
PUBLISHED_PRIORITY = ("发布时间", "发布日期", "发表时间", "发表日期", "发稿时间", "公开日期", "时间", "日期",
                      "发文日期", "成文日期", "生成日期", "更新时间")

_variants = sorted(((lab, field) for field, labs in LABELS.items() for lab in labs),
                   key=lambda item: -len(item[0]))
_FIELD_OF = {lab: field for lab, field in _variants}


def _spaced(label: str) -> str:
    # 作 者, 来 源: a space (or two) inside a label is common in table layouts.
    return r"\s{0,2}".join(map(re.escape, label))


# Slash credits (``文/李红 图/王强``): only at the start of a line or after a space, a bracket or a
# colon (``来源：文/李红 图/王强``: a label left empty, then the credits).
SLASH_LABELS: dict[str, str] = {"图文": "author", "文字": "author", "撰稿": "author", "撰文": "author",
                                "执笔": "author", "文": "author", "作者": "author", "记者": "author",
                                "通讯员": "author", "责任编辑": "editor", "责编": "editor", "编辑": "editor",
                                "摄影": "other", "摄像": "other", "图片": "other", "图": "other", "摄": "other"}
# Roles credited together (``摄影、报道：张三``, ``文字/摄影：李四``): the credit is an author's when
# one of the roles writes.
_ROLE_WORDS = ("文字", "图文", "报道", "撰稿", "记者", "通讯员", "摄影", "摄像", "图片", "编辑", "文", "图", "摄")
_COMPOUND = re.compile("(?P<roles>(?:" + "|".join(_ROLE_WORDS) + ")(?:[、/／和与](?:"
                       + "|".join(_ROLE_WORDS) + ")){1,3})(?=\\s*[:：])")
_WRITES = ("文字", "图文", "报道", "撰稿", "记者", "通讯员", "文")
# The same joined by slashes (``文/图 张三``, ``图／文 李四``, ``文/图：张三``): one slash credit.
_SLASH_ROLES = [r for r in _ROLE_WORDS if r in SLASH_LABELS]
_COMPOUND_SLASH = re.compile("(?:(?<=^)|(?<=[\\s（(【\\[:：]))(?P<roles>(?:" + "|".join(_SLASH_ROLES) + ")(?:[/／](?:"
                             + "|".join(_SLASH_ROLES) + ")){1,2})(?=\\s*[:：]|\\s+[^\\s/／])")
_FIELD_OF.update(SLASH_LABELS)
# Bracketed labels of who published and wrote (``【来源】某某网 【作者】张三``, ``[责任编辑] 李四``): the
# value follows the closing bracket and runs to the next bracket. (A bracketed 【时间】 is as often
# an event's time in the text; the info line's date is read without its label.) The editor's
# label is read without a colon too (``责任编辑 李四``), and so is 编辑 opening a bracket, an
# outlet's name before it or not (``（编辑 李四）``, ``（某某网编辑 李四）``).
_BRACKETED = tuple(lab for field in ("source", "author", "editor") for lab in LABELS[field])
# Where a label can begin: one of their first characters, or (the editor's after an outlet's
# name) just after an opening bracket. Testing that first lets the long alternation below skip
# the other positions of a line at once (4x faster on a paragraph).
_LABEL_START = "[" + re.escape("".join(sorted({lab[0] for lab in _FIELD_OF} | set("【[")))) + "]"
LABEL_RE = re.compile(
    rf"(?:(?={_LABEL_START})|(?<=[（(【\[]))"
    r"(?:(?P<label>" + "|".join(_spaced(lab) for lab, _ in _variants) + r")[\s\ue000\ue001]*[:：︱]\s*"
    r"|(?:(?<=^)|(?<=[\s（(【\[:：\ue000\ue001]))(?P<slash>" + "|".join(SLASH_LABELS) + r")\s*[/／]\s*"
    r"|(?:(?<=^)|(?<=[\s（(【\[\ue000\ue001]))(?P<short>文)[\s\ue000\ue001]*[:：丨︱|｜]\s*(?=[^\s:：])"
    r"|[【\[]\s*(?P<bracket>" + "|".join(map(re.escape, sorted(_BRACKETED, key=len, reverse=True)))
    + r")\s*[】\]][\s\ue000\ue001]*"
    rf"|(?:(?:(?<=^)|(?<=[\s（(【\[\ue000\ue001]))(?P<bare>责任编辑|责编)"
    rf"|(?<=[（(【\[])(?:[{HAN}]{{1,10}}?(?:网站|网|日报|晚报|报|台|社))?(?P<bare_editor>编辑))\s+(?=[{HAN}]))"
)
# A value ends at the next label, a field separator, or a bracket that closes the credit line.
_VALUE_END = re.compile(r"\s*(?:[|｜丨【】\[\]]|\s{2,}|$)")
_TRAILING_CHROME = re.compile(r"\s*(?:A-\s*A\+|A\+\s*A-|【.*|\[.*|(?:参与互动|我要评论|发表评论|参与评论|我要纠错|"
                              r"打印本页|关闭窗口)$|[（(]?\s*$)"
                              # the page's buttons set after the value, a space apart (某某日报 打印 关闭)
                              r"|(?:\s+(?:我要)?(?:打印|关闭|收藏|点赞|推荐|纠错)|\s+评论\s*[:：]?\s*\d*)+\s*$")
# Who took the pictures, credited after the writer (``文：张三 图：李四``): not the writer's name.
_PICTURES_AFTER = re.compile(r"\s+(?:图|摄|图片|摄影)\s*[:：/／丨].*$")
_STRIP = " \t\u3000\xa0()（）【】[]<>《》,，;；:：|｜丨。"


@dataclass(frozen=True, slots=True)
class Labeled:
    field: str
    label: str
    value: str | None
    start: int


_EMPTY_ELEMENT = re.compile(f"{OPEN}\\s*{CLOSE}")


def _element_bounded(line: str, start: int, end: int, own_element: bool) -> str:
    """The value's text up to the end of the element that holds it.

    ``line`` carries OPEN/CLOSE marks around inline elements. A value that starts with an element
    (``来源: <a>新华社</a> <a>举报</a>``) is that element's text; otherwise it ends where the element
    holding the label closes (``<span>来源：中国新闻网</span><span>王帆</span>``).
    """
    i = start
    while True:
        while i < end and line[i] in " \ue001":
            i += 1
        empty = _EMPTY_ELEMENT.match(line, i, end)
        if empty is None:
            break
        i = empty.end()  # an empty element (an icon's <a></a>) before the value holds none of it
    own = own_element and i < end and line[i] == OPEN
    return line[i:element_end(line, i, end, own=own)]


# Every label is followed by a colon, a slash or a closing bracket, or is the editor's: lines
# with none of them (most body paragraphs) need no pass of the long alternation above.
_LABEL_HINT = re.compile(r"[:：︱/／】\]]|文\s*[丨|｜]|责任编辑|责编|[（(【\[].{0,12}编辑")


def read_labels(line: str) -> list[Labeled]:
    """Every ``label: value`` pair in one line (plain, or marked by ``lines.page_lines``)."""
    if not _LABEL_HINT.search(line):
        return []
    line = _COMPOUND.sub(_one_role, _COMPOUND_SLASH.sub(_one_slash_role, line))
    matches = [m for m in LABEL_RE.finditer(line)
               if not (m["label"] and m.start() > 0 and _inside_word(line, m.start(), m["label"]))
               and not _quoted(line, m.start())]
    out: list[Labeled] = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        bare = m["bare"] or m["bare_editor"]
        label = re.sub(r"[\s\ue000\ue001]", "", m["label"] or m["slash"] or m["short"] or m["bracket"] or bare)
        field = _FIELD_OF[label]
        raw = unmark(_element_bounded(line, m.end(), end, field != "published"))
        stop = _VALUE_END.search(raw)
        value = raw[: stop.start()] if stop else raw
        value = _stripped(_TRAILING_CHROME.sub("", value))
        if bare and value:
            value = value.split()[0]  # no colon: the name is the word after the label
        if value in _PLACEHOLDERS or _ACCOUNT.match(value):
            # a template's default (DedeCMS prints 来源:未知, 作者:admin): the label names nobody
            value = ""
        if field != "published" and value:
            value = _without_trailing_noise(value)
            if field == "author" and value:
                value = _PICTURES_AFTER.sub("", value)
            if field in ("author", "editor") and value and _SENTENCE.search(value):
                continue  # ``记者：你们通过什么渠道获取信息？``: an interview's question, not a credit
        out.append(Labeled(field, label, value or None, m.start()))
    return out


# What a CMS prints where nobody filled the field in: 未知 (unknown), 不详, 暂无 (none yet), 佚名
# (anonymous), 无.
_PLACEHOLDERS = frozenset({"未知", "不详", "暂无", "佚名", "无", "null", "None", "none", "-", "--"})
# The CMS's administrator account, which templates print where no writer was entered (a real
# editor's login, ``alonliu``, names someone and stays).
_ACCOUNT = re.compile(r"^(?:admin(?:istrator)?\d*|root|webmaster|(?:系统|超级|网站)?管理员)$", re.I)
# A name or an outlet holds no sentence; a template's residue (``size="20"``) is markup, not text.
_SENTENCE = re.compile(r"[。？！?!]")
_MARKUP_RESIDUE = re.compile(r"""^[\w:-]+\s*=\s*["'][^"']*["']$""")


_QUOTE_OPEN = "“‘「『\"'"


def _quoted(line: str, pos: int) -> bool:
    """A label in quotation marks is a mention, not a field: a copyright notice asking to credit
    ``“文章来源：某某网站”``."""
    return pos > 0 and line[pos - 1] in _QUOTE_OPEN


def _one_role(m: re.Match) -> str:
    """``摄影、报道`` → ``      报道`` (same length: offsets stay true): the writing role, if any."""
    roles = re.split(r"[、/／和与]", m["roles"])
    role = next((r for r in roles if r in _WRITES), roles[-1])
    return role.rjust(len(m["roles"]))


def _one_slash_role(m: re.Match) -> str:
    """``文/图`` → `` 文/``: the writing role as a slash credit of its own, same length."""
    return (_one_role(m).strip() + "/").rjust(len(m["roles"]))


# Labels distinctive enough to be read even when glued to the previous value
# (``12:11来源：证券时报网作者：李在山``); generic words like 时间 or 编辑 are not.
GLUABLE = frozenset({"信息来源", "文章来源", "来源", "稿源", "作者", "责任编辑", "责编", "记者", "通讯员"})

_HAN_CHAR = re.compile(f"[{HAN}]")


def _inside_word(line: str, pos: int, label: str) -> bool:
    """``时间`` in ``活动时间：`` or ``编辑`` in ``总编辑`` is not our label."""
    prev = line[pos - 1]
    if prev in (OPEN, CLOSE):
        return False
    if not _HAN_CHAR.match(prev):
        return False
    return re.sub(r"\s", "", label) not in GLUABLE


def is_label_word(text: str) -> bool:
    """``text`` is a label alone (``文号``, ``关 键 词``), as a table's label cell prints it: never a
    value, nor a name though it may read as one (文 and 关 are surnames)."""
    return text.replace(" ", "").replace("\u3000", "") in _FIELD_OF


def is_label_line(line: str) -> bool:
    """A line made only of labeled metadata (an editor credit, an info bar), not body prose."""
    found = read_labels(line)
    if not found:
        return False
    first = LABEL_RE.search(line)
    head = unmark(line[: first.start()]).strip(_STRIP) if first else line
    if head and not _is_date_or_chrome(head):
        return False
    return all(f.value is None or len(f.value) <= 40 for f in found)


_URL = re.compile(r"\s*(?:https?://|www\.)\S*", re.I)


def _without_trailing_noise(value: str) -> str | None:
    """A name, not what follows it on the line: ``某某网站 http://…`` and ``某某市纪委 2024-01-05``
    are 某某网站 and 某某市纪委 (the date is read by its own label, or unlabelled)."""
    from branchnews.crawler.pages.dates import find_dates

    if _MARKUP_RESIDUE.match(value):
        return None
    if m := _URL.search(value):
        value = value[:m.start()] if m.start() > 0 else value
    dates = find_dates(value)
    if dates and (cut := value.find(dates[0].raw)) > 0:
        value = value[:cut]
    return _stripped(value) or None


def _stripped(value: str) -> str:
    """``value`` without the marks around it, but with the closing bracket of a title it names
    (``人民网-《人民日报》``)."""
    out = value.strip(_STRIP)
    for open_, close in ("《》", "（）", "()"):
        if out.count(open_) > out.count(close) and value.rstrip().endswith(close):
            out += close
    return out


def _is_date_or_chrome(text: str) -> bool:
    """What an info line holds before its first label: a date and time, or a mark; never a
    sentence (``2017年4月25日下午，某某一行莅临…座谈。（责任编辑：某某）`` is a paragraph with its credit)."""
    from branchnews.crawler.pages.dates import find_dates

    if len(text) <= 2:
        return True
    return len(text) <= _INFO_HEAD_CHARS and not _CLAUSE.search(text) and bool(find_dates(text))


_INFO_HEAD_CHARS = 40  # a date, a time, a weekday, a column's name
_CLAUSE = re.compile(r"[。？！?!，；;]")
