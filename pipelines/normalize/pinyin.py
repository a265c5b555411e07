"""Glued pinyin: ``當(dāng)前位置`` → ``當前位置``.

Content farms re-serve mainland news converted to traditional characters, with
the reading of each converted character glued on in ASCII parentheses. The
annotation is noise for every downstream use (search, statistics, reading),
but the same shape is also legitimate text: ``世界卫生组织(WHO)``, ``(2017)``,
``碳(C)``, or a teaching text's ``妈(mā)妈``. Two checks keep those intact:

1. The syllable must be a reading of the character it follows (pypinyin
   heteronyms with tone marks, compared after NFC, case-folded; the reading of
   the character's simplified form counts too, because the farm annotates
   traditional characters with their mainland reading). ``(WHO)`` and ``(C)``
   fail here.
2. The *document* must show the artifact: at least ``MIN_ARTIFACT_ANNOTATIONS``
   valid annotations on traditional-only characters (ones OpenCC ``t2s``
   changes). The farm annotates exactly those, while a teaching text annotates
   simplified characters, so ``妈(mā)妈`` is left alone.

Only then are annotations removed, and only the valid ones.

Why pypinyin is imported lazily and its answers cached per character: nearly
every page fails the cheap ``has_hint`` test (no ``(`` followed by a Latin
letter), so most processes never need pypinyin's dictionaries at all, and the
pages that do repeat the same few hundred characters.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from .charsets import HAN
from .script import is_traditional_only, simplified_form

MIN_ARTIFACT_ANNOTATIONS = 2

#: One pinyin syllable: Latin letters, tone-marked vowels (precomposed or as
#: combining marks), ü/ê and the rare ḿ/ń/ň/ǹ. Longest real syllable is six
#: letters (zhuang); eight leaves room for combining marks.
SYLLABLE = "[a-zA-Z\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff]{1,8}"

_HINT = re.compile("\\([a-zA-Z\u00c0-\u024f]")
# Starts with the literal "(" so that the search runs at C speed; the
# annotated character is captured by the look-behind, outside the match, so
# that removing the match keeps it.
_ANNOTATION = re.compile(f"\\((?<=([{HAN}])\\()({SYLLABLE})\\)")
# The same annotation read backwards (``)gnād(當``), for ``strip_annotations``:
# it starts with the literal ")" (C-speed search, no look-behind) and one group
# holds the character together with the syllable. Annotations cannot overlap
# (only the character is Han), so both directions find the same ones. The
# syllable is possessive (``+``): "(" is not a letter, so giving letters back
# could never let the match succeed, and not trying saves an eighth of the time.
_REVERSED_ANNOTATION = re.compile(f"(\\){SYLLABLE}+\\([{HAN}])")

# Bounds the cache of reversed annotations (distinct annotations, valid or not).
_REPLACEMENTS_MAX = 16384


def has_hint(text: str) -> bool:
    """Cheap pre-test: could *text* contain an annotation at all?"""
    return _HINT.search(text) is not None


@functools.lru_cache(maxsize=8192)
def readings(char: str) -> frozenset[str]:
    """All tone-marked readings of *char* and of its simplified form (NFC, lower case)."""
    from pypinyin import Style, pinyin

    found: set[str] = set()
    for form in {char, simplified_form(char)}:
        for options in pinyin(form, style=Style.TONE, heteronym=True, errors="ignore"):
            found.update(unicodedata.normalize("NFC", r).lower() for r in options)
    return frozenset(found)


@functools.lru_cache(maxsize=16384)
def is_reading(char: str, syllable: str) -> bool:
    return unicodedata.normalize("NFC", syllable).lower() in readings(char)


def shows_artifact(texts: Iterable[str]) -> bool:
    """Do *texts* carry the farm's fingerprint (see the module docstring)?"""
    found = 0
    for text in texts:
        if not has_hint(text):
            continue
        for m in _ANNOTATION.finditer(text):
            if is_traditional_only(m[1]) and is_reading(m[1], m[2]):
                found += 1
                if found >= MIN_ARTIFACT_ANNOTATIONS:
                    return True
    return False


def strip_annotations(text: str) -> str:
    """Remove every annotation that is a reading of its character.

    Call only for a document that shows the artifact (see the module docstring).
    """
    # A farm page has hundreds of annotations but only a few dozen distinct
    # ones, so there is no Python call per annotation: the page is reversed
    # and split once, each annotation (odd pieces) is swapped for its cached
    # replacement by a C-level map, and the pieces are joined and reversed back.
    parts = _REVERSED_ANNOTATION.split(text[::-1])
    if len(parts) == 1:
        return text
    parts[1::2] = map(_REPLACEMENTS.__getitem__, parts[1::2])
    return "".join(parts)[::-1]


class _Replacements(dict[str, str]):
    """Reversed annotation → reversed replacement: its character if valid, else itself."""

    def __missing__(self, reversed_annotation: str) -> str:
        if len(self) >= _REPLACEMENTS_MAX:
            self.clear()
        char, syllable = reversed_annotation[-1], reversed_annotation[-3:0:-1]
        replacement = char if is_reading(char, syllable) else reversed_annotation
        self[reversed_annotation] = replacement
        return replacement


_REPLACEMENTS = _Replacements()

