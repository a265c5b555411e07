"""Repair the ``?`` scars that the glued-pinyin converter leaves behind.

Mechanism (worked out from the seed page). The content farm did not edit
characters but GBK *bytes*: every annotated character's two bytes were
replaced by themselves plus ``(pinyin)``, and some full-width punctuation
(，：…) by its ASCII form. A byte search does not know where characters start,
so it also matches the trail byte of one character plus the lead byte of the
next. The bytes were then decoded, and a lead byte left without its partner
became ``?``. Two layouts follow:

* ``要?jiǎng)?wù)``. ``要務`` is ``D2 AA | 84 D5``. Annotating 務 gives
  ``D2 AA 84 D5 (wù)``; then the search for 獎 (``AA 84``) matches *across*
  要|務 and inserts ``(jiǎng)`` between the two bytes of 務:
  ``D2 AA 84 (jiǎng) D5 (wù)``. Decoding keeps 要, turns ``84 (`` and
  ``D5 (`` into one ``?`` each (the decoder took the ``(`` for a trail byte),
  and leaves the pinyin: ``要?jiǎng)?wù)``.
* ``?,F(xiàn)將``. ``。現`` is ``A1 A3 | AC 46``. After 現 was annotated, the
  punctuation pass looked for ``，`` = ``A3 AC`` and found it across 。|現:
  ``A1 , 46 (xiàn)``. ``A1`` is orphaned (``?``), ``46`` is ASCII ``F``.

The two scars disagree on whether the decoder swallowed the ASCII byte after
an orphaned lead byte (``(`` vanished, ``,`` did not; the page has probably
been through more than one tool). The repair does not depend on it: each
pattern matches what is visible.

Repair rebuilds the bytes and lets the glued pinyin check the guess:

* straddle ``X?p1)?p2)``: find bytes ``b c`` such that (trail byte of X, b) is a
  character read *p1* and ``b c`` a character read *p2*, both
  traditional-only (the farm annotates only those);
* shifted ``?<punct><T>(p)``: ``q2 T`` (``q2`` = second byte of the full-width
  form of *punct*) must be a traditional-only character read *p*, and the
  orphaned character is some ``? q1``; it carries no pinyin to check, so only
  the closed class of running-text punctuation is eligible (a Han character
  there could be any of ~100).

A scar is replaced only if exactly one candidate fits; otherwise it stays as
it is, because a wrong character is worse than a visible ``?``. The output is
in traditional characters (the page's own script); conversion comes later.
"""

from __future__ import annotations

import functools
import re

from .charsets import HAN
from .pinyin import SYLLABLE, is_reading
from .script import is_traditional_only

# The decoder's replacement: ASCII "?" (most converters) or U+FFFD (browsers).
_MARKS = ("?", "\ufffd")
_LOST = "[?\ufffd]"

#: ASCII punctuation the farm produced from full-width punctuation.
_FULLWIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}

#: Punctuation of running Chinese text: the only characters accepted for an
#: orphaned byte that no pinyin vouches for.
RUNNING_PUNCT = frozenset("。，、；：？！“”‘’（）《》〈〉「」『』【】〔〕…—·～")

# Every pattern starts with a literal lost-byte mark, so the search runs at C
# speed; the straddle's preceding character is captured by a look-behind and
# stays in the text.
_STRADDLE = {
    mark: re.compile(
        f"{re.escape(mark)}(?<=(?P<prev>[{HAN}]){re.escape(mark)})"
        f"(?P<p1>{SYLLABLE})\\){_LOST}(?P<p2>{SYLLABLE})\\)"
    )
    for mark in _MARKS
}
_SHIFTED = {
    mark: re.compile(
        f"{re.escape(mark)}(?P<punct>[,:;!?()])(?P<trail>[\\x40-\\x7e])\\((?P<py>{SYLLABLE})\\)"
    )
    for mark in _MARKS
}

_LEADS = range(0x81, 0xFF)


def _char(first: int, second: int) -> str | None:
    """The GBK character with these two bytes, if there is one."""
    try:
        decoded = bytes((first, second)).decode("gbk")
    except UnicodeDecodeError:
        return None
    return decoded if len(decoded) == 1 else None


def _annotated(char: str | None, syllable: str) -> bool:
    return char is not None and is_traditional_only(char) and is_reading(char, syllable)


@functools.lru_cache(maxsize=1024)
def _straddled(prev: str, p1: str, p2: str) -> str | None:
    try:
        encoded = prev.encode("gbk")
    except UnicodeEncodeError:
        return None
    if len(encoded) != 2:
        return None
    fits = [
        char
        for b in _LEADS
        if _annotated(_char(encoded[1], b), p1)
        for c in _LEADS  # c was swallowed as a lead byte, so it is one
        if _annotated(char := _char(b, c), p2)
    ]
    return fits[0] if len(fits) == 1 else None


@functools.lru_cache(maxsize=1024)
def _shifted(punct: str, trail: str, syllable: str) -> str | None:
    q1, q2 = _FULLWIDTH[punct].encode("gbk")
    annotated = _char(q2, ord(trail))
    if annotated is None or not _annotated(annotated, syllable):
        return None
    orphans = [c for x in _LEADS if (c := _char(x, q1)) in RUNNING_PUNCT]
    return orphans[0] + annotated if len(orphans) == 1 else None


def _fix_straddle(m: re.Match[str]) -> str:
    char = _straddled(m["prev"], m["p1"], m["p2"])
    return m[0] if char is None else char


def _fix_shifted(m: re.Match[str]) -> str:
    chars = _shifted(m["punct"], m["trail"], m["py"])
    return m[0] if chars is None else chars


def repair_scars(text: str) -> str:
    """Rebuild the characters behind ``?`` scars where exactly one fits.

    Call only for a document that shows the glued-pinyin artifact.
    """
    for mark in _MARKS:
        if mark in text:
            text = _STRADDLE[mark].sub(_fix_straddle, text)
            text = _SHIFTED[mark].sub(_fix_shifted, text)
    return text
