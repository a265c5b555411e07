"""List-page scoring on invented labeled folders: what counts as found, missed and extra,
the pagination measure, folder discovery, peers that cannot be imported, the CLI."""

from __future__ import annotations

import hashlib
import json
import sys

import pytest

from branchnews.evaluation import lists
from branchnews.evaluation.corpus import CorpusError, CorpusPage
from tests.conftest import run_cli

URL = "http://www.branch.example.org.cn/xw/index.html"
PAGE = ("<html><body><div class='nav'><a href='/'>首页</a><a href='/xw/'>新闻</a></div><ul>"
        + "".join(f"<li><a href='/xw/2024/{i}.html'>全市统一战线第{i}次工作会议召开</a>"
                  f"<span>2024-01-1{i}</span></li>" for i in range(1, 5))
        + "</ul><div><span>1</span><a href='index_1.html'>2</a><a href='index_1.html'>下一页</a>"
        "</div></body></html>").encode()


def label(**kw) -> dict:
    base = {"id": "p1", "url": URL, "cms": "TRS", "sha256": hashlib.sha256(PAGE).hexdigest(),
            "articles": [f"http://www.branch.example.org.cn/xw/2024/{i}.html" for i in range(1, 5)],
            "next_pages": ["http://www.branch.example.org.cn/xw/index_1.html"]}
    return base | kw


def folder(tmp_path, *labels, name="lists"):
    root = tmp_path / name
    (root / "html").mkdir(parents=True)
    (root / "labels.jsonl").write_text("\n".join(json.dumps(lb, ensure_ascii=False) for lb in labels),
                                       encoding="utf-8")
    for lb in labels:
        (root / "html" / f"{lb['id']}.html").write_bytes(PAGE)
    return root


def page(**kw) -> CorpusPage:
    return CorpusPage("p1", None, label(**kw), PAGE)


@pytest.mark.parametrize("found,right,returned,hit", [
    (lists.Found(label()["articles"], label()["next_pages"]), 4, 4, True),
    (lists.Found(label()["articles"][:2] + ["http://x.cn/a.html"], []), 2, 3, False),
    (lists.Found([u + "#top" for u in label()["articles"]], None), 4, 4, None),
    (lists.Found(label()["articles"] * 2, label()["next_pages"][::-1]), 4, 4, True),
])
def test_score_page(found, right, returned, hit):
    scored = lists.score_page(page(), found)
    assert (scored.right, scored.returned, scored.pager_hit) == (right, returned, hit)
    assert scored.expected == 4


def test_no_labeled_pager_is_a_hit_only_when_none_is_given():
    assert lists.score_page(page(next_pages=[]), lists.Found([], [])).pager_hit is True
    assert lists.score_page(page(next_pages=[]), lists.Found([], [URL + "?p=2"])).pager_hit is False


def test_entities_in_labels_are_read_as_in_the_label():
    labeled = page(articles=["http://h.cn/s?a=1×cope=2"])
    assert lists.score_page(labeled, lists.Found(["http://h.cn/s?a=1&timescope=2"], [])).right == 1


def test_branchnews_scores_an_invented_folder_whole(tmp_path):
    pages, warnings = lists.load_pages([folder(tmp_path, label())])
    (scores,) = lists.evaluate_lists(pages, [lists.make_list_tool("branchnews")])
    assert scores.values() == {"recall": 1.0, "precision": 1.0, "pagination": 1.0}
    assert warnings == []


def test_a_page_a_tool_fails_on_is_a_miss(tmp_path):
    pages, _ = lists.load_pages([folder(tmp_path, label())])
    broken = lists.ListTool("broken", "0", lambda p: 1 / 0)
    (scores,) = lists.evaluate_lists(pages, [broken])
    assert scores.values()["recall"] == 0.0 and "ZeroDivisionError" in scores.pages[0].error


def test_folders_from_the_environment_join_the_shared_one(tmp_path, monkeypatch):
    shared = folder(tmp_path / "repo" / ".." / "shared", label(), name="lists")
    extra = folder(tmp_path, label(), name="extra")
    monkeypatch.setenv(lists.ENV_VAR, str(extra))
    roots = lists.locate_lists(base=tmp_path / "repo")
    assert [r.resolve() for r in roots] == [shared.resolve(), extra.resolve()]
    pages, _ = lists.load_pages(roots)
    assert [p.id for p in pages] == ["p1", "extra/p1"]
    monkeypatch.setenv(lists.ENV_VAR, str(tmp_path / "nothing"))
    with pytest.raises(CorpusError, match="no labeled list pages"):
        lists.locate_lists(base=tmp_path / "elsewhere")


@pytest.mark.parametrize("missing,message", [
    ("gerapy_auto_extractor", "is not installed"),
    ("loguru", "is installed but fails to import: No module named 'loguru'"),
])
def test_gerapy_import_errors_say_what_they_are(monkeypatch, missing, message):
    class Block:
        def find_spec(self, name, path=None, target=None):
            if name == missing or name.startswith(missing + "."):
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)

    if missing != "gerapy_auto_extractor":  # a dependency missing inside the installed peer
        pytest.importorskip("gerapy_auto_extractor", reason="peer not installed")
    for mod in [m for m in sys.modules if m.startswith(("gerapy_auto_extractor", missing))]:
        monkeypatch.delitem(sys.modules, mod)
    monkeypatch.setattr(sys, "meta_path", [Block(), *sys.meta_path])
    with pytest.raises(lists.ToolUnavailable, match=message):
        lists.make_list_tool("gerapy")


def test_cli_prints_one_table_and_json(tmp_path):
    root = folder(tmp_path, label())
    result = run_cli("eval", "--lists", str(root), "--tools", "branchnews,patterns")
    assert result.returncode == 0, result.stderr
    assert "recall" in result.stdout and "4/4 (1.000)" in result.stdout
    as_json = json.loads(run_cli("eval", "--lists", str(root), "--json", "--tools",
                                 "branchnews").stdout)
    assert as_json["tools"]["branchnews"]["scores"]["pagination"] == 1.0


@pytest.mark.parametrize("args,message", [
    (["--lists", "no-such-folder"], "no labels.jsonl in no-such-folder"),
    (["--lists", ".", "--tools", "gne"], "--lists scores"),
])
def test_cli_bad_input_is_one_line_and_status_2(args, message):
    result = run_cli("eval", *args)
    assert result.returncode == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
