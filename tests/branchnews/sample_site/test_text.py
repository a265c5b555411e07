"""text.py: the truth's rules and the only corruptions a page may make (each must round-trip)."""

from __future__ import annotations

import pytest

from branchnews.sample_site.text import Style, TruthError, asciify, check_clean, restore_punct, t2s


@pytest.mark.parametrize(
    "truth, page",
    [
        ("支部工作，提高效率：一是机制；二是活动！对吗？", "支部工作,提高效率:一是机制;二是活动!对吗?"),
        ("颁发证书（共六十三份）。", "颁发证书(共六十三份)。"),
        ("（三）构建亲清政商关系", "(三)构建亲清政商关系"),
        ("2015年4月，“优秀提案奖”，QQ群。", "2015年4月,“优秀提案奖”，QQ群。"),
        ("时间（2017）", "时间（2017）"),  # not Han-only inside: left full-width
    ],
)
def test_asciify_round_trips(truth, page):
    assert asciify(truth) == page
    assert restore_punct(page) == truth


@pytest.mark.parametrize(
    "text",
    ["", " 前导空格", "两个  空格", "ASCII, comma", "括号(内容)", "冒号:后面", "逗号， 后有空格", "全角\u3000空格"],
)
def test_check_clean_rejects(text):
    with pytest.raises(TruthError):
        check_clean(text, "case")


def test_traditional_page_text_must_round_trip():
    style = Style(traditional=True)
    assert t2s(style.text("民进石家庄市委会召开全委会")) == "民进石家庄市委会召开全委会"
    with pytest.raises(TruthError):
        style.text("藉口")  # s2t keeps 藉, t2s turns it into 借
