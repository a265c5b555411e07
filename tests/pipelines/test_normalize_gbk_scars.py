"""GBK byte scars: rebuilt only where exactly one character fits the bytes and the pinyin."""

import pytest

from branchnews.pipelines.normalize import Normalizer
from branchnews.pipelines.normalize.gbk_scars import repair_scars


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 。現 = A1 A3 | AC 46: "，" (A3 AC) was matched across the boundary.
        pytest.param("充分肯定?,F(xiàn)將", "充分肯定。現將", id="shifted-comma-seed"),
        pytest.param("肯定\ufffd,F(xiàn)將", "肯定。現將", id="shifted-with-replacement-char"),
        # 要務 = D2 AA | 84 D5: 獎 (AA 84) was matched across the boundary.
        pytest.param("第一要?jiǎng)?wù),組織", "第一要務,組織", id="straddle-seed"),
        pytest.param("要\ufffdjiǎng)\ufffdwù)", "要務", id="straddle-with-replacement-char"),
    ],
)
def test_repaired(text, expected):
    assert repair_scars(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("充分肯定?,F(xiàng)將", id="shifted-pinyin-does-not-match-char"),
        pytest.param("肯定?,F將", id="shifted-without-pinyin-no-check"),
        pytest.param("肯定?;F(xiàn)將", id="shifted-other-punctuation-bytes-do-not-fit"),
        pytest.param("要?jiǎng)?shuǐ)", id="straddle-second-reading-wrong"),
        pytest.param("要?yī)?wù)", id="straddle-first-reading-wrong"),
        pytest.param("a?jiǎng)?wù)", id="straddle-no-han-before"),
        pytest.param("€?jiǎng)?wù)", id="straddle-char-before-not-gbk"),
        pytest.param("你好?我很好", id="real-question-mark"),
        pytest.param("What?F(x)", id="latin"),
        pytest.param("", id="empty"),
    ],
)
def test_left_unchanged(text):
    assert repair_scars(text) == text


def test_seed_scars_end_to_end():
    doc = Normalizer().normalize(
        ["當(dāng)前頁(yè)", "給予了充分肯定?,F(xiàn)將我支部", "第一要?jiǎng)?wù),組織會(huì)員"]
    )
    assert doc.texts == ["当前页", "给予了充分肯定。现将我支部", "第一要务，组织会员"]
    assert doc.steps[:3] == ["pinyin", "gbk_scars", "t2s"]


def test_scars_untouched_without_the_artifact():
    # One annotation does not make a farm page, so the "?" is not read as a scar.
    doc = Normalizer().normalize(["肯定?,F(xiàn)將"])
    assert "gbk_scars" not in doc.steps
    assert "F(xiàn)" in doc.texts[0]
