"""The scaled sample site (``branchnews sample-site --articles N``): lists, truth, determinism, crawl."""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from urllib.parse import urlsplit

import pytest

from branchnews.sample_site import BASE_URL
from branchnews.sample_site import scaled as S
from branchnews.sample_site.golden import golden_record, page_paths
from branchnews.sample_site.scaled import content as C
from branchnews.sample_site.server import make_scaled_server
from branchnews.crawler.pages.article import Page, parse_article
from branchnews.crawler.pages.links import list_links
from branchnews.crawler.profiles import load_profile
from tests.conftest import REPO, run_cli, serving


@pytest.fixture(scope="module")
def server_500():
    with serving(make_scaled_server("127.0.0.1", 0, 500)) as port:
        yield port


def fetch(port: int, url: str, *, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """``(status, headers, body)`` of ``url`` asked of the server as an HTTP proxy (absolute form)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        conn.putrequest(method, url, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", urlsplit(url).netloc)
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def walk_lists(port: int) -> tuple[int, Counter]:
    """Follow the profile's list links from the home page: (distinct list pages, article → times linked).

    Lists served under two URLs (``/a/mjdt/`` and ``/a/mjdt/index.html``) count once: pages are
    told apart by their bytes.
    """
    profile = load_profile("sample")
    queue, seen, bodies, linked = list(profile.start_urls), set(), set(), Counter()
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, headers, body = fetch(port, url)
        assert status == 200, url
        found = list_links(body, url, headers, allowed_domains=profile.allowed_domains,
                           article_patterns=profile.article_patterns, list_patterns=profile.list_patterns,
                           deny_patterns=profile.deny_patterns)
        digest = hashlib.sha256(body).digest()
        if digest not in bodies:
            bodies.add(digest)
            linked.update(found.articles)
        queue.extend(found.lists)
    return len(bodies), linked


# ---------------------------------------------------------------------------------------------
# lists
# ---------------------------------------------------------------------------------------------


def test_list_pages_link_exactly_500_distinct_articles_once_each(server_500):
    pages, linked = walk_lists(server_500)
    expected = list(S.article_urls(500))
    assert len(set(expected)) == 500
    assert set(linked) == set(expected)
    assert set(linked.values()) == {1}, [u for u, n in linked.items() if n > 1][:5]
    # every template paginates: 500 articles are far more than one page of any list
    assert pages > 6 * 2


def test_templates_and_multi_page_articles_are_mixed():
    truths = [S.article_at(500, i) for i in range(500)]
    by_template = Counter(a.template for a in truths)
    assert set(by_template) == {"t1", "t2", "t3", "t4", "t5", "t6"}
    assert min(by_template.values()) >= 500 // 6
    pages = Counter(len(page_paths(a)) for a in truths if a.template == "t4")
    assert pages[2] > 0 and pages[3] > 0
    assert any(a.script == "traditional" for a in truths) and any(a.ascii_punct for a in truths)
    assert sum(1 for a in truths for b in a.body if isinstance(b, str) and b.startswith("（一）")) > 10


def test_truth_obeys_the_golden_rules():
    """``golden.golden_record`` checks the truth (clean text, dates, sections); it raises otherwise."""
    for i in range(600):
        record = golden_record(S.article_at(600, i))
        assert record["title"] and record["paragraphs"]


def test_urls_do_not_depend_on_n():
    small = list(S.article_urls(120))
    assert list(S.article_urls(500))[:120] == small


# ---------------------------------------------------------------------------------------------
# article pages
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("i", [0, 1, 2, 3, 4, 5, 7, 13, 37, 43, 250, 499])
def test_article_page_parses_to_its_truth(server_500, i):
    truth = S.article_at(500, i)
    pages = []
    for path in page_paths(truth):
        status, headers, body = fetch(server_500, BASE_URL + path)
        assert status == 200
        pages.append(Page(BASE_URL + path, body, headers))
    record = parse_article(pages, site="sample")
    assert record["title"] == truth.title
    assert record["published"] == truth.published
    assert record["pages"] == len(pages)


def test_gbk_pages_and_their_content_types(server_500):
    t4 = next(a for a in (S.article_at(500, i) for i in range(500)) if a.template == "t4")
    status, headers, body = fetch(server_500, BASE_URL + t4.path)
    assert status == 200 and headers["content-type"] == "text/html"
    assert body.decode("gbk") and b"charset=gbk" in body
    status, headers, body = fetch(server_500, f"{BASE_URL}/t5/newslist.asp?Tid=4&page=1")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"  # the lie
    body.decode("gbk")


@pytest.mark.parametrize("url, status", [
    (f"{BASE_URL}/", 200),
    (f"{BASE_URL}/robots.txt", 200),
    (f"{BASE_URL}/a/mjdt", 301),
    (f"{BASE_URL}/a/mjdt/?page=1", 404),               # page 1 is index.html, no ?page=1
    (f"{BASE_URL}/a/mjdt/index.html?page=99", 404),    # past the last page
    (f"{BASE_URL}/t6/system/2024/06/28/040000000.shtml", 200),
    (f"{BASE_URL}/t6/system/2024/06/27/040000000.shtml", 404),  # wrong date for the id
    (f"{BASE_URL}/t6/system/2024/06/28/40000000.shtml", 404),   # not the canonical spelling
    (f"{BASE_URL}/t5/newsview.asp?Id=10999&Tid=4", 404),        # beyond N
    (f"{BASE_URL}/t5/newsview.asp?Tid=4&Id=10000", 404),        # the query must match exactly
    (f"{BASE_URL}/_headers.json", 403),
    ("http://other.example.org.cn/", 502),                      # not an open proxy
])
def test_request_table(server_500, url, status):
    assert fetch(server_500, url)[0] == status


# ---------------------------------------------------------------------------------------------
# determinism
# ---------------------------------------------------------------------------------------------


def _sample_urls(n: int) -> list[str]:
    urls = [f"{BASE_URL}/", f"{BASE_URL}/a/zbfc/index.html?page=2", f"{BASE_URL}/t2/tzxw/index_1.html",
            f"{BASE_URL}/t3/col/col1234/index.html?uid=4567&pageNum=2", f"{BASE_URL}/t4/a/jcfc/list_12_2.html",
            f"{BASE_URL}/t5/newslist.asp?Tid=4&page=2", f"{BASE_URL}/t6/zxgz/index_2.shtml"]
    for i in (0, 1, 2, 3, 4, 5, 9, 61, 100, n - 1):
        urls += [BASE_URL + p for p in page_paths(S.article_at(n, i))]
    return urls


def test_same_bytes_twice_from_fresh_servers():
    """Two servers started one after the other (generator caches emptied) answer identically."""
    runs = []
    for _ in range(2):
        C.head_of.cache_clear()
        C.make_article.cache_clear()
        with serving(make_scaled_server("127.0.0.1", 0, 500)) as port:
            answers = [fetch(port, u) for u in _sample_urls(500)]
        runs.append([(status, headers["content-type"], body) for status, headers, body in answers])
    assert all(status == 200 for status, _, _ in runs[0])
    assert runs[0] == runs[1]


def _digests(n: int) -> list[str]:
    site = S.ScaledSite(n)
    return [hashlib.sha256(site.get(u[len(BASE_URL):])[0]).hexdigest() for u in _sample_urls(n)]


def test_same_bytes_in_another_process_with_another_hash_seed():
    code = ("import json, sys; sys.path.insert(0, 'tests/branchnews/sample_site'); "
            "import test_scaled as t; print(json.dumps(t._digests(500)))")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout) == _digests(500)


def test_generator_state_is_bounded():
    """Nothing per article is kept: the only caches are bounded LRUs."""
    site = S.ScaledSite(10_000)
    for i in range(0, 10_000, 7):
        a = S.article_at(10_000, i)
        assert site.get(a.path) is not None
    assert C.head_of.cache_info().currsize <= C.head_of.cache_info().maxsize
    assert C.make_article.cache_info().currsize <= C.make_article.cache_info().maxsize
    assert set(vars(site)) == {"n", "counts"}


# ---------------------------------------------------------------------------------------------
# the real crawl and the command
# ---------------------------------------------------------------------------------------------


def test_crawl_of_200_articles_lands_exactly_200_records(tmp_path):
    with serving(make_scaled_server("127.0.0.1", 0, 200)) as port:
        result = run_cli("crawl", "sample", "-s", f"BRANCHNEWS_PROXY=http://127.0.0.1:{port}",
                         "-o", str(tmp_path), "-s", "LOG_LEVEL=WARNING")
    assert result.returncode == 0, result.stderr[-3000:]
    records = [json.loads(line) for f in (tmp_path / "sample").glob("*[0-9].jsonl")
               for line in f.read_text("utf-8").splitlines() if line.strip()]
    assert len(records) == 200
    truths = {BASE_URL + a.path: a for a in (S.article_at(200, i) for i in range(200))}
    assert {r["url"] for r in records} == set(truths)
    stitched = 0
    for r in records:
        truth = truths[r["url"]]
        assert r["pages"] == len(page_paths(truth)), r["url"]
        assert (r["title"], r["published"]) == (truth.title, truth.published)
        stitched += r["pages"] > 1
    assert stitched >= 5
    assert not list((tmp_path / "sample").glob("*.errors.jsonl"))


def test_sample_site_command_with_articles():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "branchnews", "sample-site", "--articles", "30",
                             "--port", str(port)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        last = S.article_at(30, 29)
        for _ in range(100):
            try:
                status, _, body = fetch(port, BASE_URL + last.path)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("sample-site --articles did not answer")
        assert last.template == "t5" and status == 200 and last.title in body.decode("gbk")
        assert fetch(port, BASE_URL + S.article_at(31, 30).path)[0] == 404  # the 31st of 30
        assert "/t4/a/jcfc/" in fetch(port, f"{BASE_URL}/")[2].decode("utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
