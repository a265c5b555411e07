"""OpenCC conversion (one converter per config, no tofu) and the original-script classification."""

import inspect

import opencc
import pytest

from branchnews.pipelines.normalize import Normalizer, script


def test_binding_signature_has_the_tofu_flag():
    parameters = inspect.signature(opencc.OpenCC).parameters
    assert "include_tofu_risk_dictionaries" in parameters
    # The binding's default is the risky one, which is why we pass the flag.
    assert parameters["include_tofu_risk_dictionaries"].default is True


def test_converter_is_built_with_tofu_risk_off(monkeypatch):
    calls = []
    real = opencc.OpenCC

    def spy(*args, **kwargs):
        calls.append((args, kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(script.opencc, "OpenCC", spy)
    script.converter.cache_clear()
    try:
        script.converter("t2s")
    finally:
        script.converter.cache_clear()
    assert calls == [(("t2s",), {"include_tofu_risk_dictionaries": False})]


@pytest.mark.parametrize(
    ("text", "ours", "binding_default"),
    [pytest.param("㑮", "㑮", "𫝈", id="rare-char-not-turned-into-tofu")],
)
def test_tofu_behaviour_pinned(text, ours, binding_default):
    assert script.to_simplified(text) == ours
    assert opencc.OpenCC("t2s").convert(text) == binding_default


@pytest.mark.parametrize("config", ["t2s", "s2t"])
def test_one_converter_per_config(config, monkeypatch):
    assert script.converter(config) is script.converter(config)
    built = []
    monkeypatch.setattr(script.opencc, "OpenCC", lambda *a, **k: built.append(a))
    Normalizer(target="simplified" if config == "t2s" else "traditional").normalize(["當前頁"])
    assert built == []  # normalisers reuse the process-wide converter


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("當前位置：首頁", "当前位置：首页", id="basic"),
        pytest.param("當\ud800頁", "当\ud800页", id="lone-surrogate-passes-through"),
        pytest.param("乾隆皇帝", "乾隆皇帝", id="phrase-keeps-qian"),
        pytest.param("乾淨", "干净", id="phrase-converts-qian"),
        pytest.param("藉口", "借口", id="variant-in-simplified-text"),
        pytest.param("这是简体", "这是简体", id="already-simplified"),
        pytest.param("Hello 2017", "Hello 2017", id="latin-untouched"),
    ],
)
def test_to_simplified(text, expected):
    assert script.to_simplified(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("当前位置：首页", "當前位置：首頁", id="basic"),
        pytest.param("皇后", "皇后", id="phrase-keeps-hou"),
        pytest.param("以后", "以後", id="phrase-converts-hou"),
    ],
)
def test_to_traditional(text, expected):
    assert script.to_traditional(text) == expected


@pytest.mark.parametrize(
    ("char", "expected"),
    [
        pytest.param("當", True, id="dang"),
        pytest.param("國", True, id="guo"),
        pytest.param("当", False, id="simplified"),
        pytest.param("中", False, id="shared"),
        pytest.param("著", False, id="zhu-kept-by-t2s"),
        pytest.param("a", False, id="latin"),
    ],
)
def test_is_traditional_only(char, expected):
    assert script.is_traditional_only(char) is expected


@pytest.mark.parametrize(
    ("traditional", "simplified", "expected"),
    [
        pytest.param(0, 0, "simplified", id="neither-counts-as-simplified"),
        pytest.param(40, 0, "traditional", id="only-traditional"),
        pytest.param(0, 40, "simplified", id="only-simplified"),
        pytest.param(40, 2, "traditional", id="two-strays-are-noise"),
        pytest.param(2, 40, "simplified", id="two-strays-are-noise-other-way"),
        pytest.param(2, 2, "simplified", id="tiny-tie-below-min-count"),
        pytest.param(1, 0, "traditional", id="single-traditional-char"),
        pytest.param(3, 27, "mixed", id="min-count-and-ratio-9-to-1"),
        pytest.param(3, 28, "simplified", id="ratio-just-above-9-to-1"),
        pytest.param(28, 3, "traditional", id="ratio-just-above-9-to-1-other-way"),
        pytest.param(20, 20, "mixed", id="even"),
    ],
)
def test_classify_thresholds(traditional, simplified, expected):
    assert script.classify(traditional, simplified) == expected


# 19 traditional-only characters, and 16 simplified-only ones.
TAIWAN = "這是臺灣的新聞報導，記者在現場採訪了許多民眾，大家對這個問題都很關心。"
MAINLAND = "这是大陆的新闻报道，记者在现场采访了许多民众，大家对这个问题都很关心。"


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        pytest.param([TAIWAN], "traditional", id="traditional-page"),
        pytest.param([MAINLAND], "simplified", id="simplified-page"),
        pytest.param(["Hello, world 2017"], "simplified", id="no-chinese"),
        pytest.param(["中文"], "simplified", id="shared-chars-only"),
        pytest.param([TAIWAN, MAINLAND], "mixed", id="half-and-half"),
        pytest.param([TAIWAN * 5, "这个"], "traditional", id="traditional-with-stray-simplified"),
        pytest.param([MAINLAND * 5, "乾隆"], "simplified", id="simplified-with-stray-traditional"),
        pytest.param(["這個这"], "traditional", id="two-traditional-beat-one-simplified"),
        pytest.param(["這这个"], "simplified", id="two-simplified-beat-one-traditional"),
        pytest.param(["乾隆皇帝"], "simplified", id="char-opencc-keeps-in-context-is-not-evidence"),
        pytest.param(["乾淨"], "traditional", id="same-char-converted-in-context-is-evidence"),
        pytest.param(["台灣的皇后住在公里外，他才只有一個"], "traditional",
                     id="chars-both-scripts-use-are-not-simplified-evidence"),
        pytest.param(["臺灣的族群很多元，溫度很高"], "traditional", id="taiwan-standard-群-温"),
        pytest.param([TAIWAN * 4, MAINLAND * 3], "mixed", id="many-of-both-76-to-48"),
        pytest.param([TAIWAN * 8, MAINLAND], "traditional", id="bounded-count-152-to-16-above-9-to-1"),
        pytest.param([TAIWAN * 7, MAINLAND], "mixed", id="bounded-count-133-to-16-within-9-to-1"),
        pytest.param([TAIWAN * 7, MAINLAND * 2], "mixed", id="bounded-count-133-to-32-within-9-to-1"),
        pytest.param([TAIWAN * 8, "这个问题"], "traditional", id="minority-below-min-count"),
        pytest.param(["這" * 50 + "这" * 5], "traditional", id="dense-50-to-5-above-9-to-1"),
        pytest.param(["這" * 40, "这" * 5], "mixed", id="dense-40-to-5-within-9-to-1"),
        pytest.param(["這0123456789" * 50 + "这" * 5], "traditional", id="sparse-50-to-5-above-9-to-1"),
        pytest.param(["這0123456789" * 40 + "这" * 5], "mixed", id="sparse-40-to-5-within-9-to-1"),
        pytest.param([], "simplified", id="no-fragments"),
    ],
)
def test_detect_script(texts, expected):
    assert script.detect_script(texts) == expected


def test_detect_script_counts_a_stand_in_but_converts_the_source():
    # The stand-in holds the same script characters; the conversion check of
    # thin evidence reads the source, where OpenCC sees 乾 in context.
    assert script.detect_script(["乾淨"], source=["乾淨"]) == "traditional"
    assert script.detect_script(["乾淨"], source=["乾隆"]) == "simplified"
    assert script.detect_script(["乾隆"], source=["乾淨"]) == "traditional"
