"""The truth of the sample site: the clean contents of every article, one module per template.

Everything the site serves (pages, lists, goldens) is generated from these records (see
``build.py``); the data model and the rules the text obeys are in :mod:`.model`.
"""

from __future__ import annotations

from . import t1, t2, t3, t4, t5, t6, t7, t8, t9, t10
from .model import PAGE, Article, Block, Files, Img, PageBreak

__all__ = ["ARTICLES", "SITE_ARTICLES", "Article", "Block", "Files", "Img", "PAGE", "PageBreak"]

# Template order as the site was first written (T1, T2, …): list pages break ties in this order.
ARTICLES: tuple[Article, ...] = t1.ARTICLES + t2.ARTICLES + t3.ARTICLES + t4.ARTICLES + t5.ARTICLES + t6.ARTICLES

# The articles of the small sites of their own (templates.SITES), by template: not on the bundled
# home page, so not in ARTICLES.
SITE_ARTICLES: dict[str, tuple[Article, ...]] = {
    "t7": t7.ARTICLES, "t8": t8.ARTICLES, "t9": t9.ARTICLES, "t10": t10.ARTICLES,
}
