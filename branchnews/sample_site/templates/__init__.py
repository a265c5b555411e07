"""The six CMS templates, one module each: page markup, list pages and pagination, encoding quirks.

Each module renders pages from the truth (``render_article``, ``render_list``), says which files
the bundled site holds (``static_pages``, ``STATIC_FILES``, ``asset_links``) and is used as it is
by the scaled site, which renders the same markup on request.
"""

from __future__ import annotations

from . import home, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10

__all__ = ["BY_NAME", "SITES", "STATIC_FILES", "home", "t1", "t2", "t3", "t4", "t5", "t6"]

BY_NAME = {"t1": t1, "t2": t2, "t3": t3, "t4": t4, "t5": t5, "t6": t6}
# The small sites of their own, each rooted at /tN/ and linked from no other page (the bundled
# home page and the scaled site stay as they are): profile-less crawling of other URL families.
SITES = {"t7": t7, "t8": t8, "t9": t9, "t10": t10}

# Stylesheets, scripts, the logo and robots.txt: URL path → bytes, the same on every site size.
STATIC_FILES: dict[str, bytes] = {
    **home.STATIC_FILES, **t1.STATIC_FILES, **t2.STATIC_FILES, **t3.STATIC_FILES, **t4.STATIC_FILES,
    **t5.STATIC_FILES, **t6.STATIC_FILES,
}
