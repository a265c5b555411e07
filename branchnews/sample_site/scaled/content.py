"""The truth of the scaled site: article ``j`` of a template, generated from ``(template, j)`` alone.

Its URL, id, date and text are pure functions of ``(template, j)`` (seeded
:class:`random.Random`, string seeds, so not affected by ``PYTHONHASHSEED``): the same article
keeps its URL run to run and whatever N is. ``j = 0`` is the newest of its template, two articles
a day going back from :data:`NEWEST`. The text follows the truth's rules (simplified Chinese,
full-width punctuation; see :mod:`..text`), and the same variants as the bundled site recur
(traditional T1 pages, the 2019 chrome, DedeCMS continuation pages, T5's lying charsets).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from ..templates import t1, t2, t3, t4, t5, t6
from ..text import Style, TruthError
from ..truth import PAGE, Article, Block, Files, Img

__all__ = ["ID_BASE", "NEWEST", "article_path", "head_of", "make_article", "stub"]

NEWEST = date(2024, 6, 28)  # j = 0; two articles a day going back
T1_COLUMN_KEYS = tuple(t1.COLUMNS)  # mjdt zbfc czyz shfw
T2_COLUMN_KEYS = tuple(t2.COLUMNS)  # tzxw dpgz
ID_BASE = {"t1": 200000, "t4": 300000, "t6": 40000000, "t2": 50000, "t3": 60000, "t5": 10000}
T3_COLID, _, T3_UID, _ = t3.COLUMN
T4_KEY, _, T4_TID, _ = t4.COLUMN
T5_TID = t5.COLUMN[0]
T6_KEY = t6.COLUMN[0]


ORGS = {
    "t1": ("民进石家庄市委会", "民进长安支部", "民进桥西一支部", "民进新华支部", "民进裕华支部",
           "民进高新区支部", "民进鹿泉支部", "民进正定支部"),
    "t4": ("民盟云州市委", "民盟北湖支部", "民盟城关支部", "民盟教育支部", "民盟医卫支部", "民盟云州学院支部"),
    "t6": ("云州市政协", "市政协文史委", "市政协提案委", "民进云州市委会", "农工党云州市委会",
           "九三学社云州市委会", "致公党云州市委会"),
    "t2": ("市委统战部", "市工商联", "市民族宗教事务局", "市侨联", "市知联会", "市欧美同学会"),
    "t3": ("西山县委统战部", "西山县工商联", "民建西山县总支", "西山县新联会", "西山县侨联"),
    "t5": ("民革云州市委", "民革北湖支部", "民革城关支部", "民革经济支部", "民革祖统支部"),
}
TOPICS = ("乡村振兴", "生态环境保护", "基层社会治理", "民营经济发展", "教育公平", "养老服务",
          "文化传承", "科技创新", "营商环境优化", "社区治理", "健康中国建设", "非遗保护",
          "老旧小区改造", "中小学课后服务", "食品安全", "数字经济")
EVENTS = (  # (title part, first-paragraph part)
    ("召开{topic}专题座谈会", "召开{topic}专题座谈会，交流工作经验，研究下一步工作"),
    ("举办{topic}专题讲座", "举办{topic}专题讲座，邀请有关专家作辅导报告"),
    ("开展{topic}调研活动", "赴{place}开展{topic}专题调研，实地了解有关情况"),
    ("举办会员骨干培训班", "举办会员骨干培训班，围绕{topic}等内容开展专题培训"),
    ("走访慰问困难会员", "走访慰问困难会员和老会员，送去慰问金和节日问候"),
    ("召开年度工作会议", "召开年度工作会议，总结工作成绩，部署{topic}等重点任务"),
    ("开展义诊送医活动", "组织医卫界会员走进{place}，开展义诊送医活动"),
    ("组织学习全会精神", "组织会员集中学习全会精神，结合{topic}谈体会"),
    ("召开参政议政工作会", "召开参政议政工作会，研究确定{topic}等调研课题"),
    ("开展“同心助学”活动", "在{place}开展“同心助学”活动，为困难学生送去助学金"),
)
PLACES = ("西山县", "北湖区", "云州经济开发区", "城关镇", "南关社区", "东岗村", "桥西区", "长安区")
MIDDLE = (
    "会上，{org}负责同志传达了上级组织有关会议精神，通报了近期工作情况。",
    "与会人员围绕{topic}展开深入讨论，提出了{n}条具有针对性的意见建议。",
    "大家一致认为，此次活动内容丰富、形式新颖，达到了预期目的。",
    "活动中，会员们与基层群众亲切交流，详细了解他们在工作和生活中遇到的困难。",
    "有关专家结合实际案例，深入浅出地讲解了{topic}的政策要求和工作方法。",
    "会议强调，要进一步加强思想政治建设，提高参政议政水平，在{topic}方面积极建言献策。",
    "调研组一行先后走访了{n}家单位，听取了有关部门的情况介绍，并与基层干部进行了座谈。",
    "与会会员表示，要把学习成果转化为做好本职工作和履职尽责的实际行动。",
    "{org}将把调研成果形成提案和社情民意信息，及时报送有关部门。",
    "活动共接待群众{n}人次，发放宣传资料{m}余份，受到群众的普遍欢迎。",
)
CLOSING = (
    "据了解，{org}自{year}年起坚持开展此类活动，已累计开展{count}次。",
    "下一步，{org}将继续发挥自身优势，为{city}经济社会发展贡献力量。{org}今年已开展同类活动{count}次。",
)
HEADINGS_L1 = ("提高政治站位", "聚焦主责主业", "加强自身建设", "创新工作方法", "深化调查研究",
               "完善工作机制", "凝聚思想共识", "服务中心大局")
HEADINGS_L2 = ("深入开展专题调研", "认真撰写提案建议", "注重调研成果转化", "加强骨干队伍建设",
               "拓宽履职工作渠道")
PERSONS = ("李晓燕", "王文博", "赵丽君", "金玫琳", "孙立新", "张喆", "李镕", "刘明", "陈静", "周涛",
           "吴敏", "郑华", "黄磊", "杨帆", "何婷")
EDITORS = ("张禹", "王某某", "周某", "马晓东", "叶某", "赵某", "孙琳")
CN_NUMERALS = "〇一二三四五六七八九"
CN_ORDINALS = "一二三四五六七八九十"


def _cn_year(y: int) -> str:
    return "".join(CN_NUMERALS[int(c)] for c in str(y))


def _cn_small(n: int) -> str:
    """1 … 31 in Chinese numerals (十二, 二十, 三十一)."""
    if n <= 10:
        return CN_ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_ORDINALS[tens - 1]) + "十" + (CN_ORDINALS[ones - 1] if ones else "")


def day_of(j: int) -> date:
    return NEWEST - timedelta(days=j // 2)


def _rng(template: str, j: int, what: str) -> random.Random:
    return random.Random(f"branchnews-scale:{template}:{j}:{what}")


def _fill(rng: random.Random, pattern: str, **slots: str) -> str:
    values = {"topic": rng.choice(TOPICS), "place": rng.choice(PLACES), "n": str(rng.randint(3, 40)),
              "m": str(rng.randint(2, 30) * 50), "city": "云州", **slots}
    return pattern.format(**values)


def _body(template: str, j: int, org: str, topic: str, first: str, d: date) -> list[Block]:
    """Paragraphs: a dated lead, a middle (some with 一、/（一） sections) and a closing line."""
    rng = _rng(template, j, "body")
    paras: list[Block] = [f"{d.month}月{d.day}日，{org}{first}，{rng.randint(12, 90)}名会员和有关人员参加。"]
    shape = rng.random()
    middle = [_fill(rng, p, org=org, topic=topic)
              for p in rng.sample(MIDDLE, rng.randint(5, 7) if shape < 0.35 else rng.randint(2, 5))]
    if shape < 0.35:  # 一、 sections, one with （一） subsections; no paragraph repeats
        heads = rng.sample(HEADINGS_L1, rng.randint(2, 3))
        for k, head in enumerate(heads):
            paras.append(f"{CN_ORDINALS[k]}、{head}")
            if k == 1 and rng.random() < 0.6:
                for s, sub in enumerate(rng.sample(HEADINGS_L2, 2)):
                    paras.append(f"（{CN_ORDINALS[s]}）{sub}")
                    paras.append(middle.pop())
            else:
                paras.append(middle.pop())
    paras.extend(middle)
    paras.append(_fill(rng, rng.choice(CLOSING), org=org, topic=topic, year=str(2008 + j % 10),
                       count=str(j + 3)))
    return paras


@dataclass(frozen=True, slots=True)
class Head:
    """What lists and neighbour links need (cheap: no body)."""

    template: str
    j: int
    column: str
    path: str
    title: str
    day: date
    published: str
    published_raw: str
    org: str
    topic: str
    first: str


def _column(template: str, j: int) -> str:
    if template == "t1":
        return T1_COLUMN_KEYS[j % len(T1_COLUMN_KEYS)]
    if template == "t2":
        return T2_COLUMN_KEYS[j % len(T2_COLUMN_KEYS)]
    return {"t3": f"col{T3_COLID}", "t4": T4_KEY, "t5": str(T5_TID), "t6": T6_KEY}[template]


def article_path(template: str, j: int) -> str:
    d, n, col = day_of(j), ID_BASE[template] + j, _column(template, j)
    if template == "t1":
        return f"/a/{col}/{d:%Y}/{d:%m%d}/{n}.html"
    if template == "t4":
        return f"/t4/a/{T4_KEY}/{d:%Y}/{d:%m%d}/{n}.html"
    if template == "t6":
        return f"/t6/system/{d:%Y}/{d:%m}/{d:%d}/{n:09d}.shtml"
    if template == "t2":
        return f"/t2/{col}/{d:%Y%m}/t{d:%Y%m%d}_{n}.html"
    if template == "t3":
        return f"/t3/art/{d.year}/{d.month}/{d.day}/art_{T3_COLID}_{n}.html"
    return f"/t5/newsview.asp?Id={n}&Tid={T5_TID}"


@lru_cache(maxsize=512)  # bounded: list pages ask for the same heads as their articles
def head_of(template: str, j: int) -> Head:
    rng = _rng(template, j, "head")
    d = day_of(j)
    org = rng.choice(ORGS[template])
    topic = rng.choice(TOPICS)
    title_part, first_part = rng.choice(EVENTS)
    place = rng.choice(PLACES)
    title = org + title_part.format(topic=topic, place=place)
    first = first_part.format(topic=topic, place=place)
    hh, mm, ss = rng.randint(8, 17), rng.choice((0, 5, 10, 15, 20, 30, 40, 45, 50)), rng.randint(0, 59)
    iso_time = f"{d.isoformat()}T{hh:02d}:{mm:02d}:00+08:00"
    if template == "t1":
        if j % 7 == 4:  # 2019 chrome: 时间 with seconds
            published, raw = f"{d.isoformat()}T{hh:02d}:{mm:02d}:{ss:02d}+08:00", f"{d.isoformat()} {hh:02d}:{mm:02d}:{ss:02d}"
        elif j % 5 == 2:
            published, raw = iso_time, f"{d.isoformat()} {hh:02d}:{mm:02d}"
        else:
            published, raw = d.isoformat(), d.isoformat()
    elif template == "t4":
        if j % 10 == 6:  # 二〇二四年六月二十八日
            published, raw = d.isoformat(), f"{_cn_year(d.year)}年{_cn_small(d.month)}月{_cn_small(d.day)}日"
        else:
            published, raw = d.isoformat(), d.isoformat()
    elif template == "t6":
        published, raw = iso_time, f"{d:%Y}年{d:%m}月{d:%d}日 {hh:02d}:{mm:02d}"
    elif template == "t2":
        if j % 3 == 0:
            published, raw = d.isoformat(), d.isoformat()
        else:
            published, raw = iso_time, f"{d.isoformat()} {hh:02d}:{mm:02d}"
    elif template == "t3":
        published, raw = iso_time, f"{d.isoformat()} {hh:02d}:{mm:02d}"
    else:  # t5: 2024/06/28/10:20
        published, raw = iso_time, f"{d:%Y/%m/%d}/{hh:02d}:{mm:02d}"
    return Head(template, j, _column(template, j), article_path(template, j), title, d, published, raw,
                 org, topic, first)


def stub(head: Head) -> Article:
    """A neighbour as the renderers' prev/next/related links see it (path, title, date)."""
    return Article(head.template, head.column, head.path, head.title, head.published, head.published_raw,
                   None, None, None, (), ())


def _roundtrips(article: Article, style: Style) -> bool:
    texts = [article.title, *(v for v in (article.source, article.author, article.editor) if v),
             *article.breadcrumb, *(b for b in article.body if isinstance(b, str)),
             *(b.alt for b in article.body if isinstance(b, Img) and b.alt)]
    try:
        for text in texts:
            style.text(text)
    except TruthError:
        return False
    return True


@lru_cache(maxsize=256)
def make_article(template: str, j: int) -> Article:
    """The truth of article ``j`` of ``template`` (independent of N)."""
    h = head_of(template, j)
    rng = _rng(template, j, "bylines")
    body = _body(template, j, h.org, h.topic, h.first, h.day)
    n = ID_BASE[template] + j
    author = rng.choice(PERSONS)
    editor = rng.choice(EDITORS)
    common = dict(template=template, column=h.column, path=h.path, title=h.title, published=h.published,
                  published_raw=h.published_raw)
    if template == "t1":
        name = t1.COLUMNS[h.column][0]
        if j % 6 == 1:
            alt = None if j % 12 == 7 else f"{h.org}活动现场"
            body.insert(2, Img(f"/uploads/allimg/{h.day:%y%m%d}/{n}-1.png", alt))
        if j % 7 == 4:  # 2019 chrome: author and time on one line, no editor line
            a = Article(**common, source=None, author=author, editor=None, breadcrumb=("首页", name),
                        body=tuple(body), variant="sjz2019")
        else:
            a = Article(**common, source=None if j % 9 == 5 else h.org, author=None if j % 4 == 3 else author,
                        editor=None if j % 11 == 10 else editor, breadcrumb=("首页", name), body=tuple(body))
        if j % 10 == 7:  # traditional (OpenCC s2t), as the seed; only if the text round-trips
            trad = replace(a, script="traditional", ascii_punct=j % 20 == 7)
            if _roundtrips(trad, Style(traditional=True, ascii_punct=trad.ascii_punct)):
                return trad
        if j % 5 == 3:
            asc = replace(a, ascii_punct=True)
            if _roundtrips(asc, Style(ascii_punct=True)):
                return asc
        return a
    if template == "t4":
        if j % 8 == 3:
            body.insert(len(body) - 1, Files(((f"{h.topic}调研提纲.doc", f"/t4/uploads/soft/{h.day:%y%m%d}/{n}.doc"),)))
        pages = 3 if j % 12 == 9 else 2 if j % 4 == 1 else 1
        if pages > 1:  # DedeCMS continuation pages: break the body into `pages` parts
            text_idx = [k for k, b in enumerate(body) if isinstance(b, str)]
            cuts = sorted({text_idx[max(1, len(text_idx) * p // pages)] for p in range(1, pages)})
            for offset, cut in enumerate(cuts):
                body.insert(cut + offset, PAGE)
        return Article(**common, source=h.org, author=None if j % 6 == 5 else author,
                       editor=None if j % 7 == 3 else editor, breadcrumb=("主页", t4.COLUMN[1]),
                       body=tuple(body))
    if template == "t6":
        if j % 5 == 3:
            body.insert(1, Img(f"/t6/uploads/{h.day:%Y}/{h.day:%m}/{n}.png", f"{h.topic}活动现场"))
        variant = "alt_labels" if j % 9 == 4 else "gne" if j % 9 == 7 else ""
        return Article(**common, source=rng.choice(("云州日报", "人民政协报", h.org)),
                       author=None if j % 8 == 6 else author, editor=None if j % 10 == 9 else editor,
                       breadcrumb=(t6.SITE, t6.COLUMN[1]), body=tuple(body), variant=variant,
                       photographer=rng.choice(PERSONS) if variant == "alt_labels" else None)
    if template == "t2":
        return Article(**common, source=h.org, author=None if j % 3 == 0 else author,
                       editor=None if j % 3 == 0 else editor,
                       breadcrumb=("首页", t2.COLUMNS[h.column][0]), body=tuple(body))
    if template == "t3":
        return Article(**common, source=h.org, author=None if j % 5 == 2 else f"{author[0]}某",
                       editor=None if j % 6 == 1 else "赵某", breadcrumb=("首页", t3.COLUMN[1]),
                       body=tuple(body), reviewer="刘某",
                       photographer="李某" if j % 3 == 0 and j % 5 != 2 else None)
    # t5: bylines only as the closing credit line; charsets lie as on the static site
    variant = ("header_lies", "meta_lies", "gb2312_header", "")[j % 4]
    if j % 2 == 0:
        return Article(**common, source=None, author=f"{author[0]}某", editor=None,
                       breadcrumb=("首页", t5.COLUMN[1]), body=tuple(body), variant=variant,
                       poster="宣传部", unit=h.org)
    return Article(**common, source=None, author="汪某", editor="叶某", breadcrumb=("首页", t5.COLUMN[1]),
                   body=tuple(body), variant=variant, poster="办公室",
                   correspondent="代某" if j % 4 == 1 else None)
