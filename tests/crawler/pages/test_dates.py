import pytest
from datetime import date

from branchnews.crawler.pages.dates import cn_number, date_from_url, find_dates, parse_iso_like

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize("text, iso, raw", [
    ("2017-09-14", "2017-09-14", "2017-09-14"),
    ("发布时间:2017-9-14", "2017-09-14", "2017-9-14"),
    ("2017/09/14/10:20", "2017-09-14T10:20:00+08:00", "2017/09/14/10:20"),
    ("2017-09-14 10:20", "2017-09-14T10:20:00+08:00", "2017-09-14 10:20"),
    ("2019-11-13 15:17:57", "2019-11-13T15:17:57+08:00", "2019-11-13 15:17:57"),
    ("2017.09.14", "2017-09-14", "2017.09.14"),
    ("[2017-9-14]", "2017-09-14", "2017-9-14"),
    ("2017年09月14日 10:20 | 作者", "2017-09-14T10:20:00+08:00", "2017年09月14日 10:20"),
    ("2017年9月14日", "2017-09-14", "2017年9月14日"),
    ("2017年9月14日10时20分", "2017-09-14T10:20:00+08:00", "2017年9月14日10时20分"),
    ("2023年5月1日 13时30分", "2023-05-01T13:30:00+08:00", "2023年5月1日 13时30分"),
    ("二〇一七年九月十四日", "2017-09-14", "二〇一七年九月十四日"),
    ("二○一七年九月十二日", "2017-09-12", "二○一七年九月十二日"),
    ("二零一七年十二月三十一日", "2017-12-31", "二零一七年十二月三十一日"),
    ("12:11来源：证券时报网 2020-01-02", "2020-01-02", "2020-01-02"),
], ids=lambda v: v if isinstance(v, str) and len(v) < 24 else None)
def test_first_date(text, iso, raw):
    found = find_dates(text, TODAY)
    assert found, text
    assert (found[0].iso, found[0].raw) == (iso, raw)


@pytest.mark.parametrize("text", [
    "2017-13-01", "2017-02-30", "1890-01-01", "2031-01-01", "12:11", "9月12日", "09-14",
    "共23条 第1/3页", "20170914", "版本 2.19.0",
])
def test_no_date(text):
    assert find_dates(text, TODAY) == []


def test_dates_in_order_of_position():
    found = find_dates("相关新闻 2016-10-25 09:12:30 正文 2017年09月14日 10:20", TODAY)
    assert [f.iso for f in found] == ["2016-10-25T09:12:30+08:00", "2017-09-14T10:20:00+08:00"]


@pytest.mark.parametrize("text, value", [
    ("一", 1), ("十", 10), ("十四", 14), ("二十", 20), ("三十一", 31), ("", None), ("甲", None),
])
def test_cn_number(text, value):
    assert cn_number(text) == value


@pytest.mark.parametrize("url, iso", [
    ("http://x.cn/zxgz/qgzx/201711/t20171120_5830.html", "2017-11-20"),
    ("http://x.cn/art/2017/9/14/art_1234_56789.html", "2017-09-14"),
    ("http://x.cn/t4/a/jcfc/2017/0914/123.html", "2017-09-14"),
    ("http://x.cn/system/2022/06/18/030170394.shtml", "2022-06-18"),
    ("http://x.cn/c/2016-10-25/1102171.shtml", "2016-10-25"),
    ("http://x.cn/show/3636.html", None),
    ("http://x.cn/index.php?c=msg&id=1045", None),
])
def test_date_from_url(url, iso):
    found = date_from_url(url, TODAY)
    assert (found.iso if found else None) == iso


@pytest.mark.parametrize("value, iso", [
    ("2017-09-14 10:20", "2017-09-14T10:20:00+08:00"),
    ("2017-09-14T10:20:31+08:00", "2017-09-14T10:20:31+08:00"),
    ("2017-09-14", "2017-09-14"),
    ("not a date", None),
])
def test_parse_iso_like(value, iso):
    found = parse_iso_like(value, TODAY)
    assert (found.iso if found else None) == iso


@pytest.mark.parametrize("text, reference, iso", [
    ("09-14", date(2017, 10, 1), "2017-09-14"),
    ("12-30", date(2018, 1, 2), "2017-12-30"),  # no year: the latest one not in the future
    ("9月14日", date(2017, 10, 1), "2017-09-14"),
    ("[2016-10-25]", date(2017, 10, 1), "2016-10-25"),
    ("02-29", date(2021, 3, 1), "2020-02-29"),
    ("共23条", date(2017, 10, 1), None),
])
def test_list_date(text, reference, iso):
    from branchnews.crawler.pages.dates import list_date

    found = list_date(text, reference)
    assert (found.iso if found else None) == iso
