"""A page's role from its layout: article, list, or other (hub, navigation, search form,
login, error page).

An article is prose: sentence-long lines with few links (the article extractor's own lines,
:func:`~branchnews.crawler.pages.lines.page_lines`), more of them than the titles of the page's
main listing (an article's "related news" box is a small listing beside a long body), under a
headline. Prose inside the main listing does not count: a search page's result snippets are
rows of the listing, not a body. A list is a main listing of enough rows, or of fewer rows
when each carries a date or the page has a pager. Everything else, a page of menus, a login
form, an error page, is "other": the crawl may explore its links but takes nothing from it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from branchnews.crawler.pages.anchors import row_date
from branchnews.crawler.pages.body import find_body, is_chrome, is_noise
from branchnews.crawler.pages.lines import page_lines, prune

MIN_PROSE = 60  # Han characters of prose that make an article (short notices are articles too)
MIN_SENTENCE = 12  # Han characters in one line for it to count as prose
MAX_LINK_DENSITY = 0.3
# Footer lines: who runs and who built the site, its licence numbers.
_CREDITS = re.compile(r"版权所有|主办单位|主办[:：]|承办|技术支持|ICP|备案|Copyright|©|地址[:：]|邮编|"
                      r"联系电话|电话[:：]|传真", re.I)
MIN_LIST_ROWS = 4  # rows of a main listing that make a list page on their own
MIN_DATED_ROWS = 2  # ... or this many when every row carries a date or the page has a pager


def prose_chars(root: etree._Element, skip: Sequence[etree._Element] = ()) -> int:
    """Han characters of prose in the block the article extractor would take for a body,
    outside ``skip`` (the holders of the main listing); footer credits, copyright and pager
    lines are not prose. Prunes ``root``: call it last."""
    prune(root)
    inside = {el for holder in skip for el in holder.iter()}
    prose = [line for line in page_lines(root)
             if line.han >= MIN_SENTENCE and line.link_density < MAX_LINK_DENSITY
             and line.block not in inside and not is_noise(line.text) and not is_chrome(line.text)
             and not _CREDITS.search(line.text)]
    body = find_body(prose, root)
    if body is None:
        return 0
    within = set(body.iter())
    return sum(line.han for line in prose if line.block in within)


def page_role(root: etree._Element, listing, articles: int, paged: bool = False) -> str:
    """``"article"``, ``"list"`` or ``"other"`` (see the module docstring)."""
    prose = prose_chars(root, listing.holders if listing is not None else ())
    titles = listing.title_chars if listing is not None else 0
    if prose >= MIN_PROSE and prose > titles:
        return "article"
    if listing is not None:
        dated = all(row_date(r.el, r.main.text) is not None for r in listing.rows)
        if articles >= MIN_LIST_ROWS or (articles >= MIN_DATED_ROWS and (dated or paged)):
            return "list"
    return "other"
