"""templates/t2.py (TRS WCM): the pager exists only as a script."""

from __future__ import annotations

from branchnews.sample_site import SITE_DIR
from tests.branchnews.sample_site.site_helpers import site_bytes, trs_pages


def test_trs_pager_is_script_only():
    """Pages 2 and 3 of the TRS list are reachable only through createPageHTML (0-based)."""
    text = site_bytes("t2/tzxw/index.html").decode("utf-8")
    assert "index_1.html" not in text and 'createPageHTML(countPage, currentPage, "index", "html")' in text
    assert trs_pages(text) == ["index_1.html", "index_2.html"]
    assert not (SITE_DIR / "t2/tzxw/index_3.html").exists()
