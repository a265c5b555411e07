"""What a crawl of one site does with each page it gets: the decisions, once, without Scrapy.

The spider (:mod:`branchnews.crawler.spiders.news`) fetches; ``branchnews reextract``
(:mod:`branchnews.reextract`) replays a capture. Both ask a :class:`SiteWalk` what a page is
worth: which links on a list page lead to articles and which to more list pages (the profile's
``[links]``, else the common CMS patterns), whether an article goes on to a continuation page,
whether a page can be read at all, which known article need not be fetched again, and when a
list link that redirected is an alias of the article it led to. Kept in one place because two
copies drifted: a profile without ``[links]`` crawled 43 articles and re-extracted none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from branchnews.crawler.pages.article import Page, parse_article
from branchnews.crawler.pages.challenge import challenge_reason
from branchnews.crawler.pages.continuation import continuation_url
from branchnews.crawler.pages.decode import header_value
from branchnews.crawler.pages.links import ListLinks, link_kind, list_links
from branchnews.crawler.profiles import SiteProfile
from branchnews.pipelines.identity import record_id
from branchnews.pipelines.normalize import Normalizer

MAX_ARTICLE_PAGES = 50  # a pager that never ends is a trap, not an article
HTML_TYPES = ("html", "xml", "text/plain")


def declared_html(headers) -> bool:
    """No Content-Type, or one a page of text could have: the only responses worth parsing."""
    ctype = (header_value(headers, "Content-Type") or "").lower()
    return not ctype or any(t in ctype for t in HTML_TYPES)


def page_text(page: Page) -> str:
    """The page as the extractor decodes it, so every decision reads the same text."""
    return page.decoded().text


@dataclass
class SiteWalk:
    """The decisions of one crawl of one site (``refresh``: fetch known articles again)."""

    profile: SiteProfile
    script: str = "simplified"
    refresh: bool = False
    normalizer: Normalizer | None = None
    requested: set[str] = field(default_factory=set)  # article URLs asked for in this run
    skipped: set[str] = field(default_factory=set)  # known articles not fetched (a URL counts once)

    def __post_init__(self):
        self.normalizer = self.normalizer or Normalizer(target=self.script)

    def unreadable(self, page: Page) -> str | None:
        """Why this page is reported instead of parsed (not HTML, a WAF challenge), or None."""
        if not declared_html(page.headers):
            return "not an HTML page"
        if waf := challenge_reason(page_text(page)):
            return f"WAF challenge page ({waf})"
        return None

    def links(self, page: Page) -> ListLinks:
        """A list page's article links (with the dates shown beside them) and list links."""
        profile = self.profile
        return list_links(page.body, page.url, page.headers,
                          allowed_domains=profile.allowed_domains,
                          article_patterns=profile.article_patterns,
                          list_patterns=profile.list_patterns,
                          deny_patterns=profile.deny_patterns)

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
        return continuation_url(last.body, last.url, page_text(last), len(pages))

    def record(self, pages: Sequence[Page], list_date: str | None = None) -> dict:
        """The article's record (raises :class:`~branchnews.crawler.pages.article.ExtractionError`)."""
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
