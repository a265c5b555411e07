"""Generate the sample site and its golden records from the truth in ``articles.py``.

    python -m branchnews.sample_site.build            # (re)write site/ and tests/golden/sample/
    python -m branchnews.sample_site.build --check    # exit 1 if the committed files differ

Everything is a pure function of ``articles.py``: running it twice gives identical bytes (no
clocks, no set ordering, no compression whose output depends on the zlib version). The seed page
``site/a/zbfc/2017/0914/120.html`` is the one file it never writes.

Goldens come from the truth, never from an extractor. The page renderers may only corrupt the
truth in ways the pipeline's normaliser reverses, and this module checks each corruption:

* traditional pages: OpenCC ``s2t`` of a text, which must satisfy ``t2s(s2t(x)) == x``;
* ASCII punctuation (T1, like the seed): ``，；！？`` → ``,;!?`` only right after a Han
  character, ``：`` → ``:`` only after a Han character, ``（…）`` → ``(…)`` only around Han-only
  content;
* indentation (``&emsp;``, U+3000, ``&nbsp;``) before a paragraph.

Template chrome (labels, breadcrumbs, pagers, share boxes, related news) is data here too: the
traps each template carries are listed in ``README.md``.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import struct
import sys
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin

import opencc
from w3lib.url import safe_url_string

from . import BASE_URL, SEED_RELPATH, SITE_DIR, url_to_relpath
from .articles import ARTICLES, PAGE, Article, Block, Files, Img, PageBreak

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLDEN_DIR = REPO_ROOT / "tests" / "golden" / "sample"
HEADERS_FILE = "_headers.json"
ARTICLES_FILE = "_articles.json"

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

# Content-Type of a GBK page: no charset, so the <meta> decides (w3lib maps gbk → gb18030).
GBK_CONTENT_TYPE = "text/html"
# Templates whose pages are GBK bytes: their goldens say "gb18030", the codec that decodes them.
GBK_TEMPLATES = ("t4", "t5")


class TruthError(ValueError):
    """The truth data breaks a rule of the extraction contract (raised, never skipped)."""


# ---------------------------------------------------------------------------------------------
# Text: checks and the reversible corruptions
# ---------------------------------------------------------------------------------------------


def is_han(ch: str) -> bool:
    """CJK Unified Ideographs (basic block and extension A)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


_ASCII_FORBIDDEN = re.compile(r"[,;!?()\[\]<>&\"']")
_COLON_OK = re.compile(r"(?<=\d):(?=\d)")


def check_clean(text: str, what: str) -> None:
    """A truth string: trimmed, single inner spaces, no ASCII punctuation a normaliser would touch."""
    if not text:
        raise TruthError(f"{what}: empty string (use None)")
    if text != text.strip() or text != " ".join(text.split()):
        raise TruthError(f"{what}: untrimmed or repeated whitespace: {text!r}")
    if any(c in text for c in "\u3000\xa0\u2003\t\n\r"):
        raise TruthError(f"{what}: non-ASCII whitespace: {text!r}")
    if _ASCII_FORBIDDEN.search(text) or ":" in _COLON_OK.sub("", text):
        raise TruthError(f"{what}: ASCII punctuation in the truth: {text!r}")
    if re.search(r"[，；！？：] ", text):
        # the normaliser lets a converted mark absorb one following space: keep it unambiguous
        raise TruthError(f"{what}: space after CJK punctuation: {text!r}")
    if "\ufffd" in text:
        raise TruthError(f"{what}: replacement character")


_PUNCT_TO_ASCII = {"，": ",", "；": ";", "！": "!", "？": "?"}


def asciify(text: str) -> str:
    """Corrupt full-width punctuation to ASCII the way the seed shows it (reversible subset only)."""
    out: list[str] = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else ""
        if ch in _PUNCT_TO_ASCII and is_han(prev):
            out.append(_PUNCT_TO_ASCII[ch])
        elif ch == "：" and is_han(prev):
            out.append(":")
        else:
            out.append(ch)
    result = "".join(out)
    # （…） around Han-only content becomes (…)
    return re.sub(r"（([\u4e00-\u9fff]+)）", r"(\1)", result)


_CJK_PUNCT = "。、，；：！？”’）》」』】"


def restore_punct(text: str) -> str:
    """The normaliser's side of :func:`asciify`, used here only to self-check the corruption."""
    out: list[str] = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        after_han = is_han(prev) or prev in _CJK_PUNCT
        if ch in ",;!?" and after_han:
            out.append({",": "，", ";": "；", "!": "！", "?": "？"}[ch])
        elif ch == ":" and (is_han(prev) or is_han(nxt)):
            out.append("：")
        else:
            out.append(ch)
    return re.sub(r"\(([\u4e00-\u9fff][^()]*[\u4e00-\u9fff]|[\u4e00-\u9fff])\)", r"（\1）", "".join(out))


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    # Tofu-risk dictionaries off: the sample never needs rare characters either way, and the
    # flag is pinned so the bytes do not depend on the binding's default.
    return opencc.OpenCC(config, include_tofu_risk_dictionaries=False)


def s2t(text: str) -> str:
    return _converter("s2t").convert(text)


def t2s(text: str) -> str:
    return _converter("t2s").convert(text)


@dataclass(frozen=True)
class Style:
    """How one page writes the truth's text."""

    traditional: bool = False
    ascii_punct: bool = False

    def text(self, s: str) -> str:
        """Page form of a truth string (checked to round-trip through the normaliser)."""
        out = s2t(s) if self.traditional else s
        if self.ascii_punct:
            out = asciify(out)
        back = restore_punct(out) if self.ascii_punct else out
        if self.traditional:
            back = t2s(back)
        if back != s:
            raise TruthError(f"corruption does not round-trip: {s!r} → {out!r} → {back!r}")
        return out

    def chrome(self, s: str) -> str:
        """Page form of template chrome (not in the record, so not round-trip checked)."""
        out = s2t(s) if self.traditional else s
        return asciify(out) if self.ascii_punct else out


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def attr(s: str) -> str:
    return html.escape(s, quote=True)


# ---------------------------------------------------------------------------------------------
# Dates: a small parser, only to check published against published_raw
# ---------------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------------
# The golden record
# ---------------------------------------------------------------------------------------------

_L1 = re.compile(r"^([一二三四五六七八九十])、")
_L2 = re.compile(r"^（([一二三四五六七八九十])）")
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
        m1, m2 = _L1.match(para), _L2.match(para)
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
    """``t1-120.json``: template and the CMS id (DedeCMS aid, news-system id, Hanweb artid, ASP Id)."""
    m = re.search(r"[?&]Id=(\d+)", article.path) or re.search(r"(\d+)(?:\.s?html)?$", article.path)
    if not m:
        raise TruthError(f"{article.path}: no id")
    return f"{article.template}-{m.group(1)}.json"


def dump_json(obj: object) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Static assets (deterministic bytes)
# ---------------------------------------------------------------------------------------------


def png_bytes(rgb: tuple[int, int, int]) -> bytes:
    """A valid 1×1 PNG, zlib-stored (uncompressed) so the bytes never depend on zlib's version."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"\x00" + bytes(rgb)  # filter byte + one pixel
    stored = b"\x78\x01" + b"\x01" + struct.pack("<HH", len(raw), len(raw) ^ 0xFFFF) + raw
    stored += struct.pack(">I", zlib.adler32(raw))
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", stored) + chunk(b"IEND", b"")


def placeholder_file(relpath: str) -> bytes:
    """Bytes of an attachment: a short marker, not a real document."""
    name = relpath.rsplit("/", 1)[-1]
    if name.endswith(".pdf"):
        return b"%PDF-1.4\n% branchnews sample attachment placeholder\n%%EOF\n"
    return f"branchnews sample attachment placeholder: {name}\n".encode("utf-8")


def _color_for(path: str) -> tuple[int, int, int]:
    h = zlib.crc32(path.encode("utf-8"))
    return (h & 0xFF, (h >> 8) & 0xFF, (h >> 16) & 0xFF)


# ---------------------------------------------------------------------------------------------
# The site being assembled
# ---------------------------------------------------------------------------------------------


class SiteBuilder:
    """Collects ``relpath → bytes`` and per-file Content-Type overrides."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.headers: dict[str, str] = {}

    def add(self, url_path: str, data: bytes, content_type: str | None = None) -> str:
        path, _, query = url_path.partition("?")
        candidates = url_to_relpath(path, query)
        if not candidates:
            raise TruthError(f"{url_path}: refused by the URL → file rule")
        rel = candidates[0]
        if rel in self.files:
            raise TruthError(f"{url_path}: generated twice")
        if rel == SEED_RELPATH:
            raise TruthError("the seed page is committed verbatim, never generated")
        self.files[rel] = data
        if content_type is not None:
            self.headers[rel] = content_type
        return rel

    def add_html(self, url_path: str, text: str, *, gbk: bool = False, content_type: str = GBK_CONTENT_TYPE) -> None:
        """A page as UTF-8 bytes, or as GBK bytes served with ``content_type`` (listed in ``_headers.json``)."""
        if gbk:
            data = text.encode("gbk")  # strict: a character outside GBK is a truth error
            if data.decode("gb18030") != text:
                raise TruthError(f"{url_path}: GBK bytes do not decode back as gb18030")
            self.add(url_path, data, content_type)
        else:
            self.add(url_path, text.encode("utf-8"))

    def add_asset(self, url_path: str) -> None:
        path = url_path.partition("?")[0]
        if url_path in self._asset_paths():
            return
        if path.endswith(".png"):
            self.add(url_path, png_bytes(_color_for(path)))
        else:
            self.add(url_path, placeholder_file(path))

    def _asset_paths(self) -> set[str]:
        return {"/" + rel for rel in self.files}


@dataclass(frozen=True)
class ListItem:
    title: str
    href: str
    date: str  # ISO date
    article: Article | None  # None for the non-article links (off-site, attachment)


def chunk(items: Sequence[ListItem], pages: int) -> list[list[ListItem]]:
    per_page = -(-len(items) // pages)
    out = [list(items[i : i + per_page]) for i in range(0, len(items), per_page)]
    if len(out) != pages:
        raise TruthError(f"{len(items)} items do not fill {pages} pages")
    return out


def list_items(articles: Iterable[Article], extras: Iterable[tuple[str, str, str]]) -> list[ListItem]:
    """Newest first, as CMS lists are; ties keep the truth's order."""
    items = [ListItem(a.title, a.path, (a.published or "")[:10], a) for a in articles]
    items += [ListItem(title, href, date, None) for title, href, date in extras]
    return sorted(items, key=lambda it: it.date, reverse=True)


def paragraph_html(text: str, indent: int) -> str:
    """One body paragraph; ``indent`` picks one of the indentation styles real editors leave."""
    if indent == 0:
        return f'<p style="text-indent:2em">{esc(text)}</p>'
    if indent == 1:
        return f"<p>&emsp;&emsp;{esc(text)}</p>"
    if indent == 2:
        return f"<p>\u3000\u3000{esc(text)}</p>"
    return f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{esc(text)}</p>"


def is_heading(text: str) -> bool:
    return bool(_L1.match(text) or _L2.match(text))


def img_html(img: Img, style: Style) -> str:
    alt = "" if img.alt is None else f' alt="{attr(style.text(img.alt))}"'
    return f'<p style="text-align:center"><img src="{attr(img.src)}"{alt} border="0" /></p>'


# ---------------------------------------------------------------------------------------------
# T1: the seed's chrome (民进石家庄市委会), UTF-8, root paths
# ---------------------------------------------------------------------------------------------

T1_SITE = "民进石家庄市委员会"
T1_COLUMNS = {  # key → (name, list pages)
    "mjdt": ("民进动态", 2),
    "zbfc": ("支部风采", 3),
    "czyz": ("参政议政", 1),
    "shfw": ("社会服务", 1),
}
T1_EXTRAS = {  # list links that are not articles: (text, href, date)
    "zbfc": [("支部工作手册（2018年版）", "/uploads/soft/180301/zbgzsc.doc", "2018-03-01")],
    "mjdt": [("民进河北省委会召开全体会议", "http://www.hbmj.example.org.cn/a/2017/0915/3302.html", "2017-09-15")],
    "czyz": [("社区养老服务设施调研报告全文", "/uploads/soft/180612/1-1P612093Z1.pdf", "2018-06-12")],
    "shfw": [("中国民主促进会网站", "http://www.mj.example.org.cn/", "2018-01-01")],
}


def t1_list_url(column: str, page: int) -> str:
    return f"/a/{column}/index.html" + (f"?page={page}" if page > 1 else "")


def t1_head(title: str, style: Style) -> str:
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
        f"<title>{esc(title)}-{style.chrome(T1_SITE)}</title>\n"
        f'<meta name="keywords" content="{style.chrome("民进")},{style.chrome("石家庄")}" />\n'
        '<link href="/skin/css/style.css" rel="stylesheet" type="text/css" />\n'
        '<script type="text/javascript" src="/skin/js/jquery.js"></script>\n'
        '<script type="text/javascript">\n'
        "function fontZoom(size) { document.getElementById('fontzoom').style.fontSize = size + 'px'; }\n"
        "</script>\n</head>\n<body>\n"
        f'<div class="header"><div class="logo"><a href="/"><img src="/skin/images/logo.png" '
        f'alt="{style.chrome(T1_SITE)}" /></a></div>\n'
        '<ul class="nav"><li><a href="/">' + style.chrome("首页") + "</a></li>"
        + "".join(f'<li><a href="/a/{key}/">{style.chrome(name)}</a></li>' for key, (name, _) in T1_COLUMNS.items())
        + "</ul></div>\n"
    )


def t1_footer(style: Style) -> str:
    return (
        f'<div class="footer">{style.chrome("版权所有")}:{style.chrome(T1_SITE)}&nbsp;&nbsp;'
        f'{style.chrome("冀ICP备00000000号")}</div>\n</body>\n</html>\n'
    )


def t1_sidebar(article: Article | None, all_t1: Sequence[Article], style: Style) -> str:
    others = [a for a in all_t1 if a is not article]
    hot = sorted(others, key=lambda a: a.published or "", reverse=True)[:3]
    items = "".join(
        f'<li><a href="{attr(a.path)}">{esc(style.chrome(a.title))}({a.published[:10]})</a></li>' for a in hot
    )
    return f'<div class="sidebar"><h3>{style.chrome("热点新闻")}</h3><ul>{items}</ul></div>\n'


def t1_crumb(article: Article, style: Style) -> str:
    links = []
    for item in article.breadcrumb:
        href = "/" if item == "首页" else f"/a/{article.column}/"
        links.append(f'<a href="{href}">{esc(style.text(item))}</a>')
    if article.variant == "sjz2019":
        return f'<div class="position">{style.chrome("当前位置")}:' + "".join(f"{a}&gt;&gt;" for a in links) + "</div>\n"
    sep = "&nbsp;&nbsp;&gt;&nbsp;&nbsp;"
    return f'<div class="position">{style.chrome("当前位置")}: ' + "".join(a + sep for a in links) + "</div>\n"


def render_t1_article(index: int, article: Article, all_t1: Sequence[Article]) -> str:
    style = Style(traditional=article.script == "traditional", ascii_punct=article.ascii_punct)
    colon = ":"  # T1 labels use half-width colons, as the seed does
    out = [t1_head(style.text(article.title), style), '<div class="main">\n', t1_crumb(article, style)]
    out.append('<div class="article">\n')
    out.append(f'<h1 class="title">{esc(style.text(article.title))}</h1>\n')
    if article.variant == "sjz2019":
        # 2019 chrome of sjzmj.org.cn: author and time on one line, no editor line at all
        out.append(
            f'<div class="info">{style.chrome("作 者")}{colon}{esc(style.text(article.author or ""))}'
            f"    {style.chrome('时间')}{colon}{article.published_raw}</div>\n"
        )
    else:
        source = esc(style.text(article.source)) if article.source else ""
        out.append(
            f'<div class="info">{style.chrome("发布时间")}{colon}{article.published_raw}&nbsp;&nbsp;'
            f"{style.chrome('来源')}{colon}{source}</div>\n"
        )
    out.append(
        f'<div class="fontsize"><a href="javascript:fontZoom(18)">{style.chrome("放大")}</a> '
        f'<a href="javascript:fontZoom(14)">{style.chrome("缩小")}</a></div>\n'
    )
    out.append('<div class="content" id="fontzoom">\n')
    indent = index % 3
    strong_headings = index % 2 == 1
    for block in article.body:
        if isinstance(block, str):
            text = style.text(block)
            if strong_headings and is_heading(block):
                out.append(f"<p><strong>{esc(text)}</strong></p>\n")
            else:
                out.append(paragraph_html(text, indent) + "\n")
        elif isinstance(block, Img):
            out.append(img_html(block, style) + "\n")
        elif isinstance(block, Files):
            links = "&nbsp;".join(f'<a href="{attr(h)}">{esc(style.text(n))}</a>' for n, h in block.links)
            out.append(f'<p style="text-indent:2em">{style.chrome("附件：")}{links}</p>\n')
        else:
            raise TruthError(f"{article.path}: T1 articles are single pages")
    out.append("</div>\n")
    if article.variant != "sjz2019":
        author = esc(style.text(article.author)) if article.author else "&nbsp;&nbsp;&nbsp;&nbsp;"
        editor = esc(style.text(article.editor)) if article.editor else ""
        out.append(
            f'<div class="editor">{style.chrome("作者")}{colon}{author}&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;'
            f"{style.chrome('责任编辑')}{colon}{editor}</div>\n"
        )
    out.append("</div>\n")
    out.append(t1_sidebar(article, all_t1, style))
    out.append("</div>\n")
    out.append(t1_footer(style))
    return "".join(out)


def t1_pager(column: str, page: int, pages: int, total: int) -> str:
    def link(p: int, text: str) -> str:
        return f'<a href="{attr(t1_list_url(column, p).rsplit("/", 1)[-1])}">{text}</a>'

    parts = [f"共{total}条 第{page}/{pages}页", link(1, "首页")]
    parts.append(link(page - 1, "上一页") if page > 1 else "<span>上一页</span>")
    parts += [f"<b>{p}</b>" if p == page else link(p, str(p)) for p in range(1, pages + 1)]
    parts.append(link(page + 1, "下一页") if page < pages else "<span>下一页</span>")
    parts.append(link(pages, "尾页"))
    return '<div class="pages">' + " ".join(parts) + "</div>\n"


def render_t1_list(column: str, page: int, pages: int, items: Sequence[ListItem], total: int, all_t1: Sequence[Article]) -> str:
    style = Style()
    name = T1_COLUMNS[column][0]
    out = [t1_head(name, style), '<div class="main">\n']
    out.append(
        '<div class="position">当前位置: <a href="/">首页</a>&nbsp;&nbsp;&gt;&nbsp;&nbsp;'
        f'<a href="/a/{column}/">{name}</a></div>\n'
    )
    out.append('<div class="listbox"><ul class="list">\n')
    for it in items:
        out.append(
            f'<li><span class="date">{it.date}</span><a href="{attr(it.href)}" title="{attr(it.title)}" '
            f'target="_blank">{esc(it.title)}</a></li>\n'
        )
    out.append("</ul>\n")
    out.append(t1_pager(column, page, pages, total))
    out.append("</div>\n")
    out.append(t1_sidebar(None, all_t1, style))
    out.append("</div>\n")
    out.append(t1_footer(style))
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# T2: TRS WCM (统战部), UTF-8, script-only pager
# ---------------------------------------------------------------------------------------------

T2_SITE = "中共云州市委统战部"
T2_COLUMNS = {  # key → (name, list pages); page n > 1 is index_{n-1}.html (0-based suffix)
    "tzxw": ("统战新闻", 3),
    "dpgz": ("党派工作", 1),
}
T2_EXTRAS = {  # hrefs as the list writes them (relative, as TRS does)
    "tzxw": [
        ("外链：某民主党派网站要闻", "http://www.example-party.org.cn/xw/2017/0911/77.html", "2017-09-11"),
        ("2018年全市统战工作要点.pdf", "./201803/P020180322400000000001.pdf", "2018-03-22"),
    ],
    "dpgz": [("民主党派中央网站", "http://www.example-party.org.cn/", "2017-01-01")],
}
T2_PAGE_JS = """// TRS WCM pager: writes the page links at run time; a crawler that does not run scripts sees none.
function createPageHTML(countPage, currentPage, prefix, ext) {
  if (countPage <= 1) { return; }
  var html = "";
  for (var i = 0; i < countPage; i++) {
    var name = (i == 0) ? prefix + "." + ext : prefix + "_" + i + "." + ext;
    html += (i == currentPage) ? "<span>" + (i + 1) + "</span> " : "<a href=\\"" + name + "\\">" + (i + 1) + "</a> ";
  }
  document.write(html);
}
"""


def t2_list_url(column: str, page: int) -> str:
    return f"/t2/{column}/index.html" if page == 1 else f"/t2/{column}/index_{page - 1}.html"


def t2_head(title: str, metas: str = "") -> str:
    nav = "".join(f'<li><a href="/t2/{k}/index.html">{n}</a></li>' for k, (n, _) in T2_COLUMNS.items())
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
        f"{metas}<title>{esc(title)}</title>\n"
        '<script type="text/javascript" src="/t2/js/page.js"></script>\n</head>\n<body>\n'
        f'<div class="header"><div class="logo">{T2_SITE}</div><ul class="nav"><li><a href="/">首页</a></li>{nav}</ul></div>\n'
    )


def t2_footer() -> str:
    return f'<div class="footer">主办：{T2_SITE} 技术支持：TRS</div>\n</body>\n</html>\n'


def render_t2_article(article: Article) -> str:
    name = T2_COLUMNS[article.column][0]
    pubdate = article.published_raw or ""
    if article.variant == "meta_disagrees":
        # the CMS metadata carries the URL's publishing date, not the date the page shows
        m = re.search(r"/t(\d{4})(\d{2})(\d{2})_", article.path)
        pubdate = f"{m.group(1)}-{m.group(2)}-{m.group(3)} 08:30"  # type: ignore[union-attr]
    metas = (
        f'<meta name="ArticleTitle" content="{attr(article.title)}" />\n'
        f'<meta name="PubDate" content="{pubdate}" />\n'
        f'<meta name="ContentSource" content="{attr(article.source or "")}" />\n'
    )
    out = [t2_head(f"{article.title}_{name}_{T2_SITE}", metas)]
    out.append(
        f'<div class="crumb">您的位置 : <a href="/">首页</a> &gt; <a href="../index.html">{name}</a> &gt; 正文</div>\n'
    )
    out.append(f'<div class="detail">\n<h2 class="tit">{esc(article.title)}</h2>\n')
    parts = [f"日期：{article.published_raw}", f"来源：{esc(article.source or '')}"]
    if article.author is not None or article.editor is not None:
        parts.append(f"作者：{esc(article.author or '')}")
    out.append(
        '<div class="xx">' + "&nbsp;&nbsp;".join(parts) + "&nbsp;&nbsp;"
        '字号：[<a href="javascript:doZoom(12)">小</a>] [<a href="javascript:doZoom(14)">中</a>] '
        '[<a href="javascript:doZoom(16)">大</a>] <a href="javascript:window.print()">打印本页</a> '
        '<a href="javascript:window.close()">关闭窗口</a></div>\n'
    )
    out.append('<div class="TRS_Editor"><div class="TRS_PreAppend">\n')
    for block in article.body:
        if isinstance(block, str):
            if _L1.match(block):
                out.append(f'<p style="text-indent:2em"><strong>{esc(block)}</strong></p>\n')
            elif block.startswith("（二）") and "（一）指导思想" in article.body:
                out.append(f'<p style="text-indent:2em">{esc(asciify(block[:3]) + block[3:])}</p>\n')  # (二)
            else:
                out.append(f'<p style="text-indent:2em">{esc(block)}</p>\n')
        elif isinstance(block, Img):
            name_only = block.src.rsplit("/", 1)[-1]
            out.append(
                f'<p style="text-align:center"><img src="{attr(block.src)}" oldsrc="{attr(name_only)}" '
                'title="" alt="" /></p>\n'
            )
        elif isinstance(block, Files):
            links = " ".join(
                f'<a href="{attr(h)}" oldsrc="{attr(h.rsplit("/", 1)[-1].replace("P0", "W0", 1))}">{esc(n)}</a>'
                for n, h in block.links
            )
            out.append(f"<p>附件：{links}</p>\n")
        else:
            raise TruthError(f"{article.path}: T2 articles are single pages")
    out.append("</div></div>\n")
    if article.editor:
        out.append(f'<div class="bjxx">【责任编辑：{esc(article.editor)}】</div>\n')
    out.append("</div>\n")
    out.append(t2_footer())
    return "".join(out)


def t2_relative(list_path: str, href: str) -> str:
    """The relative href a TRS list writes for a site path (./ in the column, ../ across columns)."""
    if not href.startswith("/"):
        return href
    base = list_path.rsplit("/", 1)[0] + "/"
    if href.startswith(base):
        return "./" + href[len(base) :]
    column_root = base.rstrip("/").rsplit("/", 1)[0] + "/"
    if href.startswith(column_root):
        return "../" + href[len(column_root) :]
    return href


def render_t2_list(column: str, page: int, pages: int, items: Sequence[ListItem]) -> str:
    name = T2_COLUMNS[column][0]
    list_path = t2_list_url(column, page)
    out = [t2_head(f"{name}_{T2_SITE}")]
    out.append(f'<div class="crumb">您的位置 : <a href="/">首页</a> &gt; <a href="./index.html">{name}</a></div>\n')
    out.append('<ul class="list">\n')
    for it in items:
        href = t2_relative(list_path, it.href)
        out.append(f'<li><a href="{attr(href)}" title="{attr(it.title)}" target="_blank">{esc(it.title)}</a><span>{it.date}</span></li>\n')
    out.append("</ul>\n")
    out.append(
        '<div class="page"><script type="text/javascript">\n'
        f"var countPage = {pages}//共多少页\n"
        f"var currentPage = {page - 1}//所在页从0开始\n"
        'createPageHTML(countPage, currentPage, "index", "html");\n'
        "</script></div>\n"
    )
    out.append(t2_footer())
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# T4: 织梦 DedeCMS, GBK
# ---------------------------------------------------------------------------------------------

T4_SITE = "民盟云州市委员会"
T4_COLUMN = ("jcfc", "基层风采", 12, 3)  # typedir key, name, tid, list pages
T4_EXTRAS = [
    ("2017年度盟员培训报名表", "/t4/uploads/soft/170901/1-1F9011A3.doc", "2017-09-01"),
    ("民盟中央：学习贯彻全会精神", "http://www.dem-league.example.org.cn/xw/2018/0305/77.html", "2018-03-05"),
]


def t4_head(title: str) -> str:
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
        '<meta http-equiv="Content-Type" content="text/html; charset=gbk" />\n'
        f"<title>{esc(title)}</title>\n"
        '<link href="/t4/templets/default/style/dedecms.css" rel="stylesheet" media="screen" type="text/css" />\n'
        "</head>\n"
    )


def t4_header() -> str:
    _, name, _, _ = T4_COLUMN
    return (
        f'<div class="header"><div class="top w960 center"><div class="title"><h2><a href="/">{T4_SITE}</a></h2></div></div>\n'
        f'<div class="nav w960 center"><ul><li><a href="/">主页</a></li><li><a href="/t4/a/jcfc/">{name}</a></li></ul></div></div>\n'
    )


def t4_footer() -> str:
    return f'<div class="footer w960 center mt1">Copyright &copy; 2017-2019 {T4_SITE} 版权所有</div>\n</body>\n</html>\n'


def t4_place() -> str:
    return '<div class="place">您所在位置: <a href="/">主页</a> &gt; <a href="/t4/a/jcfc/">基层风采</a> &gt; </div>\n'


def t4_article_pager(paths: Sequence[str], current: int) -> str:
    names = [p.rsplit("/", 1)[-1] for p in paths]
    n = len(paths)
    parts = [f"<li><a>共{n}页: </a></li>"]
    parts.append(f'<li><a href="{names[current - 1]}">上一页</a></li>' if current > 0 else '<li><a href="#">上一页</a></li>')
    for i, name in enumerate(names):
        parts.append(f'<li class="thisclass"><a href="#">{i + 1}</a></li>' if i == current else f'<li><a href="{name}">{i + 1}</a></li>')
    parts.append(f'<li><a href="{names[current + 1]}">下一页</a></li>' if current < n - 1 else '<li><a href="#">下一页</a></li>')
    return '<div class="dede_pages"><ul class="pagelist">' + "".join(parts) + "</ul></div>\n"


def render_t4_article(index: int, article: Article, neighbours: tuple[Article | None, Article | None]) -> list[tuple[str, str]]:
    """``[(url_path, html), …]`` one per page."""
    aid = re.search(r"(\d+)(?:\.html)?$", article.path).group(1)  # type: ignore[union-attr]
    paths = page_paths(article)
    pages = split_pages(article.body)
    out_pages = []
    for i, (path, blocks) in enumerate(zip(paths, pages)):
        out = [t4_head(f"{article.title}_基层风采_{T4_SITE}")]
        out.append('<body class="articleview">\n')
        out.append(t4_header())
        out.append('<div class="w960 center clear mt1"><div class="pleft">\n')
        out.append(t4_place())
        out.append('<div class="viewbox">\n')
        out.append(f'<div class="title"><h1>{esc(article.title)}</h1></div>\n')
        out.append(
            f'<div class="info"><small>发布时间：</small>{article.published_raw}&nbsp;&nbsp;'
            f"<small>来源：</small>{esc(article.source or '')}&nbsp;&nbsp;"
            f"<small>作者：</small>{esc(article.author or '')}&nbsp;&nbsp;"
            f'<small>点击：</small><script src="/t4/plus/count.php?view=yes&amp;aid={aid}&amp;mid=1" '
            'type="text/javascript" language="javascript"></script>次</div>\n'
        )
        out.append('<div class="content">\n<table width="100%"><tr><td>\n')
        indent = 3 if index % 2 == 0 else 0
        for block in blocks:
            if isinstance(block, str):
                if is_heading(block):
                    out.append(f"<p><strong>{esc(block)}</strong></p>\n")
                elif len(block) <= 12 and re.fullmatch(r"[〇○零一二三四五六七八九十]{4}年.+日|.+委员会", block):
                    out.append(f'<p style="text-align: right;">{esc(block)}</p>\n')  # signature lines
                else:
                    out.append(paragraph_html(block, indent) + "\n")
            elif isinstance(block, Img):
                out.append(img_html(block, Style()) + "\n")
            elif isinstance(block, Files):
                links = "&nbsp;&nbsp;".join(f'<a href="{attr(h)}" target="_blank">{esc(n)}</a>' for n, h in block.links)
                out.append(f"<p>附件：{links}</p>\n")
        if i == len(paths) - 1 and article.editor:
            out.append(f'<p style="text-align: right;">（责任编辑：{esc(article.editor)}）</p>\n')
        out.append("</td></tr></table>\n</div>\n")
        if len(paths) > 1:
            out.append(t4_article_pager(paths, i))
        out.append('<div class="boxoff"><strong>------分隔线----------------------------</strong></div>\n')
        out.append('<div class="handle">【<a href="#" onclick="window.print()">打印</a>】【<a href="javascript:self.close()">关闭</a>】</div>\n')
        prev, nxt = neighbours
        prev_html = f'<a href="{attr(prev.path)}">{esc(prev.title)}</a>' if prev else "没有了"
        next_html = f'<a href="{attr(nxt.path)}">{esc(nxt.title)}</a>' if nxt else "没有了"
        out.append(f'<div class="context"><ul><li>上一篇：{prev_html}</li><li>下一篇：{next_html}</li></ul></div>\n')
        out.append("</div>\n</div></div>\n")
        out.append(t4_footer())
        out_pages.append((path, "".join(out)))
    return out_pages


def t4_list_name(tid: int, page: int) -> str:
    return f"list_{tid}_{page}.html"


def render_t4_list(page: int, pages: int, items: Sequence[ListItem], total: int) -> str:
    key, name, tid, _ = T4_COLUMN
    out = [t4_head(f"{name}_{T4_SITE}"), '<body class="articlelist">\n', t4_header()]
    out.append('<div class="w960 center clear mt1"><div class="pleft">\n')
    out.append(f'<div class="place"><strong>当前位置:</strong> <a href="/">主页</a> &gt; <a href="/t4/a/{key}/">{name}</a> &gt; </div>\n')
    out.append('<div class="listbox"><ul class="e2">\n')
    for i, it in enumerate(items):
        # DedeCMS list dates: the template shows MM-DD for some rows (no year)
        date = it.date[5:] if (it.article is not None and ("view.php" in it.href or i % 3 == 1)) else it.date
        out.append(f'<li><a href="{attr(it.href)}" class="title">{esc(it.title)}</a><span class="date">{date}</span></li>\n')
    out.append("</ul></div>\n")
    parts = [f'<li><span class="pageinfo">共 <strong>{pages}</strong>页<strong>{total}</strong>条</span></li>']
    parts.append(f'<li><a href="{t4_list_name(tid, 1)}">首页</a></li>')
    if page > 1:
        parts.append(f'<li><a href="{t4_list_name(tid, page - 1)}">上一页</a></li>')
    for p in range(1, pages + 1):
        parts.append(f'<li class="thisclass"><a>{p}</a></li>' if p == page else f'<li><a href="{t4_list_name(tid, p)}">{p}</a></li>')
    if page < pages:
        parts.append(f'<li><a href="{t4_list_name(tid, page + 1)}">下一页</a></li>')
    parts.append(f'<li><a href="{t4_list_name(tid, pages)}">末页</a></li>')
    options = "".join(
        f'<option value="{t4_list_name(tid, p)}"{" selected" if p == page else ""}>{p}</option>' for p in range(1, pages + 1)
    )
    parts.append(
        '<li><select name="sldd" style="width:36px" '
        f'onchange="location.href=this.options[this.selectedIndex].value;">{options}</select></li>'
    )
    out.append('<div class="dede_pages"><ul class="pagelist">' + "\n".join(parts) + "</ul></div>\n")
    out.append("</div></div>\n")
    out.append(t4_footer())
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# T6: news-publishing CMS (人民政协网 style), UTF-8
# ---------------------------------------------------------------------------------------------

T6_SITE = "云州政协网"
T6_COLUMN = ("zxgz", "政协工作", 2)
T6_EXTRAS = [
    ("提案汇总表（附件下载）", "/t6/uploads/2017/09/附件1.docx", "2017-09-14"),
    ("全国政协：委员热议教育公平", "http://www.cppcc.example.org.cn/c/2018/0306/1200456.shtml", "2018-03-06"),
]
T6_OFFSITE_RELATED = ("政协委员热议教育公平", "http://www.cppcc.example.org.cn/c/2016-10-25/1102171.shtml", "2016-10-25")
_T6_PARTIES = ("民进", "民盟", "民革", "民建", "农工党", "致公党", "九三学社", "政协")
_T6_TOPICS = ("调研", "培训", "提案", "座谈会", "义诊", "送医", "会议", "科普", "协商")


def t6_list_url(page: int) -> str:
    key = T6_COLUMN[0]
    return f"/t6/{key}/index.shtml" if page == 1 else f"/t6/{key}/index_{page}.shtml"


def t6_head(title: str, keywords: str | None = None, description: str | None = None) -> str:
    meta = ""
    if keywords:
        meta += f'<meta name="keywords" content="{attr(keywords)}">\n'
    if description:
        meta += f'<meta name="description" content="{attr(description)}">\n'
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(title)}</title>\n{meta}"
        '<link rel="stylesheet" href="/t6/css/main.css">\n</head>\n<body>\n'
        f'<div class="top"><a class="logo" href="/">{T6_SITE}</a> <a href="{t6_list_url(1)}">{T6_COLUMN[1]}</a></div>\n'
        f'<div class="crumb">您当前的位置 : <a href="/">{T6_SITE}</a> &gt;&gt; <a href="{t6_list_url(1)}">{T6_COLUMN[1]}</a></div>\n'
    )


def t6_footer() -> str:
    return f'<div class="footer">{T6_SITE} 版权所有 未经书面授权禁止复制或建立镜像</div>\n</body>\n</html>\n'


def t6_keywords(article: Article) -> str:
    party = next((p for p in _T6_PARTIES if p in article.title), "政协")
    topic = next((t for t in _T6_TOPICS if t in article.title), "活动")
    return f"{party} {topic}"


def t6_hidden_time(article: Article) -> str:
    """The hidden ``pubtime_baidu`` value: same day, seconds the page never shows."""
    n = int(re.search(r"(\d+)\.shtml$", article.path).group(1))  # type: ignore[union-attr]
    assert article.published is not None
    day = article.published[:10]
    if "T" in article.published:
        return f"{day} {article.published[11:16]}:{n % 60:02d}"
    return f"{day} {8 + n % 10:02d}:{n % 60:02d}:{n % 53:02d}"


def render_t6_article(index: int, article: Article, earlier: Sequence[Article]) -> str:
    alt = article.variant == "alt_labels"
    first_text = next(b for b in article.body if isinstance(b, str))
    out = [t6_head(f"{article.title}_{T6_SITE}", t6_keywords(article), first_text[:50])]
    out.append('<div class="Content">\n')
    out.append(f'<h1 class="Content_title">{esc(article.title)}</h1>\n')
    source_label = "稿源：" if alt else "来源:"
    out.append(
        f'<div class="Remark"><span>{article.published_raw} | 作者:<span id="author_baidu">{esc(article.author or "")}</span>'
        f' | {source_label}<span id="source_baidu">{esc(article.source or "")}</span></span>\n'
    )
    if article.variant != "gne":
        out.append(f'<span id="pubtime_baidu" style="display:none">{t6_hidden_time(article)}</span>\n')
    out.append('<a class="fontA" href="javascript:;">A-</a> <a class="fontA" href="javascript:;">A+</a></div>\n')
    out.append(
        '<div class="bdsharebuttonbox">分享到:<a href="#" class="bds_weixin" data-cmd="weixin">微信</a>'
        '<a href="#" class="bds_tsina" data-cmd="tsina">新浪微博</a><a href="#" class="bds_qzone" data-cmd="qzone">QQ空间</a></div>\n'
    )
    out.append('<div class="text_box">\n')
    if alt:
        out.append(f'<p style="text-align:center">文/{esc(article.author or "")} 图/{esc(article.photographer or "")}</p>\n')
    for block in article.body:
        if isinstance(block, str):
            if _L1.match(block):
                out.append(f"<p><strong>{esc(block)}</strong></p>\n")
            elif block.startswith("（三）"):
                # some editors type the third sub-heading with half-width parentheses: (三)
                out.append(f"<p>\u3000\u3000{esc(asciify(block[:3]) + block[3:])}</p>\n")
            else:
                out.append(f"<p>\u3000\u3000{esc(block)}</p>\n")
        elif isinstance(block, Img):
            out.append(img_html(block, Style()) + "\n")
        elif isinstance(block, Files):
            links = "\u3000".join(f'<a href="{attr(h)}">{esc(n)}</a>' for n, h in block.links)
            out.append(f"<p>附件：{links}</p>\n")
        else:
            raise TruthError(f"{article.path}: T6 articles are single pages")
    out.append("</div>\n")
    if article.editor:
        label = "责编：" if alt else "编辑:"
        out.append(f'<div class="Editor">{label}{esc(article.editor)}</div>\n')
    out.append(f'<div class="keywords">关键词:{esc(t6_keywords(article))}</div>\n')
    related = [(a.title, a.path, (a.published or "")[:10]) for a in list(earlier)[-2:]][::-1]
    if article.variant == "gne":
        title, href, date = T6_OFFSITE_RELATED
        related.append((title, href, f"{date} 09:12:30"))  # outranks the visible label in GNE's order
    elif len(related) < 2:
        related.append(T6_OFFSITE_RELATED)
    items = "".join(f'<li><a href="{attr(h)}" target="_blank">{esc(t)}</a><span>{d}</span></li>' for t, h, d in related)
    out.append(f'<div class="related"><h3>相关新闻</h3><ul>{items}</ul></div>\n')
    out.append("</div>\n")
    out.append(t6_footer())
    return "".join(out)


def render_t6_list(page: int, pages: int, items: Sequence[ListItem]) -> str:
    out = [t6_head(f"{T6_COLUMN[1]}_{T6_SITE}")]
    out.append('<div class="list"><ul>\n')
    for it in items:
        summary = ""
        if it.article is not None:
            first = next(b for b in it.article.body if isinstance(b, str))
            summary = f'<p class="summary">{esc(first[:36])}…</p>'
        out.append(f'<li><a href="{attr(it.href)}" target="_blank">{esc(it.title)}</a><span class="date">{it.date[5:]}</span>{summary}</li>\n')
    out.append("</ul></div>\n")

    def link(p: int, text: str) -> str:
        return f'<a href="{t6_list_url(p).rsplit("/", 1)[-1]}">{text}</a>'

    parts = []
    if page > 1:
        parts += [link(1, "首页"), link(page - 1, "上一页")]
    parts += [f"<span>{p}</span>" if p == page else link(p, str(p)) for p in range(1, pages + 1)]
    if page < pages:
        parts += [link(page + 1, "下一页"), link(pages, "尾页")]
    out.append('<div class="page">' + " ".join(parts) + "</div>\n")
    out.append(t6_footer())
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# T3: 大汉 Hanweb JCMS (县委统战部), UTF-8, list records only inside <script type="text/xml">
# ---------------------------------------------------------------------------------------------

T3_SITE = "中共西山县委统战部"
T3_COLUMN = ("1234", "统战动态", "4567", 2)  # column id, name, unit id (uid), list pages
T3_EXTRAS = [  # records that are not articles of this site: (text, href, date)
    ("2017年全县统战工作要点", "/t3/attach/0/170301tzgzyd.pdf", "2017-03-01"),
    ("市委统战部：全市统战工作会议召开", "http://www.yzstzb.example.org.cn/art/2017/9/20/art_88_1001.html", "2017-09-20"),
]
# The jpage stub: a browser runs it and sees the records and the pager; a crawler that only reads
# the DOM sees neither (the records are CDATA inside a script, the pager is written at run time).
T3_JPAGE_JS = """// 大汉 JCMS jpage (stub): renders the <record> CDATA of the column's datastore and its pager.
function jpage(opts) {
  var box = document.getElementById(opts.uid);
  var xml = box.getElementsByTagName("script")[0].text;
  var re = /<record><!\\[CDATA\\[([\\s\\S]*?)\\]\\]><\\/record>/g, m, html = "<ul class=\\"list\\">";
  while ((m = re.exec(xml))) { html += m[1]; }
  html += "</ul><div class=\\"default_pgContainer\\">共" + opts.totalRecord + "条 ";
  var pages = Math.ceil(opts.totalRecord / opts.perPage);
  for (var i = 1; i <= pages; i++) {
    var href = (i == 1) ? "index.html" : "index.html?uid=" + opts.uid + "&pageNum=" + i;
    html += (i == opts.pageNum) ? "<span>" + i + "</span> " : "<a href=\\"" + href + "\\">" + i + "</a> ";
  }
  box.innerHTML = html + "</div>";
}
"""


def t3_list_url(page: int) -> str:
    colid, _, uid, _ = T3_COLUMN
    base = f"/t3/col/col{colid}/index.html"
    return base if page == 1 else f"{base}?uid={uid}&pageNum={page}"


def t3_head(title: str, metas: str = "") -> str:
    colid, name, _, _ = T3_COLUMN
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
        f"{metas}<title>{esc(title)}</title>\n"
        '<link href="/t3/images/style.css" rel="stylesheet" type="text/css" />\n'
        '<script type="text/javascript" src="/t3/module/web/jpage/jpage.js"></script>\n</head>\n<body>\n'
        f'<div class="head"><div class="logo">{T3_SITE}</div><ul class="nav"><li><a href="/">首页</a></li>'
        f'<li><a href="{t3_list_url(1)}">{name}</a></li></ul></div>\n'
        f'<div class="crumb">您当前的位置：<a href="/">首页</a> &gt; <a href="{t3_list_url(1)}">{name}</a></div>\n'
    )


def t3_footer() -> str:
    return f'<div class="foot">主办单位：{T3_SITE} 技术支持：某网络科技有限公司</div>\n</body>\n</html>\n'


def t3_ids(article: Article) -> tuple[str, str]:
    m = re.search(r"art_(\d+)_(\d+)\.html$", article.path)
    if not m:
        raise TruthError(f"{article.path}: not a Hanweb article URL")
    return m.group(1), m.group(2)


def render_t3_article(index: int, article: Article, neighbours: tuple[Article | None, Article | None]) -> str:
    _, artid = t3_ids(article)
    metas = (
        f'<meta name="ArticleTitle" content="{attr(article.title)}" />\n'
        f'<meta name="PubDate" content="{article.published_raw or ""}" />\n'
        f'<meta name="ContentSource" content="{attr(article.source or "")}" />\n'
        f'<meta name="ColumnName" content="{T3_COLUMN[1]}" />\n'
    )
    out = [t3_head(f"{article.title} {T3_SITE}", metas)]
    out.append('<div class="article">\n')
    out.append(f'<h1 class="title">{esc(article.title)}</h1>\n')
    out.append(
        f'<div class="xxgk">发布日期：{article.published_raw}&nbsp;&nbsp;&nbsp;信息来源：{esc(article.source or "")}'
        f'&nbsp;&nbsp;&nbsp;浏览次数：<span id="dynclicks_wz_{artid}"><script type="text/javascript">'
        f"_showDynClick('dynclicks_wz_{artid}', {artid});</script></span></div>\n"
    )
    out.append(
        '<div class="tools">【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> '
        '<a href="javascript:doZoom(14)">小</a>】【<a href="javascript:window.print()">打印本页</a>】'
        '【<a href="javascript:window.close()">关闭窗口</a>】</div>\n'
    )
    out.append('<div id="zoom">\n')
    indent = index % 4
    for block in article.body:
        if isinstance(block, str):
            if _L1.match(block):
                out.append(f'<p style="text-indent:2em"><b>{esc(block)}</b></p>\n')
            else:
                out.append(paragraph_html(block, indent) + "\n")
        elif isinstance(block, Img):
            out.append(img_html(block, Style()) + "\n")
        else:
            raise TruthError(f"{article.path}: T3 articles are single pages without attachments")
    credits = []
    if article.author:
        credits.append(f"文/{esc(article.author)}")
    if article.photographer:
        credits.append(f"图/{esc(article.photographer)}")
    if credits:
        out.append(f'<p style="text-align:right">（{" ".join(credits)}）</p>\n')
    review = []
    if article.reviewer:
        review.append(f"审核：{esc(article.reviewer)}")
    if article.editor:
        review.append(f"编辑：{esc(article.editor)}")
    if review:
        out.append(f'<p style="text-align:right">{" ".join(review)}</p>\n')
    out.append("</div>\n")
    prev, nxt = neighbours
    prev_html = f'<a href="{attr(prev.path)}">{esc(prev.title)}</a>' if prev else "没有了"
    next_html = f'<a href="{attr(nxt.path)}">{esc(nxt.title)}</a>' if nxt else "没有了"
    out.append(f'<div class="prevnext"><p>上一篇：{prev_html}</p><p>下一篇：{next_html}</p></div>\n')
    out.append("</div>\n")
    out.append(t3_footer())
    return "".join(out)


def render_t3_list(page: int, pages: int, items: Sequence[ListItem], total: int) -> str:
    colid, name, uid, _ = T3_COLUMN
    per_page = -(-total // pages)
    webname = safe_url_string(T3_SITE)
    out = [t3_head(f"{name} {T3_SITE}")]
    out.append(f'<div class="list-box">\n<div class="list-title">{name}</div>\n')
    out.append(f'<div id="{uid}"><script type="text/xml"><datastore>\n')
    out.append(
        f'<nextgroup><![CDATA[<a href="/t3/module/web/jpage/dataproxy.jsp?page={page}&appid=1&webid=1&path=/'
        f'&columnid={colid}&unitid={uid}&webname={webname}&permissiontype=0"></a>]]></nextgroup>\n'
    )
    out.append("<recordset>\n")
    for it in items:
        out.append(
            f'<record><![CDATA[<li><a href="{attr(it.href)}" title="{attr(it.title)}" target="_blank">{esc(it.title)}</a>'
            f'<span class="bt-data-time">{it.date}</span></li>]]></record>\n'
        )
    out.append("</recordset></datastore></script></div>\n</div>\n")
    out.append(
        '<script type="text/javascript">\n'
        f"jpage({{uid: '{uid}', perPage: {per_page}, totalRecord: {total}, pageNum: {page}, ishref: true}});\n"
        "</script>\n"
    )
    out.append(t3_footer())
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# T5: ASP legacy table layout (民革市委), GBK bytes, lying charsets
# ---------------------------------------------------------------------------------------------

T5_SITE = "民革云州市委员会"
T5_COLUMN = (4, "工作动态", 2)  # Tid, name, list pages
T5_EXTRAS = [
    ("2017年党员信息登记表", "/t5/UploadFile/2017917/20179171035.doc", "2017-09-17"),
    ("民革中央：认真学习贯彻十九大精神", "http://www.minge.example.org.cn/n1/2017/1020/c415686-401.html", "2017-10-20"),
]
META_GB2312 = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n'
META_UTF8 = '<meta charset="utf-8">\n'
# How each T5 page is served: (meta, Content-Type header). The bytes are always GBK.
T5_SERVING = {
    "header_lies": (META_GB2312, "text/html; charset=utf-8"),  # IIS default charset: the header lies
    "meta_lies": (META_UTF8, "text/html"),  # a template copied from a UTF-8 site: the meta lies
    "gb2312_header": (META_GB2312, "text/html; charset=gb2312"),  # honest label, too small a charset
    "": (META_GB2312, "text/html"),  # no charset in the header: the meta decides
}
T5_LIST_SERVING = "header_lies"
T5_CSS = "body{font-size:12px;font-family:SimSun}\ntd.tit{font-size:16px;text-align:center}\n"


def t5_list_url(page: int) -> str:
    return f"/t5/newslist.asp?Tid={T5_COLUMN[0]}&page={page}"


def t5_head(title: str, meta: str) -> str:
    tid, name, _ = T5_COLUMN
    return (
        "<html>\n<head>\n"
        f"{meta}<title>{esc(title)}</title>\n"
        '<link href="/t5/images/style.css" rel="stylesheet" type="text/css">\n'
        "</head>\n<body topmargin=\"0\" leftmargin=\"0\">\n"
        '<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">\n'
        f'<tr><td class="top">{T5_SITE}</td></tr>\n'
        f'<tr><td class="menu"><a href="/">首页</a> | <a href="newslist.asp?Tid={tid}&amp;page=1">{name}</a></td></tr>\n'
        "</table>\n"
    )


def t5_footer() -> str:
    return (
        '<table width="960" border="0" align="center"><tr><td class="foot">'
        f"版权所有：{T5_SITE}&nbsp;&nbsp;地址：云州市人民路1号</td></tr></table>\n</body>\n</html>\n"
    )


def t5_id(article: Article) -> int:
    m = re.search(r"[?&]Id=(\d+)", article.path)
    if not m:
        raise TruthError(f"{article.path}: not an ASP newsview URL")
    return int(m.group(1))


def t5_credit(article: Article) -> str | None:
    """The credit line closing the body: （单位 作者） or （记者… 通讯员…）, then 【编辑:…】."""
    line = ""
    if article.author and article.unit:
        line = f"（{esc(article.unit)} {esc(article.author)}）"
    elif article.author:
        line = f"（记者{esc(article.author)}" + (f" 通讯员{esc(article.correspondent)}" if article.correspondent else "") + "）"
    elif article.correspondent or article.unit:
        raise TruthError(f"{article.path}: a credit without an author")
    if article.editor:
        line += f"【编辑:{esc(article.editor)}】"
    return line or None


def t5_date(article: Article) -> str:
    """``2017/09/14/10:20`` as the page shows it (empty when the article has no date)."""
    return article.published_raw or ""


def render_t5_article(article: Article) -> tuple[str, str]:
    """``(html, Content-Type header)``."""
    tid, name, _ = T5_COLUMN
    meta, content_type = T5_SERVING[article.variant]
    views = t5_id(article) * 37 % 3000 + 200
    out = [t5_head(f"{article.title}_{T5_SITE}", meta)]
    out.append('<table width="960" border="0" align="center" cellpadding="0" cellspacing="0" class="view">\n')
    out.append(
        f'<tr><td class="nav">您当前的位置:<a href="/">首页</a> - <a href="newslist.asp?Tid={tid}&amp;page=1">{name}</a></td></tr>\n'
    )
    out.append(f'<tr><td class="tit"><b>{esc(article.title)}</b></td></tr>\n')
    info = [f"浏览:{views}", f"发布人:{esc(article.poster or '')}"]
    if article.published_raw:
        info.append(t5_date(article))
    out.append(f'<tr><td class="info" align="center">{"&nbsp;&nbsp;".join(info)}</td></tr>\n')
    out.append('<tr><td class="content">\n')
    for block in article.body:
        if isinstance(block, str):
            if _L1.match(block):
                out.append(f"<p>\u3000\u3000<b>{esc(block)}</b></p>\n")
            else:
                out.append(f"<p>\u3000\u3000{esc(block)}</p>\n")
        else:
            raise TruthError(f"{article.path}: T5 articles are plain text")
    credit = t5_credit(article)
    if credit:
        out.append(f'<p align="right">{credit}</p>\n')
    out.append("</td></tr>\n")
    out.append(
        '<tr><td class="tools" align="center"><a href="javascript:window.print()">打印</a> 』※ '
        '<a href="javascript:window.external.AddFavorite(location.href,document.title)">收藏此页</a> ※『 '
        '<a href="javascript:window.close()">关闭</a></td></tr>\n'
    )
    out.append("</table>\n")
    out.append(t5_footer())
    return "".join(out), content_type


def render_t5_list(page: int, pages: int, items: Sequence[ListItem], total: int) -> str:
    tid, name, _ = T5_COLUMN
    per_page = -(-total // pages)
    out = [t5_head(f"{name}_{T5_SITE}", T5_SERVING[T5_LIST_SERVING][0])]
    out.append('<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">\n')
    out.append(f'<tr><td class="nav">您当前的位置:<a href="/">首页</a> - {name}</td></tr>\n</table>\n')
    out.append('<table class="list" width="960" border="0" align="center" cellpadding="2" cellspacing="0">\n')
    for it in items:
        href = it.href
        if it.article is not None:
            href = it.href.rsplit("/", 1)[-1]  # newsview.asp?Id=…&Tid=4, relative as ASP lists write it
        date = ""
        if it.date:
            y, m, d = (int(x) for x in it.date.split("-"))
            date = f"[{y}-{m}-{d}]"
        out.append(
            f'<tr><td class="t">·<a href="{attr(href)}" target="_blank">{esc(it.title)}</a></td><td class="d">{date}</td></tr>\n'
        )
    out.append("</table>\n")

    def link(p: int, text: str) -> str:
        return f'<a href="?Tid={tid}&amp;page={p}">{text}</a>'

    parts = [f"共 {total} 条记录 页次:{page}/{pages} 每页{per_page}条", link(1, "首页")]
    parts.append(link(page - 1, "上一页") if page > 1 else "上一页")
    parts.append(link(page + 1, "下一页") if page < pages else "下一页")
    parts.append(link(pages, "尾页"))
    options = "".join(f'<option value="{p}"{" selected" if p == page else ""}>{p}</option>' for p in range(1, pages + 1))
    parts.append(f"转到:<select onchange=\"location='?Tid={tid}&amp;page='+this.value\">{options}</select>")
    out.append('<div class="pager" align="center">' + " ".join(parts) + "</div>\n")
    out.append(t5_footer())
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Home page, robots.txt, assets
# ---------------------------------------------------------------------------------------------


def render_home() -> str:
    t1 = "".join(f'<li><a href="/a/{k}/">{n}</a></li>' for k, (n, _) in T1_COLUMNS.items())
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        "<title>branchnews 离线样例站</title>\n</head>\n<body>\n"
        "<h1>branchnews 离线样例站</h1>\n"
        "<p>合成的民主党派、政协新闻站点，供爬虫和抽取测试使用。</p>\n"
        f"<h2>{T1_SITE}</h2>\n<ul>{t1}</ul>\n"
        f'<h2>{T2_SITE}</h2>\n<ul><li><a href="{t2_list_url("tzxw", 1)}">{T2_COLUMNS["tzxw"][0]}</a></li></ul>\n'
        f'<h2>{T3_SITE}</h2>\n<ul><li><a href="{t3_list_url(1)}">{T3_COLUMN[1]}</a></li></ul>\n'
        f'<h2>{T4_SITE}</h2>\n<ul><li><a href="/t4/a/jcfc/">{T4_COLUMN[1]}</a></li></ul>\n'
        f'<h2>{T5_SITE}</h2>\n<ul><li><a href="{attr(t5_list_url(1))}">{T5_COLUMN[1]}</a></li></ul>\n'
        f'<h2>{T6_SITE}</h2>\n<ul><li><a href="{t6_list_url(1)}">{T6_COLUMN[1]}</a></li></ul>\n'
        "</body>\n</html>\n"
    )


ROBOTS_TXT = "User-agent: *\nDisallow:\n"
T1_CSS = "body{font-family:SimSun,serif;font-size:14px}\n.article .title{text-align:center}\n"
T4_CSS = "body{font:12px/1.5 Verdana,Arial}\n.dede_pages ul li{display:inline}\n"
T6_CSS = "body{font:14px/1.6 'Microsoft YaHei',sans-serif}\n#pubtime_baidu{display:none}\n"
T3_CSS = "body{font:14px/1.8 SimSun,serif}\n#zoom p{text-indent:2em}\n"
JQUERY_STUB = "/* jQuery is not bundled with the sample site; the pages work without it. */\n"


# ---------------------------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------------------------


def _by_template(template: str) -> list[Article]:
    return [a for a in ARTICLES if a.template == template]


def _check_unique() -> None:
    seen: set[str] = set()
    for a in ARTICLES:
        if a.path in seen:
            raise TruthError(f"duplicate article path {a.path}")
        seen.add(a.path)


def generate() -> tuple[dict[str, bytes], dict[str, bytes]]:
    """``(site files, golden files)``: site-relative and golden-dir-relative path → bytes.

    The site files include ``_headers.json`` but not the verbatim seed page.
    """
    _check_unique()
    site = SiteBuilder()
    goldens: dict[str, bytes] = {}

    # Home, robots, skin
    site.add("/index.html", render_home().encode("utf-8"))
    site.add("/robots.txt", ROBOTS_TXT.encode("utf-8"))
    site.add("/skin/css/style.css", T1_CSS.encode("utf-8"))
    site.add("/skin/js/jquery.js", JQUERY_STUB.encode("utf-8"))
    site.add("/skin/images/logo.png", png_bytes((200, 30, 40)))
    site.add("/t4/templets/default/style/dedecms.css", T4_CSS.encode("utf-8"))
    site.add("/t6/css/main.css", T6_CSS.encode("utf-8"))
    site.add("/t3/images/style.css", T3_CSS.encode("utf-8"))
    site.add("/t3/module/web/jpage/jpage.js", T3_JPAGE_JS.encode("utf-8"))
    site.add("/t5/images/style.css", T5_CSS.encode("utf-8"))

    # T1
    t1 = _by_template("t1")
    for index, article in enumerate(t1):
        if not article.verbatim:
            site.add_html(article.path, render_t1_article(index, article, t1))
    for column, (_, pages) in T1_COLUMNS.items():
        items = list_items([a for a in t1 if a.column == column], T1_EXTRAS[column])
        for page, page_items in enumerate(chunk(items, pages), start=1):
            html_text = render_t1_list(column, page, pages, page_items, len(items), t1)
            site.add_html(t1_list_url(column, page), html_text)
            if page == 1:
                pass  # /a/<column>/ is served from index.html (directory index)

    # T2
    t2 = _by_template("t2")
    site.add("/t2/js/page.js", T2_PAGE_JS.encode("utf-8"))
    for article in t2:
        site.add_html(article.path, render_t2_article(article))
    for column, (_, pages) in T2_COLUMNS.items():
        items = list_items([a for a in t2 if a.column == column], [])
        if column == "tzxw":  # the cross-column article is listed in 统战新闻 too
            items = list_items([a for a in t2 if a.column in ("tzxw", "dpgz")], [])
        extras = [
            ListItem(t, _site_path(t2_list_url(column, 1), h) if not h.startswith("http") else h, d, None)
            for t, h, d in T2_EXTRAS[column]
        ]
        items = sorted(items + extras, key=lambda it: it.date, reverse=True)
        for page, page_items in enumerate(chunk(items, pages), start=1):
            site.add_html(t2_list_url(column, page), render_t2_list(column, page, pages, page_items))

    # T3
    t3 = _by_template("t3")
    ordered = sorted(t3, key=lambda a: a.published or "")
    for index, article in enumerate(t3):
        pos = ordered.index(article)
        prev = ordered[pos - 1] if pos > 0 else None
        nxt = ordered[pos + 1] if pos + 1 < len(ordered) else None
        site.add_html(article.path, render_t3_article(index, article, (prev, nxt)))
    items = list_items(t3, T3_EXTRAS)
    pages = T3_COLUMN[3]
    for page, page_items in enumerate(chunk(items, pages), start=1):
        site.add_html(t3_list_url(page), render_t3_list(page, pages, page_items, len(items)))

    # T4
    t4 = _by_template("t4")
    ordered = sorted(t4, key=lambda a: a.published or "")
    for index, article in enumerate(t4):
        pos = ordered.index(article)
        prev = ordered[pos - 1] if pos > 0 else None
        nxt = ordered[pos + 1] if pos + 1 < len(ordered) else None
        for path, page_html in render_t4_article(index, article, (prev, nxt)):
            site.add_html(path, page_html, gbk=True)
    key, _, tid, pages = T4_COLUMN
    items = list_items(t4, T4_EXTRAS)
    for page, page_items in enumerate(chunk(items, pages), start=1):
        html_text = render_t4_list(page, pages, page_items, len(items))
        site.add_html(f"/t4/a/{key}/{t4_list_name(tid, page)}", html_text, gbk=True)
        if page == 1:  # DedeCMS: the column index is a copy of list page 1
            site.add_html(f"/t4/a/{key}/index.html", html_text, gbk=True)

    # T5
    t5 = _by_template("t5")
    for article in t5:
        page_html, content_type = render_t5_article(article)
        site.add_html(article.path, page_html, gbk=True, content_type=content_type)
    items = list_items(t5, T5_EXTRAS)
    pages = T5_COLUMN[2]
    for page, page_items in enumerate(chunk(items, pages), start=1):
        site.add_html(t5_list_url(page), render_t5_list(page, pages, page_items, len(items)), gbk=True,
                      content_type=T5_SERVING[T5_LIST_SERVING][1])

    # T6
    t6 = _by_template("t6")
    ordered = sorted(t6, key=lambda a: a.published or "")
    for index, article in enumerate(t6):
        earlier = ordered[: ordered.index(article)]
        site.add_html(article.path, render_t6_article(index, article, earlier))
    _, _, pages = T6_COLUMN
    items = list_items(t6, T6_EXTRAS)
    for page, page_items in enumerate(chunk(items, pages), start=1):
        site.add_html(t6_list_url(page), render_t6_list(page, pages, page_items))

    # Images and attachments referenced from articles and lists
    for article in ARTICLES:
        for page_path, blocks in zip(page_paths(article), split_pages(article.body)):
            for block in blocks:
                if isinstance(block, Img):
                    site.add_asset(_site_path(page_path, block.src))
                elif isinstance(block, Files):
                    for _, href in block.links:
                        site.add_asset(_site_path(page_path, href))
    for extras in [*T1_EXTRAS.values(), T3_EXTRAS, T4_EXTRAS, T5_EXTRAS, T6_EXTRAS]:
        for _, href, _ in extras:
            if href.startswith("/"):
                site.add_asset(href)
    for column, extras in T2_EXTRAS.items():
        for _, href, _ in extras:
            if not href.startswith("http"):
                site.add_asset(_site_path(t2_list_url(column, 1), href))

    # Goldens and the list of every article URL the crawl must find
    urls = []
    for article in ARTICLES:
        record = golden_record(article)
        if article.script == "traditional":
            style = Style(traditional=True, ascii_punct=article.ascii_punct)
            for text in _record_texts(record):
                style.text(text)  # raises unless it round-trips
        name = golden_name(article)
        if name in goldens:
            raise TruthError(f"golden name clash: {name}")
        goldens[name] = dump_json(record)
        urls.append(record["url"])
    goldens[ARTICLES_FILE] = dump_json(sorted(urls))

    site.files[HEADERS_FILE] = dump_json(dict(sorted(site.headers.items())))
    return dict(sorted(site.files.items())), dict(sorted(goldens.items()))


def _site_path(page_path: str, href: str) -> str:
    """Site path of a link on a page (for generating the file it points to)."""
    joined = urljoin(BASE_URL + page_path, href)
    if not joined.startswith(BASE_URL + "/"):
        raise TruthError(f"{href} on {page_path} leaves the site")
    return joined[len(BASE_URL) :]


def _record_texts(record: dict) -> Iterable[str]:
    for field in ("title", "source", "author", "editor"):
        if record[field]:
            yield record[field]
    yield from record["breadcrumb"]
    yield from record["paragraphs"]


# ---------------------------------------------------------------------------------------------
# Writing and checking
# ---------------------------------------------------------------------------------------------


def _existing(root: Path, pattern: str = "**/*") -> dict[str, Path]:
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): p for p in root.glob(pattern) if p.is_file()}


def differences(site_dir: Path = SITE_DIR, golden_dir: Path = GOLDEN_DIR) -> list[str]:
    """What differs between the committed tree and :func:`generate` (empty when in sync)."""
    site, goldens = generate()
    problems: list[str] = []
    for root, wanted, keep in ((site_dir, site, {SEED_RELPATH}), (golden_dir, goldens, set())):
        have = _existing(root)
        for rel, data in wanted.items():
            if rel not in have:
                problems.append(f"missing {root / rel}")
            elif have[rel].read_bytes() != data:
                problems.append(f"differs {root / rel}")
        for rel in sorted(set(have) - set(wanted) - keep):
            problems.append(f"stray {root / rel}")
    if not (site_dir / SEED_RELPATH).is_file():
        problems.append(f"missing seed page {site_dir / SEED_RELPATH}")
    return problems


def write(site_dir: Path = SITE_DIR, golden_dir: Path = GOLDEN_DIR) -> int:
    """Write the generated files, remove stray ones; returns the number of files written."""
    site, goldens = generate()
    written = 0
    for root, wanted, keep in ((site_dir, site, {SEED_RELPATH}), (golden_dir, goldens, set())):
        have = _existing(root)
        for rel in sorted(set(have) - set(wanted) - keep):
            have[rel].unlink()
        for rel, data in wanted.items():
            target = root / rel
            if target.is_file() and target.read_bytes() == data:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written += 1
        for d in sorted((p for p in root.glob("**/*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
            if not any(d.iterdir()):
                d.rmdir()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m branchnews.sample_site.build", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when the committed files differ")
    parser.add_argument("--site-dir", type=Path, default=SITE_DIR)
    parser.add_argument("--golden-dir", type=Path, default=GOLDEN_DIR)
    args = parser.parse_args(argv)
    if args.check:
        problems = differences(args.site_dir, args.golden_dir)
        for p in problems:
            print(p, file=sys.stderr)
        return 1 if problems else 0
    n = write(args.site_dir, args.golden_dir)
    print(f"wrote {n} file(s) under {args.site_dir} and {args.golden_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
