"""How one extracted value is compared with its label: folding, name sets, dates, body F1.

Everything here is pure and needs no corpus, so the rules are pinned by table tests
(``tests/eval/test_scoring.py``). The same folding is applied to *both* sides of every
comparison, for every tool, so no tool gains from its own normalisation choices:

1. OpenCC ``t2s`` (labels of Taiwanese pages are traditional, branchnews writes simplified);
2. width folding: NFKC on punctuation and symbols only (``，`` → ``,``, ``！`` → ``!``) plus
   the full-width ASCII block, so ``１`` and ``1`` agree, but ideographs are never touched;
3. middle-dot variants (``•`` ``・`` ``‧`` ``∙``) → ``·``, and ``著`` → ``着``: ``t2s`` keeps
   ``著`` because only context tells ``聽著`` (听着) from ``著作``, and a tool that resolves it
   (branchnews's ``zhe`` rule) must not lose points to one that leaves it;
4. all whitespace removed (ASCII, ``\\xa0``, ``\\u3000``, zero-width characters).

The body F1 is a **bag-of-characters** F1 over the folded texts: precision is the share of
the tool's characters that the label also has (counted with multiplicity), recall the share
of the label's characters the tool has. Characters, not words, because Chinese has no spaces
(a ``\\w+`` tokenizer turns a whole clause into one token). A bag ignores order, so it is
cheap (linear) and forgives a paragraph that moved; what it measures is "how much of the
right text, and how little of the wrong text". Both texts empty scores 1.0, one empty 0.0.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import opencc

# Separators between several names in one credit field (as pages and labels write them).
NAME_SEPARATORS = re.compile(r"[、，,;；/／]+")
_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]+")
_DOTS = {"•": "·", "・": "·", "･": "·", "‧": "·", "∙": "·", "⋅": "·"}
_VARIANTS = {**_DOTS, "著": "着"}
_SURROGATES = re.compile("[\ud800-\udfff]")

# "2019-05-18", "2019/5/18", "2019.05.18", "2019年5月18日", with anything after it.
_YMD = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)")


@functools.cache
def _t2s() -> opencc.OpenCC:
    # The flag is passed explicitly: the binding's default turns rare characters into ones
    # most fonts cannot draw (see pipelines/normalize/script.py). Scoring keeps its own
    # converter so that it does not share code with the normaliser it is scoring.
    return opencc.OpenCC("t2s", include_tofu_risk_dictionaries=False)


class _FoldTable(dict):
    """``str.translate`` table built lazily: each character is classified once per process."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in _VARIANTS:
            out = _VARIANTS[char]
        elif 0xFF01 <= code <= 0xFF5E or unicodedata.category(char)[0] in "PS":
            out = unicodedata.normalize("NFKC", char)
            out = _DOTS.get(out, out)
        else:
            out = char
        self[code] = out
        return out


_FOLD = _FoldTable()


def to_simplified(text: str) -> str:
    """OpenCC t2s; lone surrogates (broken pages) become U+FFFD first."""
    return _t2s().convert(_SURROGATES.sub("\ufffd", text))


def fold_width(text: str) -> str:
    """Punctuation/symbol width folding and middle-dot variants; ideographs untouched."""
    return text.translate(_FOLD)


def fold(text: object) -> str:
    """The comparison form of a text: simplified, width-folded, without any whitespace."""
    if not text:
        return ""
    return _SPACES.sub("", fold_width(to_simplified(str(text))))


def _split_spaced(part: str) -> list[str]:
    """Names inside one separator-free part: spaces separate names, except in padded names.

    Chinese bylines pad two-character names to the width of three (``方 敏``), so a run of
    single-character pieces is one name: ``王乐文 方 敏`` → ``王乐文``, ``方敏``.
    """
    pieces = part.split()
    names: list[str] = []
    run = ""
    for piece in pieces:
        if len(piece) == 1:
            run += piece
            continue
        if run:
            names.append(run)
            run = ""
        names.append(piece)
    if run:
        names.append(run)
    return names


def name_set(text: object) -> frozenset[str]:
    """The names of a credit field as a set, each folded: order and separators don't count."""
    if not text:
        return frozenset()
    simplified = _SPACES.sub(" ", fold_width(to_simplified(str(text))))
    names = set()
    for part in NAME_SEPARATORS.split(simplified):
        for name in _split_spaced(part):
            folded = fold(name)
            if folded:
                names.add(folded)
    return frozenset(names)


def names_equal(got: str | None, expected: str | None) -> bool:
    """Same set of names (both empty counts as equal)."""
    return name_set(got) == name_set(expected)


def date_key(value: object) -> str | None:
    """``YYYY-MM-DD`` from a tool's date value; None when it gave none.

    A value that holds no recognisable date is returned stripped, so it never equals a label
    and still counts as "the tool gave a date".
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    for pattern in (_YMD, _COMPACT):
        m = pattern.search(text)
        if m:
            year, month, day = int(m[1]), int(m[2]), int(m[3])
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return text


def dates_equal(got: object, expected: str | None) -> bool:
    """Same calendar day; a label of null is matched only by no date at all."""
    return date_key(got) == date_key(expected)


def titles_equal(got: str | None, expected: str | None) -> bool:
    """Exact title after folding (both absent counts as equal)."""
    return fold(got) == fold(expected)


def contains_sentence(text: str | None, sentence: str | None) -> bool:
    """The folded sentence occurs in the folded text (an empty sentence is never found)."""
    needle = fold(sentence)
    return bool(needle) and needle in fold(text)


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float


def char_prf(got: str | None, expected: str | None) -> PRF:
    """Bag-of-characters precision, recall and F1 of *got* against *expected*, both folded."""
    g, e = Counter(fold(got)), Counter(fold(expected))
    if not g and not e:
        return PRF(1.0, 1.0, 1.0)
    if not g or not e:
        return PRF(0.0, 0.0, 0.0)
    overlap = sum((g & e).values())
    precision = overlap / sum(g.values())
    recall = overlap / sum(e.values())
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return PRF(precision, recall, f1)


def char_f1(got: str | None, expected: str | None) -> float:
    return char_prf(got, expected).f1
