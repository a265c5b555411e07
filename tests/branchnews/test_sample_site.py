"""The bundled sample site: its committed tree, its server, its goldens and its profile.

No network and nothing outside the repository: the server runs on an ephemeral port in a thread,
and requests go through ``http.client`` so the exact request target (origin form, absolute form,
traversal attempts) reaches the server unchanged.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import re
import threading
import tomllib
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from branchnews.pipelines.record import SCHEMA_VERSION
from jsonschema import Draft202012Validator
from lxml import html as lxml_html
from w3lib.encoding import html_to_unicode
from w3lib.url import safe_url_string

from branchnews.sample_site import BASE_URL, HOST, SEED_RELPATH, SITE_DIR, url_to_relpath
from branchnews.sample_site import build
from branchnews.sample_site.articles import ARTICLES
from branchnews.sample_site.server import DEFAULT_PORT, content_type_for, make_server

REPO = Path(__file__).resolve().parents[2]
GOLDEN_DIR = REPO / "tests" / "golden" / "sample"
SCHEMA = REPO / "pipelines" / "schema" / "record.schema.json"
PROFILE = REPO / "crawler" / "profiles" / "sample.toml"
SEED_EXPECTED = REPO / "tests" / "fixtures" / "t1-seed" / "expected.json"  # copied from the shared sample

# sha256 of the shared seed sample samples/t1-seed/article.html: the seed page is committed byte for byte.
SEED_SHA256 = "c5faf869e6c51b2555b356f9a1e739a71dab6d34e663a0e5bfc3d528b72258a7"

SEED_URL = f"{BASE_URL}/{SEED_RELPATH}"
UTF8_HTML = "text/html; charset=utf-8"


# ---------------------------------------------------------------------------------------------
# fixtures and helpers
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def port():
    server = make_server("127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def fetch(port: int, target: str, *, method: str = "GET", host: str | None = HOST):
    """``(status, headers, body)`` for a raw request target sent verbatim."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            conn.putheader("Host", host)
        conn.endheaders()
        resp = conn.getresponse()
        body = resp.read()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body
    finally:
        conn.close()


def site_bytes(relpath: str) -> bytes:
    return (SITE_DIR / relpath).read_bytes()


def load_goldens() -> dict[str, dict]:
    return {p.name: json.loads(p.read_text("utf-8")) for p in sorted(GOLDEN_DIR.glob("*.json")) if not p.name.startswith("_")}


ARTICLE_URLS: list[str] = json.loads((GOLDEN_DIR / "_articles.json").read_text("utf-8"))
GOLDENS = load_goldens()


# ---------------------------------------------------------------------------------------------
# the committed tree
# ---------------------------------------------------------------------------------------------


def test_seed_page_is_the_shared_sample_byte_for_byte():
    assert hashlib.sha256(site_bytes(SEED_RELPATH)).hexdigest() == SEED_SHA256


def test_committed_tree_equals_build_output():
    assert build.differences() == []


def test_build_is_deterministic():
    assert build.generate() == build.generate()


def test_build_writes_identical_bytes(tmp_path):
    (tmp_path / "site" / SEED_RELPATH).parent.mkdir(parents=True)
    (tmp_path / "site" / SEED_RELPATH).write_bytes(site_bytes(SEED_RELPATH))
    build.write(tmp_path / "site", tmp_path / "golden")
    assert build.differences(tmp_path / "site", tmp_path / "golden") == []
    assert build.write(tmp_path / "site", tmp_path / "golden") == 0  # second run: nothing to change


def test_at_least_30_articles_over_six_templates():
    assert len(ARTICLE_URLS) >= 30
    assert ARTICLE_URLS == sorted(set(ARTICLE_URLS))
    per_template = {t: sum(a.template == t for a in ARTICLES) for t in ("t1", "t2", "t3", "t4", "t5", "t6")}
    assert min(per_template.values()) >= 5 and sum(n >= 10 for n in per_template.values()) >= 3, per_template


def test_only_gbk_pages_have_header_overrides():
    """Every file listed in _headers.json is a GBK page (T4, T5); every other page is UTF-8."""
    headers = json.loads(site_bytes("_headers.json"))
    assert headers and all(rel.startswith(("t4/", "t5/")) for rel in headers)
    for path in SITE_DIR.rglob("*"):
        rel = path.relative_to(SITE_DIR).as_posix()
        if not path.is_file() or rel in headers or rel.endswith((".png", ".pdf")):
            continue
        path.read_bytes().decode("utf-8")  # strict: every unlisted text file is UTF-8


def test_gbk_pages_are_gbk_with_characters_outside_gb2312():
    headers = json.loads(site_bytes("_headers.json"))
    gbk_files = sorted(rel for rel in headers if rel.startswith("t4/"))
    assert gbk_files and all(headers[rel] == "text/html" for rel in gbk_files)
    joined = ""
    for rel in gbk_files:
        data = site_bytes(rel)
        text = data.decode("gbk")  # strict
        assert 'charset=gbk"' in text
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        joined += text
    for ch in "喆镕〇○·—":
        assert ch in joined
    with pytest.raises(UnicodeEncodeError):
        "张喆".encode("gb2312")


T5_HEADER_LIES = ["t5/newsview.asp@Id=3890&Tid=4", "t5/newsview.asp@Id=3902&Tid=4",
                  "t5/newslist.asp@Tid=4&page=1", "t5/newslist.asp@Tid=4&page=2"]
T5_META_LIES = "t5/newsview.asp@Id=3915&Tid=4"


def test_t5_every_page_is_gbk_and_listed():
    headers = json.loads(site_bytes("_headers.json"))
    pages = sorted(p.relative_to(SITE_DIR).as_posix() for p in (SITE_DIR / "t5").glob("news*.asp@*"))
    assert len(pages) == 7 and sorted(rel for rel in headers if rel.startswith("t5/")) == pages
    for rel in pages:
        data = site_bytes(rel)
        data.decode("gbk")  # strict
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")


@pytest.mark.parametrize("rel", T5_HEADER_LIES)
def test_t5_lying_header_files_are_gbk_bytes(rel):
    """The header says utf-8, the meta says gb2312, the bytes are GBK with characters outside GB2312."""
    headers = json.loads(site_bytes("_headers.json"))
    assert headers[rel] == "text/html; charset=utf-8"
    data = site_bytes(rel)
    text = data.decode("gbk")  # strict
    assert 'content="text/html; charset=gb2312"' in text
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    encoding, decoded = html_to_unicode(headers[rel], data)  # what a browser and Scrapy do: the header wins
    assert encoding == "utf-8" and "\ufffd" in decoded
    if "newsview" in rel:
        assert any(ch in text for ch in "〇镕喆")
        with pytest.raises(UnicodeEncodeError):
            text.encode("gb2312")


def test_t5_meta_lies_sibling_is_gbk_bytes():
    headers = json.loads(site_bytes("_headers.json"))
    assert headers[T5_META_LIES] == "text/html"  # no charset in the header
    data = site_bytes(T5_META_LIES)
    text = data.decode("gbk")
    assert '<meta charset="utf-8">' in text and "gb2312" not in text
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    encoding, decoded = html_to_unicode(headers[T5_META_LIES], data)  # trusting the meta gives mojibake
    assert encoding == "utf-8" and "\ufffd" in decoded


def test_t5_gb2312_label_needs_gbk():
    """Honest header and meta both say gb2312, but the text has 喆: only GBK/GB18030 decodes it."""
    rel = "t5/newsview.asp@Id=3871&Tid=4"
    assert json.loads(site_bytes("_headers.json"))[rel] == "text/html; charset=gb2312"
    data = site_bytes(rel)
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb2312")
    assert "张喆" in data.decode("gb18030")
    encoding, decoded = html_to_unicode("text/html; charset=gb2312", data)
    assert encoding == "gb18030" and "张喆" in decoded


def test_t5_no_date_article_shows_no_date_anywhere():
    """Id=3871: no date in the page, the URL or its list row; the golden says null."""
    golden = GOLDENS["t5-3871.json"]
    assert (golden["published"], golden["published_raw"]) == (None, None)
    date_like = re.compile(r"\d{4}\s*[-/年.]\s*\d{1,2}|\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}年|\[\d")
    text = site_bytes("t5/newsview.asp@Id=3871&Tid=4").decode("gbk")
    assert not date_like.search(text)
    assert "发布人:办公室</td>" in text  # the metadata line simply ends after 发布人
    assert not date_like.search(golden["url"])
    listing = site_bytes("t5/newslist.asp@Tid=4&page=2").decode("gbk")
    row = next(line for line in listing.splitlines() if "Id=3871" in line)
    assert row.endswith('<td class="d"></td></tr>')


# ---------------------------------------------------------------------------------------------
# URL → file rule and content types (pure)
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, query, expected",
    [
        ("/", "", ["index.html", "index.shtml"]),
        ("/a/zbfc/", "", ["a/zbfc/index.html", "a/zbfc/index.shtml"]),
        ("/a/zbfc/index.html", "page=2", ["a/zbfc/index.html@page=2"]),
        ("/a/zbfc/", "page=2", ["a/zbfc/index.html@page=2", "a/zbfc/index.shtml@page=2"]),
        ("/t4/plus/view.php", "aid=124", ["t4/plus/view.php@aid=124"]),
        ("/t6/uploads/2017/09/%E9%99%84%E4%BB%B61.docx", "", ["t6/uploads/2017/09/附件1.docx"]),
        ("/../etc/passwd", "", None),
        ("/a/%2e%2e/%2e%2e/etc/passwd", "", None),
        ("/a/..%2f..%2fetc", "", None),
        ("/a/%5c..%5cetc", "", None),
        ("/a/%00.html", "", None),
        ("/_headers.json", "", None),
        ("/.git/config", "", None),
        ("/%ff.html", "", None),
        ("relative.html", "", None),
    ],
)
def test_url_to_relpath(path, query, expected):
    assert url_to_relpath(path, query) == expected


@pytest.mark.parametrize(
    "relpath, expected",
    [
        ("a/zbfc/2017/0914/120.html", UTF8_HTML),
        ("a/zbfc/index.html@page=2", UTF8_HTML),
        ("t6/zxgz/index.shtml", UTF8_HTML),
        ("t4/a/jcfc/2017/0914/123.html", "text/html"),  # listed in _headers.json
        ("t4/plus/view.php@aid=124", "text/html"),  # listed; .php has no default
        ("robots.txt", "text/plain; charset=utf-8"),
        ("uploads/soft/180612/1-1P612093Z1.pdf", "application/pdf"),
        ("t6/uploads/2017/09/fj2.xls", "application/vnd.ms-excel"),
        ("skin/images/logo.png", "image/png"),
        ("x/unknown.bin", "application/octet-stream"),
        ("t3/col/col1234/index.html@uid=4567&pageNum=2", UTF8_HTML),
        ("t3/art/2017/9/14/art_1234_56789.html", UTF8_HTML),
        ("t5/newsview.asp@Id=3890&Tid=4", "text/html; charset=utf-8"),  # listed: the lie
        ("t5/newsview.asp@Id=3915&Tid=4", "text/html"),  # listed: no charset, the meta lies
        ("t5/newsview.asp@Id=3871&Tid=4", "text/html; charset=gb2312"),
        ("t5/newslist.asp@Tid=4&page=2", "text/html; charset=utf-8"),
    ],
)
def test_content_type_for(relpath, expected):
    overrides = json.loads(site_bytes("_headers.json"))
    assert content_type_for(relpath, overrides) == expected


# ---------------------------------------------------------------------------------------------
# the server
# ---------------------------------------------------------------------------------------------

ABS = f"http://{HOST}"


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


# ---------------------------------------------------------------------------------------------
# the site as a crawler sees it
# ---------------------------------------------------------------------------------------------


def test_trs_pager_is_script_only():
    """Pages 2 and 3 of the TRS list are reachable only through createPageHTML (0-based)."""
    text = site_bytes("t2/tzxw/index.html").decode("utf-8")
    assert "index_1.html" not in text and 'createPageHTML(countPage, currentPage, "index", "html")' in text
    assert _trs_pages(text) == ["index_1.html", "index_2.html"]
    assert not (SITE_DIR / "t2/tzxw/index_3.html").exists()


T3_LISTS = ["t3/col/col1234/index.html", "t3/col/col1234/index.html@uid=4567&pageNum=2"]
T3_ARTICLE = re.compile(r"/t3/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html$")


@pytest.mark.parametrize("rel", T3_LISTS)
def test_hanweb_list_has_no_plain_article_links(rel):
    """The records are CDATA inside <script type="text/xml">: a DOM //a/@href finds no article."""
    text = site_bytes(rel).decode("utf-8")
    doc = lxml_html.document_fromstring(text)
    hrefs = doc.xpath("//a/@href")
    assert hrefs and not [h for h in hrefs if "/art/" in h]
    assert not doc.xpath('//div[@id="4567"]//li')  # not even the list items
    records = _hanweb_records(text)
    assert records and any(T3_ARTICLE.search(h) for h in records)
    assert "pageNum=" not in " ".join(hrefs)  # the pager is written by jpage() at run time


def test_hanweb_records_and_pager_reach_every_t3_article():
    found = []
    for rel in T3_LISTS:
        text = site_bytes(rel).decode("utf-8")
        found += [h for h in _hanweb_records(text) if T3_ARTICLE.search(h)]
        assert _hanweb_pages(text) == ["index.html?uid=4567&pageNum=2"]
    t3 = sorted(u for u in ARTICLE_URLS if "/t3/" in u)
    assert len(t3) == 5 and sorted(BASE_URL + h for h in found) == t3
    assert not (SITE_DIR / "t3/col/col1234/index.html@uid=4567&pageNum=3").exists()


def test_hanweb_article_date_path_is_not_zero_padded():
    for url in ARTICLE_URLS:
        m = re.search(r"/t3/art/(\d{4})/(\d{1,2})/(\d{1,2})/", url)
        if m:
            golden = next(g for g in GOLDENS.values() if g["url"] == url)
            y, mo, d = golden["published"][:10].split("-")
            assert m.groups() == (y, str(int(mo)), str(int(d)))
    assert f"{ABS}/t3/art/2017/9/14/art_1234_56789.html" in ARTICLE_URLS


@pytest.mark.parametrize(
    "rel, golden, credit_lines",
    [
        ("t3/art/2017/9/14/art_1234_56789.html", "t3-56789.json", ["（文/张某 图/李某）", "审核：刘某 编辑：赵某"]),
        ("t3/art/2017/8/3/art_1234_56512.html", "t3-56512.json", ["（文/陈某）", "审核：刘某"]),
        ("t5/newsview.asp@Id=3902&Tid=4", "t5-3902.json", ["（记者汪某 通讯员代某）【编辑:叶某】"]),
        ("t5/newsview.asp@Id=3890&Tid=4", "t5-3890.json", ["（民革云州市委北湖支部 张某）"]),
    ],
)
def test_credit_lines_close_the_body_and_are_not_paragraphs(rel, golden, credit_lines):
    data = site_bytes(rel)
    text = data.decode("gbk") if rel.startswith("t5/") else data.decode("utf-8")
    doc = lxml_html.document_fromstring(text)
    body = doc.xpath('//div[@id="zoom"]/p | //td[@class="content"]/p')
    last = [p.text_content().strip() for p in body][-len(credit_lines):]
    assert last == credit_lines
    paragraphs = GOLDENS[golden]["paragraphs"]
    assert len(paragraphs) == len(body) - len(credit_lines) - len(GOLDENS[golden]["images"])
    assert not any(line in p for p in paragraphs for line in credit_lines)
    assert "刘某" not in json.dumps(GOLDENS[golden], ensure_ascii=False)  # 审核 is nobody's field


def test_every_article_url_answers_200_through_the_proxy(port):
    for url in ARTICLE_URLS:
        status, headers, body = fetch(port, url)
        assert status == 200, url
        assert headers["content-type"].startswith("text/html") and body


_TRS_PAGER = re.compile(r'createPageHTML\(\s*(\w+)\s*,\s*\w+\s*,\s*"(\w+)"\s*,\s*"(\w+)"\s*\)')


def _trs_pages(text: str) -> list[str]:
    """The links TRS's script-only pager would write: index_1 … index_{count-1} (0-based)."""
    out = []
    for count, stem, ext in _TRS_PAGER.findall(text):
        if not count.isdigit():
            m = re.search(rf"\b{count}\s*=\s*(\d+)", text)
            count = m.group(1) if m else "1"
        out += [f"{stem}_{n}.{ext}" for n in range(1, int(count))]
    return out


_HANWEB_RECORD = re.compile(r"<record><!\[CDATA\[(.*?)\]\]></record>", re.S)
_HANWEB_PAGER = re.compile(r"jpage\(\{([^}]*)\}\)")


def _hanweb_records(text: str) -> list[str]:
    """hrefs of the list records Hanweb keeps as CDATA inside <script type="text/xml">."""
    out = []
    for fragment in _HANWEB_RECORD.findall(text):
        out += lxml_html.fragment_fromstring(fragment, create_parent="ul").xpath("//a/@href")
    return out


def _hanweb_pages(text: str) -> list[str]:
    """The links Hanweb's script-only jpage pager would write: ?uid=…&pageNum=2 … (1-based)."""
    out = []
    for config in _HANWEB_PAGER.findall(text):
        params = dict(re.findall(r"(\w+)\s*:\s*'?(\w+)'?", config))
        pages = -(-int(params["totalRecord"]) // int(params["perPage"]))
        out += [f"index.html?uid={params['uid']}&pageNum={n}" for n in range(2, pages + 1)]
    return out


def _page_links(body: bytes, content_type: str, url: str) -> list[str]:
    _, text = html_to_unicode(content_type, body)
    doc = lxml_html.document_fromstring(text)
    out = [safe_url_string(urljoin(url, href)) for href in _trs_pages(text) + _hanweb_pages(text) + _hanweb_records(text)]
    for attr_name, xpath in (("href", "//a[@href]"), ("src", "//img[@src]|//script[@src]|//link[@href]")):
        for el in doc.xpath(xpath):
            value = el.get(attr_name) or el.get("href")
            if value and not value.startswith(("javascript:", "#")):
                out.append(safe_url_string(urljoin(url, value)))  # as a crawler would request it
    return out


def _classify(patterns: dict[str, list[re.Pattern]], url: str) -> str | None:
    if any(p.search(url) for p in patterns["deny"]):
        return None
    if any(p.search(url) for p in patterns["article"]):
        return "article"
    if any(p.search(url) for p in patterns["list"]):
        return "list"
    return None


def test_profile_crawl_finds_exactly_the_articles(port):
    """Follow list links from the start URL by the profile's regexes: every article, nothing else."""
    profile = tomllib.loads(PROFILE.read_text("utf-8"))
    patterns = {k: [re.compile(v) for v in profile["links"].get(k, [])] for k in ("article", "list", "deny")}
    queue, seen, articles = deque(profile["start_urls"]), set(profile["start_urls"]), set()
    while queue:
        url = queue.popleft()
        status, headers, body = fetch(port, url)
        assert status == 200, url
        for link in _page_links(body, headers["content-type"], url):
            link = link.split("#", 1)[0]
            if urlsplit(link).hostname != HOST:
                continue
            kind = _classify(patterns, link)
            if kind == "article":
                articles.add(link)
            elif kind == "list" and link not in seen:
                seen.add(link)
                queue.append(link)
    assert sorted(articles) == ARTICLE_URLS
    for url in ARTICLE_URLS:
        assert _classify(patterns, url) == "article"
    assert _classify(patterns, f"{ABS}/t4/a/jcfc/2017/0914/123_2.html") is None


def test_every_on_site_link_and_asset_exists(port):
    """Links, images, stylesheets and scripts of every page resolve (the hit counter excepted)."""
    broken = []
    checked: set[str] = set()
    for path in sorted(SITE_DIR.rglob("*")):
        rel = path.relative_to(SITE_DIR).as_posix()
        if not path.is_file() or rel.startswith("_"):
            continue
        content_type = content_type_for(rel, json.loads(site_bytes("_headers.json")))
        if not content_type.startswith("text/html"):
            continue
        name, _, query = rel.partition("@")
        page_url = f"{BASE_URL}/{name}" + (f"?{query}" if query else "")
        for link in _page_links(path.read_bytes(), content_type, page_url):
            if urlsplit(link).hostname != HOST or "/plus/count.php" in link or link in checked:
                continue
            checked.add(link)
            status, _, _ = fetch(port, link.split("#", 1)[0])
            if status not in (200, 301):
                broken.append((rel, link, status))
    assert broken == []
    assert len(checked) > 50


# ---------------------------------------------------------------------------------------------
# goldens
# ---------------------------------------------------------------------------------------------

# Values for the fields a golden omits, so it can be checked against the full record schema.
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
    assert list(golden) == list(build.GOLDEN_FIELDS)
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


# ---------------------------------------------------------------------------------------------
# the generator's own checks (the truth may only be corrupted reversibly)
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "truth, page",
    [
        ("支部工作，提高效率：一是机制；二是活动！对吗？", "支部工作,提高效率:一是机制;二是活动!对吗?"),
        ("颁发证书（共六十三份）。", "颁发证书(共六十三份)。"),
        ("（三）构建亲清政商关系", "(三)构建亲清政商关系"),
        ("2015年4月，“优秀提案奖”，QQ群。", "2015年4月,“优秀提案奖”，QQ群。"),
        ("时间（2017）", "时间（2017）"),  # not Han-only inside: left full-width
    ],
)
def test_asciify_round_trips(truth, page):
    assert build.asciify(truth) == page
    assert build.restore_punct(page) == truth


@pytest.mark.parametrize(
    "text",
    ["", " 前导空格", "两个  空格", "ASCII, comma", "括号(内容)", "冒号:后面", "逗号， 后有空格", "全角\u3000空格"],
)
def test_check_clean_rejects(text):
    with pytest.raises(build.TruthError):
        build.check_clean(text, "case")


def test_traditional_page_text_must_round_trip():
    style = build.Style(traditional=True)
    assert build.t2s(style.text("民进石家庄市委会召开全委会")) == "民进石家庄市委会召开全委会"
    with pytest.raises(build.TruthError):
        style.text("藉口")  # s2t keeps 藉, t2s turns it into 借


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
    assert build.parse_raw_date(raw) == iso
