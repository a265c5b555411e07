"""`branchnews extract` gives, for saved bytes, the record a crawl gives."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO, run_cli

SEED = REPO / "tests/fixtures/t1-seed"
SEED_URL = json.loads((SEED / "meta.json").read_text("utf-8"))["url"]
T4 = REPO / "branchnews/sample_site/site/t4/plus/view.php@aid=124"


def test_extract_seed_page_equals_expected_record():
    result = run_cli("extract", str(SEED / "article.html"), "--url", SEED_URL)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and "\\u" not in lines[0]
    record = json.loads(lines[0])
    expected = json.loads((SEED / "expected.json").read_text("utf-8"))
    assert {k: record[k] for k in expected} == expected
    assert record["fetched_at"] is None and record["status"] is None


def test_extract_equals_crawled_record(sample_site, tmp_path):
    crawl = run_cli("crawl", "sample", "-o", str(tmp_path), "--start-url",
                    "http://branch.example.org.cn/a/zbfc/", "-s", f"BRANCHNEWS_PROXY={sample_site}",
                    "-s", "LOG_LEVEL=WARNING")
    assert crawl.returncode == 0, crawl.stderr[-2000:]
    crawled = next(json.loads(line) for f in (tmp_path / "sample").glob("*[0-9].jsonl")
                   for line in f.read_text("utf-8").splitlines() if SEED_URL in line)
    result = run_cli("extract", str(SEED / "article.html"), "--url", SEED_URL, "--site", "sample")
    extracted = json.loads(result.stdout)
    for field in ("fetched_at", "status"):
        crawled.pop(field), extracted.pop(field)
    assert extracted == crawled


def test_several_pages_in_input_order_and_charset_detection():
    result = run_cli("extract", str(T4), str(SEED / "article.html"))
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["encoding"] == "gb18030" and first["published"] == "2017-09-12"
    assert second["editor"] == "张禹"
    assert first["url"].startswith("file://")


def test_missing_file_is_named_and_other_pages_still_print(tmp_path):
    missing = tmp_path / "nope.html"
    result = run_cli("extract", str(missing), str(SEED / "article.html"))
    assert result.returncode == 1
    assert str(missing) in result.stderr and "cannot read" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_unknown_site_is_a_clear_error(tmp_path):
    result = run_cli("crawl", "no-such-site", "-o", str(tmp_path))
    assert result.returncode == 2 and "no site profile 'no-such-site'" in result.stderr


def test_sites_lists_the_profiles():
    result = run_cli("sites")
    assert result.returncode == 0 and "sample" in result.stdout and "bjzx" in result.stdout


def test_sample_site_command_serves_the_home_page():
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "branchnews", "sample-site", "--port", str(port)],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as resp:
                    home = resp.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("sample-site did not answer")
        for first_list in ("/a/zbfc/", "/t2/tzxw/", "/t4/a/jcfc/", "/t6/zxgz/"):
            assert first_list in home
    finally:
        proc.terminate()
        proc.wait(timeout=10)


BAD_SELECTOR = 'name = "bad"\nstart_urls = ["http://127.0.0.1:{port}/"]\n[selectors]\ntitle = "//h1["\n'


def _counting_server():
    """A server on 127.0.0.1 that counts the requests it gets (a bad profile must get none)."""
    import http.server
    import threading

    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, hits


def test_crawl_with_a_bad_profile_says_why_in_one_line_before_any_request(tmp_path):
    server, hits = _counting_server()
    try:
        profile = tmp_path / "bad.toml"
        profile.write_text(BAD_SELECTOR.format(port=server.server_address[1]), encoding="utf-8")
        result = run_cli("crawl", str(profile), "-o", str(tmp_path / "out"))
    finally:
        server.shutdown()
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"branchnews: {profile}: [selectors] 'title': bad XPath '//h1[': Invalid expression"]
    assert hits == [] and not (tmp_path / "out").exists()


@pytest.mark.parametrize("site, message", [
    ("nosuch", "branchnews: no site profile 'nosuch': known sites are "),
    ("{tmp}/bad.toml", "branchnews: {tmp}/bad.toml: [selectors] 'title': bad XPath '//h1[': Invalid expression"),
    ("{tmp}/typo.toml", "branchnews: {tmp}/typo.toml: unknown table [link] (did you mean [links]?)"),
])
def test_extract_with_a_bad_profile_says_why_in_one_line(tmp_path, site, message):
    (tmp_path / "bad.toml").write_text(BAD_SELECTOR.format(port=1), encoding="utf-8")
    (tmp_path / "typo.toml").write_text('name = "t"\nstart_urls = ["http://a.cn/"]\n[link]\nlist = []\n',
                                        encoding="utf-8")
    result = run_cli("extract", "--site", site.format(tmp=tmp_path), str(SEED / "article.html"))
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(message.format(tmp=tmp_path))


def test_sample_site_sites_serves_a_fleet_and_writes_its_profiles(tmp_path):
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    from branchnews.crawler.profiles import load_profile

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "branchnews", "sample-site", "--sites", "2",
                             "--articles", "6", "--latency", "10", "--port", str(port),
                             "--profiles", str(tmp_path)],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        urls = [proc.stdout.readline().strip() for _ in range(2)]
        assert urls == [f"http://127.0.0.2:{port}/", f"http://127.0.0.3:{port}/"]
        for _ in range(100):
            if (tmp_path / "sites.txt").exists():
                break
            time.sleep(0.05)
        names = [load_profile(p).name for p in (tmp_path / "sites.txt").read_text().split()]
        assert names == ["sample-127-0-0-2", "sample-127-0-0-3"]
        with urllib.request.urlopen(urls[1] + "robots.txt", timeout=5) as response:
            assert response.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.parametrize("flags", [["--sites", "0"], ["--sites", "2", "--latency", "-5"]])
def test_sample_site_refuses_an_empty_fleet(flags):
    proc = run_cli("sample-site", *flags, "--port", "0", timeout=60)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1


# -- the first hour of a new user: help, version, extract without a URL -------------------------

PAGE = """<html><head><meta charset="utf-8">{head}</head><body><h1>关于开展调研的通知</h1>
<div class="content"><p>各有关单位：为深入了解基层情况，现将有关事项通知如下，请认真组织实施并按时报送。</p>
<p><img src="/NMediaFile/2024/pic.jpg" alt="会场"></p>
<p>附件：<a href="files/plan.pdf">调研方案</a></p>
<p>特此通知。本次调研工作由办公室统一协调，各单位确定一名联络员，及时反馈工作进展。</p></div></body></html>"""


@pytest.mark.parametrize("head, address, image", [
    ('<link rel="canonical" href="https://www.example.gov.cn/tzgg/202401/t20240105_1.html">',
     "https://www.example.gov.cn/tzgg/202401/t20240105_1.html",
     "https://www.example.gov.cn/NMediaFile/2024/pic.jpg"),
    ('<meta property="og:url" content="http://org.example.cn/news/12.html">',
     "http://org.example.cn/news/12.html", "http://org.example.cn/NMediaFile/2024/pic.jpg"),
    ('<base href="http://site.example.cn/xwzx/">', "http://site.example.cn/xwzx/",
     "http://site.example.cn/NMediaFile/2024/pic.jpg"),
    ("", None, "/NMediaFile/2024/pic.jpg"),  # no address: links as the page wrote them
])
def test_extract_without_url_takes_the_address_the_page_gives(tmp_path, head, address, image):
    page = tmp_path / "saved.html"
    page.write_text(PAGE.format(head=head), "utf-8")
    result = run_cli("extract", str(page))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert [i["src"] for i in record["images"]] == [image]
    assert "file://" not in json.dumps(record["images"] + record["attachments"])
    if address:
        assert record["url"] == address and result.stderr == ""
    else:
        assert record["attachments"][0]["url"] == "files/plan.pdf"
        assert result.stderr.count("\n") == 1 and "relative links left relative" in result.stderr


def test_base_href_resolves_links_of_a_page_with_a_url(tmp_path):
    page = tmp_path / "saved.html"
    page.write_text(PAGE.format(head='<base href="http://cdn.example.cn/web/">'), "utf-8")
    record = json.loads(run_cli("extract", str(page), "--url", "http://a.example.cn/x/1.html").stdout)
    assert record["url"] == "http://a.example.cn/x/1.html"
    assert record["attachments"][0]["url"] == "http://cdn.example.cn/web/files/plan.pdf"


def test_extract_pretty_is_indented_and_unescaped():
    result = run_cli("extract", str(SEED / "article.html"), "--url", SEED_URL, "--pretty")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith('{\n  "') and "\\u" not in result.stdout
    plain = json.loads(run_cli("extract", str(SEED / "article.html"), "--url", SEED_URL).stdout)
    assert json.loads(result.stdout) == plain


@pytest.mark.parametrize("url", ["notaurl", "ftp://example.cn/a.html", "file:///tmp/a.html",
                                 "http://"])
def test_extract_url_must_be_http(url):
    result = run_cli("extract", str(SEED / "article.html"), "--url", url)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "not an http(s) URL" in result.stderr


def test_version_and_help_name_every_command():
    from importlib.metadata import version

    assert run_cli("--version").stdout.strip() == f"branchnews {version('branchnews')}"
    text = run_cli("--help").stdout
    from branchnews.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert set(sub.choices) <= set(text.split()) and "``" not in text
    for code in (0, 1, 2, 75):
        assert f"  {code} " in text


def _actions(parser):
    for action in parser._actions:
        if action.dest == "help" or action.__class__.__name__ == "_VersionAction":
            continue
        if hasattr(action, "choices") and isinstance(action.choices, dict):
            for name, child in action.choices.items():
                yield from ((f"{name} {n}", a) for n, a in _actions(child))
            continue
        yield action.dest, action


def test_every_argument_has_help():
    from branchnews.cli import build_parser

    missing = [name for name, action in _actions(build_parser()) if not action.help]
    assert missing == []


def test_sites_lists_each_profile_with_its_description():
    from branchnews.crawler.profiles import available, load_profile

    out = run_cli("sites").stdout
    for name in available():
        profile = load_profile(name)
        assert f"{name:24} {profile.description}" in out


def test_readme_exit_status_table_is_the_one_the_code_defines():
    from branchnews import exits

    text = (REPO / "README.md").read_text("utf-8")
    table = text.split("### Exit statuses", 1)[1].split("\n\n", 3)[2]
    rows = [line.strip("|").split("|") for line in table.splitlines()[2:]]
    assert {int(code): meaning.strip() for code, meaning in rows} == exits.MEANINGS
