"""``branchnews profile URL…``: the proposed profile of a site, learned from a crawl by page
structure, must load, and its crawl must find the articles the profile-less crawl finds (those
are the sites' truth: tests/crawler/spiders/test_crawl_from_urls.py holds the profile-less
crawl to it). Sites: the bundled sample site, a generated one, the per-template sites t7..t10."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from branchnews import exits
from branchnews.crawler.profiles import load_profile
from tests.conftest import REPO, run_cli, serving

GOLDEN_DIR = REPO / "tests" / "golden" / "sample"
HOST = "http://branch.example.org.cn"
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=false", "-s", "LOG_LEVEL=WARNING")


def truth(path: Path, base: str) -> list[str]:
    return sorted(u.replace(HOST, base) for u in json.loads(path.read_text("utf-8")))


def learn(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "proposed.toml"
    result = run_cli("profile", *args, "-o", str(out), *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "proposed profile of " in result.stderr and out.is_file()
    assert not list(tmp_path.glob(".proposed.toml.*"))  # written whole, no temporary left
    return out


def crawled(tmp_path: Path, profile: Path) -> list[str]:
    result = run_cli("crawl", str(profile), "-o", str(tmp_path / "out"), *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    name = load_profile(str(profile)).name
    (records,) = [p for p in (tmp_path / "out" / name).glob("*.jsonl") if ".errors." not in p.name]
    return sorted(json.loads(line)["url"] for line in records.read_text("utf-8").splitlines())


def test_the_sample_sites_profile_crawls_every_article(sample_site, tmp_path):
    proposed = learn(tmp_path, f"{sample_site}/", "--name", "learned")
    profile = load_profile(str(proposed))
    assert profile.name == "learned" and profile.start_urls == (f"{sample_site}/",)
    assert profile.allowed_domains == ("127.0.0.1",) and profile.article_patterns
    text = proposed.read_text("utf-8")
    assert "# charsets seen: utf-8 (" in text and "gb18030 (" in text  # the GBK templates
    assert "# field coverage on the 48 sampled articles:" in text and "#   published: " in text
    assert crawled(tmp_path, proposed) == truth(GOLDEN_DIR / "_articles.json", sample_site)


def test_a_generated_site_learned_from_a_sample_of_its_pages(tmp_path):
    """About 200 pages (the requests under way when the budget is reached come in too) of a
    site of 500 articles and their list pages: the shapes learned still find every article."""
    from branchnews.sample_site.scaled.site import article_urls
    from branchnews.sample_site.server import make_scaled_server

    with serving(make_scaled_server("127.0.0.1", 0, articles=500)) as port:
        base = f"http://127.0.0.1:{port}"
        proposed = learn(tmp_path, f"{base}/", "--name", "generated", "--pages", "200")
        pages = re.search(r"from a crawl of (\d+) pages", proposed.read_text("utf-8"))
        assert 200 <= int(pages.group(1)) < 300
        got = crawled(tmp_path, proposed)
    assert got == sorted(u.replace(HOST, base) for u in article_urls(500))


@pytest.mark.parametrize("template, family", [
    ("t7", "WebPlus (VSB)"), ("t8", "ASP.NET"), ("t9", "JSP"), ("t10", "Hanweb JCMS")])
def test_a_template_site_within_its_prefix(sample_site, tmp_path, template, family):
    proposed = learn(tmp_path, f"{sample_site}/{template}/", "--within", f"/{template}/")
    profile = load_profile(str(proposed))
    assert profile.within == (f"{sample_site}/{template}/",)
    assert f"# CMS family: {family}\n" in proposed.read_text("utf-8")
    assert crawled(tmp_path, proposed) == truth(GOLDEN_DIR / "sites" / template / "_articles.json",
                                                sample_site)


def test_no_output_file_or_dash_prints_the_profile(sample_site, tmp_path):
    for output in ((), ("-o", "-")):
        result = run_cli("profile", f"{sample_site}/t8/", "--within", "/t8/", *output, *FAST)
        assert result.returncode == 0, result.stderr[-3000:]
        path = tmp_path / "printed.toml"
        path.write_text(result.stdout, encoding="utf-8")
        assert load_profile(str(path)).within == (f"{sample_site}/t8/",)


@pytest.mark.parametrize("args, status, message", [
    (["http://127.0.0.1:9/"], exits.FAILED,
     "branchnews: profile of http://127.0.0.1:9/ failed: every start URL failed (1); first: "
     "http://127.0.0.1:9/: DownloadConnectionRefusedError"),
    (["{site}/a/zbfc/2019/0516/184.html", "--within", "/a/zbfc/2019/0516/184.html"], exits.FAILED,
     "branchnews: profile of {site}/a/zbfc/2019/0516/184.html: no article found in 1 pages read; "
     "nothing to learn a profile from"),
    (["sample"], exits.USAGE, "branchnews: 'sample' is not an http(s) URL"),
    (["{site}/", "--pages", "0"], exits.USAGE, "branchnews: --pages 0: give at least 1"),
    (["{site}/", "-o", "{tmp}/no/such/p.toml"], exits.USAGE,
     "branchnews: {tmp}/no/such/p.toml: no folder {tmp}/no/such/ to write the profile into"),
])
def test_bad_input_says_why_in_one_line_of_its_own(sample_site, tmp_path, args, status, message):
    fill = {"site": sample_site, "tmp": tmp_path}
    result = run_cli("profile", *(a.format(**fill) for a in args), *FAST)
    assert result.returncode == status and result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("branchnews: ")]
    assert len(errors) == 1 and errors[0].startswith(message.format(**fill)), result.stderr
    assert "Traceback" not in result.stderr
