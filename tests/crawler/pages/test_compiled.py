"""The compiled modules against their Python twins: same results, element for element.

``crawler/pages/_walk.pyx`` (layout walk, lines, headline candidates, Han count) must give what
``crawler/pages/lines.py`` and ``title.py`` give in Python. (The pinyin scan's twin test is in
``tests/pipelines/test_normalize_pinyin.py``.)
"""

from __future__ import annotations

import os
import subprocess
import sys

from hypothesis import given, strategies as st
from lxml import etree

from crawler.pages import lines as lines_mod
from crawler.pages import title
from crawler.pages.lines import parse_html, prune, walk_page
from tests.conftest import REPO, require_compiled


def _walk_key(walk) -> tuple:
    """Everything a ``PageText`` holds, with elements by identity."""
    return (walk.texts, [(id(el), where) for el, where in walk.slots],
            [None if p is None else (p[0], p[1], p[2]) for p in walk.places],
            [(parts, id(block), [id(a) for a in links], chars)
             for parts, block, links, chars in walk.pending],
            [id(el) for el in walk.hidden])


def _pages() -> list:
    files = [p for folder in ("branchnews/sample_site/site", "tests/fixtures")
             for p in sorted((REPO / folder).rglob("*")) if p.is_file()
             and p.suffix not in {".json", ".py", ".txt", ".md", ".css", ".js", ".png", ".jpg",
                                  ".gif", ".pdf", ".doc", ".docx", ".xls"}]
    return [p for p in files if b"<" in p.read_bytes()[:2000]]


def _python_lines(walk, monkeypatch):
    fast = lines_mod._fast
    monkeypatch.setattr(lines_mod, "_fast", None)
    try:
        return walk.lines()
    finally:
        monkeypatch.setattr(lines_mod, "_fast", fast)


def test_compiled_and_python_walks_agree_on_every_page(monkeypatch):
    """The two walks must build the same lines and slots, element for element."""
    require_compiled(lines_mod._fast, "crawler.pages._walk")
    checked = 0
    for path in _pages():
        try:
            root = parse_html(path.read_bytes().decode("utf-8", "replace"))
        except (etree.ParserError, ValueError):
            continue
        if root is None:
            continue
        prune(root)
        fast = walk_page(root)
        slow = lines_mod._walk_python(root)
        assert _walk_key(fast) == _walk_key(slow), path
        compiled_lines = fast.lines()
        python_lines = _python_lines(slow, monkeypatch)
        assert [(ln.text, id(ln.block), ln.index, ln.link_chars, [id(a) for a in ln.links], ln.marked)
                for ln in compiled_lines] == [
            (ln.text, id(ln.block), ln.index, ln.link_chars, [id(a) for a in ln.links], ln.marked)
            for ln in python_lines], path
        checked += 1
    assert checked >= 60


@given(st.text(alphabet=st.sampled_from("中文漢字abc １2，。\u4dff\u4e00\u9fff\ua000\U00020000 ")))
def test_han_count_agrees(text):
    require_compiled(lines_mod._fast, "crawler.pages._walk")
    assert lines_mod._fast.han_count(text) == lines_mod._han_python(text)


def test_pure_python_switch():
    code = "import crawler.pages.lines as L; print(L._fast_walk is None)"
    env = {**os.environ, "BRANCHNEWS_PURE_PYTHON": "1"}
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO,
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True"


def test_compiled_and_python_headline_candidates_agree(monkeypatch):
    require_compiled(lines_mod._fast, "crawler.pages._walk")
    checked = 0
    fast = lines_mod._fast
    for path in _pages():
        root = parse_html(path.read_bytes().decode("utf-8", "replace"))
        if root is None or root.find("body") is None:
            continue
        prune(root)
        elements = list(root.find("body").iter())
        for prose in elements[1::7]:
            for prefix in ("", "民进", "关于"):
                monkeypatch.setattr(lines_mod, "_fast", fast)
                compiled = title._candidates_before(root, prose, prefix)
                monkeypatch.setattr(lines_mod, "_fast", None)
                python = title._candidates_before(root, prose, prefix)
                assert [id(e) for e in compiled] == [id(e) for e in python], (path, prose.tag)
                checked += 1
    assert checked >= 500
