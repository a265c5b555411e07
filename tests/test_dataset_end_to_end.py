"""End to end: crawl the sample site with WARC capture and the manifest pipeline, then use the
dataset the ways a researcher would: load it five ways, export Parquet and read it back, check
the manifest against the files, and rebuild the records offline from the WARC capture.

The two components are enabled with ``-s`` here, on top of the project's own settings, so the
test holds whether or not ``crawler/settings.py`` lists them yet.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime

import pytest

from branchnews.crawler import settings as project_settings
from branchnews.pipelines.dataset import load_dataset
from branchnews.pipelines.parquet import read_parquet
from tests.conftest import REPO, run_cli
from tests.pipelines.test_dataset import strip_absent

ARTICLES = json.loads((REPO / "tests" / "golden" / "sample" / "_articles.json").read_text("utf-8"))
WARC_MIDDLEWARE = {"branchnews.crawler.warc.WarcMiddleware": 950}
MANIFEST_PIPELINE = {"branchnews.pipelines.scrapy_pipelines.ManifestPipeline": 800}


@pytest.fixture(scope="module")
def crawled(sample_site, tmp_path_factory):
    out = tmp_path_factory.mktemp("e2e") / "out"
    middlewares = {**project_settings.DOWNLOADER_MIDDLEWARES, **WARC_MIDDLEWARE}
    pipelines = {**project_settings.ITEM_PIPELINES, **MANIFEST_PIPELINE}
    result = run_cli("crawl", "sample", "-o", str(out), "-s", f"BRANCHNEWS_PROXY={sample_site}",
                     "-s", "LOG_LEVEL=WARNING", "-s", f"DOWNLOADER_MIDDLEWARES={json.dumps(middlewares)}",
                     "-s", f"ITEM_PIPELINES={json.dumps(pipelines)}")
    assert result.returncode == 0, result.stderr[-3000:]
    (data,) = [p for p in (out / "sample").glob("*.jsonl") if "." not in p.stem]
    lines = [json.loads(line) for line in data.read_text("utf-8").splitlines()]
    return out, data, lines


def test_crawl_landed_every_article(crawled):
    _, _, lines = crawled
    assert sorted(r["url"] for r in lines) == sorted(ARTICLES)


# -- five ways to load ------------------------------------------------------------------------

def test_load_dataset(crawled):
    out, _, lines = crawled
    ds = load_dataset(out)
    assert sorted(r.as_dict()["id"] for r in ds) == sorted(r["id"] for r in lines)
    assert {r.id: r.as_dict() for r in ds} == {r["id"]: r for r in lines}
    assert any(s.subsections for r in ds for s in r.sections)
    df = ds.to_pandas()
    assert len(df) == len(lines) and df["sections"].map(len).sum() == sum(len(r["sections"]) for r in lines)


def test_pandas(crawled):
    pd = pytest.importorskip("pandas")
    _, data, lines = crawled
    df = pd.read_json(data, lines=True, dtype=False)
    assert [list(s) for s in df["sections"]] == [r["sections"] for r in lines]


def test_polars(crawled):
    pl = pytest.importorskip("polars")
    _, data, lines = crawled
    df = pl.read_ndjson(data)
    assert [strip_absent(s) for s in df["sections"].to_list()] == [r["sections"] for r in lines]


def test_duckdb(crawled):
    duckdb = pytest.importorskip("duckdb")
    _, data, lines = crawled
    rows = duckdb.connect().execute("SELECT id, sections FROM read_json_auto(?)", [str(data)]).fetchall()
    assert {i: strip_absent(s) for i, s in rows} == {r["id"]: r["sections"] for r in lines}


def test_hugging_face_datasets(crawled, tmp_path):
    os.environ["HF_DATASETS_OFFLINE"] = "1"
    datasets = pytest.importorskip("datasets")
    _, data, lines = crawled
    ds = datasets.load_dataset("json", data_files=str(data), split="train", cache_dir=str(tmp_path))
    assert ds.num_rows == len(lines)
    assert [strip_absent(s) for s in ds["sections"]] == [r["sections"] for r in lines]
    assert ds["id"] == [r["id"] for r in lines]


# -- Parquet ----------------------------------------------------------------------------------

def test_export_parquet_and_read_it_back(crawled, tmp_path):
    out, _, lines = crawled
    result = run_cli("export", str(out), "--format", "parquet", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    back = read_parquet(tmp_path / "sample.parquet")
    assert back == list(load_dataset(out))
    assert {r.id: r.as_dict() for r in back} == {r["id"]: r for r in lines}


# -- manifest and card ------------------------------------------------------------------------

def test_crawl_wrote_a_manifest_that_matches_the_files(crawled):
    out, data, lines = crawled
    site = out / "sample"
    manifest = json.loads((site / "manifest.json").read_text("utf-8"))
    assert manifest["records"] == len(lines) == len(ARTICLES)
    assert sum(manifest["sites"]["sample"]["channels"].values()) == len(lines)
    assert sum(manifest["sites"]["sample"]["years"].values()) == len(lines)
    assert manifest["sites"]["sample"]["start_urls"] == ["http://branch.example.org.cn/"]
    assert manifest["time_span"]["fetched_first"] == min(r["fetched_at"] for r in lines)
    assert manifest["coverage"]["published"] == round(sum(1 for r in lines if r["published"]) / len(lines), 4)
    kinds = {}
    for entry in manifest["files"]:
        raw = (site / entry["path"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == entry["sha256"], entry["path"]
        assert entry["bytes"] == len(raw)
        if "lines" in entry:
            assert entry["lines"] == raw.count(b"\n")
        kinds[entry["kind"]] = kinds.get(entry["kind"], 0) + 1
    assert kinds == {"records": 1, "warc": 1, "schema": 1}
    assert (site / "record.schema.json").read_text("utf-8") == (
        REPO / "pipelines" / "schema" / "record.schema.json").read_text("utf-8")
    # channels come from breadcrumbs (or are "(none)"), never from a URL path segment
    crumbs = {c for r in lines for c in r["breadcrumb"]}
    assert set(manifest["sites"]["sample"]["channels"]) <= crumbs | {"(none)"}
    card = (site / "README.md").read_text("utf-8")
    assert "`record.schema.json` beside this card" in card
    assert f"{len(lines)} articles from 1 site(s)" in card and "http://branch.example.org.cn/" in card
    assert str(out) not in card and str(out) not in json.dumps(manifest)


def test_stats_write_for_the_output_folder(crawled):
    out, _, lines = crawled
    result = run_cli("stats", str(out), "--write")
    assert result.returncode == 0, result.stderr
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["records"] == len(lines)
    assert {f["path"] for f in manifest["files"]} == {"record.schema.json"} | {
        f"sample/{f['path']}" for f in json.loads((out / "sample" / "manifest.json").read_text("utf-8"))["files"]}
    assert "支部风采" in result.stdout or "基层风采" in result.stdout
    for name in ("manifest.json", "README.md", "record.schema.json"):
        (out / name).unlink()


# -- raw capture and re-extraction ------------------------------------------------------------

def test_warc_holds_every_fetch(crawled):
    from branchnews.reextract import read_warcs

    out, _, lines = crawled
    contents = read_warcs([out / "sample" / "warc"])
    urls = {c.url for c in contents.captures}
    assert set(ARTICLES) <= urls
    assert "http://branch.example.org.cn/robots.txt" in urls
    assert contents.info["branchnews-site"] == "sample" and not contents.damaged
    stitched = [r for r in lines if r["pages"] > 1]
    assert stitched  # continuation pages were captured too
    assert len(contents.captures) > len(lines)


def test_reextracted_records_equal_the_crawled_ones(crawled, tmp_path):
    out, data, lines = crawled
    result = run_cli("reextract", str(out / "sample" / "warc"), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    (rebuilt_file,) = (tmp_path / "sample").glob("*.jsonl")
    assert rebuilt_file.name == data.name  # the crawl day
    rebuilt = {r["id"]: r for r in map(json.loads, rebuilt_file.read_text("utf-8").splitlines())}
    crawled_records = {r["id"]: r for r in lines}
    assert rebuilt.keys() == crawled_records.keys()
    for record_id, record in crawled_records.items():
        again = rebuilt[record_id]
        assert {k: v for k, v in again.items() if k != "fetched_at"} == \
               {k: v for k, v in record.items() if k != "fetched_at"}, record["url"]
        # WARC-Date is taken when the response arrives, a crawl's fetched_at when it is parsed
        assert 0 <= _seconds(record["fetched_at"]) - _seconds(again["fetched_at"]) <= 60


def _seconds(stamp: str) -> float:
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").timestamp()


# -- a zoned machine date keeps its instant, from the page to the Parquet file ----------------

def test_utc_meta_date_keeps_its_instant_through_the_dataset(tmp_path):
    """``<meta property="article:published_time" content="2017-09-14T18:20:00Z">``: the record,
    the loader, pandas (a zoned timestamp) and the Parquet export all hold the same instant in
    Beijing time."""
    case = REPO / "tests" / "fixtures" / "meta-utc-date"
    url = json.loads((case / "meta.json").read_text("utf-8"))["url"]
    result = run_cli("extract", str(case / "article.html"), "--url", url)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert (record["published"], record["published_raw"]) == ("2017-09-15T02:20:00+08:00",
                                                              "2017-09-14T18:20:00Z")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "2026-11-28.jsonl").write_text(result.stdout, "utf-8")
    ds = load_dataset(tmp_path / "site", validate=True)
    assert [r.published for r in ds] == ["2017-09-15T02:20:00+08:00"]
    (published,) = ds.to_pandas()["published"]
    assert published.isoformat() == "2017-09-15T02:20:00+08:00"
    exported = run_cli("export", str(tmp_path / "site"), "--format", "parquet", "-o", str(tmp_path / "pq"))
    assert exported.returncode == 0, exported.stderr
    (parquet,) = (tmp_path / "pq").glob("*.parquet")
    assert [r.published for r in read_parquet(parquet)] == ["2017-09-15T02:20:00+08:00"]
