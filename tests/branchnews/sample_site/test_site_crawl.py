"""The bundled site as a crawler sees it: the profile finds exactly the articles, every link answers."""

from __future__ import annotations

import json
import re
import tomllib
from collections import deque
from urllib.parse import urlsplit

from branchnews.sample_site import BASE_URL, HOST, SITE_DIR, content_type_for
from tests.branchnews.sample_site.site_helpers import (
    ABS, ARTICLE_URLS, PROFILE, classify, fetch, page_links, site_bytes,
)


def test_profile_crawl_finds_exactly_the_articles(port):
    """Follow list links from the start URL by the profile's regexes: every article, nothing else."""
    profile = tomllib.loads(PROFILE.read_text("utf-8"))
    patterns = {k: [re.compile(v) for v in profile["links"].get(k, [])] for k in ("article", "list", "deny")}
    queue, seen, articles = deque(profile["start_urls"]), set(profile["start_urls"]), set()
    while queue:
        url = queue.popleft()
        status, headers, body = fetch(port, url)
        assert status == 200, url
        for link in page_links(body, headers["content-type"], url):
            link = link.split("#", 1)[0]
            if urlsplit(link).hostname != HOST:
                continue
            kind = classify(patterns, link)
            if kind == "article":
                articles.add(link)
            elif kind == "list" and link not in seen:
                seen.add(link)
                queue.append(link)
    assert sorted(articles) == ARTICLE_URLS
    for url in ARTICLE_URLS:
        assert classify(patterns, url) == "article"
    assert classify(patterns, f"{ABS}/t4/a/jcfc/2017/0914/123_2.html") is None


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
        for link in page_links(path.read_bytes(), content_type, page_url):
            if urlsplit(link).hostname != HOST or "/plus/count.php" in link or link in checked:
                continue
            checked.add(link)
            status, _, _ = fetch(port, link.split("#", 1)[0])
            if status not in (200, 301):
                broken.append((rel, link, status))
    assert broken == []
    assert len(checked) > 50
