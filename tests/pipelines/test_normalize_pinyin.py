"""Glued pinyin: removed only on pages that show the farm's artifact, only where it is a reading."""

import pytest

from branchnews.pipelines.normalize import normalize_text
from branchnews.pipelines.normalize.pinyin import has_hint, is_reading, shows_artifact, strip_annotations


@pytest.mark.parametrize(
    ("char", "syllable", "expected"),
    [
        pytest.param("當", "dāng", True, id="traditional-char-own-reading"),
        pytest.param("當", "dàng", True, id="heteronym-second-reading"),
        pytest.param("當", "DĀNG", True, id="case-folded"),
        pytest.param("當", "da\u0304ng", True, id="decomposed-tone-mark-nfc"),
        pytest.param("頁", "yè", True, id="ye"),
        pytest.param("為", "wéi", True, id="wei2"),
        pytest.param("為", "wèi", True, id="wei4"),
        pytest.param("嚮", "xiàng", True, id="reading-via-simplified-form"),
        pytest.param("頁", "ye", False, id="toneless-is-not-a-reading"),
        pytest.param("當", "dang", True, id="neutral-tone-reading-listed-by-pypinyin"),
        pytest.param("當", "yè", False, id="other-chars-reading"),
        pytest.param("碳", "C", False, id="chemical-symbol"),
        pytest.param("织", "WHO", False, id="acronym"),
    ],
)
def test_is_reading(char, syllable, expected):
    assert is_reading(char, syllable) is expected


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        pytest.param(["當(dāng)前頁(yè)"], True, id="two-traditional-annotations"),
        pytest.param(["當(dāng)前", "首頁(yè)"], True, id="counted-across-fragments"),
        pytest.param(["當(dāng)前位置"], False, id="one-annotation-is-not-enough"),
        pytest.param(["妈(mā)妈", "爸(bà)爸"], False, id="teaching-text-simplified-chars"),
        pytest.param(["小明(xiǎo míng)"], False, id="two-syllables-with-space"),
        pytest.param(["時(shi)間頁(ye)"], False, id="toneless-not-valid"),
        pytest.param(["碳(C)氫(H)"], False, id="chemical-symbols"),
        pytest.param(["世界卫生组织(WHO)", "(2017)"], False, id="acronym-and-year"),
        pytest.param([], False, id="empty-page"),
    ],
)
def test_shows_artifact(texts, expected):
    assert shows_artifact(texts) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("當(dāng)前位置", "當前位置", id="one"),
        pytest.param("發(fā)布時(shí)間:", "發布時間:", id="adjacent"),
        pytest.param("當(dāng)前(xyz)碳(C)", "當前(xyz)碳(C)", id="non-readings-kept"),
        pytest.param("妈(mā)妈", "妈妈", id="valid-on-simplified-char-removed-once-artifact-known"),
        pytest.param("(dāng)", "(dāng)", id="no-char-before"),
        pytest.param("a(dāng)", "a(dāng)", id="latin-char-before"),
        pytest.param("當(dāng)\ufdd0(yè)", "當\ufdd0(yè)", id="does-not-reach-across-fragments"),
        pytest.param("沒有注音", "沒有注音", id="nothing-to-do"),
        pytest.param("當(da\u0304ng)前", "當前", id="decomposed-tone-mark"),
        pytest.param("當(DĀNG)前", "當前", id="upper-case"),
        pytest.param("當((dāng)", "當((dāng)", id="parenthesis-before-is-not-a-char"),
        pytest.param("當(dāng)(dāng)", "當(dāng)", id="second-follows-a-parenthesis"),
        pytest.param("當(dangdangd)", "當(dangdangd)", id="nine-letters-too-long"),
        pytest.param("𠀀(a)當(dāng)", "𠀀(a)當", id="supplementary-han-no-reading"),
        pytest.param("會(huì)會(huì)會(hui)", "會會會(hui)", id="repeated-annotation-and-invalid-twin"),
    ],
)
def test_strip_annotations(text, expected):
    assert strip_annotations(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("當(dāng)前頁(yè)", "当前页", id="artifact-page-cleaned"),
        pytest.param("世界卫生组织(WHO)", "世界卫生组织(WHO)", id="who-untouched"),
        pytest.param("(2017)", "(2017)", id="year-untouched"),
        pytest.param("碳(C)", "碳(C)", id="chemical-symbol-untouched"),
        pytest.param("小明(xiǎo míng)", "小明(xiǎo míng)", id="teaching-name-untouched"),
        pytest.param("妈(mā)妈", "妈(mā)妈", id="teaching-char-untouched"),
        pytest.param("妈(mā)妈爸(bà)爸", "妈(mā)妈爸(bà)爸", id="teaching-text-untouched"),
        pytest.param("當(dāng)前位置", "当(dāng)前位置", id="single-annotation-untouched"),
    ],
)
def test_end_to_end(text, expected):
    assert normalize_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("當(dāng)", True, id="pinyin"),
        pytest.param("(WHO)", True, id="any-latin-letter"),
        pytest.param("(2017)", False, id="digit"),
        pytest.param("（一）", False, id="fullwidth"),
        pytest.param("纯中文", False, id="no-paren"),
    ],
)
def test_has_hint(text, expected):
    assert has_hint(text) is expected

