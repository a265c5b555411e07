"""One Han range: what counts as a Chinese character is defined once (charsets.HAN), and the
extraction (crawler/pages) and normalisation rules (pipelines) use it rather than their own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import branchnews.crawler.pages
import branchnews.pipelines
from branchnews.pipelines.normalize.charsets import HAN

SOURCES = sorted([*Path(branchnews.crawler.pages.__file__).parent.rglob("*.py"),
                  *Path(branchnews.pipelines.__file__).parent.rglob("*.py")])
# A range of the basic CJK block spelled out, as an escape or as the characters themselves.
SPELLED_RANGE = re.compile(r"\\u4e00|\\u9fff|\\u9fa5|一-龥|一-鿿")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_second_han_range(path):
    if path.name == "charsets.py":
        return  # the definition itself
    assert not SPELLED_RANGE.search(path.read_text("utf-8")), (
        f"{path.name} spells out a Han range: use branchnews.pipelines.normalize.charsets.HAN")


@pytest.mark.parametrize("char, han", [
    ("中", True), ("一", True), ("鿿", True),  # basic block U+4E00–U+9FFF
    ("㐀", True),  # extension A
    ("𠮷", True), ("𬭎", True),  # supplementary planes (extensions B–G)
    ("豈", True),  # compatibility ideograph U+F900
    ("，", False), ("。", False), ("a", False), ("1", False), ("\u3000", False), ("ぁ", False),
])
def test_han(char, han):
    assert bool(re.fullmatch(f"[{HAN}]", char)) is han
