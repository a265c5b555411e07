"""The record contract: schema version, stable ids, field order, validation.

Pure (no Scrapy): the extractor, the output stage, tests and the researcher-facing loaders all
agree on one definition here.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources

from w3lib.url import canonicalize_url

SCHEMA_VERSION = "1.1"

FIELDS = ("schema_version", "id", "url", "site", "title", "published", "published_raw", "source",
          "author", "editor", "breadcrumb", "preamble", "sections", "paragraphs", "text",
          "attachments", "images", "pages", "original_script", "script", "normalization",
          "encoding", "content_hash", "version", "updated_at", "duplicate_of", "fetched_at",
          "status", "warnings")


def canonical_url(url: str) -> str:
    """The URL an article is known by: sorted query, no fragment, percent-encoding normalised."""
    return canonicalize_url(url, keep_fragments=False)


def record_id(url: str) -> str:
    """Stable across runs and machines: depends on the canonical URL only."""
    return hashlib.sha1(canonical_url(url).encode("utf-8")).hexdigest()[:16]


def content_hash(title: str | None, text: str) -> str:
    """Identity of an article's content, for change detection and repost detection."""
    return hashlib.sha1(f"{title or ''}\n{text}".encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def schema() -> dict:
    text = resources.files("branchnews.pipelines.schema").joinpath("record.schema.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema())


@lru_cache(maxsize=1)
def _fast_validator():
    import fastjsonschema

    local = {k: v for k, v in schema().items() if k != "$id"}  # $refs resolve in-document
    return fastjsonschema.compile(local, handlers={})


def problems(record: dict) -> list[str]:
    """Schema violations as readable strings (empty when the record is valid).

    Every crawled record is checked, so the common case (valid) goes through a schema compiled
    to Python code; only an invalid record pays for jsonschema's full list of readable errors.
    """
    import fastjsonschema

    try:
        _fast_validator()(record)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    return [f"{'/'.join(map(str, e.absolute_path)) or '<record>'}: {e.message}"
            for e in _validator().iter_errors(record)]


def dumps(record: dict) -> str:
    """One JSON Lines line: UTF-8 text, no ``\\u`` escapes, fields in schema order."""
    ordered = {key: record[key] for key in FIELDS if key in record}
    return json.dumps(ordered, ensure_ascii=False, separators=(",", ":"))
