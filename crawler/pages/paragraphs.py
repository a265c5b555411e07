"""The body's paragraphs: the lines inside the body container that read as article text.

Chrome (print/close buttons), info labels, attachment lists, menus, comment and share blocks,
widget residue and a repeated headline deck are dropped; byline and closing-credit lines feed
``author`` and are not paragraphs either.
"""

from __future__ import annotations

import re

from lxml import etree

from branchnews.crawler.pages.body import (_HAN, _NEGATIVE, END_OF_ARTICLE, SUMMARY_HEADING,
                                           is_attachment_line, is_chrome, is_data_grid, is_noise)
from branchnews.crawler.pages.bylines import byline_authors, is_credit_line
from branchnews.crawler.pages.dates import find_dates
from branchnews.crawler.pages.labels import is_label_line, read_labels
from branchnews.crawler.pages.layout import Layout
from branchnews.crawler.pages.lines import CLOSE, OPEN, Line, clean_space, element_end, table_cell, text_of, unmark
from branchnews.crawler.pages.title import similarity


def _in_noise(el: etree._Element, body: etree._Element, seen: dict) -> bool:
    """A block under a comment/sidebar/share container inside the body (``seen``: per-call cache,
    since the lines of one block share the answer). A lead picture or paragraph beside the body is
    looked at up to the parent they share, not in the page's outer containers."""
    if el in seen:
        return seen[el]
    start, noisy, outer = el, False, body.getparent()
    while el is not None and el is not body and el is not outer:
        if _NEGATIVE.search(f'{el.get("class", "")} {el.get("id", "")}'):
            noisy = True
            break
        el = el.getparent()
    seen[start] = noisy
    return noisy



# A column's tag on a line of its own over the text (``【新春走基层】``, ``[今日关注]``).
_COLUMN_TAG = re.compile(r"[【\[]\s*[^】\]]{2,10}\s*[】\]]")


class TableRow(str):
    """A data table's row among the body's texts (``作者 | 李四 | 二中`` in a table of prize
    winners): text of the article, never its byline or a credit."""


def body_texts(layout: Layout, title: str | None) -> tuple[list[str], list[str]]:
    """Body lines that read as article text: no chrome, info labels, attachment lists or menus;
    and the headline deck the body container repeats above them (its byline is the author's)."""
    out: list[str] = []
    noise: dict[etree._Element, bool] = {}
    in_box = False  # after a summary box's heading, its list of points
    lines = table_rows(layout.body_lines)
    badge = badge_lines(badge_dates(lines[:4]))  # (a date badge opening the body is its date)
    for at, line in enumerate(lines):
        text = line.text
        if (not out and at in badge) or (at and value_on_next_line(lines[at - 1], line)):
            continue
        if in_box and line.block.tag == "li":
            continue
        in_box = SUMMARY_HEADING.match(text) is not None
        # (the headline repeated at the body's top is its deck's: split_deck reads it; one just
        # under a kicker or a date is the repeat's; deeper in, it heads text of its own)
        if in_box or (is_chrome(text) or (text == title and 0 < len(out) <= 3) or is_label_line(line.marked or text)
                or _in_noise(line.block, layout.body, noise)):
            continue
        if line.link_density > 0.7 and len(text) < 80 and not is_attachment_line(line) \
                and not _spelled_addresses(line):
            continue  # a menu (a line linking the article's documents, 附件：…pdf, or spelling out an address is text)
        if len(text) <= 10 and not _HAN.search(text):
            continue  # widget residue: "+1", "SHARE", counters
        if is_noise(text) or (not out and (is_date_line(text) or _COLUMN_TAG.fullmatch(text))):
            continue  # (a date or a column's tag opening the body is metadata; a closing date, a signature)
        if END_OF_ARTICLE.match(text) and len(out) >= 2:
            break
        if len(out) < 2 and (lead := lead_byline(line)):  # (under a caption, say)
            out.extend(lead)  # (the byline is a line of its own: a credit, not the text)
            continue
        out.append(TableRow(text) if line.data_row else text)
    deck, rest = split_deck(out, title)
    return _drop_repeats(rest), deck


_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$", re.I)


def _spelled_addresses(line: Line) -> bool:
    """The line's links print their addresses (``网络直播地址: https://…``): the text gives a
    reader the address, where a menu's links carry words."""
    return bool(line.links) and all(_ADDRESS.match(clean_space(text_of(a))) for a in line.links)


_CREDITS = ("source", "author", "editor")
_CLAUSE = re.compile(r"[。，,；;！？!?]")


def value_on_next_line(line: Line, after: Line | None) -> bool:
    """``after`` is the value of a credit label that ends ``line`` empty: the editor pressed Enter
    after the label (``责任编辑：<br>王五``, ``<p>来源：</p><p>某某区委统战部</p>``)."""
    if after is None or len(after.text) > 20 or (
            after.block is not line.block and after.block is not line.block.getnext()):
        return False
    text = after.text
    if _CLAUSE.search(text) or is_chrome(text) or find_dates(text):
        return False
    found = read_labels(line.marked or line.text)
    return bool(found) and found[-1].value is None and found[-1].field in _CREDITS \
        and not read_labels(after.marked or text)


def lead_byline(line: Line) -> tuple[str, str] | None:
    """(byline, the rest) of a first paragraph that opens with a byline in an element of its own
    (``<p><strong>某某网 记者 张三</strong>6月12日，…</p>``, ``<b>某某报 李四/文</b>``)."""
    marked = line.marked
    if not marked.startswith(OPEN):
        return None
    end = element_end(marked, 0, len(marked), own=True)
    head, rest = unmark(marked[:end + 1]).strip(), unmark(marked[end + 1:]).strip()
    if len(rest) < 15 or not byline_authors(head):
        return None
    return head, rest


def table_rows(lines: list[Line]) -> list[Line]:
    """A data table's row is one paragraph, its cells joined by a space (``1 某某中心 1 事业``):
    a number alone in a cell is data there, not widget residue, and a row reads as a row. A row
    whose cell holds several lines (a layout table around the article) is left as it is."""
    out: list[Line] = []
    group: list[tuple[Line, etree._Element]] = []

    grids: dict[etree._Element | None, bool] = {}

    def flush() -> None:
        cells = [c for _, c in group]
        if len(cells) > 1 and len(set(cells)) == len(cells):
            row = [ln for ln, _ in group]
            table = next(cells[0].iterancestors("table"), None)
            if table not in grids:
                grids[table] = table is not None and is_data_grid(table)
            out.append(Line(text=" ".join(ln.text for ln in row), block=cells[0].getparent(),
                            index=row[0].index, link_chars=sum(ln.link_chars for ln in row),
                            links=[a for ln in row for a in ln.links],
                            marked=" ".join(ln.marked or ln.text for ln in row),
                            data_row=grids[table]))
        else:
            out.extend(ln for ln, _ in group)
        group.clear()

    for line in lines:
        cell = table_cell(line.block)
        if cell is None:
            flush()
            out.append(line)
            continue
        if group and cell.getparent() is not group[0][1].getparent():
            flush()
        group.append((line, cell))
    flush()
    return out


def is_date_line(text: str) -> bool:
    """A line that is a date and little else (``2021-03-05``, ``【2021年3月5日】``)."""
    dates = find_dates(text) if len(text) <= 30 else []
    return bool(dates) and len(text.replace(dates[0].raw, "").strip(" ()（）[]【】|")) <= 2


# A date badge prints the day large over its year and month, each a line of its own (``21`` over
# ``2024年02月``; ``02-21`` over ``2024``).
_BADGE_DAY = re.compile(r"^(?P<day>\d{1,2})\s*日?$")
_BADGE_MONTH = re.compile(r"^(?P<year>(?:19|20)\d\d)\s*[年./-]\s*(?P<month>\d{1,2})\s*月?$")
_BADGE_YEAR = re.compile(r"^(?P<year>(?:19|20)\d\d)\s*年?$")
_BADGE_MONTH_DAY = re.compile(r"^(?P<month>\d{1,2})\s*[./-]\s*(?P<day>\d{1,2})$")


_MARKS = f" \t{OPEN}{CLOSE}"
_WORDS = re.compile(f"[\\s{OPEN}{CLOSE}]+")


def badge_dates(lines: list[Line]) -> dict[int, tuple[str, int]]:
    """The date badges among ``lines``, by the position of their first line: (the date as a line
    of text prints it, how many lines it spans). Its parts are two lines of one element (blocks),
    or the two words of one line (inline elements: ``2024-02 21``)."""
    found = {}
    for i, line in enumerate(lines):
        words = _WORDS.split((line.marked or line.text).strip(_MARKS))
        if len(words) == 2 and (date := _badge_date(*words)):
            found[i] = (date, 1)
        elif i + 1 < len(lines) and line.block.getparent() is lines[i + 1].block.getparent() \
                and (date := _badge_date(line.text, lines[i + 1].text)):
            found[i] = (date, 2)
    return found


def badge_lines(badges: dict[int, tuple[str, int]]) -> set[int]:
    """The positions of every line of the badges (:func:`badge_dates`)."""
    return {at + k for at, (_, spans) in badges.items() for k in range(spans)}


def _badge_date(first: str, second: str) -> str | None:
    if len(first) > 8 or len(second) > 8:
        return None
    for one, two in ((first, second), (second, first)):
        if (day := _BADGE_DAY.match(one)) and (month := _BADGE_MONTH.match(two)):
            parts = (month["year"], month["month"], day["day"])
        elif (md := _BADGE_MONTH_DAY.match(one)) and (year := _BADGE_YEAR.match(two)):
            parts = (year["year"], md["month"], md["day"])
        else:
            continue
        return "{}年{}月{}日".format(*parts) if 1 <= int(parts[1]) <= 12 and 1 <= int(parts[2]) <= 31 else None
    return None


def split_deck(texts: list[str], title: str | None) -> tuple[list[str], list[str]]:
    """(deck, the rest): the headline deck (引题/主题/副题, a byline under it) the body container
    repeats at its top, and the paragraphs after it."""
    if not title or not texts:
        return [], texts
    # the repeat of the headline: the first line, or the second under a kicker (引题)
    # (the cheap test first: a paragraph of text is no repeat, and difflib on it is costly)
    repeat = next((i for i, text in enumerate(texts[:2]) if _deck_line(text) and _like_headline(text, title)), None)
    if repeat is None or not all(_deck_line(text) for text in texts[:repeat]):
        return [], texts
    n = repeat + 1
    while n < len(texts) and _deck_line(texts[n]):
        n += 1
    if sum(text not in title for text in texts[repeat + 1:n]) > _DECK_LINES:
        n = repeat + 1  # a run of short lines after the headline (a programme, a list): the text's
    return (texts[:n], texts[n:]) if n < len(texts) else ([], texts)


_DECK_CHARS = 40
_DECK_LINES = 3  # under the headline (and the rest of its lines): a subtitle, a byline, a date


def _deck_line(text: str) -> bool:
    """A kicker, a subtitle or a byline of a headline block: short, and no sentence."""
    return len(text) <= _DECK_CHARS and not re.search(r"[。！？!?]", text)


def _like_headline(text: str, title: str) -> bool:
    return title in text or text in title or similarity(text, title) >= 0.8


# What a picture's teaser caption adds after the lead's sentence it repeats: a note on the picture
# (``（资料照）``, ``（图）``) and the sentence's full stop (the lead goes on with ``；``).
_REPEAT_END = re.compile(r"[。！？!?.]?\s*(?:[（(]\s*(?:资料照|资料图|图|照|摄|图片|截图)[^（）()]{0,8}[）)]\s*)?"
                         r"[。！？!?.]?\s*$")
_NOTE_OR_STOP = "）)。！？!?."  # how such a caption ends
_REPEAT_CHARS = 20  # a teaser's sentence, not a short line a later one may quote


def _teaser_sentence(text: str) -> str | None:
    """The sentence a teaser caption repeats, without its note and stop (None: no such caption).
    (The note is at the end: the pattern runs on the last characters only, not from every position.)"""
    if text[-1] not in _NOTE_OR_STOP:
        return None
    sentence = text[:-_TAIL] + _REPEAT_END.sub("", text[-_TAIL:])
    return sentence if len(sentence) >= _REPEAT_CHARS else None


_TAIL = 24


def _drop_repeats(texts: list[str]) -> list[str]:
    """A summary box (划重点, 摘要) or a teaser over the lead repeats sentences of the body below
    it: keep the later copy."""
    # (one search of the joined text after it, in C, not one per later paragraph: a regulation of
    # two thousand articles stays linear in practice; a text holds no newline)
    joined = "\n".join(texts)
    out, start = [], 0
    for text in texts:
        start += len(text) + 1  # where the later paragraphs begin
        if len(text) < 12 or not _found(joined, start, text, _teaser_sentence(text)):
            out.append(text)
    return out


def _found(joined: str, start: int, *texts: str | None) -> bool:
    return any(text and joined.find(text, start) != -1 for text in texts)


def without_credits(texts: list[str]) -> list[str]:
    """Byline and closing-credit lines feed ``author``; they are not body paragraphs."""
    last = len(texts) - 1
    return [t for i, t in enumerate(texts) if isinstance(t, TableRow)
            or not (byline_authors(t) or ((i < 2 or i > last - 2) and is_credit_line(t)))]
