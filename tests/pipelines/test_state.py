import json
import sqlite3

from branchnews.pipelines.output import JsonLinesWriter
from branchnews.pipelines.files import record_files
from branchnews.pipelines.state import StateStore


def rec(i: int, version: int = 1, h: str = "a") -> dict:
    return {"id": f"{i:016x}", "url": f"http://x.cn/{i}.html", "content_hash": h * 40,
            "version": version, "fetched_at": None}


def write(path, *records):
    writer = JsonLinesWriter(path)
    for r in records:
        writer.write_record(r)
    writer.close()


def test_index_follows_the_files(tmp_path):
    write(tmp_path / "2026-01-01.jsonl", rec(1), rec(2))
    write(tmp_path / "2026-01-02.jsonl", rec(2, version=2, h="b"))
    (tmp_path / "2026-01-02.errors.jsonl").write_text('{"url": "u"}\n', encoding="utf-8")
    assert [p.name for p in record_files(tmp_path)] == ["2026-01-01.jsonl", "2026-01-02.jsonl"]
    state = StateStore(tmp_path)
    assert len(state) == 2
    assert state.get(f"{2:016x}").version == 2 and state.get(f"{2:016x}").content_hash == "b" * 40
    state.close()


def test_lines_written_after_the_index_are_picked_up(tmp_path):
    path = tmp_path / "2026-01-01.jsonl"
    write(path, rec(1))
    StateStore(tmp_path).close()
    write(path, rec(2))  # e.g. written by a run that was killed before its index commit
    state = StateStore(tmp_path)
    assert f"{2:016x}" in state and len(state) == 2
    state.close()


def test_partial_last_line_is_not_indexed(tmp_path):
    path = tmp_path / "2026-01-01.jsonl"
    write(path, rec(1))
    with path.open("ab") as fh:
        fh.write(b'{"id": "00000000000000')
    state = StateStore(tmp_path)
    assert len(state) == 1
    state.close()
    JsonLinesWriter(path).close()  # the writer moves the partial line aside
    state = StateStore(tmp_path)
    assert len(state) == 1
    state.close()


def test_removed_file_and_damaged_index_rebuild(tmp_path):
    write(tmp_path / "2026-01-01.jsonl", rec(1))
    write(tmp_path / "2026-01-02.jsonl", rec(2))
    StateStore(tmp_path).close()
    (tmp_path / "2026-01-02.jsonl").unlink()
    state = StateStore(tmp_path)
    assert len(state) == 1 and f"{2:016x}" not in state
    state.close()
    (tmp_path / "state.sqlite").write_bytes(b"not a database at all" * 100)
    state = StateStore(tmp_path)
    assert len(state) == 1
    state.close()


def test_rebuild_from_records_only(tmp_path):
    write(tmp_path / "2026-01-01.jsonl", rec(1), rec(3))
    StateStore(tmp_path).close()
    state = StateStore(tmp_path, rebuild=True)
    assert len(state) == 2
    rows = sqlite3.connect(tmp_path / "state.sqlite").execute("SELECT COUNT(*) FROM articles")
    assert rows.fetchone()[0] == 2
    state.close()


def test_non_record_lines_are_skipped(tmp_path):
    (tmp_path / "2026-01-01.jsonl").write_text('not json\n' + json.dumps(rec(1)) + "\n",
                                               encoding="utf-8")
    state = StateStore(tmp_path)
    assert len(state) == 1
    state.close()


def test_a_redirected_link_is_known_while_its_article_is(tmp_path):
    write(tmp_path / "2026-01-01.jsonl", rec(1), rec(2))
    state = StateStore(tmp_path)
    link = "ffffffffffffffff"
    assert not state.knows_link(link)
    state.alias(link, f"{1:016x}")
    assert state.knows_link(link) and state.knows_link(f"{2:016x}")
    assert link not in state  # an alias is not an article
    state.close()

    # the alias survives re-indexing from the files and a rebuild after a file went away ...
    (tmp_path / "2026-01-01.jsonl").unlink()
    write(tmp_path / "2026-01-02.jsonl", rec(1))
    state = StateStore(tmp_path)
    assert state.knows_link(link) and not state.knows_link(f"{2:016x}")
    state.close()
    # ... and counts only while its article is in the dataset
    (tmp_path / "2026-01-02.jsonl").unlink()
    write(tmp_path / "2026-01-03.jsonl", rec(2))
    state = StateStore(tmp_path)
    assert not state.knows_link(link)
    state.close()
