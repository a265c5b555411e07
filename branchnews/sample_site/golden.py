"""The golden record of an article, straight from the truth (never from an extractor).

The goldens are the contract's answer for each page: ``golden_record`` checks the truth against
the contract's rules as it builds (clean text, a ``published`` that ``published_raw`` says, the
Hanweb path date) and raises :class:`TruthError` rather than write a wrong golden.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from urllib.parse import urljoin

from w3lib.url import safe_url_string

from . import BASE_URL
from .text import LEVEL1, LEVEL2, TruthError, check_clean
from .truth import Article, Block, Files, Img, PageBreak

# Field order of a golden record (the record schema's order, minus the run-time fields).
GOLDEN_FIELDS = (
    "url",
    "title",
    "published",
    "published_raw",
    "source",
    "author",
    "editor",
    "breadcrumb",
    "preamble",
    "sections",
    "paragraphs",
    "text",
    "attachments",
    "images",
    "pages",
    "original_script",
    "encoding",
)


ATTACHMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".zip", ".rar", ".wps", ".txt")

# Templates whose pages are GBK bytes: their goldens say "gb18030", the codec that decodes them.
GBK_TEMPLATES = ("t4", "t5")


_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _cn_number(s: str) -> int:
    """一 … 三十一 (month/day numerals)."""
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS[s]


def parse_raw_date(raw: str) -> str:
    """ISO form of a ``published_raw`` string, seconds ``:00`` when not shown."""
    m = re.fullmatch(r"(\d{4})(?:-|年)(\d{1,2})(?:-|月)(\d{1,2})日?(?: (\d{2}):(\d{2})(?::(\d{2}))?)?", raw)
    if m:
        y, mo, d, hh, mm, ss = m.groups()
        day = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
        if hh is None:
            return day
        return f"{day}T{hh}:{mm}:{ss or '00'}+08:00"
    m = re.fullmatch(r"(\d{4})/(\d{2})/(\d{2})/(\d{2}):(\d{2})", raw)  # ASP: 2017/09/14/10:20
    if m:
        y, mo, d, hh, mm = m.groups()
        return f"{y}-{mo}-{d}T{hh}:{mm}:00+08:00"
    m = re.fullmatch(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日", raw)
    if m:
        y = "".join(str(_CN_DIGITS[c]) for c in m.group(1))
        return f"{y}-{_cn_number(m.group(2)):02d}-{_cn_number(m.group(3)):02d}"
    raise TruthError(f"unparseable published_raw {raw!r}")


_CN_ONE_TO_TEN = "一二三四五六七八九十"


def split_pages(body: Sequence[Block]) -> list[list[Block]]:
    pages: list[list[Block]] = [[]]
    for block in body:
        if isinstance(block, PageBreak):
            pages.append([])
        else:
            pages[-1].append(block)
    return pages


def page_paths(article: Article) -> list[str]:
    """URL paths of every page of an article: ``123.html``, ``123_2.html``, …"""
    n = len(split_pages(article.body))
    if n == 1:
        return [article.path]
    stem, dot, ext = article.path.rpartition(".")
    if not dot or "?" in article.path:
        raise TruthError(f"{article.path}: only static pages can be split")
    return [article.path] + [f"{stem}_{i}.{ext}" for i in range(2, n + 1)]


def build_sections(paragraphs: Sequence[str], what: str) -> tuple[list[str], list[dict]]:
    """``(preamble, sections)`` by the contract: ``一、`` level 1, ``（一）`` level 2."""
    preamble: list[str] = []
    sections: list[dict] = []
    current: dict | None = None
    for para in paragraphs:
        m1, m2 = LEVEL1.match(para), LEVEL2.match(para)
        if m1 or m2:
            m = m1 or m2
            heading = para[m.end():]
            if not heading or len(heading) > 30 or heading[-1] in "。；":
                raise TruthError(f"{what}: heading is not a short standalone line: {para!r}")
            node = {
                "marker": m.group(0),
                "number": _CN_ONE_TO_TEN.index(m.group(1)) + 1,
                "level": 1 if m1 else 2,
                "heading": heading,
                "paragraphs": [],
            }
            if m1:
                sections.append(node)
                current = node
            else:
                if not sections:
                    raise TruthError(f"{what}: level-2 heading before any level-1 heading")
                sections[-1].setdefault("subsections", []).append(node)
                current = node
        elif current is None:
            preamble.append(para)
        else:
            current["paragraphs"].append(para)
    return preamble, sections


def golden_record(article: Article) -> dict:
    """The expected record of one article, straight from the truth."""
    what = article.path
    url = BASE_URL + article.path
    if safe_url_string(url) != url:
        raise TruthError(f"{what}: article URL is not already safe")
    paragraphs: list[str] = []
    images: list[dict] = []
    attachments: list[dict] = []
    for page_path, blocks in zip(page_paths(article), split_pages(article.body)):
        page_url = BASE_URL + page_path
        for block in blocks:
            if isinstance(block, str):
                check_clean(block, what)
                paragraphs.append(block)
            elif isinstance(block, Img):
                images.append({"src": safe_url_string(urljoin(page_url, block.src)), "alt": block.alt})
            elif isinstance(block, Files):
                # The 附件 line is article text (it names the documents) and lists them.
                paragraphs.append("附件：" + " ".join(name for name, _ in block.links))
                for name, href in block.links:
                    if not href.lower().endswith(ATTACHMENT_EXTENSIONS):
                        raise TruthError(f"{what}: {href} is not an attachment type")
                    attachments.append({"name": name, "url": safe_url_string(urljoin(page_url, href))})
            else:  # pragma: no cover - Block is a closed union
                raise TruthError(f"{what}: unknown block {block!r}")
    for field in ("title", "source", "author", "editor"):
        value = getattr(article, field)
        if value is not None:
            check_clean(value, f"{what} {field}")
    for item in article.breadcrumb:
        check_clean(item, f"{what} breadcrumb")
    if article.published_raw is None:
        if article.published is not None:
            raise TruthError(f"{what}: published without published_raw")
    elif parse_raw_date(article.published_raw) != article.published:
        raise TruthError(f"{what}: published {article.published} ≠ raw {article.published_raw}")
    if article.template == "t3":
        # Hanweb writes the date into the path without zero padding: /art/2017/9/14/
        m = re.search(r"/art/(\d{4}/\d{1,2}/\d{1,2})/art_\d+_\d+\.html$", article.path)
        day = "/".join(str(int(x)) for x in (article.published or "0-0-0")[:10].split("-"))
        if not m or m.group(1) != day:
            raise TruthError(f"{what}: Hanweb path does not carry the unpadded publishing date")
    preamble, sections = build_sections(paragraphs, what)
    record = {
        "url": url,
        "title": article.title,
        "published": article.published,
        "published_raw": article.published_raw,
        "source": article.source,
        # 记者 and 通讯员 are both credited writers: （记者汪某 通讯员代某） → 汪某、代某
        "author": "、".join(filter(None, (article.author, getattr(article, "correspondent", None))))
        or None,
        "editor": article.editor,
        "breadcrumb": list(article.breadcrumb),
        "preamble": preamble,
        "sections": sections,
        "paragraphs": paragraphs,
        "text": "\n".join(paragraphs),
        "attachments": attachments,
        "images": images,
        "pages": len(split_pages(article.body)),
        "original_script": article.script,
        "encoding": "gb18030" if article.template in GBK_TEMPLATES else "utf-8",
    }
    assert tuple(record) == GOLDEN_FIELDS
    return record


def golden_name(article: Article) -> str:
    """``t1-120.json``: template and the CMS id (DedeCMS aid, news-system id, Hanweb artid or GUID,
    ASP Id, VSB article id, JSP id)."""
    m = (re.search(r"[?&]Id=(\d+)", article.path) or re.search(r"/c\d+a(\d+)/page\.htm$", article.path)
         or re.search(r"art_([0-9a-f]{32})\.html$", article.path) or re.search(r"(\d+)(?:\.\w+)?$", article.path))
    if not m:
        raise TruthError(f"{article.path}: no id")
    return f"{article.template}-{m.group(1)}.json"


def dump_json(obj: object) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
