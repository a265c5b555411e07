"""The truth's text rules, and the damage a page may do to it (undone by the pipeline's normaliser).

Every renderer writes article text through :class:`Style`, the one place a page may corrupt the
truth, and only in ways the normaliser reverses (each checked here, so a truth that cannot
round-trip fails the build instead of producing a wrong golden):

* traditional pages: OpenCC ``s2t`` of a text, which must satisfy ``t2s(s2t(x)) == x``;
* ASCII punctuation (T1, like the seed): ``，；！？`` → ``,;!?`` only right after a Han
  character, ``：`` → ``:`` only after a Han character, ``（…）`` → ``(…)`` only around Han-only
  content.

The heading markers (``一、`` level 1, ``（一）`` level 2) are defined here too: the goldens build
sections from them and the templates style those lines.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

import opencc

__all__ = [
    "LEVEL1", "LEVEL2", "Style", "TruthError", "asciify", "attr", "check_clean", "esc", "is_han",
    "is_heading", "restore_punct", "s2t", "t2s",
]


class TruthError(ValueError):
    """The truth data breaks a rule of the extraction contract (raised, never skipped)."""


def is_han(ch: str) -> bool:
    """CJK Unified Ideographs (basic block and extension A)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


_ASCII_FORBIDDEN = re.compile(r"[,;!?()\[\]<>&\"']")
_COLON_OK = re.compile(r"(?<=\d):(?=\d)")


def check_clean(text: str, what: str) -> None:
    """A truth string: trimmed, single inner spaces, no ASCII punctuation a normaliser would touch."""
    if not text:
        raise TruthError(f"{what}: empty string (use None)")
    if text != text.strip() or text != " ".join(text.split()):
        raise TruthError(f"{what}: untrimmed or repeated whitespace: {text!r}")
    if any(c in text for c in "\u3000\xa0\u2003\t\n\r"):
        raise TruthError(f"{what}: non-ASCII whitespace: {text!r}")
    if _ASCII_FORBIDDEN.search(text) or ":" in _COLON_OK.sub("", text):
        raise TruthError(f"{what}: ASCII punctuation in the truth: {text!r}")
    if re.search(r"[，；！？：] ", text):
        # the normaliser lets a converted mark absorb one following space: keep it unambiguous
        raise TruthError(f"{what}: space after CJK punctuation: {text!r}")
    if "\ufffd" in text:
        raise TruthError(f"{what}: replacement character")


_PUNCT_TO_ASCII = {"，": ",", "；": ";", "！": "!", "？": "?"}


def asciify(text: str) -> str:
    """Corrupt full-width punctuation to ASCII the way the seed shows it (reversible subset only)."""
    out: list[str] = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else ""
        if ch in _PUNCT_TO_ASCII and is_han(prev):
            out.append(_PUNCT_TO_ASCII[ch])
        elif ch == "：" and is_han(prev):
            out.append(":")
        else:
            out.append(ch)
    result = "".join(out)
    # （…） around Han-only content becomes (…)
    return re.sub(r"（([\u4e00-\u9fff]+)）", r"(\1)", result)


_CJK_PUNCT = "。、，；：！？”’）》」』】"


def restore_punct(text: str) -> str:
    """The normaliser's side of :func:`asciify`, used here only to self-check the corruption."""
    out: list[str] = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        after_han = is_han(prev) or prev in _CJK_PUNCT
        if ch in ",;!?" and after_han:
            out.append({",": "，", ";": "；", "!": "！", "?": "？"}[ch])
        elif ch == ":" and (is_han(prev) or is_han(nxt)):
            out.append("：")
        else:
            out.append(ch)
    return re.sub(r"\(([\u4e00-\u9fff][^()]*[\u4e00-\u9fff]|[\u4e00-\u9fff])\)", r"（\1）", "".join(out))


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    # Tofu-risk dictionaries off: the sample never needs rare characters either way, and the
    # flag is pinned so the bytes do not depend on the binding's default.
    return opencc.OpenCC(config, include_tofu_risk_dictionaries=False)


def s2t(text: str) -> str:
    return _converter("s2t").convert(text)


def t2s(text: str) -> str:
    return _converter("t2s").convert(text)


@dataclass(frozen=True)
class Style:
    """How one page writes the truth's text."""

    traditional: bool = False
    ascii_punct: bool = False

    def text(self, s: str) -> str:
        """Page form of a truth string (checked to round-trip through the normaliser)."""
        out = s2t(s) if self.traditional else s
        if self.ascii_punct:
            out = asciify(out)
        back = restore_punct(out) if self.ascii_punct else out
        if self.traditional:
            back = t2s(back)
        if back != s:
            raise TruthError(f"corruption does not round-trip: {s!r} → {out!r} → {back!r}")
        return out

    def chrome(self, s: str) -> str:
        """Page form of template chrome (not in the record, so not round-trip checked)."""
        out = s2t(s) if self.traditional else s
        return asciify(out) if self.ascii_punct else out


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def attr(s: str) -> str:
    return html.escape(s, quote=True)


# Section headings: 一、… (level 1) and （一）… (level 2).
LEVEL1 = re.compile(r"^([一二三四五六七八九十])、")
LEVEL2 = re.compile(r"^（([一二三四五六七八九十])）")


def is_heading(text: str) -> bool:
    return bool(LEVEL1.match(text) or LEVEL2.match(text))
