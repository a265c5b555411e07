"""One page in, one normalised page out.

Why the unit is the page and not the string: whether ``(dāng)`` is an
artifact or a teaching text's annotation can only be decided from the whole
page (see ``pinyin``), and the original script is a property of the page.

Why the fragments are joined for the work: each rule then runs once per page
(one OpenCC call, one pass of each regex) instead of once per text node, which
is what keeps the normaliser close to bare OpenCC speed. The separator is a
noncharacter that no rule can match across; if a fragment contains it anyway,
the fragments are processed one by one with the same page-level decisions.

Why the steps are recorded: a researcher must be able to tell a page that was
converted or repaired from one that was stored as fetched.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from . import gbk_scars, pinyin, punctuation, script, whitespace, zhe
from .charsets import FRAGMENT_SEPARATOR

logger = logging.getLogger(__name__)

Target = Literal["simplified", "traditional"]
Step = Literal["pinyin", "gbk_scars", "t2s", "s2t", "zhe", "punctuation", "whitespace"]

#: Every step name, in the order the steps are applied.
STEPS: tuple[Step, ...] = ("pinyin", "gbk_scars", "t2s", "s2t", "zhe", "punctuation", "whitespace")

_CONFIG: dict[str, Literal["t2s", "s2t"]] = {"simplified": "t2s", "traditional": "s2t"}


@dataclass(frozen=True, slots=True)
class NormalizedDocument:
    texts: list[str]
    """The fragments, normalised; same length and order as the input."""

    original_script: script.Script
    """Script of the input before conversion: ``simplified``, ``traditional`` or ``mixed``."""

    steps: list[Step]
    """The steps that changed something, in the order they were applied (see ``STEPS``)."""


class Normalizer:
    """Normalise the text fragments of one page into *target* script.

    *collapse_spaces* also folds runs of spaces inside a fragment into one
    space. It is off by default because the extractor collapses when it joins
    fragments; turn it on when normalising text that no extractor will touch.
    """

    __slots__ = ("target", "collapse_spaces", "_rules")

    def __init__(self, target: Target = "simplified", *, collapse_spaces: bool = False) -> None:
        _check_target(target)
        self.target: Target = target
        self.collapse_spaces = collapse_spaces
        config = _CONFIG[target]
        script.preload(config)
        rules: list[tuple[Step, Callable[[str], str]]] = [(config, functools.partial(script.convert, config))]
        if target == "simplified":
            rules.append(("zhe", zhe.fix_zhe))
        rules.append(("punctuation", punctuation.to_fullwidth))
        rules.append(("whitespace", functools.partial(whitespace.normalize_spaces, collapse=collapse_spaces)))
        self._rules = tuple(rules)

    def __repr__(self) -> str:
        return f"Normalizer(target={self.target!r}, collapse_spaces={self.collapse_spaces!r})"

    def normalize(self, texts: Sequence[str]) -> NormalizedDocument:
        """Normalise *texts*, all text fragments of one page in document order."""
        fragments = _fragments(texts)
        if not fragments:
            return NormalizedDocument([], "simplified", [])
        units, original, steps = self._run([_join(fragments)])
        out = units[0].split(FRAGMENT_SEPARATOR)
        if len(out) == len(fragments):
            return NormalizedDocument(out, original, steps)
        # Some fragment contained the separator itself.
        logger.debug("fragment separator inside a fragment; normalising fragment by fragment")
        units, original, steps = self._run(fragments)
        return NormalizedDocument(units, original, steps)

    def _run(self, units: list[str]) -> tuple[list[str], script.Script, list[Step]]:
        source = scanned = units
        repaired = pinyin.shows_artifact(units)
        rules = _REPAIRS + self._rules if repaired else self._rules
        steps: list[Step] = []
        for step, rule in rules:
            changed = list(map(rule, units))
            if changed != units:
                steps.append(step)
                units = changed
            if step == "pinyin":
                # Removing annotations removes only Latin letters and
                # parentheses, so the script is read from the shorter text.
                scanned = units
        if self.target == "simplified" and not repaired and "t2s" not in steps:
            # Most pages are simplified already. When t2s changed nothing, the
            # page holds no traditional character OpenCC would convert in
            # context, so it is simplified and the scan can be skipped.
            return units, "simplified", steps
        return units, script.detect_script(scanned, source=source), steps


#: Applied only to pages that show the glued-pinyin artifact.
_REPAIRS: tuple[tuple[Step, Callable[[str], str]], ...] = (
    ("pinyin", pinyin.strip_annotations),
    ("gbk_scars", gbk_scars.repair_scars),
)


def _check_target(target: object) -> None:
    if not isinstance(target, str) or target not in _CONFIG:
        raise ValueError(f"target must be 'simplified' or 'traditional', not {target!r}")


def _fragments(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, (str, bytes)):
        raise TypeError("texts must be a sequence of strings (the fragments of one page), not a single string")
    return list(texts)


def _join(fragments: list[str]) -> str:
    try:
        return FRAGMENT_SEPARATOR.join(fragments)
    except TypeError:
        bad = next(f for f in fragments if not isinstance(f, str))
        raise TypeError(f"every fragment must be a str, got {type(bad).__name__}") from None


@functools.cache
def _shared(target: Target) -> Normalizer:
    return Normalizer(target)


def normalize_text(text: str, target: Target = "simplified") -> str:
    """Normalise one string as a one-fragment page."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    _check_target(target)
    return _shared(target).normalize([text]).texts[0]
