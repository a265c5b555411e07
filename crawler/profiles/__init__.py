"""Site profiles: what to crawl on a site, as data (one TOML file per site).

A profile names the start (list) URLs, the allowed domains, URL patterns for article pages and
for list/pagination pages, and optional XPath selectors that override the generic extraction
for one field. Adding a site is adding a file, not code.

A profile is checked whole when it loads, before any request is made: an unknown key or table
(a misspelt ``[link]`` would otherwise be ignored, and the site crawled with the defaults), a
value of the wrong type, a bad regex and a bad XPath are each a :class:`ProfileError` that names
the file and the key. Regexes and selectors are compiled here, once; extraction uses the
compiled ones.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

SELECTOR_FIELDS = ("title", "published", "source", "author", "editor", "breadcrumb", "body")
LINK_KINDS = ("article", "list", "deny")
PROFILE_KEYS = ("name", "description", "start_urls", "allowed_domains", "within", "proxy",
                "links", "selectors", "settings")
DEFAULT_SITE = "sample"

# XPath looks functions, namespace prefixes and variables up only when it evaluates: one
# evaluation against an empty page makes most such mistakes fail at load time too.
_PROBE = etree.Element("html")


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
    selectors: Mapping[str, etree.XPath] = field(default_factory=dict)
    proxy: str | None = None
    settings: dict[str, object] = field(default_factory=dict)
    description: str = ""
    source_file: str = ""
    within: tuple[str, ...] = ()  # URL prefixes every followed link starts with (none: the site)

    def with_start_urls(self, urls: list[str]) -> "SiteProfile":
        """Point the profile at another copy of the site; the allowed domains follow."""
        domains = tuple(dict.fromkeys(urlsplit(u).hostname or "" for u in urls))
        keep_proxy = set(domains) <= set(self.allowed_domains)
        return replace(self, start_urls=tuple(urls), allowed_domains=domains,
                       proxy=self.proxy if keep_proxy else None)


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


# -- checks: each names the file, the key and what was expected -------------------------------

def _kind(value: object) -> str:
    """What TOML wrote, in its own words."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__}"


def _known(table: Mapping[str, object], allowed: Sequence[str], source: str, where: str = "",
           what: str = "key") -> None:
    """Refuse names the profile format does not have: a misspelt one would be silently ignored.
    ``where`` is the table checked (``links``), empty for the top level."""
    for key, value in table.items():
        if key in allowed:
            continue
        close = difflib.get_close_matches(key, allowed, n=1)
        if isinstance(value, dict) and not where:
            bad, hint = f"table [{key}]", f" (did you mean [{close[0]}]?)" if close else ""
        else:
            bad, hint = f"{what} {key!r}", f" (did you mean {close[0]!r}?)" if close else ""
        inside = f" in [{where}]" if where else ""
        raise ProfileError(f"{source}: unknown {bad}{inside}{hint}; allowed: {', '.join(allowed)}")


def _text(data: Mapping[str, object], key: str, source: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ProfileError(f"{source}: {key!r} must be a string, got {_kind(value)}")
    return value


def _texts(data: Mapping[str, object], key: str, source: str, where: str = "") -> list[str] | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        got = _kind(value) if not isinstance(value, list) else "a list holding " + next(
            _kind(v) for v in value if not isinstance(v, str))
        name = f"[{where}] {key!r}" if where else repr(key)
        raise ProfileError(f"{source}: {name} must be a list of strings, got {got}")
    return value


def _table(data: Mapping[str, object], key: str, source: str) -> dict:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ProfileError(f"{source}: {key!r} must be a table ([{key}]), got {_kind(value)}")
    return value


def _patterns(links: Mapping[str, object], kind: str, source: str) -> tuple[re.Pattern, ...]:
    values = _texts(links, kind, source, "links") or []
    try:
        return tuple(re.compile(v) for v in values)
    except re.error as exc:
        # the pattern as the file writes it (repr would double every backslash)
        raise ProfileError(f"{source}: [links] {kind!r}: bad regex '{exc.pattern}': {exc}") from exc


def compile_selectors(values: Mapping[str, object], source: str = "<selectors>") -> dict[str, etree.XPath]:
    """The ``[selectors]`` table compiled, each checked once here rather than on every page."""
    _known(values, SELECTOR_FIELDS, source, "selectors", "selector field")
    compiled = {}
    for name, path in values.items():
        if not isinstance(path, str) or not path.strip():
            got = "an empty string" if isinstance(path, str) else _kind(path)
            raise ProfileError(f"{source}: [selectors] {name!r} must be an XPath string, got {got}")
        try:
            xpath = etree.XPath(path)
            xpath(_PROBE)
        except etree.XPathError as exc:
            raise ProfileError(f"{source}: [selectors] {name!r}: bad XPath {path!r}: {exc}") from exc
        compiled[name] = xpath
    return compiled


def _settings(values: Mapping[str, object], source: str) -> dict[str, object]:
    """Per-site Scrapy settings (politeness, concurrency); names are Scrapy's UPPER_CASE ones."""
    bad = [k for k in values if not k.isupper()]
    if bad:
        raise ProfileError(f"{source}: [settings] {bad[0]!r} is not a Scrapy setting name "
                           f"(UPPER_CASE, such as DOWNLOAD_DELAY)")
    return dict(values)


def profile_from_dict(data: Mapping[str, object], source: str = "<profile>") -> SiteProfile:
    _known(data, PROFILE_KEYS, source)
    name = _text(data, "name", source)
    if not name:
        raise ProfileError(f"{source}: 'name' is required")
    starts = _texts(data, "start_urls", source)
    if not starts:
        raise ProfileError(f"{source}: 'start_urls' must be a non-empty list of URLs")
    for url in starts:
        if urlsplit(url).scheme not in ("http", "https"):
            raise ProfileError(f"{source}: start URL {url!r} is not http(s)")
    domains = _texts(data, "allowed_domains", source) or [urlsplit(u).hostname for u in starts]
    within = _texts(data, "within", source) or []
    for prefix in within:
        if urlsplit(prefix).scheme not in ("http", "https"):
            raise ProfileError(f"{source}: 'within' prefix {prefix!r} is not an http(s) URL")
    links = _table(data, "links", source)
    _known(links, LINK_KINDS, source, "links")
    return SiteProfile(
        name=name,
        start_urls=tuple(starts),
        allowed_domains=tuple(domains),
        article_patterns=_patterns(links, "article", source),
        list_patterns=_patterns(links, "list", source),
        deny_patterns=_patterns(links, "deny", source),
        selectors=compile_selectors(_table(data, "selectors", source), source),
        proxy=_text(data, "proxy", source),
        settings=_settings(_table(data, "settings", source), source),
        description=_text(data, "description", source) or "",
        source_file=source,
        within=tuple(within),
    )


# -- a crawl from addresses alone -------------------------------------------------------------

FROM_URLS = "<from URLs>"  # the source_file of a profile made from start URLs, not read from a file
_UNSAFE_NAME = re.compile(r"[^a-z0-9._-]+")
_DATASET_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")


def is_url(value: str) -> bool:
    """An http(s) address, not a profile name, a .toml path or a fleet's ``@FILE``."""
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def site_name(url: str) -> str:
    """The dataset name of a site known only by its address: the host (with a port other than
    the scheme's), lower case, anything but letters, digits, ``.``, ``-`` and ``_`` as ``_``."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f"_{parts.port}" if parts.port and parts.port != {"http": 80, "https": 443}[parts.scheme] else ""
    return _UNSAFE_NAME.sub("_", host.lower() + port).strip("._") or "site"


def url_profile(urls: Sequence[str], name: str | None = None, within: str | None = None) -> SiteProfile:
    """The profile of a crawl from start URLs alone: their hosts are the allowed domains, no
    ``[links]`` (the pages' structure decides), ``within`` a path prefix (``/news/``) or URL
    prefix the crawl keeps under, on each start URL's host (none: the whole host)."""
    for url in urls:
        if not is_url(url):
            raise ProfileError(f"{url!r} is not an http(s) URL")
    hosts = tuple(dict.fromkeys(urlsplit(u).hostname for u in urls))
    name = name or site_name(urls[0])
    if not _DATASET_NAME.fullmatch(name):
        raise ProfileError(f"--name {name!r}: a dataset name is letters, digits, '.', '-' and "
                           "'_', not starting with '.'")
    prefixes: tuple[str, ...] = ()
    if within:
        if is_url(within):
            prefixes = (within,)
        else:
            path = "/" + within.lstrip("/")
            origins = dict.fromkeys(f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in urls)
            prefixes = tuple(origin + path for origin in origins)
        outside = [u for u in urls if not u.startswith(prefixes)]
        if outside:
            raise ProfileError(f"start URL {outside[0]} is not within {within!r}")
    return SiteProfile(name=name, start_urls=tuple(urls), allowed_domains=hosts, within=prefixes,
                       description=f"crawled from {' '.join(urls)}", source_file=FROM_URLS)
