"""The headline: the element that best matches the page's <title> and sits above the body.

``<title>`` carries a site suffix (``标题-民进某市委员会``) and sometimes a column name, so it is
the reference, not the answer. Candidates are headings and title-classed elements; a column
name or a sidebar heading shares little text with <title> and loses.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from urllib.parse import urlsplit

from lxml import etree

from branchnews.crawler.pages.lines import clean_space, is_inside, text_of
from branchnews.pipelines.normalize.charsets import HAN

_TITLE_CLASS = re.compile(r"(?:^|[\s_-])(?:title|tit|biaoti|headline|heading|bt|article[-_]?title|"
                          r"news[-_]?title|detail[-_]?title|content[-_]?title|arti[-_]?tit)"
                          r"(?:$|[\s_-]|\d)", re.I)
_SITE_SUFFIX = re.compile(r"\s*(?:[-_|｜—–]+|--)\s*[^-_|｜—–]{1,30}$")
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TAG_BONUS = {"h1": 0.3, "h2": 0.2, "h3": 0.1, "h4": 0.05}


def page_title(root: etree._Element) -> str | None:
    el = root.find("head/title")
    if el is None:
        el = root.find(".//title")
    if el is None:
        return None
    text = clean_space(text_of(el))
    return text or None


def title_without_suffix(title: str) -> str:
    """``标题-站点名`` → ``标题`` (repeatedly: ``标题_栏目_站点``)."""
    previous = None
    while previous != title:
        previous = title
        stripped = _SITE_SUFFIX.sub("", title)
        if len(stripped) >= 4:
            title = stripped
    return title


_TITLE_PARTS = re.compile(r"\s*(?:[_|｜—–]+|\s-{1,2}\s|--)\s*")
# A bare hyphen between Han characters may separate parts too (标题-学校-网站), but which part is
# the headline is not told by length (标题-云州市西山县人民政府): each part is a reference.
_HAN_HYPHEN = re.compile(rf"(?<=[{HAN}])-(?=[{HAN}])")


def main_title(title: str) -> str:
    """The headline part of <title>: its longest segment (``标题_栏目_站点``, ``站点 - 标题``)."""
    parts = [p for p in _TITLE_PARTS.split(title) if p]
    longest = max(parts, key=len) if parts else title
    return longest if len(longest) >= 4 else title


def similarity(candidate: str, reference: str) -> float:
    """Share of the candidate found in the reference, in matching blocks."""
    return _Similarity(reference)(candidate)


class _Similarity:
    """``similarity(·, reference)`` for the many candidates of one page.

    difflib is the costly part of finding a headline on a page with many candidates, so a
    candidate is matched only when its score may reach the threshold that is asked: the
    reference is indexed once, when first needed (the blocks are a new matcher's), and a
    candidate with too few of the reference's characters is not matched at all.
    """

    __slots__ = ("reference", "chars", "matcher")

    def __init__(self, reference: str):
        self.reference = reference
        self.chars = frozenset(reference)
        self.matcher: SequenceMatcher | None = None

    def __call__(self, candidate: str) -> float:
        if not candidate or not self.reference:
            return 0.0
        if candidate in self.reference:
            return 1.0
        if self.matcher is None:
            self.matcher = SequenceMatcher(None, "", self.reference, autojunk=False)
        self.matcher.set_seq1(candidate)
        return sum(b.size for b in self.matcher.get_matching_blocks()) / len(candidate)

    def covering(self, candidate: str, bonus: float, threshold: float) -> float:
        """The score, weighed by how much of the reference the candidate covers: a column name or
        the site's name inside <title> (``博士研究生``) is found in it whole, as the headline is,
        but covers less of it. (A weight of 0.6 to 1: the bound of :meth:`score` still holds.)"""
        value = self.score(candidate, 0.0, threshold - bonus)
        if value + bonus < threshold or not self.reference:
            return value + bonus
        cover = min(len(candidate), len(self.reference)) / len(self.reference)
        return value * (0.6 + 0.4 * cover) + bonus

    def score(self, candidate: str, bonus: float, threshold: float) -> float:
        """``similarity + bonus`` when that may reach ``threshold``; else a bound under it.

        The bound: matching blocks are disjoint, so they cover at most the candidate's
        characters that occur in the reference, and at most the reference's length.
        """
        if candidate and self.reference and candidate not in self.reference:
            most = min(len(self.reference), sum(map(self.chars.__contains__, candidate)))
            bound = most / len(candidate) + bonus
            if bound < threshold:
                return bound
        return self(candidate) + bonus


_XML_SPACE = re.compile(r"[ \t\r\n]+")


def _elements_before(root: etree._Element, prose: etree._Element | None):
    """The elements a headline may be: with no prose line, all of <body>; else those of <body>
    before ``prose`` (XPath's ``preceding::*[ancestor::body]``: not its ancestors), then
    ``prose``'s descendants. In document order, walked in Python: libxml2's ``preceding`` axis
    costs more than the loop."""
    body = root.find("body")
    if prose is None:
        if body is not None:
            yield from body.iterdescendants()
        return
    if body is not None and prose is not body and is_inside(prose, body):
        ancestors = set(prose.iterancestors())
        for el in body.iterdescendants():
            if el is prose:
                break
            if el not in ancestors:
                yield el
    yield from prose.iterdescendants()


def _leaf_starts_with(text: str | None, prefix: str) -> bool:
    """XPath's ``starts-with(normalize-space(text), prefix)`` (XML whitespace only)."""
    if not text or prefix[0] not in text:
        return False
    return _XML_SPACE.sub(" ", text).strip(" ").startswith(prefix)


# Elements of <head> that libxml2 moves into <body> when something breaks the head early: a
# <title> there is the reference, never the headline.
_HEAD_TAGS = frozenset({"title", "meta", "link", "base", "style"})
# Metas where CMSs (TRS WCM's ArticleTitle, Open Graph, Twitter cards) repeat the headline; some
# hold it as escaped HTML, whose tags are dropped.
_HEADLINE_METAS = ("articletitle", "og:title", "twitter:title")
_TAG = re.compile(r"<[^>]*>")


def meta_headline(root: etree._Element) -> str | None:
    """The headline a meta tag names, as a second reference beside <title>: a <title> whose
    separators also occur inside the headline (``栏目 | 标题——频道——站点``) leaves its longest
    part a site name, while the meta holds the headline alone."""
    found: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or "").strip().lower()
        if key in _HEADLINE_METAS and key not in found:
            text = clean_space(_TAG.sub("", el.get("content") or ""))
            if text:
                found[key] = text
    return next((found[name] for name in _HEADLINE_METAS if name in found), None)


_SITE_NAME_METAS = ("sitename", "og:site_name", "application-name")


def site_name(root: etree._Element) -> str | None:
    """The site's own name, as its metas give it (TRS/Hanweb ``SiteName``, Open Graph)."""
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or "").strip().lower()
        if key in _SITE_NAME_METAS and (text := clean_space(el.get("content") or "")):
            return text
    return None


# A magazine's <title> may end with the byline (标题 本刊记者 某某 某某).
_BYLINE_END = re.compile(rf"\s*(?:本刊|本报|本网)?(?:特约)?(?:记者|通讯员)\s*[{HAN}·\s]{{2,20}}$")
# Share, print and font-size widgets have headings of their own (微信扫一扫：分享).
_WIDGET = re.compile(r"分享|扫一扫|扫码|打印|关闭|字号|收藏|转发|微信|微博|二维码")
_LIKE_TITLE = 0.6  # a candidate scoring this (similarity + tag bonus) reads as the headline
_HEADLINE_CHARS = 120  # the longest headline
_CRUMB_LIKE = re.compile(r"首页|主页|当前位置|您的位置|>|»|→")


def find_headline(root: etree._Element, lines=None, body_start: int | None = None,
                  prose: etree._Element | None = None) -> tuple[str | None, etree._Element | None]:
    """(headline text, its element); falls back to <title> without its suffix.

    Candidates are headings, title-classed elements and unmarked leaf elements whose own text
    is the <title>'s headline, above the body's first prose line. The one most like <title>
    wins; when none is like it (a <title> that only names the column), the nearest heading
    above the body that does not read as a column or breadcrumb.
    """
    reference = _BYLINE_END.sub("", main_title(page_title(root) or ""))
    from_meta = meta_headline(root)
    if reference and reference == site_name(root) and from_meta:
        reference = from_meta  # a <title> that only names the site is no reference
    prefixes = tuple(p for p in {reference[:2], (from_meta or "")[:2]} if p)
    like_reference = _Similarity(reference)
    likes = [like_reference]
    if from_meta and from_meta not in reference:
        likes.append(_Similarity(from_meta))
    # <title> without its last part (the site) as one more reference: its longest part is the
    # subtitle alone when one is glued on (``标题——某某工作综述--某某杂志``), and an issue's table of
    # contents may link the article by it.
    trimmed = _BYLINE_END.sub("", _SITE_SUFFIX.sub("", page_title(root) or "", count=1))
    if len(trimmed) >= 4 and trimmed not in reference:
        likes.append(_Similarity(trimmed))
    parts = [p for p in _HAN_HYPHEN.split(reference) if len(p) >= 4]
    if len(parts) > 1:
        likes += [_Similarity(p) for p in parts]
    if (labelled := _labelled_headline(lines or (), body_start)) and (
            not reference or max(like.score(labelled[0], 0.0, _LIKE_TITLE) for like in likes) >= _LIKE_TITLE):
        return labelled  # (a disclosure table's 标题 row: the document's own title)
    line_of = {line.block: line.index for line in reversed(lines or ())}  # (the first line wins)
    candidates = []
    for el in _elements_before(root, prose):
        tag = el.tag
        if tag.__class__ is not str:
            continue
        if tag in _HEAD_TAGS:
            continue
        is_heading = tag in HEADING_TAGS
        titled = is_heading
        if not is_heading:
            class_, id_ = el.get("class"), el.get("id")
            if class_ is None and id_ is None:
                # (an element without names is looked at only as a leaf starting like <title>)
                text = el.text
                if not text or len(el) or not any(_leaf_starts_with(text, p) for p in prefixes):
                    continue
                titled = False
            else:
                titled = _TITLE_CLASS.search(f"{class_ or ''} {id_ or ''}") is not None
            if not titled:
                # An unmarked leaf element whose own text is the <title>'s headline.
                if len(el):
                    continue
                own = clean_space(el.text or "")
                if not (6 <= len(own) <= _HEADLINE_CHARS and any(
                        own[:2] in like.reference and like.score(own, 0.0, 0.8) >= 0.8 for like in likes)):
                    continue
        index = _line_index(el, line_of)
        if body_start is not None and index is not None and index >= body_start:
            continue
        text = headline_text(el, _HEADLINE_CHARS)
        if not 2 <= len(text) <= _HEADLINE_CHARS or text[-1] in "：:" or _links_home(el, text):
            continue  # (a label, ``索 引 号：``, introduces a value; the site's name links home)
        # (a score under _LIKE_TITLE only marks the candidate as unlike <title>: it may be a bound)
        bonus = _TAG_BONUS.get(tag, 0.1 if not is_heading else 0)
        score = max(like.covering(text, bonus, _LIKE_TITLE) for like in likes)
        candidates.append((score, index, text, el, titled))
    if reference or not candidates:
        # (a <title> that names only the column (``新闻中心_某某网``) is like the column's heading,
        # which a menu or breadcrumb also links: that heading is not the headline)
        columns = _link_texts(root) if len(reference) <= _COLUMN_CHARS else frozenset()
        good = [c for c in candidates if c[0] >= _LIKE_TITLE and c[2] not in columns]
        if good:
            # (on a tie, a heading or title-classed element beats an unmarked one: a table of
            # contents links the article by the same words)
            best = max(good, key=lambda c: (c[0], c[4]))
            if not best[4]:
                # an unmarked element (a sidebar link) that only adds to a headline-classed one's
                # words (``标题（某某文号）`` beside ``标题``): the page's headline is the classed one
                shown = [c for c in good if c[4] and c[2] in best[2] and len(c[2]) >= 0.5 * len(best[2])]
                if shown:
                    best = max(shown, key=lambda c: c[0])
            block = headline_block(best[3])
            if block is not best[3]:
                return headline_text(block), block
            return _with_dash_line(best[2], best[3], root), best[3]
    plain = [c for c in candidates if len(c[2]) >= 6 and not _CRUMB_LIKE.search(c[2])
             and not _WIDGET.search(c[2])
             and c[1] is not None and body_start is not None and body_start - c[1] <= 12]
    if plain:
        best = max(plain, key=lambda c: c[1])
        return best[2], best[3]
    if shown := _emphasised_headline(lines or (), body_start):
        return shown
    if from_meta and from_meta not in reference:
        return from_meta, None  # no headline shown: the article's own title meta, not the site's name
    if reference:
        return title_without_suffix(reference), None
    return (candidates[0][2], candidates[0][3]) if candidates else (None, None)


_HOME_PATHS = frozenset({"", "/", "/index.html", "/index.htm", "/index.shtml", "/index.php", "/index.asp",
                         "/index.jsp", "/default.html", "/default.htm", "/default.aspx"})


def _links_home(el: etree._Element, text: str) -> bool:
    """``el`` is the site's name: its text is a link to the home page (a blog theme's
    ``<h1 id="BlogTitle"><a href="/">某某支部</a></h1>``, a logo heading)."""
    for a in el.iter("a"):
        href = (a.get("href") or "").strip()
        if href and len(href) <= _HOME_CHARS and not href.startswith(("#", "javascript:")):
            parts = urlsplit(href)
            if parts.path in _HOME_PATHS and not parts.query and clean_space(text_of(a)) == text:
                return True
    return False


_HOME_CHARS = 80  # a home page's address is short


# How a page without headings prints its headline: bold, or in a <font> of its own colour or size.
_EMPHASIS = frozenset({"b", "strong", "font"})
# Between such a headline and the body's first prose line: the info row (作者 来源 发布日期 …), a
# repeat of the headline and a byline in the body's first lines.
_LINES_ABOVE = 4


def _emphasised_headline(lines, body_start: int | None) -> tuple[str, etree._Element] | None:
    """The headline of a page built without headings or names (old table layouts, a <title> that
    only greets the visitor): the nearest line above the body set wholly in bold or in a <font>,
    of a headline's length, no label, no date, and no link line between it and the body."""
    from branchnews.crawler.pages.dates import find_dates
    from branchnews.crawler.pages.labels import is_label_line

    if body_start is None:
        return None
    for line in reversed(lines[max(0, body_start - _LINES_ABOVE):body_start]):
        if line.link_chars:
            return None  # a menu or a breadcrumb: above it is no headline
        if not 6 <= len(line.text) <= 80 or _CRUMB_LIKE.search(line.text) or _WIDGET.search(line.text) \
                or is_label_line(line.text) or find_dates(line.text):
            continue
        for el in line.block.iter(*_EMPHASIS):
            if clean_space(text_of(el)) == line.text:
                return line.text, el
    return None


def _with_dash_line(text: str, el: etree._Element, root: etree._Element) -> str:
    """The headline and the dash-led line right after its element, when <title> or the title
    meta shows them joined (``<p>标题<div>——副题</div></p>``, which a parser, as a browser does,
    reads as two siblings): the second line of the headline, as a heading block's would be."""
    after = el.getnext()
    if after is None or not isinstance(after.tag, str):
        return text
    line = clean_space(text_of(after))
    if not line.startswith(("——", "—", "--")) or len(line) > 60:
        return text
    joined = (text + line).replace(" ", "")
    shown = [(page_title(root) or "").replace(" ", ""), (meta_headline(root) or "").replace(" ", "")]
    return text + line if any(joined in ref for ref in shown) else text


# A column's name is short: ``新闻中心``, ``工作动态``, ``通知公告``.
_COLUMN_CHARS = 8


def _link_texts(root: etree._Element) -> frozenset[str]:
    """The short texts of the page's links: its menus' and breadcrumb's column names."""
    texts = (clean_space(text_of(a)) for a in root.iter("a"))
    return frozenset(t for t in texts if 2 <= len(t) <= _COLUMN_CHARS)


# A deck line of a headline block: a kicker (引题, 肩题) or a labeled subtitle printed with the
# headline, which is not the headline. Told by a label, a class, or the 楷体 (KaiTi) typeface
# Chinese papers and their sites set kickers in. (A dash-led line under the headline,
# ``——某某工作综述``, is read as the headline's second line, as the shared corpus labels it.)
_DECK_LEAD = re.compile(r"^(?:副标题|副题|引题|肩题)\s*[:：]")
_DECK_CLASS = re.compile(r"sub[-_]?tit|subhead|fu[-_]?ti|yin[-_]?ti|jian[-_]?ti|kicker|deck", re.I)
_DECK_FACE = re.compile(r"font-family\s*:[^;]*(?:楷|kai)", re.I)


def is_deck(el: etree._Element) -> bool:
    """``el`` is a subtitle or kicker line: labeled (副标题：, 引题：), or wholly inside an element
    classed or styled as one (a dash-led line is not: see ``_DECK_LEAD``)."""
    text = clean_space(text_of(el))
    if not text:
        return False
    if _DECK_LEAD.match(text):
        return True
    for sub in el.iter():
        if not isinstance(sub.tag, str):
            continue
        named = f"{sub.get('class') or ''} {sub.get('id') or ''}"
        if (_DECK_CLASS.search(named) or _DECK_FACE.search(sub.get("style") or "")) \
                and clean_space(text_of(sub)) == text:
            return True
    return False


def headline_block(el: etree._Element) -> etree._Element:
    """The headline block ``el`` is a line of (``<div class="tit"><p>标题</p><p>——副题</p></div>``),
    when ``el`` is one of its deck lines: the block then gives the headline."""
    node = el
    for _ in range(3):
        parent = node.getparent()
        if parent is None:
            break
        # (the parent's names first: is_deck reads the whole of ``node``)
        if (parent.tag in HEADING_TAGS or _TITLE_CLASS.search(
                f"{parent.get('class') or ''} {parent.get('id') or ''}")) and is_deck(node):
            return parent
        node = parent
    return el


# A line that is only a document number (``（某政办发〔2024〕5号）``, ``某罚决字〔2024〕52号``), which
# a headline block may print under the headline after a ``<br>``.
DOCUMENT_NUMBER_LINE = re.compile(r"^[（(]?\s*[^\s（）()〔〕]{1,20}[〔\[［【]\d{4}[〕\]］】]\s*第?\s*\d+\s*号\s*[）)]?$")


def headline_text(el: etree._Element, longest: int | None = None) -> str:
    """The element's text up to a child that holds an info line (``<h1>标题<br><span>发布时间：…
    来源：…</span></h1>``) or the byline (``<div class="tit"><p>标题</p><p>本刊记者 某某</p></div>``):
    labels, a date or a byline are not the headline, nor a document number on a line of its own,
    nor a label before it (``标题：``). Nor are its deck lines, a subtitle or a kicker in lines of
    their own (:func:`is_deck`), when a headline of 4 characters is left.

    With ``longest``, a text past that length is returned as soon as it is (it only grows):
    the caller drops it, and the children after it (a list of linked titles in a ``title``-classed
    box) are not read."""
    from branchnews.crawler.pages.dates import find_dates
    from branchnews.crawler.pages.labels import read_labels

    from branchnews.crawler.pages.bylines import header_byline

    head, plain = [el.text or ""], [el.text or ""]
    for child in el:
        if child.tag == "br" and DOCUMENT_NUMBER_LINE.match(clean_space(child.tail or "")):
            head.append("")  # ``标题<br>（某罚决字〔2024〕52号）``: the number's own line is not the headline
            continue
        if isinstance(child.tag, str) and child.tag != "br":
            own = clean_space(text_of(child))
            # (an info line ends the headline only after 4 characters of it: before them, the
            # costly tests could change nothing)
            if own and len(clean_space("".join(head))) >= 4 \
                    and (read_labels(own) or find_dates(own) or header_byline(own)):
                text = _without_decks(head, plain)
                if len(text) >= 4:
                    return _unlabelled(text)
            if own and not is_deck(child):
                plain.append(text_of(child))
        head.append(text_of(child) if isinstance(child.tag, str) else "")
        head.append(child.tail or "")
        plain.append(child.tail or "")
        if longest is not None and len(text := clean_space("".join(plain))) > longest + _LABEL_CHARS:
            return text
    return _unlabelled(_without_decks(head, plain))


# A label printed before the headline in its own element (``<h1>标题：某某会议召开</h1>``).
_HEADLINE_LABEL = re.compile(r"^(?:文章|新闻|信息)?(?:标题|题目)\s*[:：]\s*")
# A disclosure table's title row (``标　　题：``, ``名　　称：`` a label cell, its value the next).
_TITLE_ROW = re.compile(r"^(?:文件|文章|信息)?(?:标\s*题|名\s*称)\s*[:：]\s*(?P<title>.*)$")


def _labelled_headline(lines, body_start: int | None) -> tuple[str, etree._Element] | None:
    """The title a disclosure table (信息公开) gives in its 标题 row above the body, the value on
    the label's line or in the next cell."""
    above = lines[:body_start] if body_start is not None else lines[:40]
    for i, line in enumerate(above):
        m = _TITLE_ROW.match(line.text)
        if m is None:
            continue
        if m["title"]:
            return (m["title"], line.block) if 4 <= len(m["title"]) <= _HEADLINE_CHARS else None
        value = above[i + 1] if i + 1 < len(above) else None
        if value is not None and 4 <= len(value.text) <= _HEADLINE_CHARS and value.text[-1] not in "：:":
            return value.text, value.block
        return None
    return None
_LABEL_CHARS = 6  # the longest such label with its colon and a space


def _unlabelled(text: str) -> str:
    rest = _HEADLINE_LABEL.sub("", text)
    return rest if len(rest) >= 4 else text


def _without_decks(head: list[str], plain: list[str]) -> str:
    text = clean_space("".join(plain))
    return text if len(text) >= 4 else clean_space("".join(head))


def _line_index(el: etree._Element, line_of: dict) -> int | None:
    """Index of the first line inside ``el`` (its block, or a block below it)."""
    if el in line_of:
        return line_of[el]
    for sub in el.iter():
        if sub in line_of:
            return line_of[sub]
    parent = el.getparent()
    while parent is not None:
        if parent in line_of:
            return line_of[parent]
        parent = parent.getparent()
    return None


def uncut_headline(title: str | None, lines: list[str]) -> str | None:
    """The whole headline, when the template printed it cut to a length (DedeCMS gives ``<h2>`` and
    ``<title>`` the first characters only) and the body's first lines repeat it whole: a line that
    goes on where the headline stops, mid-word (a subtitle after ``——`` or a colon is a deck's, and
    so is the reporting verb a main headline closes with over its subtitle: ``…座谈会强调``)."""
    if not title or len(title) < _CUT_CHARS or not _HAN_END.search(title):
        return None
    return next((line for line in lines if len(line) <= _HEADLINE_CHARS and line.startswith(title)
                 and _HAN_START.match(line, len(title)) and not _REPORTING.match(line, len(title))
                 and not re.search(r"[。！？!?]", line)), None)


_CUT_CHARS = 10  # a template cuts a headline to more than this
_HAN_END = re.compile(f"[{HAN}]$")
_HAN_START = re.compile(f"[{HAN}]")
_REPORTING = re.compile(r"(?:时|并)?(?:强调|指出|表示|要求|提出|希望|寄语|致辞|讲话|发表重要讲话|发表讲话|勉励)$")
