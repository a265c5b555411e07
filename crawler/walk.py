"""What a crawl of one site does with each page it gets: the decisions, once, without Scrapy.

The spider (:mod:`branchnews.crawler.spiders.news`) fetches; ``branchnews reextract``
(:mod:`branchnews.reextract`) replays a capture. Both ask a :class:`SiteWalk` what a page is
worth: which links on a list page lead to articles and which to more list pages, whether an article goes on to a continuation page,
whether a page can be read at all, which known article need not be fetched again, and when a
list link that redirected is an alias of the article it led to. Kept in one place because two
copies drifted: a profile without ``[links]`` crawled 43 articles and re-extracted none.

Which links lead where: a profile's ``[links]`` regexes decide when it has them. Without them
the page's structure decides (:func:`~branchnews.crawler.pages.listing.page_links`): a list
page's main listing gives the articles, its pager the next list pages. To find the listings
from a home page or a hub, the walk also *explores*: the page's other on-site links are fetched
as possible list pages, one hop deeper, up to :data:`MAX_EXPLORE_DEPTH` hops from a start page
(pagination does not count as a hop), at most :data:`MAX_EXPLORE_LINKS` from one page and
:data:`MAX_EXPLORED` in one crawl, so a crawl without a profile does not walk the whole site.
Links shaped as the page's own listing rows (:func:`~branchnews.crawler.pages.shapes.url_shape`:
a sidebar of another column's news) are articles, not leads to listings, and are not explored.
An explored page that turns out to be an article is not a record (an about page is no news);
when a listing names it later, the article is fetched again (the duplicate filter would drop it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from branchnews.crawler.pages.article import Page, parse_article
from branchnews.crawler.pages.challenge import challenge_reason
from branchnews.crawler.pages.continuation import continuation_url
from branchnews.crawler.pages.decode import header_value
from branchnews.crawler.pages.links import link_kind, list_links
from branchnews.crawler.pages.listing import page_links
from branchnews.crawler.pages.shapes import url_shape
from branchnews.crawler.learning import SeenPages
from branchnews.crawler.not_followed import NotFollowed
from branchnews.crawler.profiles import SiteProfile
from branchnews.pipelines.identity import record_id
from branchnews.pipelines.normalize import Normalizer

MAX_ARTICLE_PAGES = 50  # a pager that never ends is a trap, not an article
HTML_TYPES = ("html", "xml", "text/plain")
MAX_EXPLORE_DEPTH = 3  # hops from a start page to a listing: home → hub → column → its siblings
MAX_EXPLORE_LINKS = 100  # links of one page explored (menus and sidebars come first on a page)
MAX_EXPLORED = 1000  # pages of one crawl fetched only to look for listings


def declared_html(headers) -> bool:
    """No Content-Type, or one a page of text could have: the only responses worth parsing."""
    ctype = (header_value(headers, "Content-Type") or "").lower()
    return not ctype or any(t in ctype for t in HTML_TYPES)


def page_text(page: Page) -> str:
    """The page as the extractor decodes it, so every decision reads the same text."""
    return page.decoded().text


@dataclass(frozen=True, slots=True)
class Leads:
    """Where one page leads: ``articles`` to extract (with the dates their list rows show),
    ``lists`` to walk as list pages at this page's depth; without a profile's patterns also
    ``candidates``, the listing rows of a page that is not plainly a list (a hub's box, a
    column of one article), kept as articles when their page reads as one, and ``explore``,
    pages that may hold listings; both are fetched one hop deeper. ``role`` is the page's,
    from its structure (``""`` when a profile's patterns decided)."""

    articles: list[str]
    lists: list[str]
    candidates: list[str] = field(default_factory=list)
    explore: list[str] = field(default_factory=list)
    dates: dict[str, str] = field(default_factory=dict)
    role: str = ""
    passed: list[str] = field(default_factory=list)  # in-scope links followed as neither

    @property
    def followed(self) -> list[str]:
        return [*self.articles, *self.lists, *self.candidates, *self.explore]

    @property
    def reads_as_article(self) -> bool:
        """A candidate page kept as an article: prose, or a short page that lists nothing and
        has no pager (a brief notice reads as "other", as a page of menus does)."""
        return self.role == "article" or (
            self.role == "other" and not (self.articles or self.candidates or self.lists))


@dataclass
class SiteWalk:
    """The decisions of one crawl of one site (``refresh``: fetch known articles again)."""

    profile: SiteProfile
    script: str = "simplified"
    refresh: bool = False
    normalizer: Normalizer | None = None
    requested: set[str] = field(default_factory=set)  # article URLs asked for in this run
    skipped: set[str] = field(default_factory=set)  # known articles not fetched (a URL counts once)
    exploring: set[str] = field(default_factory=set)  # pages asked for as possible list pages
    explored: int = 0  # how many were asked for, in this crawl
    not_followed: NotFollowed = field(default_factory=NotFollowed)  # what the run summary lists
    seen: SeenPages = field(default_factory=SeenPages)  # what pages were (branchnews profile)

    def __post_init__(self):
        self.normalizer = self.normalizer or Normalizer(target=self.script)

    def unreadable(self, page: Page) -> str | None:
        """Why this page is reported instead of parsed (not HTML, a WAF challenge), or None."""
        if not declared_html(page.headers):
            return "not an HTML page"
        if waf := challenge_reason(page_text(page)):
            return f"WAF challenge page ({waf})"
        return None

    @property
    def by_structure(self) -> bool:
        """No ``[links]`` article or list patterns: the pages' structure decides."""
        return not (self.profile.article_patterns or self.profile.list_patterns)

    def in_scope(self, url: str) -> bool:
        """A link the crawl may follow: not denied, under the profile's ``within`` prefixes."""
        profile = self.profile
        if any(p.search(url) for p in profile.deny_patterns):
            return False
        return not profile.within or url.startswith(profile.within)

    def links(self, page: Page, depth: int = 0) -> Leads:
        """Where a list (or home, or hub) page leads; ``depth``: its exploration hops from a
        start page."""
        leads = self._leads(page, depth)
        self.seen.read(page.url, leads.role or "list", leads.followed, page.decoded().encoding,
                       leads.lists)
        return leads

    def _leads(self, page: Page, depth: int) -> Leads:
        profile = self.profile
        if not self.by_structure:
            found = list_links(page.body, page.url, page.headers,
                               allowed_domains=profile.allowed_domains,
                               article_patterns=profile.article_patterns,
                               list_patterns=profile.list_patterns,
                               deny_patterns=profile.deny_patterns)
            return Leads([u for u in found.articles if self.in_scope(u)],
                         [u for u in found.lists if self.in_scope(u)], dates=found.dates,
                         passed=[u for u in found.others if self.in_scope(u)])
        found = page_links(page.body, page.url, page.headers,
                           allowed_domains=profile.allowed_domains)
        if found.role == "article":
            return Leads([], [], role="article")
        listed = [u for u in found.articles if self.in_scope(u)]
        lists = [u for u in found.next_pages if self.in_scope(u)]
        dates = {u: d for u, d in found.dates.items() if u in listed}
        # a hub's listing may be of articles or of columns: the pages say which when fetched
        candidates = ([] if found.role == "list"
                      else self._room([u for u in listed if u not in self.requested]))
        explore = self._explore(found.links, listed, depth)
        followed = {*listed, *lists, *explore}
        passed = [u for u in dict.fromkeys([*found.next_pages, *found.links])
                  if u not in followed and self.in_scope(u)]
        return Leads(listed if found.role == "list" else [], lists, candidates, explore, dates,
                     found.role, passed)

    def read_as_list(self, found: Leads) -> None:
        """A page read as a list (not a candidate kept as an article): tally what it passed by."""
        self.not_followed.note(found.followed, found.passed)

    def _room(self, urls: list[str], most: int = MAX_EXPLORED) -> list[str]:
        """``urls`` not asked for yet as possible list pages, within the crawl's budget."""
        urls = [u for u in urls if u not in self.exploring][:max(0, min(most, MAX_EXPLORED - self.explored))]
        self.exploring.update(urls)
        self.explored += len(urls)
        return urls

    def _explore(self, links: list[str], listed: list[str], depth: int) -> list[str]:
        """The page's other links worth fetching as possible list pages: not shaped as its
        listing's rows (see the module docstring), up to the depth and the budget."""
        if depth >= MAX_EXPLORE_DEPTH:
            return []
        row_shapes = {url_shape(u) for u in listed}
        return self._room([u for u in links if u not in self.requested and self.in_scope(u)
                           and url_shape(u) not in row_shapes], MAX_EXPLORE_LINKS)

    def take_candidate(self, url: str, knows_link: Callable[[str], bool]) -> bool:
        """Keep a candidate page that reads as an article as this crawl's article? Not when a
        listing asked for it as an article meanwhile (that request gives the record) or the
        dataset has it."""
        if url in self.requested or url not in self.exploring:
            return False
        self.exploring.discard(url)
        return self.to_fetch(url, knows_link)

    def refetch(self, url: str) -> bool:
        """Fetch this article even though the page was fetched already: it was asked for as a
        possible list page (and not taken as an article). Once: later mentions are duplicates."""
        if url in self.exploring:
            self.exploring.discard(url)
            return True
        return False

    def link_kind(self, url: str) -> str | None:
        """What a link to ``url`` on a list page is: ``"article"``, ``"list"`` or None."""
        profile = self.profile
        return link_kind(url, article_patterns=profile.article_patterns,
                         list_patterns=profile.list_patterns, deny_patterns=profile.deny_patterns)

    def to_fetch(self, url: str, knows_link: Callable[[str], bool]) -> bool:
        """Fetch this article link? Not when the dataset already has it (or an alias of it),
        unless refreshing; a URL asked for earlier in this run is never skipped."""
        if not self.refresh and url not in self.requested and knows_link(record_id(url)):
            self.skipped.add(url)
            return False
        self.requested.add(url)
        return True

    def next_page(self, pages: Sequence[Page]) -> str | None:
        """The continuation page to fetch after ``pages`` of one article, or None: extract."""
        if len(pages) >= MAX_ARTICLE_PAGES:
            return None
        last = pages[-1]
        return continuation_url(last.body, last.url, page_text(last))

    def record(self, pages: Sequence[Page], list_date: str | None = None) -> dict:
        """The article's record (raises :class:`~branchnews.crawler.pages.article.ExtractionError`)."""
        self.seen.roles[pages[0].url] = "article"
        self.seen.encodings.update((page.url, page.decoded().encoding) for page in pages)
        return parse_article(list(pages), site=self.profile.name, target=self.script,
                             selectors=self.profile.selectors, normalizer=self.normalizer,
                             list_date=list_date)

    @staticmethod
    def alias(link: str | None, record: dict) -> str | None:
        """The id of the list link that redirected to this record, when it differs: a re-run
        skips the link as it skips the article."""
        if link and (link_id := record_id(link)) != record["id"]:
            return link_id
        return None
