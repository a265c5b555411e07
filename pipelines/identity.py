"""Who an article is and what it says: its stable id (from the canonical URL) and its content hash.

Pure (no Scrapy): the extractor gives every record these, the crawl's state index compares them,
and repost detection groups by the content hash.
"""

from __future__ import annotations

import hashlib

from w3lib.url import canonicalize_url


def canonical_url(url: str) -> str:
    """The URL an article is known by: sorted query, no fragment, percent-encoding normalised."""
    return canonicalize_url(url, keep_fragments=False)


def record_id(url: str) -> str:
    """Stable across runs and machines: depends on the canonical URL only."""
    return hashlib.sha1(canonical_url(url).encode("utf-8")).hexdigest()[:16]


def content_hash(title: str | None, text: str) -> str:
    """Identity of an article's content, for change detection and repost detection."""
    return hashlib.sha1(f"{title or ''}\n{text}".encode("utf-8")).hexdigest()
