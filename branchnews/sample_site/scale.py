"""The sample site at any size: N synthetic articles, every page rendered on request.

    branchnews sample-site --articles 2000 [--port 8931]
    python -m branchnews.sample_site.scale --articles 2000 [--port 8931] [-v]

Same host (``branch.example.org.cn``), same proxy mode, same URL → file rule and the same
template renderers as the static site (``build.py``), so ``crawler/profiles/sample.toml`` crawls
it unchanged. Nothing is written to disk and nothing per article is kept in memory: a request's
URL is parsed back to ``(template, j)``, the article is generated from that index alone and
rendered, so memory does not grow with N.

Article ``i`` (``0 <= i < N``) is template ``TEMPLATES[i % 6]``, the ``j = i // 6``-th of its
template. Its URL, id, date and text are pure functions of ``(template, j)`` (seeded
:class:`random.Random`, string seeds, so not affected by ``PYTHONHASHSEED``): the same article
keeps its URL run to run and whatever N is. Only the list pages depend on N (which articles
exist, how many pages). Lists are newest first: ``j = 0`` is the newest of its template.

=========== ============================================== =====================================
template    list pages (the template's own pager scheme)    article URL
=========== ============================================== =====================================
T1 UTF-8    ``/a/{mjdt,zbfc,czyz,shfw}/``, ``index.html``,   ``/a/<col>/{Y}/{MMDD}/{200000+j}.html``
            ``index.html?page=N``, 20 a page (column j % 4)  (some ASCII punctuation, some
                                                             traditional, some 2019 chrome)
T4 GBK      ``/t4/a/jcfc/`` = ``list_12_1.html``,            ``/t4/a/jcfc/{Y}/{MMDD}/{300000+j}.html``
            ``list_12_N.html``, 20 a page                    + ``_2.html`` (j % 4 == 1) and
                                                             ``_3.html`` (j % 12 == 9)
T6 UTF-8    ``/t6/zxgz/index.shtml``, ``index_N.shtml``      ``/t6/system/{Y}/{MM}/{DD}/{40000000+j:09}.shtml``
T2 UTF-8    ``/t2/{tzxw,dpgz}/index.html``, ``index_K.html`` ``/t2/<col>/{YYYYMM}/t{YYYYMMDD}_{50000+j}.html``
            (script-only TRS pager, 0-based; column j % 2)
T3 UTF-8    ``/t3/col/col1234/index.html``,                  ``/t3/art/{Y}/{M}/{D}/art_1234_{60000+j}.html``
            ``?uid=4567&pageNum=N`` (CDATA records, jpage)
T5 GBK      ``/t5/newslist.asp?Tid=4&page=N``                ``/t5/newsview.asp?Id={10000+j}&Tid=4``
            (prev/next chain; charset lies as in static)
=========== ============================================== =====================================

Every article is linked from exactly one list page. The first page of the T1, T2, T4 and T6
lists also carries the static site's non-article links (off-site, attachments); attachments and
images linked from pages answer 200. Truth for tests: :func:`article_at` / :func:`article_urls`
(``build.golden_record(article_at(n, i))`` is the full expected record).
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from http import HTTPStatus
from http.server import ThreadingHTTPServer

from . import BASE_URL, url_to_relpath
from . import build as B
from .articles import PAGE, Article, Block, Files, Img
from .server import DEFAULT_HOST, DEFAULT_PORT, SampleSiteHandler, run_until_interrupted

__all__ = [
    "TEMPLATES",
    "ScaledSite",
    "ScaledSiteServer",
    "article_at",
    "article_urls",
    "make_scaled_server",
    "serve_scaled",
]

TEMPLATES = ("t1", "t4", "t6", "t2", "t3", "t5")
NEWEST = date(2024, 6, 28)  # j = 0; two articles a day going back
HTML_UTF8 = "text/html; charset=utf-8"

T1_COLUMN_KEYS = tuple(B.T1_COLUMNS)  # mjdt zbfc czyz shfw
T2_COLUMN_KEYS = tuple(B.T2_COLUMNS)  # tzxw dpgz
PER_PAGE = {"t1": 20, "t2": 20, "t3": 15, "t4": 20, "t5": 20, "t6": 20}
ID_BASE = {"t1": 200000, "t4": 300000, "t6": 40000000, "t2": 50000, "t3": 60000, "t5": 10000}
T3_COLID, _, T3_UID, _ = B.T3_COLUMN
T4_KEY, _, T4_TID, _ = B.T4_COLUMN
T5_TID = B.T5_COLUMN[0]
T6_KEY = B.T6_COLUMN[0]

# ---------------------------------------------------------------------------------------------
# Synthetic text (simplified Chinese, full-width punctuation: the truth's rules, see build.py)
# ---------------------------------------------------------------------------------------------

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
class _Head:
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
def _head(template: str, j: int) -> _Head:
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
    return _Head(template, j, _column(template, j), article_path(template, j), title, d, published, raw,
                 org, topic, first)


def _stub(head: _Head) -> Article:
    """A neighbour as the renderers' prev/next/related links see it (path, title, date)."""
    return Article(head.template, head.column, head.path, head.title, head.published, head.published_raw,
                   None, None, None, (), ())


def _roundtrips(article: Article, style: B.Style) -> bool:
    texts = [article.title, *(v for v in (article.source, article.author, article.editor) if v),
             *article.breadcrumb, *(b for b in article.body if isinstance(b, str)),
             *(b.alt for b in article.body if isinstance(b, Img) and b.alt)]
    try:
        for text in texts:
            style.text(text)
    except B.TruthError:
        return False
    return True


@lru_cache(maxsize=256)
def make_article(template: str, j: int) -> Article:
    """The truth of article ``j`` of ``template`` (independent of N)."""
    h = _head(template, j)
    rng = _rng(template, j, "bylines")
    body = _body(template, j, h.org, h.topic, h.first, h.day)
    n = ID_BASE[template] + j
    author = rng.choice(PERSONS)
    editor = rng.choice(EDITORS)
    common = dict(template=template, column=h.column, path=h.path, title=h.title, published=h.published,
                  published_raw=h.published_raw)
    if template == "t1":
        name = B.T1_COLUMNS[h.column][0]
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
            if _roundtrips(trad, B.Style(traditional=True, ascii_punct=trad.ascii_punct)):
                return trad
        if j % 5 == 3:
            asc = replace(a, ascii_punct=True)
            if _roundtrips(asc, B.Style(ascii_punct=True)):
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
                       editor=None if j % 7 == 3 else editor, breadcrumb=("主页", B.T4_COLUMN[1]),
                       body=tuple(body))
    if template == "t6":
        if j % 5 == 3:
            body.insert(1, Img(f"/t6/uploads/{h.day:%Y}/{h.day:%m}/{n}.png", f"{h.topic}活动现场"))
        variant = "alt_labels" if j % 9 == 4 else "gne" if j % 9 == 7 else ""
        return Article(**common, source=rng.choice(("云州日报", "人民政协报", h.org)),
                       author=None if j % 8 == 6 else author, editor=None if j % 10 == 9 else editor,
                       breadcrumb=(B.T6_SITE, B.T6_COLUMN[1]), body=tuple(body), variant=variant,
                       photographer=rng.choice(PERSONS) if variant == "alt_labels" else None)
    if template == "t2":
        return Article(**common, source=h.org, author=None if j % 3 == 0 else author,
                       editor=None if j % 3 == 0 else editor,
                       breadcrumb=("首页", B.T2_COLUMNS[h.column][0]), body=tuple(body))
    if template == "t3":
        return Article(**common, source=h.org, author=None if j % 5 == 2 else f"{author[0]}某",
                       editor=None if j % 6 == 1 else "赵某", breadcrumb=("首页", B.T3_COLUMN[1]),
                       body=tuple(body), reviewer="刘某",
                       photographer="李某" if j % 3 == 0 and j % 5 != 2 else None)
    # t5: bylines only as the closing credit line; charsets lie as on the static site
    variant = ("header_lies", "meta_lies", "gb2312_header", "")[j % 4]
    if j % 2 == 0:
        return Article(**common, source=None, author=f"{author[0]}某", editor=None,
                       breadcrumb=("首页", B.T5_COLUMN[1]), body=tuple(body), variant=variant,
                       poster="宣传部", unit=h.org)
    return Article(**common, source=None, author="汪某", editor="叶某", breadcrumb=("首页", B.T5_COLUMN[1]),
                   body=tuple(body), variant=variant, poster="办公室",
                   correspondent="代某" if j % 4 == 1 else None)


# ---------------------------------------------------------------------------------------------
# The site of N articles
# ---------------------------------------------------------------------------------------------


def count_of(template: str, n: int) -> int:
    """How many of the N articles use ``template``."""
    pos = TEMPLATES.index(template)
    return max(0, -(-(n - pos) // len(TEMPLATES)))


def article_at(n: int, i: int) -> Article:
    """The truth of article ``i`` of a site of ``n`` articles."""
    if not 0 <= i < n:
        raise IndexError(i)
    return make_article(TEMPLATES[i % len(TEMPLATES)], i // len(TEMPLATES))


def article_urls(n: int) -> Iterator[str]:
    """Every article URL of the site of ``n`` articles, in index order."""
    for i in range(n):
        yield BASE_URL + article_path(TEMPLATES[i % len(TEMPLATES)], i // len(TEMPLATES))


def _pages(count: int, per: int) -> int:
    return max(1, -(-count // per))


# Non-article links on the first list page (off-site pages, attachments), as on the static site.
_EXTRAS = {
    ("t1", k): tuple(v) for k, v in B.T1_EXTRAS.items()
} | {
    ("t2", k): tuple((t, B._site_path(B.t2_list_url(k, 1), h) if not h.startswith("http") else h, d)
                     for t, h, d in v) for k, v in B.T2_EXTRAS.items()
} | {("t4", T4_KEY): tuple(B.T4_EXTRAS), ("t6", T6_KEY): tuple(B.T6_EXTRAS)}
_ATTACHMENT_RELS = frozenset(
    url_to_relpath(h.partition("?")[0])[0]
    for extras in _EXTRAS.values() for _, h, _ in extras if h.startswith("/")
)
_ASSET_PATTERNS = (
    re.compile(r"uploads/allimg/\d{6}/\d+-1\.png"),  # T1 images
    re.compile(r"t6/uploads/\d{4}/\d{2}/\d+\.png"),  # T6 images
    re.compile(r"t4/uploads/soft/\d{6}/\d+\.doc"),   # T4 attachments
)
_STATIC = {
    "robots.txt": (B.ROBOTS_TXT.encode(), "text/plain; charset=utf-8"),
    "skin/css/style.css": (B.T1_CSS.encode(), "text/css; charset=utf-8"),
    "skin/js/jquery.js": (B.JQUERY_STUB.encode(), "application/javascript; charset=utf-8"),
    "skin/images/logo.png": (B.png_bytes((200, 30, 40)), "image/png"),
    "t4/templets/default/style/dedecms.css": (B.T4_CSS.encode(), "text/css; charset=utf-8"),
    "t6/css/main.css": (B.T6_CSS.encode(), "text/css; charset=utf-8"),
    "t3/images/style.css": (B.T3_CSS.encode(), "text/css; charset=utf-8"),
    "t3/module/web/jpage/jpage.js": (B.T3_JPAGE_JS.encode(), "application/javascript; charset=utf-8"),
    "t5/images/style.css": (B.T5_CSS.encode(), "text/css; charset=utf-8"),
    "t2/js/page.js": (B.T2_PAGE_JS.encode(), "application/javascript; charset=utf-8"),
}
_DIRS = frozenset({"a", *(f"a/{k}" for k in T1_COLUMN_KEYS), "t2", *(f"t2/{k}" for k in T2_COLUMN_KEYS),
                   "t3", "t3/col", f"t3/col/col{T3_COLID}", "t4", "t4/a", f"t4/a/{T4_KEY}", "t5", "t6",
                   f"t6/{T6_KEY}"})

_R_T1_ART = re.compile(r"a/([a-z]+)/\d{4}/\d{4}/(\d+)\.html")
_R_T4_ART = re.compile(rf"t4/a/{T4_KEY}/\d{{4}}/\d{{4}}/(\d+)(?:_(\d+))?\.html")
_R_T6_ART = re.compile(r"t6/system/\d{4}/\d{2}/\d{2}/(\d+)\.shtml")
_R_T2_ART = re.compile(r"t2/([a-z]+)/\d{6}/t\d{8}_(\d+)\.html")
_R_T3_ART = re.compile(rf"t3/art/\d{{4}}/\d{{1,2}}/\d{{1,2}}/art_{T3_COLID}_(\d+)\.html")
_R_T5_ART = re.compile(rf"t5/newsview\.asp@Id=(\d+)&Tid={T5_TID}")
_R_T1_LIST = re.compile(r"a/([a-z]+)/index\.html(?:@page=([1-9]\d*))?")
_R_T2_LIST = re.compile(r"t2/([a-z]+)/index(?:_([1-9]\d*))?\.html")
_R_T3_LIST = re.compile(rf"t3/col/col{T3_COLID}/index\.html(?:@uid={T3_UID}&pageNum=([1-9]\d*))?")
_R_T4_LIST = re.compile(rf"t4/a/{T4_KEY}/(?:index|list_{T4_TID}_([1-9]\d*))\.html")
_R_T5_LIST = re.compile(rf"t5/newslist\.asp@Tid={T5_TID}&page=([1-9]\d*)")
_R_T6_LIST = re.compile(rf"t6/{T6_KEY}/index(?:_([1-9]\d*))?\.shtml")


def _rel(url_path: str) -> str:
    path, _, query = url_path.partition("?")
    return url_to_relpath(path, query)[0]


class ScaledSite:
    """Routes a site-relative file name (``url_to_relpath``'s ``@`` form) to rendered bytes."""

    def __init__(self, articles: int) -> None:
        if articles < 0:
            raise ValueError("articles must be >= 0")
        self.n = articles
        self.counts = {t: count_of(t, articles) for t in TEMPLATES}

    # -- membership ------------------------------------------------------------------------------
    def column_count(self, template: str, column: str) -> int:
        """Articles in one column (T1: j % 4, T2: j % 2; other templates have one column)."""
        total = self.counts[template]
        keys = T1_COLUMN_KEYS if template == "t1" else T2_COLUMN_KEYS if template == "t2" else None
        if keys is None:
            return total
        slot = keys.index(column)
        return max(0, -(-(total - slot) // len(keys)))

    def column_members(self, template: str, column: str, page: int) -> list[int]:
        """``j`` of the articles on list page ``page`` (1-based) of a column, newest first."""
        keys = T1_COLUMN_KEYS if template == "t1" else T2_COLUMN_KEYS if template == "t2" else None
        stride, slot = (len(keys), keys.index(column)) if keys else (1, 0)
        per = PER_PAGE[template]
        count = self.column_count(template, column)
        return [slot + stride * m for m in range((page - 1) * per, min(count, page * per))]

    def pages_of(self, template: str, column: str) -> int:
        return _pages(self.column_count(template, column), PER_PAGE[template])

    def _article_j(self, template: str, number: str) -> int | None:
        j = int(number) - ID_BASE[template]
        if not 0 <= j < self.counts[template]:
            return None
        return j

    # -- routing -----------------------------------------------------------------------------------
    def lookup(self, rel: str):
        """``("file", render)`` / ``("dir", None)`` / ``None``: render() gives (bytes, Content-Type)."""
        if rel in _STATIC:
            return "file", lambda: _STATIC[rel]
        if rel == "index.html":
            return "file", lambda: (B.render_home().encode("utf-8"), HTML_UTF8)
        if rel in _DIRS:
            return "dir", None
        if rel in _ATTACHMENT_RELS or any(p.fullmatch(rel) for p in _ASSET_PATTERNS):
            return "file", lambda: _asset(rel)
        route = self._route(rel)
        if route is None:
            return None
        return "file", route

    def _route(self, rel: str):
        if m := _R_T1_ART.fullmatch(rel):
            j = self._article_j("t1", m[2])
            if j is not None and _rel(article_path("t1", j)) == rel:
                return lambda: (self.render_t1(j).encode("utf-8"), HTML_UTF8)
            return None
        if m := _R_T1_LIST.fullmatch(rel):
            col, page = m[1], int(m[2] or 1)
            if col in T1_COLUMN_KEYS and m[2] != "1" and page <= self.pages_of("t1", col):
                return lambda: (self.render_t1_list(col, page).encode("utf-8"), HTML_UTF8)
            return None
        if m := _R_T4_ART.fullmatch(rel):
            j = self._article_j("t4", m[1])
            if j is None:
                return None
            want = _rel(article_path("t4", j))
            n = int(m[2]) if m[2] else 1
            if m[2] and (m[2] == "1" or str(n) != m[2]):
                return None
            path = want if n == 1 else want.replace(".html", f"_{n}.html")
            if path != rel:
                return None
            pages = B.render_t4_article(j, make_article("t4", j), self._neighbours("t4", j))
            if n > len(pages):
                return None
            return lambda: (_gbk(pages[n - 1][1]), B.GBK_CONTENT_TYPE)
        if m := _R_T4_LIST.fullmatch(rel):
            page = int(m[1] or 1)
            if page <= self.pages_of("t4", T4_KEY):
                return lambda: (_gbk(self.render_t4_list(page)), B.GBK_CONTENT_TYPE)
            return None
        if m := _R_T6_ART.fullmatch(rel):
            j = self._article_j("t6", m[1])
            if j is not None and _rel(article_path("t6", j)) == rel:
                return lambda: (self.render_t6(j).encode("utf-8"), HTML_UTF8)
            return None
        if m := _R_T6_LIST.fullmatch(rel):
            page = int(m[1] or 1)
            if m[1] != "1" and page <= self.pages_of("t6", T6_KEY):
                return lambda: (self.render_t6_list(page).encode("utf-8"), HTML_UTF8)
            return None
        if m := _R_T2_ART.fullmatch(rel):
            j = self._article_j("t2", m[2])
            if j is not None and _rel(article_path("t2", j)) == rel:
                return lambda: (B.render_t2_article(make_article("t2", j)).encode("utf-8"), HTML_UTF8)
            return None
        if m := _R_T2_LIST.fullmatch(rel):
            col, page = m[1], int(m[2]) + 1 if m[2] else 1
            if col in T2_COLUMN_KEYS and page <= self.pages_of("t2", col):
                return lambda: (self.render_t2_list(col, page).encode("utf-8"), HTML_UTF8)
            return None
        if m := _R_T3_ART.fullmatch(rel):
            j = self._article_j("t3", m[1])
            if j is not None and _rel(article_path("t3", j)) == rel:
                return lambda: (B.render_t3_article(j, make_article("t3", j), self._neighbours("t3", j))
                                .encode("utf-8"), HTML_UTF8)
            return None
        if m := _R_T3_LIST.fullmatch(rel):
            page = int(m[1] or 1)
            if m[1] != "1" and page <= self.pages_of("t3", f"col{T3_COLID}"):
                return lambda: (self.render_t3_list(page).encode("utf-8"), HTML_UTF8)
            return None
        if m := _R_T5_ART.fullmatch(rel):
            j = self._article_j("t5", m[1])
            if j is not None and _rel(article_path("t5", j)) == rel:
                def render_t5():
                    text, content_type = B.render_t5_article(make_article("t5", j))
                    return _gbk(text), content_type
                return render_t5
            return None
        if m := _R_T5_LIST.fullmatch(rel):
            page = int(m[1])
            if page <= self.pages_of("t5", str(T5_TID)):
                return lambda: (_gbk(self.render_t5_list(page)), B.T5_SERVING[B.T5_LIST_SERVING][1])
            return None
        return None

    # -- rendering (build.py's renderers) ----------------------------------------------------------
    def _neighbours(self, template: str, j: int) -> tuple[Article | None, Article | None]:
        """(older, newer) of the same template, as 上一篇 / 下一篇 links."""
        older = _stub(_head(template, j + 1)) if j + 1 < self.counts[template] else None
        newer = _stub(_head(template, j - 1)) if j > 0 else None
        return older, newer

    def _hot_t1(self, j: int | None = None) -> list[Article]:
        """T1's 热点新闻 sidebar: the newest other T1 articles (a constant few, whatever N is)."""
        return [_stub(_head("t1", k)) for k in range(min(4, self.counts["t1"])) if k != j]

    def _items(self, template: str, column: str, page: int) -> list[B.ListItem]:
        items = []
        for j in self.column_members(template, column, page):
            a = make_article(template, j) if template == "t6" else _stub(_head(template, j))
            items.append(B.ListItem(a.title, a.path, (a.published or "")[:10], a))
        if page == 1:
            items += [B.ListItem(t, h, d, None) for t, h, d in _EXTRAS.get((template, column), ())]
        return items

    def render_t1(self, j: int) -> str:
        return B.render_t1_article(j, make_article("t1", j), self._hot_t1(j))

    def render_t1_list(self, column: str, page: int) -> str:
        items = self._items("t1", column, page)
        total = self.column_count("t1", column) + len(_EXTRAS.get(("t1", column), ()))
        # no 热点新闻 entries on list pages: each article is linked from exactly one list page
        return B.render_t1_list(column, page, self.pages_of("t1", column), items, total, [])

    def render_t2_list(self, column: str, page: int) -> str:
        return B.render_t2_list(column, page, self.pages_of("t2", column), self._items("t2", column, page))

    def render_t3_list(self, page: int) -> str:
        col = f"col{T3_COLID}"
        return B.render_t3_list(page, self.pages_of("t3", col), self._items("t3", col, page),
                                self.column_count("t3", col))

    def render_t4_list(self, page: int) -> str:
        total = self.column_count("t4", T4_KEY) + len(_EXTRAS[("t4", T4_KEY)])
        return B.render_t4_list(page, self.pages_of("t4", T4_KEY), self._items("t4", T4_KEY, page), total)

    def render_t5_list(self, page: int) -> str:
        col = str(T5_TID)
        return B.render_t5_list(page, self.pages_of("t5", col), self._items("t5", col, page),
                                self.column_count("t5", col))

    def render_t6(self, j: int) -> str:
        # related news: the two next older articles, oldest first (build passes every earlier one)
        earlier = [_stub(_head("t6", k)) for k in (j + 2, j + 1) if k < self.counts["t6"]]
        return B.render_t6_article(j, make_article("t6", j), earlier)

    def render_t6_list(self, page: int) -> str:
        return B.render_t6_list(page, self.pages_of("t6", T6_KEY), self._items("t6", T6_KEY, page))

    def get(self, url_path: str) -> tuple[bytes, str] | None:
        """Bytes and Content-Type of a URL path (``/a/mjdt/?page=2``), None when not served."""
        path, _, query = url_path.partition("?")
        for rel in url_to_relpath(path, query) or ():
            found = self.lookup(rel)
            if found and found[0] == "file":
                return found[1]()
        return None


def _gbk(text: str) -> bytes:
    """GBK bytes of a page (strict: a character outside GBK is a bug in the generator)."""
    return text.encode("gbk")


def _asset(rel: str) -> tuple[bytes, str]:
    from .server import content_type_for

    data = B.png_bytes(B._color_for("/" + rel)) if rel.endswith(".png") else B.placeholder_file(rel)
    return data, content_type_for(rel, {})


# ---------------------------------------------------------------------------------------------
# HTTP: the static server's handler (proxy mode, refusals, redirects) over virtual files
# ---------------------------------------------------------------------------------------------


class _VirtualFile:
    """What ``SampleSiteHandler`` asks of a file: is_file / is_dir / the bytes to send."""

    __slots__ = ("kind", "render")

    def __init__(self, found) -> None:
        self.kind, self.render = found if found else (None, None)

    def is_file(self) -> bool:
        return self.kind == "file"

    def is_dir(self) -> bool:
        return self.kind == "dir"


class ScaledSiteHandler(SampleSiteHandler):
    server: ScaledSiteServer

    def _inside_root(self, rel: str) -> _VirtualFile:  # type: ignore[override]
        return _VirtualFile(self.server.site.lookup(rel))

    def _send_file(self, rel: str, file: _VirtualFile, send_body: bool) -> None:  # type: ignore[override]
        try:
            data, content_type = file.render()
        except Exception as exc:  # a generator bug: say so instead of dropping the connection
            self._send_text(HTTPStatus.INTERNAL_SERVER_ERROR, f"scaled site: {exc!r}\n", send_body)
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if send_body:
            self.wfile.write(data)


class ScaledSiteServer(ThreadingHTTPServer):
    """A threading HTTP server for the site of ``articles`` synthetic articles."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], articles: int, verbose: bool = False) -> None:
        self.site = ScaledSite(articles)
        self.verbose = verbose
        self.content_types: dict[str, str] = {}
        super().__init__(address, ScaledSiteHandler)


def make_scaled_server(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, articles: int = 1000, *,
                       verbose: bool = False) -> ScaledSiteServer:
    """A bound, not yet running server (``port=0``: ephemeral); run ``serve_forever()`` yourself."""
    return ScaledSiteServer((host, port), articles, verbose=verbose)


def serve_scaled(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, articles: int = 1000, *,
                 verbose: bool = False) -> None:
    """Serve the scaled site until interrupted (blocking)."""
    run_until_interrupted(make_scaled_server(host, port, articles, verbose=verbose),
                          f"scaled sample site ({articles} articles)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m branchnews.sample_site.scale",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    serve_scaled(args.host, args.port, args.articles, verbose=args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
