"""Exotic spaces → ASCII space, zero-width characters removed, nothing stripped."""

import pytest

from branchnews.pipelines.normalize import normalize_text
from branchnews.pipelines.normalize.whitespace import normalize_spaces


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("\xa0", " ", id="nbsp-alone-stays-a-space"),
        pytest.param(" ", " ", id="ascii-space-alone"),
        pytest.param("\u3000\u3000第一条", "  第一条", id="ideographic-indent"),
        pytest.param("a\u2002b\u2003c", "a b c", id="en-and-em-space"),
        pytest.param("来源:\xa0\xa0新华社", "来源:  新华社", id="runs-kept-by-default"),
        pytest.param("中\u200b国", "中国", id="zero-width-space"),
        pytest.param("中\u200c\u200d国", "中国", id="zwnj-zwj"),
        pytest.param("中\u2060国", "中国", id="word-joiner"),
        pytest.param("\ufeff标题", "标题", id="bom"),
        pytest.param("\u200b", "", id="only-zero-width"),
        pytest.param("a\tb\nc", "a\tb\nc", id="tab-and-newline-untouched"),
        pytest.param("\u2009", "\u2009", id="thin-space-not-in-the-list"),
        pytest.param("  edges  ", "  edges  ", id="edges-never-stripped"),
    ],
)
def test_normalize_spaces(text, expected):
    assert normalize_spaces(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a  b", "a b", id="run-collapsed"),
        pytest.param("a\xa0\xa0\u3000b", "a b", id="mapped-then-collapsed"),
        pytest.param("   ", " ", id="space-like-fragment-stays-space-like"),
        pytest.param("a\n\nb", "a\n\nb", id="newlines-not-collapsed"),
    ],
)
def test_collapse_option(text, expected):
    assert normalize_spaces(text, collapse=True) == expected


def test_no_nfkc():
    # Full-width digits and letters are the page's, not ours to fold.
    assert normalize_text("（一）１２３ＡＢＣ") == "（一）１２３ＡＢＣ"
