"""templates/: the files every site size serves the same (stylesheets, scripts, logo, robots.txt)."""

from __future__ import annotations

import pytest

from branchnews.sample_site import content_type_for
from branchnews.sample_site.scaled import ScaledSite
from branchnews.sample_site.templates import BY_NAME, STATIC_FILES
from tests.branchnews.sample_site.site_helpers import site_bytes


@pytest.mark.parametrize("url_path", sorted(STATIC_FILES))
def test_static_file_is_committed_and_served_by_the_scaled_site(url_path):
    rel = url_path.lstrip("/")
    assert site_bytes(rel) == STATIC_FILES[url_path]
    assert ScaledSite(12).get(url_path) == (STATIC_FILES[url_path], content_type_for(rel, {}))


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_every_template_module_offers_the_same_interface(name):
    module = BY_NAME[name]
    for attribute in ("render_article", "render_list", "list_url", "static_pages", "asset_links", "STATIC_FILES"):
        assert hasattr(module, attribute), f"{name}.{attribute}"
