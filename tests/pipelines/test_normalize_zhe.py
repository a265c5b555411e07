"""著 → 着 where t2s keeps 著, and 著 kept where it is zhù."""

import pytest

from branchnews.pipelines.normalize import normalize_text
from branchnews.pipelines.normalize.zhe import fix_zhe


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("有著鲜明特点", "有着鲜明特点", id="you-zhe"),
        pytest.param("随著发展", "随着发展", id="sui-zhe"),
        pytest.param("伴随著", "伴随着", id="bansui-zhe"),
        pytest.param("意味著", "意味着", id="yiwei-zhe"),
        pytest.param("接著说", "接着说", id="jie-zhe"),
        pytest.param("为著人民", "为着人民", id="wei-zhe"),
        pytest.param("沿著河边", "沿着河边", id="yan-zhe"),
        pytest.param("看著我", "看着我", id="kan-zhe"),
        pytest.param("带著问题", "带着问题", id="dai-zhe"),
        pytest.param("朝著目标", "朝着目标", id="chao-zhe"),
        pytest.param("本著原则", "本着原则", id="ben-zhe"),
        pytest.param("存在著问题", "存在着问题", id="cunzai-zhe"),
        pytest.param("围绕著中心", "围绕着中心", id="weirao-zhe"),
        pytest.param("有著重要意义", "有着重要意义", id="you-zhe-then-zhong"),
        pytest.param("著急", "着急", id="zhaoji"),
        pytest.param("著手", "着手", id="zhuoshou"),
        pytest.param("为大家著想", "为大家着想", id="zhuoxiang"),
    ],
)
def test_becomes_zhe(text, expected):
    assert fix_zhe(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("著名", id="zhuming"),
        pytest.param("著作", id="zhuzuo"),
        pytest.param("显著", id="xianzhu"),
        pytest.param("卓著", id="zhuozhu"),
        pytest.param("著称", id="zhucheng"),
        pytest.param("名著", id="mingzhu"),
        pytest.param("土著居民", id="tuzhu"),
        pytest.param("他有著作三部", id="you-zhuzuo"),
        pytest.param("本著作", id="ben-zhuzuo"),
        pytest.param("随著名专家", id="sui-zhuming"),
        pytest.param("效果显著重要", id="xianzhu-then-zhong"),
        pytest.param("没有这个字", id="no-zhu"),
    ],
)
def test_keeps_zhu(text):
    assert fix_zhe(text) == text


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        pytest.param("有著鮮明", "simplified", "有着鲜明", id="after-t2s"),
        pytest.param("隨著", "simplified", "随着", id="traditional-sui"),
        pytest.param("顯著", "simplified", "显著", id="traditional-xianzhu"),
        pytest.param("有著鮮明", "traditional", "有著鮮明", id="not-for-traditional-target"),
    ],
)
def test_end_to_end(text, target, expected):
    assert normalize_text(text, target=target) == expected
