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
    assert (tmp_path / "d.jsonl.damaged").read_text("utf-8").endswith("\n{\"id\": \"bbbb\n")
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


# -- write errors: a real full disk (tmpfs) and an injected file-size limit ----------------------

import os
import resource
import signal
import subprocess
import sys

import pytest

from branchnews.pipelines.output import LineNotWritten
from tests.diskfull import fill, small_disk

# Short lines, and lines much longer than any write buffer (Python's is 8 KiB).
LINE_SIZES = [pytest.param(300, id="short-lines"), pytest.param(40_000, id="long-lines")]


def _whole_lines(path) -> list[dict]:
    raw = path.read_bytes()
    assert raw == b"" or raw.endswith(b"\n")
    return [json.loads(line) for line in raw.splitlines()]


@pytest.mark.parametrize("size", LINE_SIZES)
def test_a_full_disk_leaves_whole_lines_only_and_the_next_write_after_space_is_clean(tmp_path, size):
    with small_disk(tmp_path / "disk", "1m") as disk:
        pages = 3 * size // 4096 + 1  # tmpfs counts in pages: room for a few lines, then one cut
        filler = fill(disk, leave=pages * 4096)
        writer = JsonLinesWriter(disk / "2026-11-28.jsonl")
        written, failed = [], []
        for n in range(40):
            obj = {"id": f"{n:016x}", "text": "字" * (size // 3)}
            try:
                end = writer.write_obj(obj)
            except LineNotWritten as exc:
                failed.append(obj["id"])
                assert "No space left" in str(exc)
                assert writer.size == (disk / "2026-11-28.jsonl").stat().st_size
                continue
            written.append(obj["id"])
            assert end == (disk / "2026-11-28.jsonl").stat().st_size
        assert written and failed
        assert [r["id"] for r in _whole_lines(writer.path)] == written  # no cut, no glue, no repeat
        filler.unlink()
        writer.write_obj({"id": "after", "text": "有空间了"})
        writer.close()
        assert [r["id"] for r in _whole_lines(writer.path)] == [*written, "after"]


_LIMITED_WRITER = """
import resource, signal, sys
from pathlib import Path
from branchnews.pipelines.output import JsonLinesWriter, LineNotWritten
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write then fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), resource.RLIM_INFINITY))
writer = JsonLinesWriter(Path(sys.argv[1]))
for n in range(10):
    try:
        writer.write_obj({"id": str(n), "text": "x" * int(sys.argv[3])})
        print("ok", n)
    except LineNotWritten as exc:
        print("failed", n, exc.cause.errno)
writer.close()
"""


@pytest.mark.parametrize("size", LINE_SIZES)
def test_an_injected_write_error_mid_line_leaves_the_file_as_it_was(tmp_path, size):
    """A file-size limit (RLIMIT_FSIZE) makes the write fail part-way through a line, as a full
    disk does, without needing a mount."""
    path = tmp_path / "d.jsonl"
    limit = int(4.5 * (size + 30))
    result = subprocess.run([sys.executable, "-c", _LIMITED_WRITER, str(path), str(limit), str(size)],
                            capture_output=True, text=True, check=True)
    outcome = [line.split() for line in result.stdout.splitlines()]
    ok = [n for word, n, *_ in outcome if word == "ok"]
    assert ok == ["0", "1", "2", "3"]
    assert all(word == "failed" for word, *_ in outcome[4:])
    assert [r["id"] for r in _whole_lines(path)] == ok
