"""Character classes shared by the rule modules.

They are regex class *bodies* (no brackets) so that a rule can combine them
(``f"[{HAN}{CJK_PUNCT}]"``) without paying for alternation. Keeping them in one
place stops two rules from disagreeing about what counts as "Chinese".
"""

from __future__ import annotations

#: Unified ideographs (BMP, extension A, compatibility) and the supplementary
#: ideograph planes. Enough for news text; radicals and strokes are left out
#: because they never carry punctuation or pinyin annotations.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

#: Punctuation of running Chinese text: the CJK symbols block (without the
#: ideographic space U+3000, which is whitespace), the full-width forms of
#: ASCII punctuation, curly quotes, ellipsis, em dash and the middle dot.
CJK_PUNCT = (
    "\u3001-\u303f"
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
    "\u2018\u2019\u201c\u201d\u2026\u2014\u00b7"
)

#: Joins the fragments of one page so that every rule runs once per page
#: instead of once per text node. A Unicode noncharacter: it never occurs in
#: interchanged text, is not whitespace, Han or punctuation (so no rule can
#: match across it), and OpenCC passes it through unchanged.
FRAGMENT_SEPARATOR = "\ufdd0"
