import json
import sqlite3

import pytest

from branchnews.pipelines.output import JsonLinesWriter
from branchnews.pipelines.files import record_files
from branchnews.pipelines.state import Known, StateStore
from tests.pipelines.test_dataset import make_record


def rec(i: int, version: int = 1, h: str = "a") -> dict:
    return make_record(f"http://x.cn/{i}.html", id=f"{i:016x}", content_hash=h * 40,
                       version=version, fetched_at=None)


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
    rows = sqlite3.connect(tmp_path / "state.sqlite").execute("SELECT COUNT(*) FROM lines")
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


# -- a damaged index: rebuilt from the files, never a crash, never trusted -------------------------

def _indexed(tmp_path, n=300):
    write(tmp_path / "2026-01-01.jsonl", *(rec(i) for i in range(n)))
    StateStore(tmp_path).close()
    return tmp_path / "state.sqlite"


def _garbage_pages(db, first, last, page=4096):
    raw = bytearray(db.read_bytes())
    for number in range(first, last + 1):  # header (page 1) intact
        raw[(number - 1) * page:number * page] = bytes((i * 7 + number) % 256 for i in range(page))
    db.write_bytes(bytes(raw))


def _flip_hash_bytes(db):
    """A silent change inside a page: one stored content hash's hex digits changed in place,
    so the database stays well-formed (quick_check passes) but says something false."""
    raw = db.read_bytes()
    at = raw.index(b"a" * 40)
    db.write_bytes(raw[:at] + b"b" * 40 + raw[at + 40:])


def _drop_rows(db):
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM lines WHERE line % 3 = 0")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("damage", [
    pytest.param(lambda db: _garbage_pages(db, 3, 10), id="garbage-in-pages-3-10"),
    pytest.param(lambda db: db.write_bytes(b"not a database at all" * 100), id="not-a-database"),
    pytest.param(lambda db: db.write_bytes(db.read_bytes()[:5000]), id="cut-short"),
    pytest.param(_flip_hash_bytes, id="silent-change-passes-quick-check"),
    pytest.param(_drop_rows, id="rows-lost"),
])
def test_a_damaged_index_is_rebuilt_and_agrees_with_the_files(tmp_path, damage):
    db = _indexed(tmp_path)
    damage(db)
    state = StateStore(tmp_path)
    assert len(state) == 300
    assert all(state.get(f"{i:016x}") == Known(f"{i:016x}", "a" * 40, 1) for i in range(300))
    state.close()
    assert sqlite3.connect(db).execute("PRAGMA quick_check").fetchone() == ("ok",)


def test_the_silent_change_is_one_sqlite_itself_does_not_see(tmp_path):
    db = _indexed(tmp_path)
    _flip_hash_bytes(db)
    assert sqlite3.connect(db).execute("PRAGMA quick_check").fetchone() == ("ok",)


def test_a_file_changed_inside_its_indexed_part_rebuilds(tmp_path):
    path = tmp_path / "2026-01-01.jsonl"
    write(path, rec(1), rec(2))
    StateStore(tmp_path).close()
    path.write_bytes(path.read_bytes().replace(b"a" * 40, b"c" * 40))  # same size, new content
    state = StateStore(tmp_path)
    assert state.get(f"{2:016x}").content_hash == "c" * 40
    state.close()


def test_a_junk_line_anywhere_is_moved_aside_with_its_line_and_offset(tmp_path):
    path = tmp_path / "2026-01-01.jsonl"
    write(path, rec(1))
    first = path.read_bytes()
    with path.open("ab") as fh:
        fh.write(b'{"hello":"world"}\n')
    write(path, rec(2))
    state = StateStore(tmp_path)
    assert len(state) == 2
    state.close()
    assert path.read_bytes().count(b"\n") == 2 and b"hello" not in path.read_bytes()
    head, moved = (tmp_path / "2026-01-01.jsonl.damaged").read_bytes().splitlines()
    assert head.startswith(f"# 2026-01-01.jsonl line 2, byte {len(first)}, ".encode())
    assert b"schema_version None is not a branchnews schema version" in head
    assert moved == b'{"hello":"world"}'
    assert len(StateStore(tmp_path)) == 2  # and the index agrees with the rewritten file
