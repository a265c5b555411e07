"""The comparison rules of the evaluation, as tables (no corpus needed)."""

import pytest

from branchnews.evaluation import scoring


@pytest.mark.parametrize(("text", "folded"), [
    (None, ""),
    ("", ""),
    ("  \n\t", ""),
    ("新华社北京2月29日电", "新华社北京2月29日电"),
    # traditional → simplified (OpenCC t2s)
    ("稱「憂鬱症是不知足」挨轟", "称「忧郁症是不知足」挨轰"),
    ("9年來第1次戰勝詹姆斯", "9年来第1次战胜詹姆斯"),
    # punctuation width: full-width and half-width fold to the same form
    ("外泄？ 中铁总", "外泄?中铁总"),
    ("外泄? 中铁总", "外泄?中铁总"),
    ("证券时报网（记者）", "证券时报网(记者)"),
    ("来源：新华社", "来源:新华社"),
    ("60万\"12306账号\"", "60万\"12306账号\""),
    # full-width ASCII block (digits, letters) folds too; CJK punctuation without a
    # half-width form stays
    ("ＮＢＡ１２３", "NBA123"),
    ("父亲的教诲、关爱。", "父亲的教诲、关爱。"),
    ("“交流、融合、发展”", "“交流、融合、发展”"),
    # middle dots
    ("重庆•西南大学", "重庆·西南大学"),
    ("重庆·西南大学", "重庆·西南大学"),
    ("约翰・史密斯", "约翰·史密斯"),
    # 著/着: t2s leaves 著, branchnews resolves it; both fold to 着
    ("仔細聽著", "仔细听着"),
    ("仔细听着", "仔细听着"),
    # every kind of space goes
    ("是你嗎？ 1-2月期", "是你吗?1-2月期"),
    ("稱\u3000吳宗憲\xa0說\u200b了", "称吴宗宪说了"),
    # ideographs are never width-folded
    ("龍", "龙"),
])
def test_fold(text, folded):
    assert scoring.fold(text) == folded


@pytest.mark.parametrize(("text", "names"), [
    (None, set()),
    ("", set()),
    ("李在山", {"李在山"}),
    ("汤诗瑶、丁涛", {"汤诗瑶", "丁涛"}),
    ("汤诗瑶，丁涛", {"汤诗瑶", "丁涛"}),
    ("汤诗瑶,丁涛;胡永秋；杨光宇/严玉洁／毛梦囡", {"汤诗瑶", "丁涛", "胡永秋", "杨光宇", "严玉洁", "毛梦囡"}),
    # spaces separate names …
    ("罗博 萧海川", {"罗博", "萧海川"}),
    # … except inside a name padded to three characters' width
    ("方 敏", {"方敏"}),
    ("王乐文 方 敏", {"王乐文", "方敏"}),
    ("王乐文、方 敏", {"王乐文", "方敏"}),
    # traditional and width fold per name
    ("范姜佳鈺", {"范姜佳钰"}),
    ("人民网－人民日报", {"人民网-人民日报"}),
    ("人民网-人民日报", {"人民网-人民日报"}),
    # & is not a separator: it is part of how the page writes the credit
    ("叨叨姐、胡一刀&李小飞刀", {"叨叨姐", "胡一刀&李小飞刀"}),
    ("李曦_NN2587", {"李曦_NN2587"}),
    ("、、", set()),
])
def test_name_set(text, names):
    assert scoring.name_set(text) == frozenset(names)


@pytest.mark.parametrize(("got", "expected", "equal"), [
    ("汤诗瑶、丁涛", "汤诗瑶、丁涛", True),
    ("丁涛、汤诗瑶", "汤诗瑶、丁涛", True),       # order does not count
    ("汤诗瑶 丁涛", "汤诗瑶、丁涛", True),
    ("汤诗瑶", "汤诗瑶、丁涛", False),             # a missing name is a miss
    ("汤诗瑶、丁涛、张三", "汤诗瑶、丁涛", False),  # so is an extra one
    ("本报记者 王乐文 方 敏", "王乐文、方敏", False),  # the role is not a name
    ("羅森", "罗森", True),
    ("上报", "上報", True),
    (None, "李在山", False),
    ("", None, True),
])
def test_names_equal(got, expected, equal):
    assert scoring.names_equal(got, expected) is equal


@pytest.mark.parametrize(("value", "key"), [
    (None, None),
    ("", None),
    ("   ", None),
    ("2019-05-18", "2019-05-18"),
    ("2019-06-15T08:18:00+08:00", "2019-06-15"),
    ("2020-02-29 18:34:31", "2020-02-29"),
    ("2020年09月11日 18:05", "2020-09-11"),
    ("2019年9月26日 15:10", "2019-09-26"),
    ("2016年10月14日07:17", "2016-10-14"),
    ("2019/9/26", "2019-09-26"),
    ("2019.09.26", "2019-09-26"),
    ("20190926", "2019-09-26"),
    ("发布时间：2019-05-18 来源：中国地理学会", "2019-05-18"),
    ("2019-13-40", "2019-13-40"),     # not a date: kept, so it never equals a label
    ("昨天", "昨天"),
])
def test_date_key(value, key):
    assert scoring.date_key(value) == key


@pytest.mark.parametrize(("got", "expected", "equal"), [
    ("2019-06-15T08:18:00+08:00", "2019-06-15", True),
    ("2020年09月11日 18:05", "2020-09-11", True),
    ("2019-06-14", "2019-06-15", False),
    (None, "2019-06-15", False),
    (None, None, True),               # a null label is matched by no date …
    ("", None, True),
    ("2019-03-06", None, False),      # … and missed by any date
    ("昨天", None, False),
])
def test_dates_equal(got, expected, equal):
    assert scoring.dates_equal(got, expected) is equal


@pytest.mark.parametrize(("got", "expected", "equal"), [
    ("女儿出嫁，郑板桥画了几笔兰花当嫁妆", "女儿出嫁，郑板桥画了几笔兰花当嫁妆", True),
    ("9年来第1次战胜詹姆斯！NBA历史第二差纪录终结", "9年來第1次戰勝詹姆斯!NBA歷史第二差紀錄終結", True),
    ("是你吗？1-2月期", "是你嗎？ 1-2月期", True),
    ("新闻动态", "2019年中国人文地理学术年会在重庆•西南大学成功举行！", False),
    ("女儿出嫁，郑板桥画了几笔兰花当嫁妆_人民网", "女儿出嫁，郑板桥画了几笔兰花当嫁妆", False),
    (None, None, True),
    (None, "标题", False),
])
def test_titles_equal(got, expected, equal):
    assert scoring.titles_equal(got, expected) is equal


@pytest.mark.parametrize(("text", "sentence", "found"), [
    ("甲。\n益水之阳，是名益阳。\n乙。", "益水之阳，是名益阳。", True),
    ("益水之阳,是名益阳.", "益水之阳，是名益阳。", False),       # 。 and . are different marks
    ("益水之阳, 是名\n益阳。", "益水之阳，是名益阳。", True),     # width, spaces and breaks fold
    ("對於日前吳宗憲稱", "对于日前吴宗宪称", True),
    ("益水之阳", "益水之阳，是名益阳。", False),                 # a part is not the sentence
    ("", "益水之阳。", False),
    (None, "益水之阳。", False),
    ("益水之阳。", "", False),                                   # an empty sentence is never found
])
def test_contains_sentence(text, sentence, found):
    assert scoring.contains_sentence(text, sentence) is found


@pytest.mark.parametrize(("got", "expected", "precision", "recall", "f1"), [
    ("abcd", "abcd", 1.0, 1.0, 1.0),
    ("", "", 1.0, 1.0, 1.0),
    (None, None, 1.0, 1.0, 1.0),
    ("", "abcd", 0.0, 0.0, 0.0),
    ("abcd", "", 0.0, 0.0, 0.0),
    ("wxyz", "abcd", 0.0, 0.0, 0.0),
    # half the label: precision 1, recall 0.5, F1 = 2/3
    ("ab", "abcd", 1.0, 0.5, 2 / 3),
    # twice the label: precision 0.5, recall 1
    ("abcdwxyz", "abcd", 0.5, 1.0, 2 / 3),
    # a bag of characters: order does not count, multiplicity does
    ("dcba", "abcd", 1.0, 1.0, 1.0),
    ("aaaa", "abcd", 0.25, 0.25, 0.25),
    ("aabb", "ab", 0.5, 1.0, 2 / 3),
    # whitespace never counts; traditional and width are folded first
    ("a b\nc d", "abcd", 1.0, 1.0, 1.0),
    ("聽好囉！", "听好啰!", 1.0, 1.0, 1.0),
    # Chinese: one character is one token (3 of 4 right)
    ("中国人民", "中国人大", 0.75, 0.75, 0.75),
])
def test_char_prf(got, expected, precision, recall, f1):
    prf = scoring.char_prf(got, expected)
    assert prf.precision == pytest.approx(precision)
    assert prf.recall == pytest.approx(recall)
    assert prf.f1 == pytest.approx(f1)
    assert scoring.char_f1(got, expected) == pytest.approx(f1)
