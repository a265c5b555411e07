"""Exotic spaces → ASCII space; zero-width characters → nothing.

Chinese pages pad with NBSP (``&nbsp;``), the ideographic space U+3000 and
en/em spaces, and CMS editors leave zero-width spaces and BOMs inside words.
They look like ordinary spaces (or like nothing) but break equality, search
and ``str.split`` assumptions downstream, so they are mapped to the one space
everybody expects.

Why not NFKC: it would also fold full-width punctuation and digits
(``（一）１２３`` → ``(一)123``), undoing the punctuation rule and changing
section numbering. Why nothing is stripped: fragment edges belong to the
extractor, which joins and trims them; a fragment ``"\\xa0"`` must stay a
space-like ``" "``. Collapsing runs inside a fragment is opt-in
(``collapse_spaces``) for callers that do not collapse themselves.
"""

from __future__ import annotations

import re

SPACES = "\u00a0\u3000\u2002\u2003"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

_RUN = re.compile(" {2,}")


def normalize_spaces(text: str, *, collapse: bool = False) -> str:
    # One ``in`` test per character instead of a regex class or
    # ``str.translate``: on Chinese text both of those cost several times more,
    # and almost every page lacks most of these characters.
    for char in SPACES:
        if char in text:
            text = text.replace(char, " ")
    for char in ZERO_WIDTH:
        if char in text:
            text = text.replace(char, "")
    if collapse and "  " in text:
        text = _RUN.sub(" ", text)
    return text
