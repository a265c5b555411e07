"""Find the article body by text density and structure, and read its paragraphs.

Each prose line votes for the block that holds it and, more weakly, for that block's parents
(the readability scheme). Link-heavy lines (menus, related news) do not vote, and class names
that mean comments, sidebars or footers count against a block. The first big ``div`` therefore
loses to the one that holds the prose.
"""

from __future__ import annotations

import re
from collections import defaultdict

from lxml import etree
from w3lib.url import safe_url_string
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

from branchnews.crawler.pages.labels import is_label_word
from branchnews.crawler.pages.lines import Line, clean_space, table_cell, text_of
from branchnews.pipelines.normalize.charsets import HAN

_POSITIVE = re.compile(r"content|article|text|zoom|body|detail|trs_editor|main|news|con|nr|zw|"
                       r"post|entry|story|wz|cont", re.I)
_NEGATIVE = re.compile(r"comment|sidebar|side|footer|foot|nav|menu|related|relate|recommend|"
                       r"share|hot|rank|link|list|ad[-_]|banner|copyright|banquan|mianze|disclaimer|pinglun|xgxw|tuijian",
                       re.I)
_PARAGRAPH_TAGS = frozenset({"p", "span", "font", "h2", "h3", "h4", "h5", "h6", "li", "center",
                             "strong", "b", "section"})
_HAN = re.compile(f"[{HAN}]")
ATTACHMENT_EXT = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|zip|rar|7z|wps|et|txt|csv|ofd)(?:$|[?#])",
                            re.I)

# Lines of page chrome that can sit inside a body container.
CHROME = re.compile(
    r"^(?:[【\[]?\s*(?:放大|缩小|默认|打印(?:本页|此页|文章)?|关闭(?:窗口|本页)?|收藏(?:本页|此页)?|"
    r"返回(?:顶部|首页|列表)?|分享(?:到)?|字[号体]\s*[:：]?\s*(?:[【\[]?\s*[大中小]\s*[】\]]?\s*)*|"
    r"[大中小]|A-|A\+|A-\s*A\+|默认字号|加入收藏|设为首页|图集|正在加载\.*|自动播放(?:开关)?|"
    r"分享让更多人看到|小字号|大字号)\s*[】\]]?\s*[|｜]?\s*)+$"
    r"|^(?:上一篇|下一篇|上一条|下一条|相关(?:新闻|文章|阅读|链接)|推荐阅读|延伸阅读|分享到|"
    r"扫一扫|责任编辑|打印\s*』).*"
    r"|^(?:共\s*\d+\s*页|上一页|下一页|首页|尾页|末页|\d+)(?:\s*[:：]?\s*(?:共\s*\d+\s*页|上一页|下一页|首页|尾页|末页|\d+))*\s*[:：]?$"
    r"|^.*[※』『].*关闭.*$"
)


# A summary box's label opening a line (``[摘要]``, ``【内容提要】``, ``导读：``, ``核心提示：``): the box
# restates the article, it is not its text.
_SUMMARY_WORDS = "内容摘要|内容提要|摘要|提要|导读|核心提示"
SUMMARY_BOX = re.compile(rf"(?:[\[【]\s*(?:{_SUMMARY_WORDS})\s*[\]】]|(?:{_SUMMARY_WORDS})\s*[:：])")
# The same label alone on its line, or 划重点 (a news site's "key points"), over a list of points:
# the list is the box.
SUMMARY_HEADING = re.compile(rf"^(?:[\[【]\s*)?(?:{_SUMMARY_WORDS}|划重点)\s*[\]】:：]?$")


# A site's footer line (``主办单位：…``, ``…ICP备…``, ``为确保最佳浏览效果，建议您使用…浏览器``): no text of
# an article, and no vote for the block that holds it.
_SITE_FOOTER = re.compile(r"(?:主办单位|承办单位|技术支持|运维单位|网站标识码|网站识别码)\s*[:：]"
                         r"|.{0,60}(?:ICP备|公网安备)|.{0,30}(?:最佳浏览效果|建议(?:您)?使用\S{0,20}浏览器)")


# Lines inside the body container that are not article text, each shape commented. The shapes
# that span the whole line are tried only at its start (``match``): a search would try every
# alternative at every position of every paragraph.
_NOISE_LINE = re.compile("|".join((
    r"[（(]?原标题[:：]",                                              # 原标题：… (reposts)
    r"《\s*[^》]{2,12}\s*》\s*[（(]\s*\d{4}年\d{1,2}月\d{1,2}日\s*\d*\s*版\s*[）)]$",  # print edition
    r".{0,24}[（(][^（）()]{1,12}摄[）)]$",                             # photo credit 新华社发（某某摄）
    r"\S{2,15}\s*\d{1,2}月\d{1,2}日\s*(?:电|讯|报道|消息)$",          # standalone dateline
    r".{0,40}(?:版权(?:所有|归\S{1,12}所有)|转载请注明).{0,40}$",          # copyright line
    r"图片(?:均)?来(?:自|源于?)网络",                                    # picture credit note
    SUMMARY_HEADING.pattern,                                           # a summary box's heading
    SUMMARY_BOX.pattern,                                               # [摘要]… a summary box
)), re.I)
# A site's reprint notice (``未经授权不得转载``; closing its articles: ``未经某某授权，不得以任何方式加以
# 使用，包括转载…将追究侵权者的法律责任``): a prohibition with a word of reprints or rights beside it,
# in a line of a notice's length (``未经许可不得使用消防通道`` is a rule, not a notice; an article
# about copyright quotes such a sentence inside longer prose).
_REPRINT_BAN = re.compile(r"未经[^，。]{0,16}?(?:授权|许可|同意)[，,]?[^。]{0,20}?(?:不得|禁止|严禁)[^。]{0,20}?"
                          r"(?:转载|使用|摘编|复制|镜像)")
_RIGHTS_WORD = re.compile(r"转载|摘编|镜像|版权|侵权|原创|著作权")
_NOTICE_CHARS = 220
# An app's or an account's promotion: a short line of its own (a paragraph that tells readers to
# download an app to file a tax return is the article's).
_PROMOTION = re.compile(r"下载[^，。]{0,10}?(?:APP|应用程序|客户端)|关注(?:微信)?公众号[:：]", re.I)
_PROMOTION_CHARS = 40


def is_site_footer(text: str) -> bool:
    """A line of the site's footer (see ``_SITE_FOOTER``; a word it needs is looked for first)."""
    return _FOOTER_WORD.search(text) is not None and _SITE_FOOTER.match(text) is not None


_FOOTER_WORD = re.compile("主办|承办|技术支持|运维|标识码|识别码|备|浏览")


def is_noise(text: str) -> bool:
    """A line inside the body container that is not article text (see ``_NOISE_LINE``, a site's
    footer line)."""
    if _NOISE_LINE.match(text) or is_site_footer(text):
        return True
    if len(text) <= _NOTICE_CHARS and "未经" in text and _REPRINT_BAN.search(text) and _RIGHTS_WORD.search(text):
        return True
    if len(text) <= _PROMOTION_CHARS and ("关注" in text or "在看" in text or "二维码" in text) \
            and _FOLLOW_US.search(text):
        return True
    return len(text) <= _PROMOTION_CHARS and ("下载" in text or "公众号" in text) \
        and _PROMOTION.search(text) is not None


# A WeChat article's calls to follow and share, pasted into the CMS with it (``点击上方蓝字关注我们``,
# ``长按识别二维码关注``, ``点个“在看”``, ``分享、点赞、在看``).
_FOLLOW_US = re.compile(r"点击\s*(?:上方|下方|顶部)?\s*(?:蓝字|[“\"「][^”\"」]{1,12}[”\"」])|"
                        r"(?:长按|扫描|扫码|识别)[^，。]{0,8}?关注|点个?\W?在看|"
                        r"(?:分享|点赞)\W{0,2}(?:点赞|在看)|在看\W{0,2}(?:分享|点赞)")


# A heading that starts related content: the article ended before it.
END_OF_ARTICLE = re.compile(
    r"^(?:【[^】]{0,4}(?:相关|阅读|推荐|点阅|热门|精彩|更多|专题)[^】]{0,4}】|"
    r"(?:相关(?:新闻|文章|阅读|链接|报道|推荐|稿件)|关联(?:稿件|文章|阅读)|延伸阅读|推荐阅读|热门(?:点阅|推荐|文章)|"
    r"精彩(?:视频)?推荐|热点推荐|猜你喜欢|更多精彩|往期回顾|往期推荐|往期精彩|精彩回顾)[:：]?)$"
)


# The headline's element (``div.article_title``) holds no body, though its text may be all a page
# of one attached document shows besides it (its text repeated in the content block).
_HEADLINE_NAME = re.compile(r"title|biaoti", re.I)


def _weight(el: etree._Element) -> float:
    names = f'{el.get("class", "")} {el.get("id", "")}'
    if not names.strip():
        return 0.0
    weight = 0.0
    if _NEGATIVE.search(names) or _HEADLINE_NAME.search(names):
        weight -= 0.5
    if _POSITIVE.search(names):
        weight += 0.25
    return weight


def _paragraph_divs(lines: list[Line]) -> set[etree._Element]:
    """``<div>``s set as paragraphs (pasted Word HTML, an editor's ``<div style="text-align:
    justify">`` per paragraph): one line each, three or more under one parent. Their parent holds
    the text, as it holds ``<p>``s; a ``<div>`` of many lines is a container itself."""
    count: dict[etree._Element, int] = defaultdict(int)
    for line in lines:
        if line.block.tag == "div":
            # (a line of links is a menu's or a list's row, never a paragraph: it disqualifies)
            count[line.block] += 1 if line.link_density <= 0.3 else 2
    single = [el for el, n in count.items() if n == 1]
    siblings: dict[etree._Element, int] = defaultdict(int)
    for el in single:
        siblings[el.getparent()] += 1
    return {el for el in single if siblings[el.getparent()] >= 3}


def find_body(lines: list[Line], root: etree._Element) -> etree._Element | None:
    scores: dict[etree._Element, float] = defaultdict(float)
    grids: dict[etree._Element, dict[etree._Element, int]] = defaultdict(lambda: defaultdict(int))
    paragraph_divs = _paragraph_divs(lines)
    cells: dict[etree._Element, tuple | None] = {}  # (a block's lines share its cell)
    for line in lines:
        block = line.block
        if line.link_density <= 0.5:
            if (cell := cells.get(block, _UNSEEN)) is _UNSEEN:
                cell = cells[block] = _cell_of(block)
            if cell is not None and line.han >= 2:
                grids[cell[0]][cell[1]] += line.han
        if len(line.text) < 8:
            continue
        han = line.han
        if han < 8 or line.link_density > 0.5 or is_site_footer(line.text):
            continue
        holder = block.getparent() if block.tag in _PARAGRAPH_TAGS or block in paragraph_divs else block
        if holder is None:
            continue
        value = han * (1 - line.link_density)
        scores[holder] += value
        parent = holder.getparent()
        if parent is not None:
            scores[parent] += value * 0.4
    for table, han_by_cell in grids.items():
        _vote_for_grid(table, han_by_cell, scores)
    if not scores:
        return None
    body = root.find("body")
    # A class weight scales a score by 0.5 to 1.25: a block under 0.4 times the top score
    # cannot win, so its class names need no regex.
    floor = 0.4 * max((raw for el, raw in scores.items() if el is not body), default=0.0)
    best = max((el for el, raw in scores.items() if raw >= floor or el is body),
               key=lambda el: scores[el] * (1 + _weight(el)) if el is not body else 0.0)
    if best is body:
        return best
    table = _record_table(best)
    return table if table is not None else _with_sibling_wrappers(best, scores)


_UNSEEN = object()


def _cell_of(block: etree._Element) -> tuple[etree._Element, etree._Element] | None:
    """(table, cell) when ``block`` is text inside a table cell."""
    cell = table_cell(block)  # (a data grid's text stands within three levels of its cell)
    if cell is None:
        return None
    table = next(cell.iterancestors("table"), None)
    return (table, cell) if table is not None else None


def _vote_for_grid(table: etree._Element, han_by_cell: dict[etree._Element, int],
                   scores: dict[etree._Element, float]) -> None:
    """A table of data (a penalty list's 序号 | 当事人名称 | 行政处罚内容, a statistics table, a Word
    table pasted into the editor) votes for the block that holds it as one piece of prose: its
    cells are too short to vote one by one, yet together they are the article. A layout table is
    not a grid of data: one cell holds most of its text (the article), or it holds other tables;
    nor is a table of one column (a menu or a list set as rows), nor an info table of label |
    value pairs (:func:`_is_info_table`) printed beside the text."""
    total = sum(han_by_cell.values())
    if (total < 30 or len(han_by_cell) < 4 or max(han_by_cell.values()) * 2.5 > total
            or not is_data_grid(table)):
        return
    holder = table.getparent()
    if holder is None:
        return
    scores[holder] += total
    parent = holder.getparent()
    if parent is not None:
        scores[parent] += total * 0.4


def is_data_grid(table: etree._Element) -> bool:
    """A table of rows of data: at least two rows of several cells, no table inside (a layout
    table), and not an info table of label | value pairs (:func:`_is_info_table`)."""
    if table.find(".//table") is not None:
        return False
    rows = _own_rows(table)
    return sum(len(cells) >= 2 for cells in rows) >= 2 and not _is_info_table(rows)


# A label cell of an info table: a few Han characters, maybe with a colon (``索引号``, ``发布机构：``).
_LABEL_CELL = re.compile(f"^[{HAN}]{{2,8}}[:：]?$")


def _own_rows(table: etree._Element) -> list[list[str]]:
    """The cell texts of each row of ``table`` itself (not of tables nested in it)."""
    return [[" ".join("".join(c.itertext()).split()) for c in tr if c.tag in ("td", "th")]
            for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table]


def _is_info_table(rows: list[list[str]]) -> bool:
    """A table of the document's particulars (``索引号 | 123-2024 | 发布机构 | 某某局``, ``成文日期 |
    2024年3月1日``): most rows pair label cells with their values. A grid of data has one row of
    labels, its header; its other rows hold values only (``1 | 某某公司 | 罚款 | 2024-03-01``). A
    value as short as a label (``作者 | 张三``) pairs with a label the page's info rows use.
    ``rows`` are the table's cell texts (:func:`_own_rows`)."""
    pairs = 0
    for cells in rows:
        labels, values = cells[0::2], cells[1::2]
        if (len(cells) >= 2 and len(cells) % 2 == 0 and all(_LABEL_CELL.match(c) for c in labels)
                and (not all(_LABEL_CELL.match(v) for v in values)  # (or a header row's cells)
                     or all(is_label_word(c) and not is_label_word(v) for c, v in zip(labels, values)))):
            pairs += 1
    return pairs >= 2 and pairs * 2 >= len(rows)


def _record_table(best: etree._Element) -> etree._Element | None:
    """The table, when the densest block is a value cell of a record laid out as a table (a
    penalty notice's ``行政处罚决定书文号 | 某罚决字…``, ``被处罚当事人 | …``, ``行政处罚决定 | …``): each
    row a short label cell and its value, the whole table the article."""
    cell = best if best.tag in ("td", "th") else next(
        (a for a in best.iterancestors("td", "th")), None)
    if cell is None:
        return None
    table = next(cell.iterancestors("table"), None)
    row = cell.getparent()
    if table is None or row is None or row.index(cell) == 0:
        return None
    rows = _own_rows(table)
    labeled = 0
    for cells in rows:
        first = cells[0] if len(cells) >= 2 else ""
        if 2 <= len(first) <= 14 and not re.search(r"[。；！？]", first):
            labeled += 1
    return table if labeled >= 3 and labeled * 2 >= len(rows) else None


def _with_sibling_wrappers(best: etree._Element, scores: dict) -> etree._Element:
    """The densest block's parent, when that parent holds only it and other prose wrappers: a
    lead paragraph in its own ``<div>`` (Word's ``Section0``/``Section1``, an editor's lead box)
    is the article's too. A parent that also holds a heading, an info line, a list of links or
    a comment box is not widened to."""
    parent = best.getparent()
    if parent is None or parent.tag == "body":
        return best
    wrappers = 0
    for child in parent:
        if child is best or not isinstance(child.tag, str):
            continue
        text = "".join(child.itertext()).strip()
        if not text:
            continue  # an empty box, a picture, a <br>
        if child.tag in _PARAGRAPH_TAGS or _NEGATIVE.search(f'{child.get("class", "")} {child.get("id", "")}'):
            return best
        if scores.get(child, 0.0) < 15 or (child.find(".//a") is not None and len(text) < 40):
            return best  # not prose: a heading, an info line, a menu
        wrappers += 1
    return parent if wrappers else best


def body_lines(lines: list[Line], body: etree._Element,
               inside: set[etree._Element] | None = None) -> list[Line]:
    """The lines inside ``body`` (``inside``: its elements, when the caller has them already)."""
    inside = set(body.iter()) if inside is None else inside
    return [line for line in lines if line.block in inside]


def is_chrome(text: str) -> bool:
    return bool(CHROME.match(text))


def attachments_in(body: etree._Element, base_url: str) -> list[dict]:
    out: list[dict] = []
    seen: set[str] = set()
    for a in body.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#", "mailto:")):
            continue
        if not ATTACHMENT_EXT.search(href):
            continue
        url = safe_url_string(urljoin(base_url, href))
        if url in seen:
            continue
        seen.add(url)
        name = " ".join(text_of(a).split()) or href.rsplit("/", 1)[-1]
        out.append({"name": name, "url": url})
    return out


_FRAMES = etree.XPath("//iframe | //embed | //object")


def embedded_documents(root: etree._Element, base_url: str) -> list[dict]:
    """The documents the page shows in a frame (a 信息公开 page's PDF in ``<iframe
    src="/pdfjs/web/viewer.html?file=….pdf">``, ``<embed src="….pdf">``, ``<object data=…>``):
    attachments too. Read before frames are dropped."""
    out = []
    for el in _FRAMES(root):
        src = (el.get("src") or el.get("data") or "").strip()
        if not src or ("file=" not in src and not ATTACHMENT_EXT.search(src)):
            continue
        viewer = parse_qs(urlsplit(src).query).get("file")
        target = viewer[0] if viewer else src
        if not ATTACHMENT_EXT.search(target):
            continue
        url = safe_url_string(urljoin(urljoin(base_url, src), target))
        name = clean_space(el.get("title") or "") or unquote(urlsplit(url).path.rsplit("/", 1)[-1])
        if all(a["url"] != url for a in out):
            out.append({"name": name, "url": url})
    return out


def attachment_blocks(body: etree._Element) -> list[etree._Element]:
    """The body and the blocks that list its documents right after it, outside the editor's
    wrapper (a TRS or Hanweb ``div.fujian``: ``相关附件：<a>…pdf</a>``), up to its container's."""
    out = [body]
    for el in (body, body.getparent()):
        if el is None:
            break
        for sibling in _next_elements(el, 2):
            links = [a for a in sibling.iter("a") if ATTACHMENT_EXT.search(a.get("href") or "")]
            if not links:
                continue
            text = " ".join(text_of(sibling).split())
            if (text.startswith(_ATTACHMENT_HEADS) or (
                    len(text) <= 300 and len(links) == sum(1 for _ in sibling.iter("a")))):
                out.append(sibling)
    return out


_ATTACHMENT_HEADS = ("附件", "相关附件", "附：", "相关文件", "文件下载", "下载附件")


def _next_elements(el: etree._Element, n: int) -> list[etree._Element]:
    """The next ``n`` element siblings of ``el`` (comments and scripts are skipped)."""
    out = []
    for sibling in el.itersiblings():
        if isinstance(sibling.tag, str) and sibling.tag not in ("script", "style"):
            out.append(sibling)
            if len(out) == n:
                break
    return out


def images_in(body: etree._Element, base_url: str) -> list[dict]:
    out: list[dict] = []
    for img in body.iter("img"):
        src = (img.get("src") or img.get("data-src") or img.get("oldsrc") or "").strip()
        if not src or src.startswith("data:"):
            continue
        alt = " ".join((img.get("alt") or "").split()) or None
        out.append({"src": safe_url_string(urljoin(base_url, src)), "alt": alt})
    return out


def is_attachment_line(line: Line) -> bool:
    """``附件：<a>…pdf</a>`` lines become ``attachments``, not paragraphs."""
    links = [a for a in line.links if ATTACHMENT_EXT.search(a.get("href") or "")]
    if not links:
        return False
    if line.text.startswith(_ATTACHMENT_HEADS):
        return True
    return line.link_density > 0.6
