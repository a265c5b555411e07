"""Who and when (crawler/pages/metadata.py): labels by rank, metas by trust."""

from __future__ import annotations

import pytest

from branchnews.crawler.pages.lines import Line, parse_html
from branchnews.crawler.pages.metadata import DATE_METAS, labeled_fields, meta_value


def _line(text: str, index: int = 0) -> Line:
    return Line(index=index, text=text, block=None)


@pytest.mark.parametrize("metas, expected", [
    ({"PubDate": "2018-05-21", "og:release_date": "2018-05-20"}, "2018-05-21"),  # gov CMS first
    ({"og:release_date": "2018-05-20", "date": "2018-05-19"}, "2018-05-20"),
    ({"keywords": "盟员"}, None),
    ({"pubdate": " "}, None),  # an empty content is no value
])
def test_meta_value_by_trust(metas, expected):
    head = "".join(f'<meta name="{k}" content="{v}">' for k, v in metas.items())
    root = parse_html(f"<html><head>{head}</head><body><p>x</p></body></html>")
    assert meta_value(root, DATE_METAS) == expected


@pytest.mark.parametrize("texts, editor", [
    (["编辑：王五", "责任编辑：赵六"], "赵六"),  # 责任编辑 outranks 编辑 wherever it stands
    (["责编：李四", "编辑：王五"], "李四"),
    (["编辑：王五"], "王五"),
    (["审核：孙七"], None),  # never the reviewer
])
def test_labeled_editor_by_rank(texts, editor):
    assert labeled_fields([_line(t, i) for i, t in enumerate(texts)])["editor"] == editor
