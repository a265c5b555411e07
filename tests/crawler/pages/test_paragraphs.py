"""The body's paragraphs (crawler/pages/paragraphs.py): deck, repeats and credit lines dropped."""

from __future__ import annotations

import pytest

from branchnews.crawler.pages.paragraphs import _drop_deck, _drop_repeats, without_credits

BODY = "近日，民盟云州市委召开全体会议，传达学习全会精神，部署下一阶段工作。"


@pytest.mark.parametrize("texts, title, expected", [
    (["民盟云州市委召开全体会议", "传达学习全会精神", BODY], "民盟云州市委召开全体会议", [BODY]),
    ([BODY], "民盟云州市委召开全体会议", [BODY]),  # a sentence is not a deck
    (["另一个标题", BODY], "民盟云州市委召开全体会议", ["另一个标题", BODY]),
    (["民盟云州市委召开全体会议"], "民盟云州市委召开全体会议", ["民盟云州市委召开全体会议"]),  # nothing after it
    ([BODY], None, [BODY]),
], ids=["deck", "prose", "other heading", "deck only", "no title"])
def test_drop_deck(texts, title, expected):
    assert _drop_deck(texts, title) == expected


@pytest.mark.parametrize("texts, expected", [
    (["传达学习全会精神部署工作", BODY.replace("，传达", "。传达学习全会精神部署工作")],
     [BODY.replace("，传达", "。传达学习全会精神部署工作")]),  # the summary copy goes
    (["短句", "短句在后文也有"], ["短句", "短句在后文也有"]),  # under 12 characters: kept
])
def test_drop_repeats(texts, expected):
    assert _drop_repeats(texts) == expected


@pytest.mark.parametrize("texts, expected", [
    (["记者 张三", BODY], [BODY]),  # a byline line
    ([BODY, "（民革某支部 李四）"], [BODY]),  # a closing credit
    ([BODY, BODY, BODY, "（民革某支部 李四）", BODY, BODY, BODY], [BODY] * 3 + ["（民革某支部 李四）"] + [BODY] * 3),
], ids=["byline", "closing credit", "credit-like line mid-body kept"])
def test_without_credits(texts, expected):
    assert without_credits(texts) == expected
