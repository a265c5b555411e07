"""Site profiles: what to crawl on a site, as data (one TOML file per site).

A profile names the start (list) URLs, the allowed domains, URL patterns for article pages and
for list/pagination pages, and optional XPath selectors that override the generic extraction
for one field. Adding a site is adding a file, not code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

SELECTOR_FIELDS = ("title", "published", "source", "author", "editor", "breadcrumb", "body")
DEFAULT_SITE = "sample"


class ProfileError(ValueError):
    """A profile that is missing, unreadable or inconsistent; the message names the file."""


@dataclass(frozen=True)
class SiteProfile:
    name: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    article_patterns: tuple[re.Pattern, ...] = ()
    list_patterns: tuple[re.Pattern, ...] = ()
    deny_patterns: tuple[re.Pattern, ...] = ()
    selectors: dict[str, str] = field(default_factory=dict)
    proxy: str | None = None
    settings: dict[str, object] = field(default_factory=dict)
    description: str = ""
    source_file: str = ""

    def is_article(self, url: str) -> bool:
        return _any(self.article_patterns, url) and not _any(self.deny_patterns, url)

    def is_list(self, url: str) -> bool:
        return _any(self.list_patterns, url) and not _any(self.deny_patterns, url)

    def with_start_urls(self, urls: list[str]) -> "SiteProfile":
        """Point the profile at another copy of the site; the allowed domains follow."""
        domains = tuple(dict.fromkeys(urlsplit(u).hostname or "" for u in urls))
        keep_proxy = set(domains) <= set(self.allowed_domains)
        return replace(self, start_urls=tuple(urls), allowed_domains=domains,
                       proxy=self.proxy if keep_proxy else None)


def _any(patterns: tuple[re.Pattern, ...], url: str) -> bool:
    return any(p.search(url) for p in patterns)


def _bundled():
    """The bundled profiles as importlib resources: they may live inside a zipped egg (Scrapyd)."""
    return resources.files("branchnews.crawler.profiles")


def available() -> list[str]:
    return sorted(p.name[:-5] for p in _bundled().iterdir() if p.name.endswith(".toml"))


def load_profile(name_or_path: str | None = None) -> SiteProfile:
    """A bundled profile by name (``sample``), or any profile file by path."""
    name_or_path = name_or_path or DEFAULT_SITE
    path = Path(name_or_path)
    if not (path.suffix == ".toml" and path.exists()):
        path = _bundled().joinpath(f"{name_or_path}.toml")
        if not path.is_file():
            raise ProfileError(f"no site profile {name_or_path!r}: known sites are "
                               f"{', '.join(available())}, or give a path to a .toml file")
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"{path}: cannot read profile: {exc}") from exc
    return profile_from_dict(data, source=str(path))


def _patterns(values, source: str, key: str) -> tuple[re.Pattern, ...]:
    if values is None:
        return ()
    if isinstance(values, str) or not all(isinstance(v, str) for v in values):
        raise ProfileError(f"{source}: links.{key} must be a list of regex strings")
    try:
        return tuple(re.compile(v) for v in values)
    except re.error as exc:
        raise ProfileError(f"{source}: links.{key}: bad regex: {exc}") from exc


def _settings(values, source: str) -> dict[str, object]:
    """Per-site Scrapy settings (politeness, concurrency); names are Scrapy's UPPER_CASE ones."""
    if values is None:
        return {}
    if not isinstance(values, dict) or not all(isinstance(k, str) and k.isupper() for k in values):
        raise ProfileError(f"{source}: [settings] must map UPPER_CASE Scrapy setting names to values")
    return dict(values)


def profile_from_dict(data: dict, source: str = "<profile>") -> SiteProfile:
    name = data.get("name")
    starts = data.get("start_urls")
    if not isinstance(name, str) or not name:
        raise ProfileError(f"{source}: 'name' is required")
    if not isinstance(starts, list) or not starts or not all(isinstance(u, str) for u in starts):
        raise ProfileError(f"{source}: 'start_urls' must be a non-empty list of URLs")
    for url in starts:
        if urlsplit(url).scheme not in ("http", "https"):
            raise ProfileError(f"{source}: start URL {url!r} is not http(s)")
    domains = data.get("allowed_domains") or [urlsplit(u).hostname for u in starts]
    links = data.get("links") or {}
    selectors = data.get("selectors") or {}
    unknown = set(selectors) - set(SELECTOR_FIELDS)
    if unknown:
        raise ProfileError(f"{source}: unknown selector field(s) {sorted(unknown)}; "
                           f"allowed: {', '.join(SELECTOR_FIELDS)}")
    return SiteProfile(
        name=name,
        start_urls=tuple(starts),
        allowed_domains=tuple(domains),
        article_patterns=_patterns(links.get("article"), source, "article"),
        list_patterns=_patterns(links.get("list"), source, "list"),
        deny_patterns=_patterns(links.get("deny"), source, "deny"),
        selectors=dict(selectors),
        proxy=data.get("proxy"),
        settings=_settings(data.get("settings"), source),
        description=data.get("description", ""),
        source_file=source,
    )
