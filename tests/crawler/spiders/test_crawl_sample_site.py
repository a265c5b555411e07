"""End to end: a real crawl of the bundled sample site, served on 127.0.0.1, through the CLI.

Every article must land exactly once and equal its golden record; re-running adds nothing.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import opencc
import pytest

from branchnews.pipelines.identity import record_id
from branchnews.pipelines.record_schema import problems
from tests.conftest import REPO, run_cli

GOLDEN_DIR = REPO / "tests" / "golden" / "sample"
GOLDENS = {g["url"]: g for g in (json.loads(p.read_text("utf-8")) for p in GOLDEN_DIR.glob("t*.json"))}
ARTICLES = json.loads((GOLDEN_DIR / "_articles.json").read_text("utf-8"))
GLUED_PINYIN = re.compile(r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
SCAR = re.compile(r"\?[,.A-Za-z]|\ufffd")


def dataset(out: Path, site: str = "sample") -> tuple[Path, list[dict]]:
    files = sorted((out / site).glob("*.jsonl"))
    assert len(files) == 1, files
    lines = files[0].read_text("utf-8").splitlines()
    return files[0], [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def crawl(sample_site, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = run_cli("crawl", "sample", "-o", str(out), "-s", f"BRANCHNEWS_PROXY={sample_site}",
                     "-s", "LOG_LEVEL=WARNING")
    assert result.returncode == 0, result.stderr[-3000:]
    return out, result


def test_every_article_lands_exactly_once(crawl):
    out, _ = crawl
    _, records = dataset(out)
    urls = [r["url"] for r in records]
    assert len(urls) == len(set(urls))
    assert sorted(urls) == sorted(ARTICLES)
    assert len({r["id"] for r in records}) == len(records)


def test_records_equal_their_goldens(crawl):
    out, _ = crawl
    _, records = dataset(out)
    for record in records:
        golden = GOLDENS[record["url"]]
        diffs = {k: (record[k], v) for k, v in golden.items() if record[k] != v}
        assert not diffs, record["url"]


def test_records_are_valid_and_carry_provenance(crawl):
    out, _ = crawl
    _, records = dataset(out)
    for record in records:
        assert problems(record) == []
        assert record["id"] == record_id(record["url"])
        assert record["site"] == "sample" and record["status"] == 200
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", record["fetched_at"])


def test_text_is_clean_simplified_chinese(crawl):
    out, _ = crawl
    path, records = dataset(out)
    raw = path.read_text("utf-8")
    assert "\\u" not in raw  # UTF-8 text, no escapes
    t2s = opencc.OpenCC("t2s")
    for record in records:
        blob = json.dumps({k: v for k, v in record.items() if k != "url"}, ensure_ascii=False)
        assert not GLUED_PINYIN.search(blob), record["url"]
        assert not SCAR.search(blob), record["url"]
        assert t2s.convert(blob) == blob, record["url"]


def test_seed_article_is_repaired(crawl):
    out, _ = crawl
    _, records = dataset(out)
    seed = next(r for r in records if r["url"].endswith("/a/zbfc/2017/0914/120.html"))
    expected = json.loads((REPO / "tests/fixtures/t1-seed/expected.json").read_text("utf-8"))
    for field, value in expected.items():
        assert seed[field] == value, field
    assert seed["original_script"] == "traditional"
    assert {"pinyin", "gbk_scars", "t2s", "punctuation"} <= set(seed["normalization"])


def test_summary_line(crawl):
    _, result = crawl
    assert f"{len(ARTICLES)} new records" in result.stderr


def test_rerun_adds_no_duplicates(crawl, sample_site):
    out, _ = crawl
    path, before = dataset(out)
    result = run_cli("crawl", "sample", "-o", str(out), "-s", f"BRANCHNEWS_PROXY={sample_site}",
                     "-s", "LOG_LEVEL=WARNING")
    assert result.returncode == 0, result.stderr[-2000:]
    _, after = dataset(out)
    assert [r["id"] for r in after] == [r["id"] for r in before]
    assert "0 new records" in result.stderr


def test_scrapy_crawl_command(sample_site, tmp_path):
    env = {k: v for k, v in os.environ.items() if k.lower() != "http_proxy"}
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "news", "-a", "site=sample",
         "-s", f"BRANCHNEWS_OUTPUT_DIR={tmp_path}", "-s", f"BRANCHNEWS_PROXY={sample_site}",
         "-s", "LOG_LEVEL=WARNING"], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    _, records = dataset(tmp_path)
    assert sorted(r["url"] for r in records) == sorted(ARTICLES)


def test_start_url_points_the_crawl_at_a_copy(sample_site, tmp_path):
    """No proxy: the copy at 127.0.0.1:<port> is crawled under its own URLs."""
    result = run_cli("crawl", "sample", "-o", str(tmp_path), "--start-url", f"{sample_site}/",
                     "-s", "LOG_LEVEL=WARNING")
    assert result.returncode == 0, result.stderr[-2000:]
    _, records = dataset(tmp_path)
    assert sorted(r["url"] for r in records) == sorted(
        u.replace("http://branch.example.org.cn", sample_site) for u in ARTICLES)
    stitched = next(r for r in records if r["url"].endswith("/t4/a/jcfc/2017/0914/123.html"))
    assert stitched["pages"] == 2 and stitched["editor"] == "周某"


def test_traditional_dataset(sample_site, tmp_path):
    result = run_cli("crawl", "sample", "-o", str(tmp_path), "--script", "traditional",
                     "--start-url", "http://branch.example.org.cn/a/zbfc/",
                     "-s", f"BRANCHNEWS_PROXY={sample_site}", "-s", "LOG_LEVEL=WARNING")
    assert result.returncode == 0, result.stderr[-2000:]
    _, records = dataset(tmp_path)
    seed = next(r for r in records if r["url"].endswith("/120.html"))
    assert seed["script"] == "traditional"
    assert seed["title"] == "石家莊市橋西一支部：集智聚力 創新有為"
    assert "s2t" in seed["normalization"]


def test_default_crawl_starts_the_sample_site_itself(tmp_path):
    """`branchnews crawl` alone: the sample site, served by the command when nothing answers."""
    result = run_cli("crawl", "-o", str(tmp_path / "out"), "-s", "LOG_LEVEL=WARNING", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    _, records = dataset(tmp_path / "out")
    assert sorted(r["url"] for r in records) == sorted(ARTICLES)


def test_the_run_summary_lists_the_article_family_a_profile_misses(sample_site, tmp_path):
    """A profile without the ASP article pattern misses every ``newsview.asp?Id=`` article; the
    run summary names that shape, how many were passed by, and one of them; the console says so."""
    text = (REPO / "crawler" / "profiles" / "sample.toml").read_text("utf-8")
    profile = tmp_path / "noasp.toml"
    profile.write_text("\n".join(line for line in text.replace('name = "sample"', 'name = "noasp"')
                                  .splitlines() if "/newsview\\.asp" not in line), encoding="utf-8")
    asp = sorted(u for u in ARTICLES if "newsview.asp" in u)
    assert asp and len(text.splitlines()) - len(profile.read_text("utf-8").splitlines()) == 1
    result = run_cli("crawl", str(profile), "-o", str(tmp_path), "-s",
                     f"BRANCHNEWS_PROXY={sample_site}", "-s", "LOG_LEVEL=WARNING")
    assert result.returncode == 0, result.stderr[-3000:]
    _, records = dataset(tmp_path, "noasp")
    assert sorted(r["url"] for r in records) == sorted(set(ARTICLES) - set(asp))
    (path,) = (tmp_path / "noasp" / "runs").glob("*.json")
    shapes = json.loads(path.read_text("utf-8"))["not_followed"]
    assert 0 < len(shapes) <= 10
    missed = shapes[0]
    assert missed["shape"] == "/t9/newsview.asp?Id=9&Tid=9" and missed["count"] == len(asp)
    assert missed["example"] in asp
    assert f"{len(asp)} × /t9/newsview.asp?Id=9&Tid=9 (e.g. {missed['example']})" in result.stderr
