"""The bundled offline sample site: one virtual host, ``http://branch.example.org.cn/``.

``site/`` holds the raw bytes the server answers with, in their real encodings (UTF-8 for T1, T2,
T3 and T6, GBK for T4 and T5). The parts:

* ``truth/``: the clean contents of every article, one module per template (the goldens' source);
* ``text.py``: the truth's rules and the reversible damage pages do to it (ASCII punctuation,
  traditional script); ``markup.py``: markup several templates share; ``assets.py``: image and
  attachment bytes;
* ``templates/``: one module per CMS template (T1–T6): page markup, lists, pagination, encodings;
* ``golden.py``: the expected record of an article; ``build.py``: writes ``site/`` and the goldens
  in ``tests/golden/sample/`` (only the seed article ``site/a/zbfc/2017/0914/120.html`` is
  committed verbatim);
* ``scaled/``: a site of any size, generated and rendered on request;
* ``server.py``: HTTP only: serves either site, also as an HTTP proxy for this one host, so a
  crawler can fetch the real-looking URLs.

This module holds what the server and the generators share: how a URL names a file, and which
``Content-Type`` a file is served with.

URL → file rule (shared by the server and the generator; see :func:`url_to_relpath`):

* the URL path is percent-decoded as UTF-8 (``/t6/uploads/2017/09/%E9%99%84%E4%BB%B61.docx`` →
  ``t6/uploads/2017/09/附件1.docx``);
* a path ending in ``/`` names the directory's ``index.html`` (else ``index.shtml``);
* a query string is appended to the file name after an ``@``, kept raw (not decoded):
  ``/t4/plus/view.php?aid=124`` → ``t4/plus/view.php@aid=124``,
  ``/a/zbfc/index.html?page=2`` → ``a/zbfc/index.html@page=2``;
* segments that are empty-dot (``.``/``..``) or start with ``.`` or ``_`` are refused (no path
  traversal, no serving of ``_headers.json``); so are backslashes and NUL.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote

__all__ = [
    "BASE_URL",
    "HOST",
    "INDEX_FILES",
    "SEED_RELPATH",
    "SITE_DIR",
    "content_type_for",
    "url_to_relpath",
]

HOST = "branch.example.org.cn"
BASE_URL = f"http://{HOST}"
SITE_DIR = Path(__file__).resolve().parent / "site"
# The one page committed byte for byte (the seed sample); build.py never writes it.
SEED_RELPATH = "a/zbfc/2017/0914/120.html"
# Tried in order for a path that ends with "/".
INDEX_FILES = ("index.html", "index.shtml")


def url_to_relpath(path: str, query: str = "") -> list[str] | None:
    """Candidate site-relative files for a URL ``path`` (as sent, percent-encoded) and raw ``query``.

    Returns ``None`` when the path is refused (traversal, hidden or internal names, bad
    percent-encoding); otherwise one candidate, or one per :data:`INDEX_FILES` for a directory.

    >>> url_to_relpath("/t4/plus/view.php", "aid=124")
    ['t4/plus/view.php@aid=124']
    >>> url_to_relpath("/a/zbfc/", "page=2")
    ['a/zbfc/index.html@page=2', 'a/zbfc/index.shtml@page=2']
    >>> url_to_relpath("/a/../../etc/passwd") is None
    True
    """
    if not path.startswith("/"):
        return None
    try:
        decoded = unquote(path, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        return None
    if "\\" in decoded or "\x00" in decoded:
        return None
    segments = decoded.split("/")[1:]
    is_dir = segments[-1] == ""
    segments = [s for s in segments if s != ""]
    for seg in segments:
        if seg in (".", "..") or seg.startswith((".", "_")):
            return None
    suffix = f"@{query}" if query else ""
    if is_dir:
        return ["/".join([*segments, name]) + suffix for name in INDEX_FILES]
    if not segments:
        return None
    return ["/".join(segments) + suffix]


# Content-Type by extension; files whose bytes are not UTF-8 are listed in _headers.json instead.
EXTENSION_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".shtml": "text/html; charset=utf-8",
    ".aspx": "text/html; charset=utf-8",
    ".jsp": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".png": "image/png",
    ".gif": "image/gif",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".zip": "application/zip",
    ".rar": "application/vnd.rar",
    ".wps": "application/vnd.ms-works",
}
FALLBACK_TYPE = "application/octet-stream"


def content_type_for(relpath: str, overrides: dict[str, str]) -> str:
    """Content-Type of a site file: the override, else by the extension of the part before ``@``."""
    if relpath in overrides:
        return overrides[relpath]
    name = relpath.rsplit("/", 1)[-1].split("@", 1)[0]
    ext = posixpath.splitext(name)[1].lower()
    return EXTENSION_TYPES.get(ext, FALLBACK_TYPE)
