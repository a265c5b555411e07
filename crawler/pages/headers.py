"""Response headers as text: the one conversion every reader of a fetch uses.

Scrapy hands headers over as ``bytes`` names with lists of ``bytes`` values, warcio as ``(str,
str)`` pairs, a saved page as a plain mapping. The extractor, the WARC writer and the
re-extraction must see the same thing for the same fetch, or a re-extracted record could
decode differently from the crawled one; so they all go through here. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

Headers = Mapping[object, object] | Iterable[tuple[object, object]]


def _text(value: object) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def header_pairs(headers: Headers | None) -> list[tuple[str, str]]:
    """``(name, value)`` text pairs in order, one per value (a repeated header stays repeated):
    what goes on the wire and into a WARC record."""
    if not headers:
        return []
    items = headers.items() if isinstance(headers, Mapping) else headers
    pairs = []
    for name, values in items:
        if not isinstance(values, (list, tuple)):
            values = [values]
        pairs += [(_text(name), _text(value)) for value in values]
    return pairs


def header_dict(headers: Headers | None) -> dict[str, str]:
    """One text value per header, names in ``Content-Type`` case (as Scrapy writes them),
    repeated headers joined with ``", "`` (RFC 9110's list form)."""
    out: dict[str, str] = {}
    for name, value in header_pairs(headers):
        key = "-".join(part.capitalize() for part in name.split("-"))
        out[key] = f"{out[key]}, {value}" if key in out else value
    return out
