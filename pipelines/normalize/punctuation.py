"""Half-width punctuation in Chinese text → full width.

Pages (and the glued-pinyin farm) often type ``,`` ``:`` ``(`` in Chinese
sentences. Stored as is, the same sentence exists in two spellings, which
splits search hits and duplicate detection. The rules convert only where the
context proves the mark belongs to Chinese text, so English, numbers, times
and URLs keep their ASCII:

* ``, ; ! ?`` directly after a Han character or CJK punctuation → ``，；！？``
  (``a, b``, ``Hello, world``, ``1,000`` stay; ``中国?!`` → ``中国？！``);
* ``:`` with a Han character or CJK punctuation on either side → ``：``
  (``10:30``, ``3:2``, ``http://`` stay);
* ``( … )`` whose content holds a Han character and no other parenthesis or
  line break → ``（ … ）`` (``(一)``, ``(记者 张三)``; ``(2017)``, ``(WHO)``,
  ``(C)`` stay).

A converted ``, ; ! ? :`` also absorbs *one* following space if more text
follows it on the line: the space was the half-width mark's own spacing, and
the full-width mark already carries it (``位置: 首页`` → ``位置：首页``). Longer
runs keep the rest, and a space at the end of a fragment is never touched (the
extractor owns fragment edges).

``"`` is left alone: turning it into ``“``/``”`` needs to know which quote opens
and which closes, and a pair is often split across HTML text nodes, so there
is no choice that is trivially safe. ``.`` and digits are never changed.

Why every pattern starts with the ASCII mark and looks *back* afterwards: a
pattern that starts with a literal is searched for at C speed, while one that
starts with a look-behind over the Han class costs a class test at every
position of the page.
"""

from __future__ import annotations

import re

from .charsets import CJK_PUNCT, FRAGMENT_SEPARATOR, HAN

_CHINESE = f"[{HAN}{CJK_PUNCT}]"
_SPACE = "[ \\xa0\\u3000\\u2002\\u2003]"
# One space of the mark's own spacing, only if more text follows on the line
# (so a fragment's trailing space is never taken).
_OWN_SPACE = f"(?:{_SPACE}(?=[^\\S\\n]*[^\\s{FRAGMENT_SEPARATOR}]))?"

_FULL = {",": "，", ";": "；", "!": "！", "?": "？"}
_AFTER_CHINESE = {
    mark: re.compile(f"{re.escape(mark)}(?<={_CHINESE}{re.escape(mark)}){_OWN_SPACE}")
    for mark in _FULL
}
# A mark that ``_AFTER_CHINESE`` would leave alone or that might take a space.
# Without one, every mark becomes full width on its own, and ``str.replace``
# does that several times faster than a substitution (Chinese pages, and the
# farm's, have dozens of ASCII commas, nearly all of them plain).
_UNSURE = {
    mark: re.compile(f"{re.escape(mark)}(?:(?<!{_CHINESE}{re.escape(mark)})|(?={_SPACE}))")
    for mark in _FULL
}
_COLON = re.compile(f":(?:(?<={_CHINESE}:){_OWN_SPACE}|(?={_CHINESE}))")
# The content is matched greedily up to the first parenthesis and tested for
# Han afterwards: asking for the Han character inside the pattern makes the
# engine backtrack through every "(" that is never closed.
_PARENS = re.compile(f"\\(([^()\\n{FRAGMENT_SEPARATOR}]*)\\)")
_HAN_CHAR = re.compile(f"[{HAN}]")


def _full_parens(m: re.Match[str]) -> str:
    return f"（{m[1]}）" if _HAN_CHAR.search(m[1]) else m[0]


def to_fullwidth(text: str) -> str:
    # A converted mark is CJK punctuation itself, so a run such as "?!" needs a
    # second round; the loop ends as soon as a round changes nothing, or when
    # every mark was replaced outright and so none is left to reconsider.
    left = True
    while left:
        before = text
        left = False
        for mark, pattern in _AFTER_CHINESE.items():
            if mark in text:
                if _UNSURE[mark].search(text) is None:
                    text = text.replace(mark, _FULL[mark])
                else:
                    text = pattern.sub(_FULL[mark], text)
                    left = True
        if text == before:
            break
    if ":" in text:
        text = _COLON.sub("：", text)
    if "(" in text:
        text = _PARENS.sub(_full_parens, text)
    return text
