"""The home page (links the first list page of every column) and ``/robots.txt``."""

from __future__ import annotations

from ..text import attr
from . import t1, t2, t3, t4, t5, t6

__all__ = ["ROBOTS_TXT", "STATIC_FILES", "render_home"]


def render_home() -> str:
    columns = "".join(f'<li><a href="/a/{k}/">{n}</a></li>' for k, (n, _) in t1.COLUMNS.items())
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        "<title>branchnews 离线样例站</title>\n</head>\n<body>\n"
        "<h1>branchnews 离线样例站</h1>\n"
        "<p>合成的民主党派、政协新闻站点，供爬虫和抽取测试使用。</p>\n"
        f"<h2>{t1.SITE}</h2>\n<ul>{columns}</ul>\n"
        f'<h2>{t2.SITE}</h2>\n<ul><li><a href="{t2.list_url("tzxw", 1)}">{t2.COLUMNS["tzxw"][0]}</a></li></ul>\n'
        f'<h2>{t3.SITE}</h2>\n<ul><li><a href="{t3.list_url(1)}">{t3.COLUMN[1]}</a></li></ul>\n'
        f'<h2>{t4.SITE}</h2>\n<ul><li><a href="/t4/a/jcfc/">{t4.COLUMN[1]}</a></li></ul>\n'
        f'<h2>{t5.SITE}</h2>\n<ul><li><a href="{attr(t5.list_url(1))}">{t5.COLUMN[1]}</a></li></ul>\n'
        f'<h2>{t6.SITE}</h2>\n<ul><li><a href="{t6.list_url(1)}">{t6.COLUMN[1]}</a></li></ul>\n'
        "</body>\n</html>\n"
    )


ROBOTS_TXT = "User-agent: *\nDisallow:\n"
STATIC_FILES = {"/robots.txt": ROBOTS_TXT.encode("utf-8")}
