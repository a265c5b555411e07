"""The shape of a URL: what stays the same between links to pages of one kind on one site.

``/a/zbfc/2019/0516/184.html`` and ``/a/mjdt/2018/1225/171.html`` are two articles of one CMS
(``/*/*/9/9/9.html``); ``/t7/2025/0110/c2101a317905/page.htm`` is ``/*/9/9/c9a9/page.htm``;
``detail.jsp?id=7650`` is ``/*/*/detail.jsp?id=9``. Directory names without digits are column
names, so they are wildcards; digit runs and long hex ids are numbers; the last segment (the
file name) and the query's parameter names are kept, because they say which script serves the
page (``Default.aspx`` lists, ``204377.aspx`` shows). Host and scheme are not part of it.

A profile-less crawl uses shapes to tell the other links of a list page that lead to more
articles of the same kind (a sidebar of another column's news) from those that may lead to
listings, and to summarise the links it did not follow; ``branchnews profile`` writes the
shapes it learned as ``[links]`` regexes (:func:`shape_regex`, from the same reading of a URL).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

_HEX_ID = re.compile(r"(?<![0-9a-z])[0-9a-f]{16,}(?![0-9a-z])", re.I)
_DIGITS = re.compile(r"\d+")
_NUMBER = re.compile(rf"(?P<x>{_HEX_ID.pattern})|(?P<d>\d+)", re.I)  # a hex id, else digits
# What each part of a shape stands for, as a regex: one table for both spellings.
_AS_REGEX = {"x": "[0-9a-fA-F]{16,}", "9": r"\d+", "*": r"[^/\d]+"}


def _number_parts(text: str) -> list[str]:
    """``text`` split into literal pieces and the shape letters of its numbers (``x``, ``9``)."""
    parts, at = [], 0
    for m in _NUMBER.finditer(text):
        parts += [text[at:m.start()], "x" if m.group("x") else "9"]
        at = m.end()
    return [*parts, text[at:]]


def _number_shape(text: str) -> str:
    return "".join(_number_parts(text))


def _number_regex(text: str) -> str:
    parts = _number_parts(text)
    return "".join(_AS_REGEX[p] if i % 2 else re.escape(p) for i, p in enumerate(parts))


def _is_column(segments: list[str], i: int) -> bool:
    """A directory named without digits: a column name, a wildcard of the shape."""
    return i < len(segments) - 1 and not _DIGITS.search(segments[i])


def url_shape(url: str) -> str:
    """``url`` with column names as ``*``, numbers as ``9``, hex ids as ``x``, query values
    as their number shape (words kept: ``?type=news`` is another page than ``?type=notice``)."""
    parts = urlsplit(url)
    segments = parts.path.split("/")[1:] or [""]
    shaped = ["*" if _is_column(segments, i) else _number_shape(s) for i, s in enumerate(segments)]
    path = "/" + "/".join(shaped)
    query = "&".join(f"{name}={_number_shape(value)}"
                     for name, value in sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return path + ("?" + query if query else "")


def shape_regex(url: str, *, columns: bool = False) -> str:
    """A regex (for ``re.search``) matching the URLs of ``url``'s shape on any host: numbers as
    ``\\d+``, hex ids as hex runs, column names as any name without digits, or (``columns``)
    as ``url``'s own; the query's parameters in ``url``'s order."""
    parts = urlsplit(url)
    segments = parts.path.split("/")[1:] or [""]
    path = "/".join(_AS_REGEX["*"] if _is_column(segments, i) and not columns else _number_regex(s)
                    for i, s in enumerate(segments))
    query = "&".join(re.escape(name + "=") + _number_regex(value) if eq else re.escape(name)
                     for name, eq, value in (p.partition("=") for p in parts.query.split("&") if p))
    return r"^https?://[^/]+/" + path + (r"\?" + query if query else "") + "$"
