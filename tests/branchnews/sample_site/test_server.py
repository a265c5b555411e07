"""server.py: the bundled site over HTTP, as origin server and as a one-host proxy (the scaled site: test_scaled.py)."""

from __future__ import annotations

import tomllib

import pytest
from w3lib.encoding import html_to_unicode

from branchnews.sample_site import BASE_URL, HOST, SEED_RELPATH
from branchnews.sample_site.server import DEFAULT_PORT
from tests.branchnews.sample_site.site_helpers import ABS, ARTICLE_URLS, PROFILE, UTF8_HTML, fetch, site_bytes


@pytest.mark.parametrize(
    "target, host, status, content_type, relpath",
    [
        pytest.param("/", HOST, 200, UTF8_HTML, "index.html", id="home"),
        pytest.param("/index.html", HOST, 200, UTF8_HTML, "index.html", id="home-index"),
        pytest.param("/robots.txt", HOST, 200, "text/plain; charset=utf-8", "robots.txt", id="robots"),
        pytest.param(f"/{SEED_RELPATH}", HOST, 200, UTF8_HTML, SEED_RELPATH, id="seed-origin-form"),
        pytest.param(f"/{SEED_RELPATH}", "evil.example", 200, UTF8_HTML, SEED_RELPATH, id="any-host-header"),
        pytest.param(f"/{SEED_RELPATH}", None, 200, UTF8_HTML, SEED_RELPATH, id="no-host-header"),
        pytest.param(f"{ABS}/{SEED_RELPATH}", HOST, 200, UTF8_HTML, SEED_RELPATH, id="seed-absolute-form"),
        pytest.param(f"http://{HOST}:80/a/zbfc/", HOST, 200, UTF8_HTML, "a/zbfc/index.html", id="absolute-port-80"),
        pytest.param(f"http://BRANCH.Example.org.cn/", HOST, 200, UTF8_HTML, "index.html", id="absolute-host-case"),
        pytest.param("/a/zbfc/", HOST, 200, UTF8_HTML, "a/zbfc/index.html", id="directory-index"),
        pytest.param("/a/zbfc/index.html?page=2", HOST, 200, UTF8_HTML, "a/zbfc/index.html@page=2", id="query-page"),
        pytest.param("/a/zbfc/?page=3", HOST, 200, UTF8_HTML, "a/zbfc/index.html@page=3", id="dir-query-page"),
        pytest.param("/t6/zxgz/", HOST, 200, UTF8_HTML, "t6/zxgz/index.shtml", id="shtml-index"),
        pytest.param("/t4/a/jcfc/2017/0914/123.html", HOST, 200, "text/html", "t4/a/jcfc/2017/0914/123.html", id="gbk-no-charset"),
        pytest.param("/t4/plus/view.php?aid=124", HOST, 200, "text/html", "t4/plus/view.php@aid=124", id="dynamic-url"),
        pytest.param(f"{ABS}/t4/plus/view.php?aid=124", HOST, 200, "text/html", "t4/plus/view.php@aid=124", id="dynamic-url-absolute"),
        pytest.param("/t6/uploads/2017/09/%E9%99%84%E4%BB%B61.docx", HOST, 200,
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     "t6/uploads/2017/09/附件1.docx", id="chinese-file-name"),
        pytest.param("/t3/col/col1234/index.html?uid=4567&pageNum=2", HOST, 200, UTF8_HTML,
                     "t3/col/col1234/index.html@uid=4567&pageNum=2", id="hanweb-page-2"),
        pytest.param(f"{ABS}/t3/art/2017/9/14/art_1234_56789.html", HOST, 200, UTF8_HTML,
                     "t3/art/2017/9/14/art_1234_56789.html", id="hanweb-article"),
        pytest.param(f"{ABS}/t5/newsview.asp?Id=3890&Tid=4", HOST, 200, "text/html; charset=utf-8",
                     "t5/newsview.asp@Id=3890&Tid=4", id="asp-header-lies"),
        pytest.param("/t5/newsview.asp?Id=3915&Tid=4", HOST, 200, "text/html",
                     "t5/newsview.asp@Id=3915&Tid=4", id="asp-meta-lies"),
        pytest.param("/t5/newslist.asp?Tid=4&page=2", HOST, 200, "text/html; charset=utf-8",
                     "t5/newslist.asp@Tid=4&page=2", id="asp-list-page-2"),
        pytest.param("/t5/newsview.asp?Tid=4&Id=3890", HOST, 404, None, None, id="asp-query-order-matters"),
        pytest.param("/t3/col/col1234/index.html?uid=4567&pageNum=3", HOST, 404, None, None, id="hanweb-no-page-3"),
        pytest.param("/t4/plus/view.php?aid=999", HOST, 404, None, None, id="unknown-query"),
        pytest.param("/t4/plus/view.php", HOST, 404, None, None, id="query-required"),
        pytest.param("/nope.html", HOST, 404, None, None, id="missing"),
        pytest.param(f"{ABS}/nope.html", HOST, 404, None, None, id="missing-absolute"),
        pytest.param("/a/zbfc", HOST, 301, None, None, id="directory-without-slash"),
        pytest.param("/_headers.json", HOST, 403, None, None, id="internal-file"),
        pytest.param("/../../../../etc/passwd", HOST, 403, None, None, id="dotdot"),
        pytest.param("/a/%2e%2e/%2e%2e/%2e%2e/etc/passwd", HOST, 403, None, None, id="encoded-dotdot"),
        pytest.param("/a/..%2f..%2f..%2fetc%2fpasswd", HOST, 403, None, None, id="encoded-slash"),
        pytest.param(f"{ABS}/../../etc/passwd", HOST, 403, None, None, id="absolute-dotdot"),
        pytest.param("http://www.example.com/", "www.example.com", 502, None, None, id="other-host"),
        pytest.param(f"http://{HOST}.evil.test/", HOST, 502, None, None, id="suffix-host"),
        pytest.param(f"https://{HOST}/", HOST, 502, None, None, id="https-scheme"),
        pytest.param(f"http://{HOST}:8080/", HOST, 502, None, None, id="other-port"),
        pytest.param("http://127.0.0.1/", HOST, 502, None, None, id="loopback-host"),
    ],
)
def test_request_table(port, target, host, status, content_type, relpath):
    got_status, headers, body = fetch(port, target, host=host)
    assert got_status == status
    assert int(headers["content-length"]) == len(body)
    if content_type is not None:
        assert headers["content-type"] == content_type
    if relpath is not None:
        assert body == site_bytes(relpath)
    if status == 301:
        assert headers["location"] == target + "/"
    if status >= 400:
        assert b"root:" not in body


@pytest.mark.parametrize("target", [f"/{SEED_RELPATH}", f"{ABS}/t4/plus/view.php?aid=124", "/nope.html"])
def test_head_has_headers_and_no_body(port, target):
    get_status, get_headers, get_body = fetch(port, target)
    status, headers, body = fetch(port, target, method="HEAD")
    assert status == get_status and body == b""
    assert headers["content-length"] == get_headers["content-length"] == str(len(get_body))
    assert headers["content-type"] == get_headers["content-type"]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "CONNECT"])
def test_only_get_and_head(port, method):
    target = f"{HOST}:80" if method == "CONNECT" else "/"
    status, _, _ = fetch(port, target, method=method)
    assert status == 501


def test_gbk_page_decodes_through_its_meta(port):
    """No charset in the header, so the <meta> decides and w3lib resolves gbk to gb18030."""
    status, headers, body = fetch(port, f"{ABS}/t4/a/jcfc/2017/0914/123.html")
    assert status == 200 and "charset" not in headers["content-type"]
    encoding, text = html_to_unicode(headers["content-type"], body)
    assert encoding == "gb18030"
    assert "民盟云州市委召开基层组织建设工作座谈会" in text and "\ufffd" not in text


def test_server_is_quiet(port, capfd):
    for target in ("/", "/nope.html", "http://www.example.com/"):
        fetch(port, target)
    assert capfd.readouterr().err == ""


def test_default_port_matches_the_profile_proxy():
    profile = tomllib.loads(PROFILE.read_text("utf-8"))
    assert DEFAULT_PORT == 8931
    assert profile["proxy"] == f"http://127.0.0.1:{DEFAULT_PORT}"
    assert profile["start_urls"] == [f"{BASE_URL}/"] and profile["allowed_domains"] == [HOST]


def test_every_article_url_answers_200_through_the_proxy(port):
    for url in ARTICLE_URLS:
        status, headers, body = fetch(port, url)
        assert status == 200, url
        assert headers["content-type"].startswith("text/html") and body


# -- a fleet: N sites on N loopback addresses -----------------------------------------------------

def _get(host: str, port: int, path: str = "/") -> tuple[int, bytes, float]:
    import http.client
    import time

    started = time.monotonic()
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read(), time.monotonic() - started
    finally:
        conn.close()


@pytest.mark.parametrize("count, first, last", [(1, "127.0.0.2", "127.0.0.2"),
                                                (3, "127.0.0.2", "127.0.0.4"),
                                                (300, "127.0.0.2", "127.0.1.45")])
def test_fleet_addresses_start_after_the_sample_sites(count, first, last):
    from branchnews.sample_site.server import fleet_addresses

    addresses = fleet_addresses(count)
    assert (len(set(addresses)), addresses[0], addresses[-1]) == (count, first, last)


@pytest.mark.parametrize("count", [0, -1])
def test_a_fleet_has_at_least_one_site(count):
    from branchnews.sample_site.server import fleet_addresses

    with pytest.raises(ValueError):
        fleet_addresses(count)


@pytest.mark.parametrize("latency", [0.0, 0.2])
def test_fleet_serves_the_same_site_on_each_address_after_its_latency(latency):
    from contextlib import ExitStack

    from branchnews.sample_site.server import make_fleet_servers
    from tests.conftest import serving

    servers = make_fleet_servers(3, articles=12, port=0, latency=latency)
    with ExitStack() as stack:
        answers = []
        for server in servers:
            port = stack.enter_context(serving(server))
            answers.append((server.server_address[0], _get(server.server_address[0], port, "/t6/zxgz/")))
    assert [host for host, _ in answers] == ["127.0.0.2", "127.0.0.3", "127.0.0.4"]
    assert {status for _, (status, _, _) in answers} == {200}
    assert len({body for _, (_, body, _) in answers}) == 1  # one site, served three times
    assert all(took >= latency for _, (_, _, took) in answers)
    assert b"system/" in answers[0][1][1]  # the list links its articles
