"""ASCII punctuation in Chinese text → full width; English, numbers, times and URLs untouched."""

import pytest

from branchnews.pipelines.normalize.punctuation import to_fullwidth


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("创新,将", "创新，将", id="comma-after-han"),
        pytest.param("学习;工作", "学习；工作", id="semicolon"),
        pytest.param("好!", "好！", id="exclamation"),
        pytest.param("是吗?", "是吗？", id="question"),
        pytest.param("中国?!", "中国？！", id="run-of-marks"),
        pytest.param("“你好”,他说", "“你好”，他说", id="comma-after-cjk-quote"),
        pytest.param("（一）,", "（一），", id="comma-after-fullwidth-paren"),
        pytest.param("中国, 美国", "中国，美国", id="comma-absorbs-own-space"),
        pytest.param("中国,  美国", "中国， 美国", id="only-one-space-absorbed"),
        pytest.param("时间:2017-09-14", "时间：2017-09-14", id="colon-after-han"),
        pytest.param("Note:中文", "Note：中文", id="colon-before-han"),
        pytest.param("位置: 首页", "位置：首页", id="colon-absorbs-own-space"),
        pytest.param("作者:     责任编辑", "作者：    责任编辑", id="layout-gap-keeps-rest"),
        pytest.param("他说:“好”", "他说：“好”", id="colon-before-quote"),
        pytest.param("(一)", "（一）", id="parens-around-numeral"),
        pytest.param("(记者 张三)", "（记者 张三）", id="parens-byline"),
        pytest.param("(2017年)", "（2017年）", id="parens-mixed-content"),
        pytest.param("来源:http://x.cn/a", "来源：http://x.cn/a", id="label-before-url"),
        pytest.param("(中(文)", "(中（文）", id="unbalanced-only-inner-pair"),
    ],
)
def test_converted(text, expected):
    assert to_fullwidth(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a, b", id="latin-list"),
        pytest.param("Hello, world", id="english"),
        pytest.param("1,000", id="thousands"),
        pytest.param("10:30", id="time"),
        pytest.param("3:2", id="ratio"),
        pytest.param("http://x.cn/a?b=1", id="url"),
        pytest.param("(2017)", id="year-in-parens"),
        pytest.param("(WHO)", id="acronym-in-parens"),
        pytest.param("碳(C)", id="symbol-in-parens"),
        pytest.param("小明(xiǎo míng)", id="pinyin-in-parens"),
        pytest.param("3.14", id="decimal-point"),
        pytest.param("中国.", id="period-never-changed"),
        pytest.param('他说"好"', id="straight-quotes-left-alone"),
    ],
)
def test_untouched(text):
    assert to_fullwidth(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("位置, ", "位置， ", id="trailing-space-is-the-fragments"),
        pytest.param("位置: ", "位置： ", id="trailing-space-after-colon"),
        pytest.param("位置,\ufdd0 x", "位置，\ufdd0 x", id="space-after-separator-belongs-to-next"),
        pytest.param("位置, \n下一行", "位置， \n下一行", id="space-before-newline-kept"),
        pytest.param("位置,\xa0首页", "位置，首页", id="nbsp-counts-as-own-space"),
    ],
)
def test_own_space_only_inside_a_line(text, expected):
    assert to_fullwidth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("中\ufdd0,a", "中\ufdd0,a", id="comma-not-converted-across-fragments"),
        pytest.param("中\ufdd0:30", "中\ufdd0:30", id="colon-not-converted-across-fragments"),
        pytest.param("(中\ufdd0)", "(中\ufdd0)", id="parens-not-paired-across-fragments"),
    ],
)
def test_fragments_are_independent(text, expected):
    assert to_fullwidth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("一,二,三,四", "一，二，三，四", id="every-comma-plain"),
        pytest.param("一,二,1,000,三", "一，二，1,000,三", id="commas-after-digits"),
        pytest.param("一,二, 三,四", "一，二，三，四", id="one-comma-takes-a-space"),
        pytest.param(",一,二", ",一，二", id="comma-at-start"),
        pytest.param("是吗?!好!", "是吗？！好！", id="run-beside-plain-marks"),
    ],
)
def test_many_marks_some_left_alone(text, expected):
    assert to_fullwidth(text) == expected
