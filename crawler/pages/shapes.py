"""The shape of a URL: what stays the same between links to pages of one kind on one site.

``/a/zbfc/2019/0516/184.html`` and ``/a/mjdt/2018/1225/171.html`` are two articles of one CMS
(``/*/*/9/9/9.html``); ``/t7/2025/0110/c2101a317905/page.htm`` is ``/*/9/9/c9a9/page.htm``;
``detail.jsp?id=7650`` is ``/*/*/detail.jsp?id=9``. Directory names without digits are column
names, so they are wildcards; digit runs and long hex ids are numbers; the last segment (the
file name) and the query's parameter names are kept, because they say which script serves the
page (``Default.aspx`` lists, ``204377.aspx`` shows). Host and scheme are not part of it.

A profile-less crawl uses shapes to tell the other links of a list page that lead to more
articles of the same kind (a sidebar of another column's news) from those that may lead to
listings, and to summarise the links it did not follow.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

_HEX_ID = re.compile(r"(?<![0-9a-z])[0-9a-f]{16,}(?![0-9a-z])", re.I)
_DIGITS = re.compile(r"\d+")


def _number_shape(text: str) -> str:
    return _DIGITS.sub("9", _HEX_ID.sub("x", text))


def url_shape(url: str) -> str:
    """``url`` with column names as ``*``, numbers as ``9``, hex ids as ``x``, query values
    as their number shape (words kept: ``?type=news`` is another page than ``?type=notice``)."""
    parts = urlsplit(url)
    segments = parts.path.split("/")[1:] or [""]
    shaped = ["*" if not _DIGITS.search(s) and i < len(segments) - 1 else _number_shape(s)
              for i, s in enumerate(segments)]
    path = "/" + "/".join(shaped)
    query = "&".join(f"{name}={_number_shape(value)}"
                     for name, value in sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return path + ("?" + query if query else "")
