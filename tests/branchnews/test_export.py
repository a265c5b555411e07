"""``branchnews export``: the command-line end of the Parquet export."""

from __future__ import annotations

from branchnews.pipelines.parquet import read_parquet
from tests.conftest import run_cli
from tests.pipelines.test_dataset import make_record, write_jsonl

def test_export_command(tmp_path):
    write_jsonl(tmp_path / "out" / "sample" / "2026-11-28.jsonl", [make_record()])
    result = run_cli("export", str(tmp_path / "out"), "--format", "parquet", "-o", str(tmp_path / "pq"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("sample.parquet")
    assert "1 records in 1 file(s)" in result.stderr
    assert [r.id for r in read_parquet(tmp_path / "pq" / "sample.parquet")] == [make_record()["id"]]
    missing = run_cli("export", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "no such dataset" in missing.stderr


def test_export_drops_reposts_on_request(tmp_path):
    first = make_record("http://a.example.cn/1.html")
    repost = make_record("http://b.example.cn/9.html", fetched_at="2026-11-29T00:00:00Z")
    write_jsonl(tmp_path / "out" / "sample" / "2026-11-28.jsonl", [first, repost])
    result = run_cli("export", str(tmp_path / "out"), "--duplicates", "drop", "-o", str(tmp_path / "pq"))
    assert result.returncode == 0, result.stderr
    assert "1 records in 1 file(s)" in result.stderr and "(1 dropped)" in result.stderr
    assert [r.id for r in read_parquet(tmp_path / "pq" / "sample.parquet")] == [first["id"]]
