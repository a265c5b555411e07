"""Loading datasets: typed records, latest versions, schema checks, and the plain loaders."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from branchnews.pipelines.dataset import (DatasetError, DatasetWarning, SchemaVersionError,
                                          dataset_files, load_dataset)
from branchnews.pipelines.identity import content_hash, record_id
from branchnews.pipelines.record import FIELDS, SCHEMA_VERSION, dumps
from branchnews.pipelines.record_schema import problems

SECTIONS = [
    {"marker": "一、", "number": 1, "level": 1, "heading": "基本情况", "paragraphs": ["甲。"]},
    {"marker": "二、", "number": 2, "level": 1, "heading": "几点建议", "paragraphs": [],
     "subsections": [{"marker": "（一）", "number": 1, "level": 2, "heading": "加强规划",
                      "paragraphs": ["乙。"]}]},
]


def make_record(url: str = "http://branch.example.org.cn/a/x/2017/0914/1.html", **overrides) -> dict:
    """A complete, schema-valid record (sections with and without subsections)."""
    title = overrides.pop("title", "民进支部开展调研")
    paragraphs = overrides.pop("paragraphs", ["导语。", "一、基本情况", "甲。", "二、几点建议",
                                              "（一）加强规划", "乙。"])
    text = "\n".join(paragraphs)
    record = {
        "schema_version": SCHEMA_VERSION, "id": record_id(url), "url": url, "site": "sample",
        "title": title, "published": "2017-09-14T10:20:00+08:00", "published_raw": "2017-09-14 10:20",
        "source": "民进市委", "author": "张三", "editor": None, "breadcrumb": ["首页", "支部风采"],
        "preamble": ["导语。"], "sections": SECTIONS, "paragraphs": paragraphs, "text": text,
        "attachments": [{"name": "附件1.pdf", "url": "http://branch.example.org.cn/f/1.pdf"}],
        "images": [{"src": "http://branch.example.org.cn/i/1.jpg", "alt": None}], "pages": 1,
        "original_script": "simplified", "script": "simplified",
        "normalization": ["punctuation"], "encoding": "utf-8",
        "content_hash": content_hash(title, text), "version": 1, "updated_at": None,
        "duplicate_of": None, "fetched_at": "2026-11-28T00:55:40Z", "status": 200, "warnings": [],
    }
    record.update(overrides)
    if "text" not in overrides and "content_hash" not in overrides:
        record["content_hash"] = content_hash(record["title"], record["text"])
    return record


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def two_sites(tmp_path):
    out = tmp_path / "out"
    a1 = make_record("http://branch.example.org.cn/a/1.html")
    a2 = make_record("http://branch.example.org.cn/a/2.html", title="另一篇", breadcrumb=[],
                     sections=[], published="2018-01-02", editor="李四")
    a1v2 = {**a1, "version": 2, "updated_at": "2026-11-29T00:00:00Z", "text": a1["text"] + "补充。",
            "fetched_at": "2026-11-29T00:00:00Z"}
    a1v2["content_hash"] = content_hash(a1v2["title"], a1v2["text"])
    b1 = make_record("http://other.example.cn/c/1.html", site="other")
    write_jsonl(out / "sample" / "2026-11-28.jsonl", [a1, a2])
    write_jsonl(out / "sample" / "2026-11-29.jsonl", [a1v2])
    write_jsonl(out / "sample" / "2026-11-28.errors.jsonl", [{"url": "x", "reason": "HTTP 404"}])
    write_jsonl(out / "other" / "2026-11-28.jsonl", [b1])
    return out, {"a1": a1, "a2": a2, "a1v2": a1v2, "b1": b1}


def test_the_factory_makes_valid_records():
    assert problems(make_record()) == []


# -- files and versions -----------------------------------------------------------------------

def test_output_folder_site_folder_and_file(two_sites):
    out, recs = two_sites
    everything = load_dataset(out)
    assert sorted(r.id for r in everything) == sorted({recs["a1"]["id"], recs["a2"]["id"], recs["b1"]["id"]})
    assert {r.site for r in load_dataset(out / "sample")} == {"sample"}
    assert len(load_dataset(out / "sample" / "2026-11-28.jsonl")) == 2
    assert [p.name for p in dataset_files(out / "sample")] == ["2026-11-28.jsonl", "2026-11-29.jsonl"]


def test_worker_files_of_a_distributed_crawl_are_records(tmp_path):
    write_jsonl(tmp_path / "s" / "2026-11-28.w-host-12.jsonl", [make_record("http://a.example/1.html")])
    write_jsonl(tmp_path / "s" / "2026-11-28.w-host-12.errors.jsonl", [{"url": "x", "reason": "HTTP 500"}])
    write_jsonl(tmp_path / "s" / "2026-11-28.jsonl", [make_record("http://a.example/2.html")])
    assert [p.name for p in dataset_files(tmp_path / "s")] == ["2026-11-28.jsonl",
                                                               "2026-11-28.w-host-12.jsonl"]
    assert len(load_dataset(tmp_path / "s")) == 2


def test_latest_version_by_default_all_versions_on_request(two_sites):
    out, recs = two_sites
    latest = load_dataset(out / "sample")
    a1 = next(r for r in latest if r.id == recs["a1"]["id"])
    assert a1.version == 2 and a1.text.endswith("补充。") and latest.superseded == 1
    assert [r.id for r in latest][0] == recs["a1"]["id"]  # an id keeps its first position
    every = load_dataset(out / "sample", all_versions=True)
    assert sorted(r.version for r in every if r.id == recs["a1"]["id"]) == [1, 2]
    assert every.superseded == 0 and len(every) == 3


def test_equal_versions_the_later_line_wins(tmp_path):
    first = make_record(fetched_at="2026-11-28T00:00:00Z")
    again = {**first, "fetched_at": "2026-11-30T00:00:00Z"}
    write_jsonl(tmp_path / "s" / "2026-11-28.jsonl", [first])
    write_jsonl(tmp_path / "s" / "2026-11-30.jsonl", [again])
    (only,) = load_dataset(tmp_path / "s")
    assert only.fetched_at == "2026-11-30T00:00:00Z"


def test_reposts_are_marked_dropped_or_kept(tmp_path):
    original = make_record("http://a.example/1.html", published="2017-01-01")
    repost = make_record("http://b.example/1.html", published="2017-02-01")
    write_jsonl(tmp_path / "d.jsonl", [repost, original])
    marked = load_dataset(tmp_path / "d.jsonl")
    assert marked[0].duplicate_of == original["id"] and marked[1].duplicate_of is None
    assert marked.duplicates.duplicates == 1
    assert [r.id for r in load_dataset(tmp_path / "d.jsonl", duplicates="drop")] == [original["id"]]
    assert all(r.duplicate_of is None for r in load_dataset(tmp_path / "d.jsonl", duplicates="keep"))


def test_to_pandas(two_sites):
    pd = pytest.importorskip("pandas")
    out, _ = two_sites
    df = load_dataset(out).to_pandas()
    assert list(df.columns) == list(FIELDS) and len(df) == 3
    row = df[df["sections"].map(len) > 0].iloc[0]
    assert row["sections"][1]["subsections"][0]["marker"] == "（一）"
    # time fields are zoned timestamps: the instant and its offset; a bare date is midnight
    # Beijing time that day
    assert row["published"] == pd.Timestamp("2017-09-14T10:20:00+08:00")
    assert row["published"].utcoffset() == timedelta(hours=8)
    bare = df[df["url"].str.endswith("/a/2.html")].iloc[0]
    assert bare["published"] == pd.Timestamp("2018-01-02T00:00:00+08:00")
    assert bare["published"].utcoffset() == timedelta(hours=8)
    assert str(df["fetched_at"].dt.tz) == "UTC"
    changed = df[df["version"] == 2].iloc[0]
    assert changed["updated_at"] == pd.Timestamp("2026-11-29T00:00:00Z") and pd.isna(bare["updated_at"])


# -- errors -----------------------------------------------------------------------------------

@pytest.mark.parametrize("version, message", [
    ("2.0", "newer than this branchnews reads"),
    ("0.9", "older, incompatible"),
])
def test_incompatible_schema_version_names_file_and_line(tmp_path, version, message):
    path = write_jsonl(tmp_path / "s" / "2026-11-28.jsonl",
                       [make_record("http://a.example/1.html"),
                        make_record("http://a.example/2.html", schema_version=version)])
    with pytest.raises(SchemaVersionError, match=message) as info:
        load_dataset(tmp_path / "s")
    assert str(info.value).startswith(f"{path}:2: ")
    assert info.value.path == path and info.value.line == 2


def test_a_newer_minor_version_loads_with_a_warning(tmp_path):
    newer = make_record(schema_version="1.7", sentiment=0.5)
    (tmp_path / "d.jsonl").write_text(json.dumps(newer, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.warns(DatasetWarning, match="sentiment"):
        (record,) = load_dataset(tmp_path / "d.jsonl")
    assert record.schema_version == "1.7"


def test_truncated_last_line_is_skipped_with_a_warning(tmp_path):
    path = write_jsonl(tmp_path / "d.jsonl", [make_record()])
    with path.open("a", encoding="utf-8") as fh:
        fh.write(dumps(make_record("http://a.example/2.html"))[:50])
    with pytest.warns(DatasetWarning, match=r"d.jsonl:2 \(byte \d+\): truncated last line"):
        assert len(load_dataset(path)) == 1


# A line that is not a record, anywhere in a file: skipped, named and counted, never fatal.
DAMAGED_LINES = [
    pytest.param(b"{oops", "not JSON", id="cut-json"),
    pytest.param(b'{"hello":"world"}', "schema_version None is not a branchnews schema version",
                 id="another-programs-json"),
    pytest.param(b'{"schema_version":"one","id":"x","url":"u"}', "schema_version 'one'",
                 id="bad-version"),
    pytest.param(b'[1, 2]', "not a JSON object", id="json-array"),
    pytest.param(b'{"schema_version":"1.1","id":"\xe6\xb0', "not UTF-8", id="cut-mid-character"),
    pytest.param(b'{"schema_version":"1.1","id":"abc","url":"http://a.example/"}', "not a record",
                 id="record-without-fields"),
]


@pytest.mark.parametrize("junk, reason", DAMAGED_LINES)
def test_a_damaged_line_anywhere_is_skipped_named_and_counted(tmp_path, junk, reason):
    first = (dumps(make_record()) + "\n").encode()
    path = tmp_path / "d.jsonl"
    path.write_bytes(first + junk + b"\n" + (dumps(make_record("http://a.example/2.html")) + "\n").encode())
    with pytest.warns(DatasetWarning, match=rf"d.jsonl:2 \(byte {len(first)}\): .*; skipped"):
        dataset = load_dataset(path)
    assert [r.url for r in dataset] == [make_record()["url"], "http://a.example/2.html"]
    ((damaged),) = dataset.damaged
    assert (damaged.path, damaged.line, damaged.offset) == (path, 2, len(first))
    assert reason in damaged.reason


def test_validate_reports_schema_problems(tmp_path):
    path = write_jsonl(tmp_path / "d.jsonl", [make_record(pages=0)])
    assert len(load_dataset(path)) == 1
    with pytest.raises(DatasetError, match=r"d.jsonl:1: invalid record: pages"):
        load_dataset(path, validate=True)


def test_not_a_dataset(tmp_path):
    with pytest.raises(DatasetError, match="no such dataset"):
        load_dataset(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DatasetError, match="no record files"):
        load_dataset(tmp_path / "empty")


def test_importing_branchnews_stays_light():
    code = ("import sys, branchnews\n"
            "heavy = [m for m in sys.modules if m.split('.')[0] in "
            "('pipelines', 'pandas', 'pyarrow', 'scrapy', 'opencc')]\n"
            "assert not heavy, heavy\n"
            "from branchnews import load_dataset, Record\n"
            "import branchnews.pipelines.dataset as d, branchnews.pipelines.record as r\n"
            "assert load_dataset is d.load_dataset and Record is r.Record\n")
    subprocess.run([sys.executable, "-c", code], check=True)


# -- plain loaders: nested sections intact ----------------------------------------------------
# A record's ``subsections`` key is present only when a section has some. Columnar loaders give
# every section the key (null when absent); ``strip_absent`` undoes that for the comparison.

def strip_absent(sections):
    out = []
    for s in sections or []:
        s = dict(s)
        if s.get("subsections"):
            s["subsections"] = strip_absent(s["subsections"])
        else:
            s.pop("subsections", None)
        out.append(s)
    return out


@pytest.fixture(scope="module")
def mixed_file(tmp_path_factory):
    """Sections with and without subsections, and a record with none."""
    path = tmp_path_factory.mktemp("loaders") / "2026-11-28.jsonl"
    records = [make_record("http://a.example/1.html", sections=[SECTIONS[0]]),
               make_record("http://a.example/2.html"),
               make_record("http://a.example/3.html", sections=[])]
    write_jsonl(path, records)
    return path, records


def test_pandas_read_json(mixed_file):
    pd = pytest.importorskip("pandas")
    path, records = mixed_file
    df = pd.read_json(path, lines=True, dtype=False)
    assert [list(s) for s in df["sections"]] == [r["sections"] for r in records]
    assert list(df["published"]) == [r["published"] for r in records]


def test_polars_read_ndjson(mixed_file):
    pl = pytest.importorskip("polars")
    path, records = mixed_file
    df = pl.read_ndjson(path)
    assert [strip_absent(s) for s in df["sections"].to_list()] == [r["sections"] for r in records]


def test_duckdb_read_json_auto(mixed_file):
    duckdb = pytest.importorskip("duckdb")
    path, records = mixed_file
    con = duckdb.connect()
    rows = con.execute("SELECT sections FROM read_json_auto(?)", [str(path)]).fetchall()
    assert [strip_absent(r[0]) for r in rows] == [r["sections"] for r in records]


@pytest.fixture(scope="module")
def hf_datasets(tmp_path_factory):
    os.environ["HF_DATASETS_OFFLINE"] = "1"  # local files only; read when datasets is imported
    datasets = pytest.importorskip("datasets")
    datasets.disable_progress_bars()
    return datasets, str(tmp_path_factory.mktemp("hf-cache"))


def test_hugging_face_datasets_json(mixed_file, hf_datasets):
    datasets, cache = hf_datasets
    path, records = mixed_file
    ds = datasets.load_dataset("json", data_files=str(path), split="train", cache_dir=cache)
    assert ds.num_rows == len(records)
    # datasets 5 sees dicts with different keys (the optional ``subsections``) and stores each
    # section as JSON; it decodes back to the record's own dicts.
    assert [strip_absent(s) for s in ds["sections"]] == [r["sections"] for r in records]
