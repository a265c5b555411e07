"""The evaluation run on a tiny corpus made here: misses, crashes, missing pages, CLI, gate.

The pages are written by the tests themselves (the real corpus is other projects' data and is
never copied into this repo).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from branchnews.cli import main
from branchnews.evaluation import gate, report
from branchnews.evaluation.corpus import ENV_VAR, CorpusError, corpus_sha256, load, locate
from branchnews.evaluation.runner import evaluate, misses
from branchnews.evaluation.tools import ALL_FIELDS, Extracted, Tool

PARAGRAPHS = ["第一段正文：今天天气很好，我们去公园散步。", "第二段正文：公园里有很多人，大家都很开心。"]
PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>测试标题_测试网</title></head>
<body><div class="nav">首页 新闻</div><h1>测试标题</h1>
<div class="info">2024-05-10 08:00 来源：测试网 作者：张三 李四</div>
<div class="content">{paras}</div><div class="editor">责任编辑：王五</div></body></html>"""

LABELS = [
    {"id": "ok", "title": "測試標題", "date": "2024-05-10", "source": "测试网", "author": "张三、李四",
     "editor": "王五", "body_first": PARAGRAPHS[0], "body_last": PARAGRAPHS[1],
     "body": "\n".join(PARAGRAPHS)},
    {"id": "nodate", "title": "测试标题", "date": None, "source": None, "author": None,
     "editor": None, "body_first": PARAGRAPHS[0], "body_last": PARAGRAPHS[1],
     "body": "\n".join(PARAGRAPHS)},
    {"id": "crash", "title": "测试标题", "date": None, "source": None, "author": None,
     "editor": None, "body_first": None, "body_last": None, "body": None},
    {"id": "missing", "title": "测试标题", "date": "2024-05-10", "source": None, "author": None,
     "editor": None, "body_first": PARAGRAPHS[0], "body_last": None, "body": "x"},
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "html").mkdir(parents=True)
    lines = [json.dumps(label, ensure_ascii=False) for label in LABELS]
    (root / "labels.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    page = PAGE.format(paras="".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    for page_id in ("ok", "nodate", "crash"):
        (root / "html" / f"{page_id}.html").write_text(page, encoding="utf-8")
    return root


def _fake(answers: dict[str, Extracted], fields=ALL_FIELDS) -> Tool:
    def extract(page_id: str) -> Extracted:
        if page_id == "crash":
            raise RuntimeError("boom\nsecond line")
        return answers[page_id]

    return Tool("fake", "1.0", frozenset(fields), lambda page: page.id, extract)


PERFECT = Extracted("测试标题", "2024-05-10T08:00:00+08:00", "测试网", "李四 张三", "王五",
                    "\n".join(PARAGRAPHS), PARAGRAPHS)


def test_scores_misses_crashes_and_missing_pages(corpus):
    # "nodate": a date where the label has none is a miss; an author there is not scored
    nodate = Extracted("测试标题", "2024-05-10", None, "赵六", None, PARAGRAPHS[0], PARAGRAPHS[:1])
    result = evaluate(load(corpus), [_fake({"ok": PERFECT, "nodate": nodate})], repeat=2)
    tool = result.tools["fake"]
    scores = {name: (s.hits, s.total) for name, s in tool.scores.items()}
    assert scores["title"] == (2, 4)          # crash and missing are misses
    assert scores["date"] == (1, 4)           # nodate gave a date; crash gave nothing but crashed
    assert scores["source"] == (1, 1)
    assert scores["author"] == (1, 1)         # "李四 张三" is the set {张三, 李四}
    assert scores["editor"] == (1, 1)
    assert scores["body_first"] == (2, 3)
    assert scores["body_last"] == (1, 2)
    hits, total = scores["body_f1"]
    assert total == 3 and 1.0 < hits < 2.0    # ok: 1.0, nodate: about half, missing: 0
    unreadable = "cannot read html/missing.html: No such file or directory"
    assert dict(tool.errors) == {"crash": "RuntimeError: boom", "missing": unreadable}
    assert len(tool.seconds) == 2 and tool.pages_timed == 3
    assert [(c.page, c.field, c.got) for c in tool.unscored] == [("nodate", "author", "赵六")]
    missed = [(c.page, c.field) for c in misses(tool)]
    assert ("nodate", "date") in missed and ("crash", "title") in missed
    assert ("ok", "title") not in missed


def test_fields_a_tool_lacks_are_not_scored(corpus):
    tool = _fake({"ok": PERFECT, "nodate": PERFECT}, ALL_FIELDS - {"source", "editor"})
    result = evaluate(load(corpus), [tool], repeat=1)
    assert result.tools["fake"].scores["source"] is None
    assert result.tools["fake"].scores["editor"] is None
    assert "source  " not in report.table(result).split("\n")[3]
    row = next(ln for ln in report.table(result).splitlines() if ln.startswith("editor"))
    assert row.split()[1] == report.DASH


def test_body_details_name_missing_and_extra_paragraphs():
    missing, extra = report.body_diff("第一段。\n广告：点我下载APP", "第一段。\n第二段。")
    assert missing == ["第二段。"]
    assert extra == ["广告：点我下载APP"]


def test_locate_names_every_place_tried(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.raises(CorpusError) as err:
        locate(base=tmp_path)
    assert ENV_VAR in str(err.value) and "shared" in str(err.value)
    monkeypatch.delenv(ENV_VAR)
    with pytest.raises(CorpusError, match=ENV_VAR):
        locate(base=tmp_path)


def test_locate_prefers_the_environment(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(corpus))
    assert locate(base=tmp_path / "elsewhere") == corpus


def test_corpus_hash_follows_labels_and_pages(corpus):
    before = corpus_sha256(corpus)
    labels = corpus / "labels.jsonl"
    lines = labels.read_text(encoding="utf-8").splitlines()
    labels.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    assert corpus_sha256(corpus) == before            # order of labels does not count
    (corpus / "html" / "ok.html").write_bytes(b"<html>changed</html>")
    assert corpus_sha256(corpus) != before


def test_cli_json_with_a_missing_page(corpus, capsys):
    assert main(["eval", str(corpus), "--tools", "branchnews", "--repeat", "1", "--json",
                 "--details"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["pages"] == 4 and list(out["tools"]) == ["branchnews"]
    bn = out["tools"]["branchnews"]
    assert set(bn["scores"]) == set(out["fields"])
    assert {"id": "missing", "error": "cannot read html/missing.html: No such file or directory"} \
        in bn["errors"]
    assert bn["pages_per_second"] > 0
    assert any(d["id"] == "missing" for d in out["details"])


def test_cli_table_and_details(corpus, capsys):
    assert main(["eval", str(corpus), "--tools", "branchnews", "--repeat", "1", "--details"]) == 0
    out = capsys.readouterr().out
    assert "branchnews" in out and "pages/s" in out
    assert "Misses for branchnews" in out and "\nmissing\n" in out


def test_cli_without_a_corpus(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["eval", "--tools", "branchnews"]) == 2
    err = capsys.readouterr().err
    assert ENV_VAR in err and "shared" in err


def test_cli_rejects_unknown_tools(corpus, capsys):
    with pytest.raises(SystemExit):
        main(["eval", str(corpus), "--tools", "branchnews,newspaper"])
    assert "newspaper" in capsys.readouterr().err


def test_gate_update_only_raises_floors(corpus, tmp_path, capsys):
    floors = tmp_path / "floors.json"
    args = ["--corpus", str(corpus), "--floors", str(floors)]
    assert gate.main(args) == 1                               # nothing pinned yet
    assert gate.main([*args, "--update"]) == 0
    pinned = json.loads(floors.read_text(encoding="utf-8"))
    assert pinned["corpus_sha256"] == corpus_sha256(corpus)
    assert gate.main(args) == 0

    raised = dict(pinned, floors={name: 1.0 for name in pinned["floors"]})
    floors.write_text(json.dumps(raised), encoding="utf-8")
    capsys.readouterr()
    assert gate.main(args) == 1                               # below the (raised) floors
    assert gate.main([*args, "--update"]) == 1                # refuses to lower
    assert "refusing to lower" in capsys.readouterr().err
    assert json.loads(floors.read_text(encoding="utf-8")) == raised
    assert gate.main([*args, "--update", "--allow-regression"]) == 0
    assert "QUALITY REGRESSION" in capsys.readouterr().err
    assert json.loads(floors.read_text(encoding="utf-8"))["floors"] == pinned["floors"]


def test_gate_rejects_a_changed_corpus(corpus, tmp_path, capsys):
    floors = tmp_path / "floors.json"
    args = ["--corpus", str(corpus), "--floors", str(floors)]
    assert gate.main([*args, "--update"]) == 0
    (corpus / "html" / "ok.html").write_bytes(b"<html><body><p>changed</p></body></html>")
    capsys.readouterr()
    assert gate.main(args) == 1
    assert "does not match floors.json" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["trafilatura", "gne"])
def test_peer_adapters_follow_their_apis(name, corpus):
    """The peers' adapters still match the installed APIs (skipped when a peer is absent)."""
    pytest.importorskip(name)
    from branchnews.evaluation.tools import make_tool

    result = evaluate(load(corpus), [make_tool(name)], repeat=1)
    tool = result.tools[name]
    assert [pid for pid, _ in tool.errors] == ["missing"]
    assert tool.scores["body_first"].hits >= 1
    assert tool.scores["editor"] is None
