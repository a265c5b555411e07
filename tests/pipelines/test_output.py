import json

from branchnews.pipelines.output import JsonLinesWriter, read_ids, repair_tail


def test_writer_appends_complete_lines_without_escapes(tmp_path):
    path = tmp_path / "site" / "2026-11-28.jsonl"
    writer = JsonLinesWriter(path)
    writer.write_record({"id": "a" * 16, "title": "民进"})
    writer.write_record({"id": "b" * 16, "title": "民盟"})
    writer.close()
    raw = path.read_text("utf-8")
    assert raw.endswith("\n") and "\\u" not in raw and "民进" in raw
    assert read_ids(path) == {"a" * 16, "b" * 16}


def test_truncated_last_line_is_moved_aside(tmp_path):
    path = tmp_path / "d.jsonl"
    good = json.dumps({"id": "a" * 16}) + "\n"
    path.write_text(good + '{"id": "bbbb', encoding="utf-8")
    assert repair_tail(path) == len('{"id": "bbbb')
    assert path.read_text("utf-8") == good
    assert (tmp_path / "d.jsonl.damaged").read_text("utf-8") == '{"id": "bbbb\n'
    # reopening for append never glues a new record to the damaged one
    writer = JsonLinesWriter(path)
    writer.write_record({"id": "c" * 16})
    writer.close()
    assert read_ids(path) == {"a" * 16, "c" * 16}


def test_repair_is_a_no_op_on_clean_or_missing_files(tmp_path):
    path = tmp_path / "x.jsonl"
    assert repair_tail(path) == 0
    path.write_text('{"id": "a"}\n', encoding="utf-8")
    assert repair_tail(path) == 0
    assert path.read_text("utf-8") == '{"id": "a"}\n'
