"""The public API: one page of fragments in, normalised fragments + script + steps out."""

import re
from pathlib import Path

import pytest

import branchnews.pipelines.normalize as normalize
from branchnews.pipelines.normalize import NormalizedDocument, Normalizer, normalize_text

DATA = Path(__file__).parent / "data"
SEED = "000_2d896b80177dcbe6"


def _comparable(lines):
    """The extractor's view: stripped, blank lines dropped, inner runs of whitespace collapsed."""
    return [re.sub(r"\s+", " ", line.strip()) for line in lines if line.strip()]


def _seed():
    raw = (DATA / f"{SEED}.txt").read_text(encoding="utf-8").split("\n")
    expected = (DATA / f"{SEED}.expected.txt").read_text(encoding="utf-8").split("\n")
    return raw, expected


def test_seed_golden():
    raw, expected = _seed()
    doc = Normalizer(target="simplified").normalize(raw)
    assert len(doc.texts) == len(raw)
    assert _comparable(doc.texts) == _comparable(expected)
    assert doc.original_script == "traditional"
    assert doc.steps == ["pinyin", "gbk_scars", "t2s", "zhe", "punctuation", "whitespace"]


def test_seed_golden_with_collapse_option():
    raw, expected = _seed()
    doc = Normalizer(collapse_spaces=True).normalize(raw)
    assert [line.strip() for line in doc.texts if line.strip()] == [
        line.strip() for line in expected if line.strip()
    ]


def test_seed_to_traditional_keeps_script_and_removes_artifact():
    raw, _ = _seed()
    doc = Normalizer(target="traditional").normalize(raw)
    text = "\n".join(doc.texts)
    assert doc.steps[:2] == ["pinyin", "gbk_scars"]
    assert "zhe" not in doc.steps and "t2s" not in doc.steps
    assert "當前位置：首頁" in text
    assert "肯定。現將" in text and "第一要務，組織" in text
    assert "(dāng)" not in text and "?" not in text


@pytest.mark.parametrize(
    ("target", "texts", "expected"),
    [
        pytest.param("simplified", ["當(dāng)前位置: ", "首頁(yè)"], ["当前位置： ", "首页"],
                     id="breadcrumb-fragments"),
        pytest.param("simplified", ["發(fā)布時(shí)間:2017-09-14\xa0\xa0來(lái)源:"],
                     ["发布时间：2017-09-14  来源："], id="meta-line"),
        pytest.param("simplified", [" ", "\xa0", "\u3000"], [" ", " ", " "], id="space-like-fragments-stay"),
        pytest.param("simplified", ["", "中文", ""], ["", "中文", ""], id="empty-fragments-kept-in-place"),
        pytest.param("traditional", ["当前位置：首页"], ["當前位置：首頁"], id="to-traditional"),
        pytest.param("simplified", ["中\ufdd0文", "國"], ["中\ufdd0文", "国"], id="separator-inside-a-fragment"),
    ],
)
def test_fragments(target, texts, expected):
    assert Normalizer(target=target).normalize(texts).texts == expected


@pytest.mark.parametrize(
    ("texts", "steps"),
    [
        pytest.param(["这是简体中文。"], [], id="clean-simplified-page-no-steps"),
        pytest.param(["這是繁體"], ["t2s"], id="conversion-only"),
        pytest.param(["有著鮮明"], ["t2s", "zhe"], id="zhe-after-t2s"),
        pytest.param(["有著"], ["zhe"], id="zhe-without-conversion"),
        pytest.param(["中文,\xa0\xa0中文"], ["punctuation", "whitespace"], id="punctuation-before-whitespace"),
        pytest.param(["中文\u200b"], ["whitespace"], id="whitespace-only"),
        pytest.param(["當(dāng)前頁(yè)"], ["pinyin", "t2s"], id="pinyin-then-t2s"),
    ],
)
def test_steps_record_what_changed_in_order(texts, steps):
    assert Normalizer().normalize(texts).steps == steps


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        pytest.param(["這是臺灣的新聞，記者採訪了民眾"], "traditional", id="traditional"),
        pytest.param(["这是大陆的新闻，记者采访了民众"], "simplified", id="simplified"),
        pytest.param(["Hello"], "simplified", id="neither"),
        pytest.param([], "simplified", id="empty-page"),
        pytest.param(["乾隆皇帝"], "simplified", id="kept-in-context-same-for-both-targets"),
        pytest.param(["這是臺灣的新聞，記者採訪了民眾", "这是大陆的新闻，记者采访了民众"], "mixed", id="mixed"),
    ],
)
def test_original_script_is_of_the_input(texts, expected):
    for target in ("simplified", "traditional"):
        assert Normalizer(target=target).normalize(texts).original_script == expected


def test_result_type():
    doc = Normalizer().normalize(("當前",))
    assert isinstance(doc, NormalizedDocument)
    assert doc == NormalizedDocument(texts=["当前"], original_script="traditional", steps=["t2s"])
    with pytest.raises(AttributeError):
        doc.texts = []  # frozen


@pytest.mark.parametrize("target", ["Simplified", "zh-cn", "t2s", "", None, ["simplified"]])
def test_bad_target(target):
    with pytest.raises(ValueError, match="target"):
        Normalizer(target=target)
    with pytest.raises(ValueError, match="target"):
        normalize_text("中文", target=target)


@pytest.mark.parametrize(
    "texts",
    [
        pytest.param("一个字符串", id="single-string"),
        pytest.param(b"bytes", id="bytes"),
        pytest.param(["ok", 3], id="non-string-fragment"),
        pytest.param(["ok", None], id="none-fragment"),
    ],
)
def test_wrong_input_type(texts):
    with pytest.raises(TypeError):
        Normalizer().normalize(texts)


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        pytest.param("當(dāng)前頁(yè)", "simplified", "当前页", id="simplified"),
        pytest.param("当前页", "traditional", "當前頁", id="traditional"),
        pytest.param("\xa0", "simplified", " ", id="space"),
    ],
)
def test_normalize_text(text, target, expected):
    assert normalize_text(text, target=target) == expected


def test_normalize_text_rejects_non_string():
    with pytest.raises(TypeError):
        normalize_text(["a"])


def test_public_surface():
    assert set(normalize.__all__) == {"Normalizer", "NormalizedDocument", "normalize_text", "STEPS"}
    assert normalize.STEPS == ("pinyin", "gbk_scars", "t2s", "s2t", "zhe", "punctuation", "whitespace")


def test_repr():
    assert repr(Normalizer("traditional")) == "Normalizer(target='traditional', collapse_spaces=False)"
