"""fleet.py: a crawl profile per fleet site, loaded as any profile file is."""

from __future__ import annotations

import pytest

from branchnews.crawler.profiles import load_profile
from branchnews.sample_site.fleet import site_name, write_profiles


@pytest.mark.parametrize("url, name", [("http://127.0.0.2:8931/", "sample-127-0-0-2"),
                                       ("http://127.0.1.45:80/", "sample-127-0-1-45"),
                                       ("http://localhost:8000/", "sample-localhost")])
def test_site_name_is_the_host(url, name):
    assert site_name(url) == name


def test_written_profiles_load_as_one_site_each_with_the_sample_rules(tmp_path):
    urls = ["http://127.0.0.2:8931/", "http://127.0.0.3:8931/"]
    listing = write_profiles(tmp_path / "fleet", urls)
    paths = listing.read_text("utf-8").split()
    profiles = [load_profile(p) for p in paths]
    sample = load_profile("sample")
    assert [(p.name, p.start_urls, p.allowed_domains, p.proxy) for p in profiles] == [
        ("sample-127-0-0-2", ("http://127.0.0.2:8931/",), ("127.0.0.2",), None),
        ("sample-127-0-0-3", ("http://127.0.0.3:8931/",), ("127.0.0.3",), None),
    ]
    assert all(p.article_patterns == sample.article_patterns and p.settings == sample.settings
               and p.deny_patterns == sample.deny_patterns for p in profiles)
