"""``branchnews crawl URL…``: a crawl from addresses alone, no profile, through the CLI, of the
bundled sample site and of a generated one served on 127.0.0.1. The listings, pagers and hubs
are read from the pages' structure; the records must be exactly the sites' truth."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from branchnews.reextract import reextract
from tests.conftest import REPO, run_cli, serving

GOLDEN_DIR = REPO / "tests" / "golden" / "sample"
HOST = "http://branch.example.org.cn"
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=false", "-s", "LOG_LEVEL=WARNING")
# what a crawl adds beside the truth, or names after the dataset
NOT_IN_GOLDENS = ("schema_version", "id", "site", "script", "normalization", "content_hash",
                  "version", "updated_at", "duplicate_of", "fetched_at", "status", "warnings")


def records(folder: Path) -> dict[str, dict]:
    files = [p for p in folder.glob("*.jsonl") if ".errors." not in p.name]
    assert len(files) == 1, files
    lines = files[0].read_text("utf-8").splitlines()
    return {r["url"]: r for r in map(json.loads, lines)}


def goldens(folder: Path, base: str) -> dict[str, dict]:
    """The goldens of ``folder`` as served at ``base`` instead of the sample host."""
    found = {}
    for path in folder.glob("t*.json"):
        golden = json.loads(path.read_text("utf-8").replace(HOST, base))
        found[golden["url"]] = golden
    return found


def crawl(out: Path, *args: str):
    result = run_cli("crawl", *args, "-o", str(out), *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def test_the_sample_site_from_its_home_page_gives_every_article(sample_site, tmp_path):
    """No profile: the home page is a hub of column links; every column, its pager (DedeCMS
    ?page=, TRS script pager, Hanweb records, ASP newslist.asp) and every article is found,
    the ASP newsview.asp?Id= ones included; the records equal their goldens."""
    result = crawl(tmp_path, f"{sample_site}/")
    name = sample_site.removeprefix("http://").replace(":", "_")
    assert f"in {tmp_path / name}/" in result.stderr
    got = records(tmp_path / name)
    truth = goldens(GOLDEN_DIR, sample_site)
    assert sorted(got) == sorted(truth)
    assert len(truth) == 48
    for url, golden in truth.items():
        diffs = {k: (got[url][k], v) for k, v in golden.items() if got[url][k] != v}
        assert not diffs, url


@pytest.mark.parametrize("template", ["t7", "t8", "t9", "t10"])
def test_a_site_under_a_prefix_gives_exactly_its_articles(sample_site, tmp_path, template):
    """T7 WebPlus/VSB listN.htm, T8 ASP.NET ?PageIndex=, T9 JSP &pageNo=, T10 Hanweb hex ids:
    from the home hub, within /tN/, nothing outside it (the pages link the site's root and
    another host's article), then re-extraction from the capture gives the same records."""
    crawl(tmp_path / "crawl", f"{sample_site}/{template}/", "--name", "x", "--within", f"/{template}/")
    got = records(tmp_path / "crawl" / "x")
    truth = goldens(GOLDEN_DIR / "sites" / template, sample_site)
    assert sorted(got) == sorted(truth)
    assert sorted(got) == sorted(u.replace(HOST, sample_site) for u in json.loads(
        (GOLDEN_DIR / "sites" / template / "_articles.json").read_text("utf-8")))
    for url, golden in truth.items():
        assert {k: got[url][k] for k in golden} == golden, url
    report = reextract([tmp_path / "crawl" / "x" / "warc"], tmp_path / "again")
    assert report.written == len(truth), report.summary()
    again = records(tmp_path / "again" / "x")
    assert {u: {k: v for k, v in r.items() if k not in NOT_IN_GOLDENS} for u, r in again.items()} \
        == {u: {k: v for k, v in r.items() if k not in NOT_IN_GOLDENS} for u, r in got.items()}


def test_a_generated_site_of_500_articles_from_its_home_page(tmp_path):
    from branchnews.sample_site.scaled.site import article_urls
    from branchnews.sample_site.server import make_scaled_server

    with serving(make_scaled_server("127.0.0.1", 0, articles=500)) as port:
        base = f"http://127.0.0.1:{port}"
        crawl(tmp_path, f"{base}/", "--name", "generated")
    got = records(tmp_path / "generated")
    assert sorted(got) == sorted(u.replace(HOST, base) for u in article_urls(500))


def test_the_same_records_as_the_sample_profile_gives(sample_site, tmp_path):
    """The profile's regexes and the pages' structure find the same articles, read the same."""
    crawl(tmp_path / "profile", "sample", "--start-url", f"{sample_site}/")
    crawl(tmp_path / "urls", f"{sample_site}/", "--name", "copy")

    def comparable(folder):
        return {u: {k: v for k, v in r.items() if k not in NOT_IN_GOLDENS}
                for u, r in records(folder).items()}
    assert comparable(tmp_path / "urls" / "copy") == comparable(tmp_path / "profile" / "sample")


@pytest.mark.parametrize("args, message", [
    (["http://127.0.0.1:9/", "sample"], "'sample' is not an http(s) URL: crawl either URLs"),
    (["sample", "--name", "x"], "--name names a crawl from addresses"),
    (["sample", "--within", "/t7/"], "--within names a crawl from addresses"),
    (["http://127.0.0.1:9/", "--name", "sample"], "--name sample is the dataset of the bundled sample profile"),
    (["http://127.0.0.1:9/t7/", "--within", "/t8/"], "start URL http://127.0.0.1:9/t7/ is not within '/t8/'"),
    (["http://127.0.0.1:9/", "--name", "../up"], "--name '../up': a dataset name is"),
    (["http://127.0.0.1:9/", "--start-url", "http://127.0.0.1:9/a/"], "--start-url points a profile elsewhere"),
])
def test_a_crawl_from_urls_that_cannot_run_says_why_in_one_line(tmp_path, args, message):
    result = run_cli("crawl", *args, "-o", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"branchnews: {message}" + result.stderr.split(message, 1)[1].rstrip("\n")]
    assert not any(tmp_path.iterdir())


def test_never_writes_into_a_dataset_of_another_host(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "2026-01-01.jsonl").write_text(json.dumps({"url": f"{HOST}/a/1.html"}) + "\n")
    result = run_cli("crawl", "http://127.0.0.1:9/", "--name", "x", "-o", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr == (f"branchnews: {tmp_path / 'x'}/ holds records of branch.example.org.cn, "
                             "not of 127.0.0.1; give another --name\n")
    assert [p.name for p in (tmp_path / "x").iterdir()] == ["2026-01-01.jsonl"]


def test_start_url_on_another_host_warns_once_naming_the_dataset(sample_site, tmp_path):
    """``--start-url`` keeps its job (a copy of the profile's site) but says, in one line, which
    dataset the other host's records go into and how a new site is crawled."""
    result = crawl(tmp_path, "sample", "--start-url", f"{sample_site}/")
    host = sample_site.removeprefix("http://").split(":")[0]
    lines = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert lines == [f"warning: --start-url host {host} is not one the sample profile names "
                     f"(branch.example.org.cn): its records go into {tmp_path / 'sample'}/ as a copy "
                     "of that site; for a new site run: branchnews crawl URL --name NAME"]
    assert len(records(tmp_path / "sample")) == 48


def test_start_url_on_the_profiles_own_host_does_not_warn(sample_site, tmp_path):
    """The sample profile's host (through the sample server as its proxy): no warning."""
    result = crawl(tmp_path, "sample", "--start-url", "http://branch.example.org.cn/t7/",
                   "-s", f"BRANCHNEWS_PROXY={sample_site}")
    assert "warning: --start-url" not in result.stderr
    assert len(records(tmp_path / "sample")) == 48  # the t7 pages link the whole site
