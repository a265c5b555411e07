"""Shared by the sample-site tests: the committed tree, its goldens, a raw HTTP client, link finders.

Requests go through ``http.client`` so the exact request target (origin form, absolute form,
traversal attempts) reaches the server unchanged.
"""

from __future__ import annotations

import http.client
import json
import re
from pathlib import Path
from urllib.parse import urljoin

from lxml import html as lxml_html
from w3lib.encoding import html_to_unicode
from w3lib.url import safe_url_string

from branchnews.sample_site import BASE_URL, HOST, SEED_RELPATH, SITE_DIR

REPO = Path(__file__).resolve().parents[3]
GOLDEN_DIR = REPO / "tests" / "golden" / "sample"

SCHEMA = REPO / "pipelines" / "schema" / "record.schema.json"

PROFILE = REPO / "crawler" / "profiles" / "sample.toml"

SEED_EXPECTED = REPO / "tests" / "fixtures" / "t1-seed" / "expected.json"  # copied from the shared sample

SEED_SHA256 = "c5faf869e6c51b2555b356f9a1e739a71dab6d34e663a0e5bfc3d528b72258a7"

SEED_URL = f"{BASE_URL}/{SEED_RELPATH}"

UTF8_HTML = "text/html; charset=utf-8"

ABS = f"http://{HOST}"


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


_TRS_PAGER = re.compile(r'createPageHTML\(\s*(\w+)\s*,\s*\w+\s*,\s*"(\w+)"\s*,\s*"(\w+)"\s*\)')



def trs_pages(text: str) -> list[str]:
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


def hanweb_records(text: str) -> list[str]:
    """hrefs of the list records Hanweb keeps as CDATA inside <script type="text/xml">."""
    out = []
    for fragment in _HANWEB_RECORD.findall(text):
        out += lxml_html.fragment_fromstring(fragment, create_parent="ul").xpath("//a/@href")
    return out



def hanweb_pages(text: str) -> list[str]:
    """The links Hanweb's script-only jpage pager would write: ?uid=…&pageNum=2 … (1-based)."""
    out = []
    for config in _HANWEB_PAGER.findall(text):
        params = dict(re.findall(r"(\w+)\s*:\s*'?(\w+)'?", config))
        pages = -(-int(params["totalRecord"]) // int(params["perPage"]))
        out += [f"index.html?uid={params['uid']}&pageNum={n}" for n in range(2, pages + 1)]
    return out



def page_links(body: bytes, content_type: str, url: str) -> list[str]:
    _, text = html_to_unicode(content_type, body)
    doc = lxml_html.document_fromstring(text)
    out = [safe_url_string(urljoin(url, href)) for href in trs_pages(text) + hanweb_pages(text) + hanweb_records(text)]
    for attr_name, xpath in (("href", "//a[@href]"), ("src", "//img[@src]|//script[@src]|//link[@href]")):
        for el in doc.xpath(xpath):
            value = el.get(attr_name) or el.get("href")
            if value and not value.startswith(("javascript:", "#")):
                out.append(safe_url_string(urljoin(url, value)))  # as a crawler would request it
    return out



def classify(patterns: dict[str, list[re.Pattern]], url: str) -> str | None:
    if any(p.search(url) for p in patterns["deny"]):
        return None
    if any(p.search(url) for p in patterns["article"]):
        return "article"
    if any(p.search(url) for p in patterns["list"]):
        return "list"
    return None


def assert_credit_lines_close_the_body(rel: str, golden: str, credit_lines: list[str]) -> None:
    """The credit lines (T3, T5) are the body's last <p>s, and no golden paragraph holds them."""
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
