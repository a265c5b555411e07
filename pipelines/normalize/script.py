"""Traditional/simplified conversion with OpenCC, and telling the two apart.

Why OpenCC and not a character table: conversion is one-to-many in places
(``乾隆`` must stay, ``乾淨`` → ``干净``) and only OpenCC's phrase dictionaries
get that right.

Why one converter per config per process: building an ``OpenCC`` object loads
its dictionaries, which costs far more than converting a page; OpenCC's own
tests reuse one converter per config too.

Why ``include_tofu_risk_dictionaries=False``: the 1.4.2 binding defaults to
``True``, and then ``t2s`` turns rare characters such as ``㑮`` into ``𫝈``,
which most fonts render as an empty box. The CLI changed its default; the
binding did not, so the flag is passed explicitly and pinned by a test.

Why the script classification counts characters instead of converting the
page twice: "traditional-only" is a character that ``t2s`` changes on its own,
"simplified-only" one that ``t2s`` leaves alone and every ``s2t`` flavour
changes. Both sets are derived once per process from OpenCC itself (so they
follow its dictionaries), and testing for them is a regex scan, which keeps the
normaliser near the speed of a bare OpenCC conversion. A page that ``t2s``
leaves unchanged counts as simplified, whatever single characters say.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Literal

import opencc

Config = Literal["t2s", "s2t", "s2tw", "s2hk"]
Script = Literal["simplified", "traditional", "mixed"]

#: Passed to every ``opencc.OpenCC``; see the module docstring.
INCLUDE_TOFU_RISK = False

#: Simplified characters that OpenCC's ``STCharacters`` dictionary lists as
#: their *own* traditional form as well (``后`` → ``後``/``后``, ``里`` →
#: ``裏``/``里``, ``台``, ``干``, ``于``, ``余`` …) and that ``s2t`` changes by
#: default. They are ordinary characters of traditional text (皇后, 公里,
#: 台灣), so counting them as "simplified-only" would call every Taiwanese page
#: mixed. Taken from OpenCC 1.4.2's dictionary (``opencc_dict -f ocd2 -t text``,
#: entries whose candidates include the key).
BOTH_SCRIPTS = frozenset(
    "㐹万丑丰于云亘仆价伙余佣党准几凶划占厂厘台叶吁吃后咨咸唇夸尸岩岳帘干广征愿"
    "挂据斗朴杠杰极柜涂涌淀游熏皂确种筑胜腊腌膻苹范荐虫蚝蜡蝎跖辟适郁采里雇"
)

#: A page is "mixed" only if the minority script has at least
#: ``MIXED_MIN_CHARS`` characters *and* the majority outnumbers it at most
#: ``MIXED_MAX_RATIO`` to one (the minority is at least 10 % of all
#: script-specific characters). Below that, the minority is noise: a quoted
#: name, a site-wide menu, or a character OpenCC converts although both
#: scripts use it.
MIXED_MIN_CHARS = 3
MIXED_MAX_RATIO = 9

# How many matches of each kind to count before deciding which is the minority.
_PROBE = 32

# The BMP ideograph blocks; the supplementary planes hold almost no characters
# that differ between the scripts, and scanning them would slow the import.
_BMP_IDEOGRAPHS = (
    list(range(0x3400, 0x4DC0)) + list(range(0x4E00, 0xA000)) + list(range(0xF900, 0xFB00))
)


@functools.cache
def converter(config: Config) -> opencc.OpenCC:
    """Build the process-wide converter for *config* on first use."""
    return opencc.OpenCC(config, include_tofu_risk_dictionaries=INCLUDE_TOFU_RISK)


_SURROGATES = re.compile("([\ud800-\udfff]+)")


def convert(config: Config, text: str) -> str:
    """``converter(config).convert(text)`` that also accepts lone surrogates.

    The binding encodes to UTF-8, which refuses them; they come from
    ``surrogateescape`` decoding and must pass through untouched rather than
    lose the whole page.
    """
    try:
        return converter(config).convert(text)
    except UnicodeEncodeError:
        pieces = _SURROGATES.split(text)
        # Odd pieces are the surrogate runs captured by the split.
        return "".join(
            piece if i % 2 else converter(config).convert(piece) for i, piece in enumerate(pieces)
        )


def to_simplified(text: str) -> str:
    return convert("t2s", text)


def to_traditional(text: str) -> str:
    return convert("s2t", text)


def preload(config: Config) -> None:
    """Build the converter for *config* and the character tables (with their probes) now.

    Both take about a tenth of a second; paying it when the normaliser is
    built keeps the first page as fast as every other one.
    """
    converter(config)
    for pattern in _tables()[1:]:
        _through(pattern.pattern)


def _convert_each(config: Config, chars: list[str]) -> list[str]:
    # One call for all characters: newline-separated, so no phrase can span two
    # of them, and the result splits back one-to-one.
    converted = converter(config).convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # a dictionary that maps to or from newlines
        raise RuntimeError(f"OpenCC {config} does not convert character by character")
    return converted


@functools.cache
def _tables() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str]]:
    chars = [chr(cp) for cp in _BMP_IDEOGRAPHS]
    t2s = _convert_each("t2s", chars)
    traditional = frozenset(c for c, s in zip(chars, t2s) if s != c)
    # Simplified-only: t2s keeps it, and every s2t flavour changes it. The
    # Taiwan and Hong Kong standards are asked too because s2t alone also
    # "converts" characters that those standards write the mainland way
    # (群 → 羣, 温 → 溫), and Taiwanese pages are full of them.
    changed_by_all = set(chars)
    for config in ("s2t", "s2tw", "s2hk"):
        changed_by_all.intersection_update(
            c for c, t in zip(chars, _convert_each(config, chars)) if t != c
        )
    simplified = frozenset(c for c in changed_by_all if c not in traditional and c not in BOTH_SCRIPTS)
    return traditional, _char_class(traditional), _char_class(simplified)


def _char_class(chars: Iterable[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def is_traditional_only(char: str) -> bool:
    """True for a character that OpenCC ``t2s`` changes on its own."""
    return char in _tables()[0]


@functools.lru_cache(maxsize=4096)
def simplified_form(char: str) -> str:
    return to_simplified(char)


def count_script_chars(text: str) -> tuple[int, int]:
    """(traditional-only, simplified-only) character counts of *text*."""
    _, traditional, simplified = _tables()
    return len(traditional.findall(text)), len(simplified.findall(text))


def classify(traditional: int, simplified: int) -> Script:
    """Name the script of a page from its character counts.

    Neither kind present (Latin text, or only characters both scripts share)
    counts as simplified: that is what the project stores, so nothing needs
    converting.
    """
    minority, majority = sorted((traditional, simplified))
    if minority >= MIXED_MIN_CHARS and majority <= MIXED_MAX_RATIO * minority:
        return "mixed"
    return "traditional" if traditional > simplified else "simplified"


def detect_script(texts: Iterable[str], *, source: Iterable[str] | None = None) -> Script:
    """``classify`` over *texts*, counting no more than the decision needs.

    Counting every match costs several times a scan, and most pages are
    written in one script, so a presence test settles them. When both kinds
    occur, the minority is counted exactly and the majority only until it
    outnumbers the minority ``MIXED_MAX_RATIO`` to one; counts resume where the
    presence test found the first match, or where a smaller count stopped,
    instead of rescanning.

    *texts* may stand in for *source*, the texts whose script is wanted, if
    they hold as many traditional-only and simplified-only characters (the
    normaliser passes a repaired page with its pinyin annotations removed,
    which is half as long to scan); the conversion check below reads *source*.
    """
    _, traditional, simplified = _tables()
    texts = list(texts)
    t_from = _first_matches(traditional, texts)
    s_from = _first_matches(simplified, texts)
    if s_from is None:
        if t_from is None:
            return "simplified"
        # Thin evidence (乾 in 乾隆, which OpenCC keeps in context) is checked
        # against the conversion itself: a page t2s leaves alone is not
        # traditional. The normaliser draws the same conclusion from its own
        # t2s step without this scan.
        if _count(traditional, texts, t_from, MIXED_MIN_CHARS)[0] < MIXED_MIN_CHARS and all(
            to_simplified(t) == t for t in (texts if source is None else source)
        ):
            return "simplified"
        return "traditional"
    if t_from is None:
        return "simplified"
    t, t_at = _count(traditional, texts, t_from, _PROBE)
    # Too few traditional characters for "mixed": only the larger side matters.
    s, s_at = _count(simplified, texts, s_from, _PROBE if t >= MIXED_MIN_CHARS else t + 1)
    if t >= _PROBE and s >= _PROBE:
        t += _count(traditional, texts, t_at)[0]
        s += _count(simplified, texts, s_at)[0]
    elif t >= _PROBE and s >= MIXED_MIN_CHARS:
        t = _count_on(traditional, texts, t_at, t, MIXED_MAX_RATIO * s + 1)
    elif s >= _PROBE and t >= MIXED_MIN_CHARS:
        s = _count_on(simplified, texts, s_at, s, MIXED_MAX_RATIO * t + 1)
    return classify(t, s)


def _first_matches(pattern: re.Pattern[str], texts: list[str]) -> list[int] | None:
    """Where the first match of each text starts (its length if none); None if no text matches."""
    starts = []
    found = False
    for text in texts:
        m = pattern.search(text)
        found = found or m is not None
        starts.append(len(text) if m is None else m.start())
    return starts if found else None


def _count(
    pattern: re.Pattern[str], texts: list[str], starts: list[int], limit: int | None = None
) -> tuple[int, list[int]]:
    """Matches of *pattern* in *texts* from *starts*, or *limit* if there are at least that many.

    Also returns where the count stopped, so that a larger limit can resume
    there instead of counting the same matches again.
    """
    if limit is None:
        n = sum(len(pattern.findall(t, start)) for t, start in zip(texts, starts))
        return n, [len(t) for t in texts]
    n = 0
    for i, (text, start) in enumerate(zip(texts, starts)):
        # On a page written in the class's script the matches are close
        # together, and one match through the next ``_PROBE`` of them costs a
        # quarter of iterating over them. It is tried on a short window so
        # that a sparse class costs no second scan of the page.
        through = _through(pattern.pattern)
        while limit - n >= _PROBE:
            m = through.match(text, start, start + _PROBE_SPAN)
            if m is None:
                break
            n += _PROBE
            start = m.end()
        if n >= limit:
            return n, [len(t) for t in texts[:i]] + [start] + starts[i + 1 :]
        for m in pattern.finditer(text, start):
            n += 1
            if n >= limit:
                return n, [len(t) for t in texts[:i]] + [m.end()] + starts[i + 1 :]
    return n, [len(t) for t in texts]


#: The window ``_through`` is tried on: 8 characters per wanted match.
_PROBE_SPAN = 8 * _PROBE


@functools.cache
def _through(char_class: str) -> re.Pattern[str]:
    """From a position through the ``_PROBE``-th character of *char_class*, in one match."""
    chars = char_class[1:-1]
    return re.compile(f"(?:[^{chars}]*+[{chars}]){{{_PROBE}}}")


def _count_on(
    pattern: re.Pattern[str], texts: list[str], starts: list[int], counted: int, limit: int
) -> int:
    """``_count`` up to *limit* for a count that stopped at *starts* with *counted* matches.

    Only the capped count is wanted here, so ``_PROBE`` more matches settle it
    even when fewer are missing.
    """
    if counted >= limit:
        return limit
    if limit - counted <= _PROBE:
        through = _through(pattern.pattern)
        if any(through.match(text, start, start + _PROBE_SPAN) for text, start in zip(texts, starts)):
            return limit
    return counted + _count(pattern, texts, starts, limit - counted)[0]
