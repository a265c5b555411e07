"""Learning a site's ``[links]`` from what a profile-less crawl saw (``branchnews profile``).

A crawl by page structure (:mod:`~branchnews.crawler.walk`) notes, in a :class:`SeenPages`,
what each page it read was (its role from its layout), on which page each link it followed was
found, and the charsets its pages were in. From that, :func:`learn_links` induces the regexes
a profile needs so that its crawl finds the same articles:

- **articles**: the links the crawl took as articles;
- **lists**: every page on the way from a start URL to one of them (its listing, the listing's
  pager, the hub that led to the listing), and the pager links of those pages even when a
  sample crawl stopped before fetching them (page 2 leads to more articles of the same list):
  a profile's crawl follows only links its list regexes match, so a hub it needs is a list
  page to it;
- **others**: the rest of what was read (menus' targets, an about page).

Each kind is grouped by :func:`~branchnews.crawler.pages.shapes.url_shape`, and each group
written as the most general regex that matches none of the URLs it must not: the shape
(numbers, hex ids and column names generalised), else the shape with the column names seen,
else the URLs themselves. Article regexes must match no list and no other page; list regexes
no article (a list regex that also matches a menu's target costs a fetch, not a record).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

from branchnews.crawler.pages.shapes import shape_regex, url_shape


@dataclass
class SeenPages:
    """What one profile-less crawl read: ``roles`` of the pages whose links it read (``list``,
    ``article``, ``other``: their layout's verdict), ``via`` the page each followed link was
    first found on, ``pagers`` the pager links (forward pages) of each page, ``encodings`` the
    charset each page was decoded from."""

    roles: dict[str, str] = field(default_factory=dict)
    via: dict[str, str] = field(default_factory=dict)
    pagers: dict[str, list[str]] = field(default_factory=dict)
    encodings: dict[str, str] = field(default_factory=dict)

    def read(self, url: str, role: str, followed: Iterable[str], encoding: str,
             pager: Iterable[str] = ()) -> None:
        self.roles.setdefault(url, role)
        self.pagers.setdefault(url, list(pager))
        self.encodings[url] = encoding
        for link in followed:
            self.via.setdefault(link, url)

    def charsets(self) -> Counter:
        """How many pages were in each charset."""
        return Counter(self.encodings.values())

    def ways_to(self, articles: Iterable[str]) -> list[str]:
        """The pages on the way from a start URL to ``articles``, in the order first met, each
        followed by its pager's links."""
        way: dict[str, None] = {}
        for url in articles:
            page = self.via.get(url)
            while page is not None and page not in way:
                way[page] = None
                way.update(dict.fromkeys(self.pagers.get(page, ())))
                page = self.via.get(page)
        return list(way)


@dataclass(frozen=True)
class LearnedLinks:
    article: list[str]
    list: list[str]
    articles: list[str]  # what they were learned from
    lists: list[str]
    others: list[str]


def _covering(urls: list[str], avoid: Iterable[str]) -> list[str]:
    """Regexes for one shape's ``urls``: the most general rung that matches nothing to avoid."""
    avoid = list(avoid)
    rungs = ([shape_regex(u) for u in urls], [shape_regex(u, columns=True) for u in urls],
             ["^" + re.escape(u) + "$" for u in urls])
    for rung in rungs:
        patterns = list(dict.fromkeys(rung))
        compiled = [re.compile(p) for p in patterns]
        if not any(p.search(a) for p in compiled for a in avoid):
            return patterns
    return patterns  # the URLs themselves: they are in both kinds only if the crawl said so


def induce(urls: Iterable[str], avoid: Iterable[str]) -> list[str]:
    """Regexes matching every one of ``urls`` and none of ``avoid``, one shape at a time,
    the shapes with most URLs first."""
    groups: dict[str, list[str]] = {}
    for url in dict.fromkeys(urls):
        groups.setdefault(url_shape(url), []).append(url)
    avoid = set(avoid)
    ranked = sorted(groups.values(), key=len, reverse=True)
    return list(dict.fromkeys(p for group in ranked for p in _covering(group, avoid)))


def learn_links(seen: SeenPages, articles: Iterable[str]) -> LearnedLinks:
    """The ``[links]`` of the crawl that ``seen`` records, its article links ``articles``."""
    articles = list(dict.fromkeys(articles))
    taken = set(articles)
    lists = [u for u in seen.ways_to(articles) if u not in taken]
    on_way = set(lists)
    others = [u for u in seen.roles if u not in taken and u not in on_way]
    return LearnedLinks(induce(articles, [*lists, *others]), induce(lists, articles),
                        articles, lists, others)


# -- CMS families, recognised from article URLs (knowledge in cms_families.toml) ---------------

RECOGNISED_SHARE = 0.8  # of the article URLs a family's patterns must match


def _families() -> list[dict]:
    text = resources.files("branchnews.crawler").joinpath("cms_families.toml").read_text("utf-8")
    return tomllib.loads(text)["family"]


def cms_family(articles: Iterable[str]) -> str | None:
    """The CMS family whose article URL patterns match most of ``articles``, or None."""
    articles = list(articles)
    best, share = None, 0.0
    for family in _families():
        patterns = [re.compile(p) for p in family["article"]]
        hits = sum(1 for u in articles if any(p.search(u) for p in patterns))
        if articles and hits / len(articles) > share:
            best, share = family["name"], hits / len(articles)
    return best if share >= RECOGNISED_SHARE else None
