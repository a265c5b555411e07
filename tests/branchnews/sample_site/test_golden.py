"""golden.py and the committed goldens: schema-valid, consistent, the contract's decisions (spot values)."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

from branchnews.pipelines.record import SCHEMA_VERSION
from branchnews.sample_site.golden import GOLDEN_FIELDS, parse_raw_date
from branchnews.sample_site.truth import ARTICLES
from tests.branchnews.sample_site.site_helpers import (
    ABS, ARTICLE_URLS, GOLDENS, SCHEMA, SEED_EXPECTED, SEED_URL,
)


PLACEHOLDERS = {
    "schema_version": SCHEMA_VERSION,
    "content_hash": "0" * 40,
    "version": 1,
    "updated_at": None,
    "duplicate_of": None,
    "id": "0123456789abcdef",
    "site": "sample",
    "fetched_at": None,
    "status": 200,
    "normalization": [],
    "script": "simplified",
    "warnings": [],
}


def test_one_golden_per_listed_article():
    assert sorted(g["url"] for g in GOLDENS.values()) == ARTICLE_URLS
    assert len(GOLDENS) == len(ARTICLES)


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_golden_validates_against_the_record_schema(name):
    golden = GOLDENS[name]
    assert list(golden) == list(GOLDEN_FIELDS)
    assert not set(golden) & set(PLACEHOLDERS)
    schema = json.loads(SCHEMA.read_text("utf-8"))
    errors = sorted(Draft202012Validator(schema).iter_errors({**golden, **PLACEHOLDERS}), key=str)
    assert errors == []


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_golden_is_internally_consistent(name):
    g = GOLDENS[name]
    assert g["text"] == "\n".join(g["paragraphs"])
    flattened = list(g["preamble"])
    for section in g["sections"]:
        flattened += [section["marker"] + section["heading"], *section["paragraphs"]]
        for sub in section.get("subsections", []):
            assert sub["level"] == 2 and sub["marker"].startswith("（") and "subsections" not in sub
            flattened += [sub["marker"] + sub["heading"], *sub["paragraphs"]]
        assert section.get("subsections", None) != []
    assert flattened == g["paragraphs"]
    for value in (g["title"], g["source"], g["author"], g["editor"], *g["breadcrumb"], *g["paragraphs"]):
        assert value is None or (value and value == value.strip() and "  " not in value)
        assert value is None or not re.search(r"[\u4e00-\u9fff][,;!?:]", value)
    assert g["encoding"] == ("gb18030" if "/t4/" in g["url"] or "/t5/" in g["url"] else "utf-8")


def test_seed_golden():
    g = GOLDENS["t1-120.json"]
    assert g["url"] == SEED_URL
    assert g["title"] == "石家庄市桥西一支部：集智聚力 创新有为"
    assert (g["published"], g["published_raw"], g["source"], g["author"], g["editor"]) == (
        "2017-09-14", "2017-09-14", None, None, "张禹")
    assert g["breadcrumb"] == ["首页"]
    assert [s["marker"] for s in g["sections"]] == ["一、", "二、", "三、", "四、", "五、"]
    assert (g["attachments"], g["images"], g["pages"]) == ([], [], 1)
    assert (g["original_script"], g["encoding"]) == ("traditional", "utf-8")


def test_seed_golden_matches_the_shared_expected_record():
    expected = json.loads(SEED_EXPECTED.read_text("utf-8"))
    golden = GOLDENS["t1-120.json"]
    assert {k: golden[k] for k in expected} == expected


@pytest.mark.parametrize(
    "name, field, value",
    [
        ("t4-123.json", "pages", 2),
        ("t4-123.json", "editor", "周某"),
        ("t4-130.json", "pages", 3),
        ("t4-124.json", "url", f"{ABS}/t4/plus/view.php?aid=124"),
        ("t4-124.json", "published", "2017-09-12"),
        ("t4-124.json", "published_raw", "二〇一七年九月十二日"),
        ("t4-117.json", "published_raw", "二○一七年七月十一日"),
        ("t4-119.json", "published_raw", "二零一七年八月二十二日"),
        ("t6-030012345.json", "published", "2017-09-14T10:20:00+08:00"),
        ("t6-030012345.json", "published_raw", "2017年09月14日 10:20"),
        ("t6-030012345.json", "editor", "韩某"),
        ("t6-030013502.json", "published", "2017-11-03"),
        ("t6-030013502.json", "source", "团结报"),
        ("t6-030014720.json", "author", None),
        ("t6-030023980.json", "editor", None),
        ("t1-196.json", "published", "2019-11-13T15:17:57+08:00"),
        ("t1-196.json", "author", "石家庄民进"),
        ("t1-196.json", "editor", None),
        ("t1-163.json", "source", None),
        ("t1-126.json", "original_script", "traditional"),
        ("t1-152.json", "original_script", "traditional"),
        ("t2-31020.json", "published", "2017-09-14T16:00:00+08:00"),  # visible label beats meta and URL
        ("t2-31001.json", "breadcrumb", ["首页", "统战新闻"]),  # trailing 正文 dropped
        ("t2-31001.json", "editor", "王某某"),
        ("t2-32510.json", "author", None),
        ("t2-30988.json", "url", f"{ABS}/t2/dpgz/201709/t20170912_30988.html"),
        ("t3-56789.json", "url", f"{ABS}/t3/art/2017/9/14/art_1234_56789.html"),
        ("t3-56789.json", "published", "2017-09-14T10:20:00+08:00"),
        ("t3-56789.json", "source", "中共西山县委统战部"),  # 信息来源：
        ("t3-56789.json", "author", "张某"),  # （文/张某 图/李某）; the 图/ photographer is nobody's author
        ("t3-56789.json", "editor", "赵某"),  # 审核：刘某 编辑：赵某
        ("t3-56789.json", "breadcrumb", ["首页", "统战动态"]),
        ("t3-56512.json", "editor", None),  # 审核：刘某 alone: 审核 is never the editor
        ("t3-56512.json", "author", "陈某"),
        ("t3-57034.json", "author", None),
        ("t3-57034.json", "pages", 1),
        ("t5-3890.json", "url", f"{ABS}/t5/newsview.asp?Id=3890&Tid=4"),
        ("t5-3890.json", "published", "2017-09-14T10:20:00+08:00"),
        ("t5-3890.json", "published_raw", "2017/09/14/10:20"),
        ("t5-3890.json", "source", None),  # 发布人:宣传部 is the poster, not the source
        ("t5-3890.json", "author", "张某"),  # （民革云州市委北湖支部 张某）
        ("t5-3890.json", "editor", None),
        ("t5-3902.json", "author", "汪某、代某"),  # （记者汪某 通讯员代某）: both are writers
        ("t5-3902.json", "editor", "叶某"),  # 【编辑:叶某】
        ("t5-3855.json", "author", "代某"),
        ("t5-3871.json", "published", None),
        ("t5-3871.json", "author", None),
        ("t5-3915.json", "encoding", "gb18030"),
        ("t5-3890.json", "breadcrumb", ["首页", "工作动态"]),
    ],
)
def test_golden_spot_values(name, field, value):
    assert GOLDENS[name][field] == value


def test_golden_attachments_are_safe_absolute_urls():
    g = GOLDENS["t6-030012345.json"]
    assert g["attachments"] == [
        {"name": "附件1：提案汇总表", "url": f"{ABS}/t6/uploads/2017/09/%E9%99%84%E4%BB%B61.docx"},
        {"name": "附件2", "url": f"{ABS}/t6/uploads/2017/09/fj2.xls"},
    ]
    trs = GOLDENS["t2-31001.json"]
    assert trs["attachments"] == [{"name": "1.座谈会议程.pdf", "url": f"{ABS}/t2/tzxw/201709/P020170914512345678901.pdf"}]
    assert trs["images"] == [{"src": f"{ABS}/t2/tzxw/201709/W020170914512345678902.png", "alt": None}]
    images = GOLDENS["t6-030013502.json"]["images"]
    assert images == [{"src": f"{ABS}/t6/uploads/2017/11/zuotan.png", "alt": "座谈会现场"}]  # ../../../../ resolved


@pytest.mark.parametrize(
    "raw, iso",
    [
        ("2017-09-14", "2017-09-14"),
        ("2017-9-4", "2017-09-04"),
        ("2017-09-14 10:20", "2017-09-14T10:20:00+08:00"),
        ("2019-11-13 15:17:57", "2019-11-13T15:17:57+08:00"),
        ("2017年09月14日 10:20", "2017-09-14T10:20:00+08:00"),
        ("二〇一七年九月十二日", "2017-09-12"),
        ("二○一七年十月三十一日", "2017-10-31"),
        ("二零一八年十二月二十日", "2018-12-20"),
        ("2017/09/14/10:20", "2017-09-14T10:20:00+08:00"),
    ],
)
def test_parse_raw_date(raw, iso):
    assert parse_raw_date(raw) == iso
