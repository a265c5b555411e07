"""What a page's inline scripts write into it with ``document.write``, and the text they show.

Government CMSs print parts of the info row from a script: TRS sets the source in a variable and
writes it, or a default when it is empty (``var str_1="某某日报"; if (str_1 == "") {
document.write("来源：本网"); } else { document.write("来源：" + str_1); }``), and dates cut from a
longer time (``document.write("2024-03-05 15:30:00".substring(0,16))``). A reader sees that text;
a parser that drops scripts does not. This reads such scripts without running them: string
literals, variables set to literals, ``+``, ``substring``/``substr``/``slice`` and ``if``/``else``
on ``==``/``!=`` between known values. A script doing anything else writes nothing here.

A WeChat article is served with its whole text in ``<div id="js_content" style="visibility:
hidden">``, which its script then shows; an element hidden that way that holds most of the page's
text is the article, and is shown here too (a hidden paragraph among shown ones stays hidden).
"""

from __future__ import annotations

import re

from lxml import etree

from branchnews.crawler.pages.lines import count_han
from branchnews.pipelines.normalize.charsets import HAN

_LITERAL = r"""(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
_ASSIGN = re.compile(rf"(?:\bvar\s+|[,;{{}}]\s*|^\s*)([A-Za-z_$][\w$]*)\s*=\s*({_LITERAL})", re.M)
_IF = re.compile(r"if\s*\(\s*([^(){}]+?)\s*(===?|!==?)\s*([^(){}]+?)\s*\)\s*\{([^{}]*)\}"
                 r"(?:\s*else\s*\{([^{}]*)\})?")
_WRITE = re.compile(r"document\s*\.\s*write(?:ln)?\s*\(")
_CUT = re.compile(r"\s*\.\s*(substring|substr|slice)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)")
_TERM = re.compile(rf"\s*(?:({_LITERAL})|([A-Za-z_$][\w$]*))")
_TAG = re.compile(r"<[^>]*>")
_TEXT_OR_DATE = re.compile(f"[{HAN}]|\\d{{4}}[-/.年]\\d")
_MAX_SCRIPT = 4000  # an info row's script is short; a library is not read


def run_scripts(root: etree._Element, source: str) -> None:
    """What the page's scripts do to its text, before they are dropped: what each inline script
    writes, in its place (a ``<span>``); the article's text they show. ``source`` is the page's
    text: a page that never says ``document.write`` or ``visibility: hidden`` is not searched."""
    body = root.find("body")
    start = body if body is not None else root
    if "document.write" in source:
        _write(start)
    if "visibility" in source:
        _show(start)


_INVISIBLE = re.compile(r"visibility\s*:\s*hidden\s*;?", re.I)
_STYLED_HIDDEN = etree.XPath(".//*[contains(@style, 'hidden')]")
_SHOWN_SHARE = 0.5  # of the page's text: an element holding this much is the article
_ARTICLE_HAN = 50  # and it holds at least this many Han characters


def _show(start: etree._Element) -> None:
    hidden = [el for el in _STYLED_HIDDEN(start) if _INVISIBLE.search(el.get("style"))]
    total = None
    for el in hidden:
        han = _han(el)
        if han < _ARTICLE_HAN:
            continue
        total = _han(start) if total is None else total
        if han >= _SHOWN_SHARE * total:
            el.set("style", _INVISIBLE.sub("", el.get("style")))


def _han(el: etree._Element) -> int:
    """Han characters in ``el``'s text, not its tail (a script's code holds few)."""
    return count_han(etree.tostring(el, method="text", encoding="unicode", with_tail=False))


def _write(start: etree._Element) -> None:
    for script in list(start.iter("script")):
        code = script.text or ""
        if "document.write" not in code or len(code) > _MAX_SCRIPT or not _TEXT_OR_DATE.search(code):
            continue  # (a counter's script writes markup of no text: no Han, no date)
        written = script_output(code)
        parent = script.getparent()
        if written and parent is not None:
            span = etree.Element("span")
            span.text = written
            span.tail = script.tail
            parent.replace(script, span)


def script_output(code: str) -> str:
    """The text ``code`` writes (markup dropped), or ``""``."""
    values: dict[str, str] = {}
    for name, literal in _ASSIGN.findall(code):
        values[name] = _unquote(literal)
    while m := _IF.search(code):  # innermost first: a branch holds no braces
        left, op, right = _value(m[1], values), m[2], _value(m[3], values)
        if left is None or right is None:
            chosen = ""
        else:
            chosen = m[4] if (left == right) == op.startswith("=") else (m[5] or "")
        code = code[:m.start()] + ";" + chosen + ";" + code[m.end():]
    out = []
    for m in _WRITE.finditer(code):
        text = _expression(code, m.end(), values)
        if text is None:
            return ""
        out.append(text)
    return " ".join(_TAG.sub(" ", t).strip() for t in out if t.strip())


def _expression(code: str, at: int, values: dict[str, str]) -> str | None:
    """The value of ``a + "b" + "c".substring(0, 1)`` starting at ``at``, up to its ``)``."""
    parts = []
    while True:
        m = _TERM.match(code, at)
        if m is None:
            return None
        value = _unquote(m[1]) if m[1] else values.get(m[2])
        if value is None:
            return None
        at = m.end()
        while cut := _CUT.match(code, at):
            value = _cut(value, cut[1], int(cut[2]), int(cut[3]) if cut[3] else None)
            at = cut.end()
        parts.append(value)
        rest = code[at:].lstrip()
        if rest.startswith("+"):
            at = len(code) - len(rest) + 1
            continue
        return "".join(parts) if rest.startswith(")") else None


def _value(term: str, values: dict[str, str]) -> str | None:
    term = term.strip()
    if re.fullmatch(_LITERAL, term):
        return _unquote(term)
    return values.get(term)


def _cut(value: str, how: str, a: int, b: int | None) -> str:
    if how == "substr":
        return value[a:a + b] if b is not None else value[a:]
    if how == "substring" and b is not None and b < a:
        a, b = b, a
    return value[a:b]


def _unquote(literal: str) -> str:
    return re.sub(r"\\(.)", r"\1", literal[1:-1])
