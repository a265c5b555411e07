"""``branchnews export --format csv``: every record, nested fields as JSON text, a BOM for Excel."""

from __future__ import annotations

import csv
import json

from branchnews.pipelines.exports import export_dataset
from branchnews.pipelines.record import FIELDS
from tests.conftest import run_cli
from tests.pipelines.test_parquet import make_record, write_jsonl


def _read(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheet programs need for UTF-8
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines(keepends=True)))


def test_csv_rows_are_the_records(tmp_path):
    out = tmp_path / "out"
    records = [make_record("http://a.example/1.html"),
               make_record("http://a.example/2.html", paragraphs=["另一篇，\n有逗号和换行。"],
                           sections=[], preamble=["另一篇。"])]
    write_jsonl(out / "sample" / "2026-11-28.jsonl", records)
    (path,), loaded = export_dataset(out, tmp_path / "csv", fmt="csv")
    assert path.name == "sample.csv"
    rows = _read(path)
    assert list(rows[0]) == list(FIELDS)
    by_id = {row["id"]: row for row in rows}
    for record in loaded:
        row = by_id[record.id]
        expected = record.as_dict()
        assert row["title"] == expected["title"] and row["published"] == (expected["published"] or "")
        assert json.loads(row["paragraphs"]) == expected["paragraphs"]
        assert json.loads(row["sections"]) == expected["sections"]
        assert "\\u" not in row["paragraphs"]


def test_export_command_writes_csv(tmp_path):
    out = tmp_path / "out"
    write_jsonl(out / "sample" / "2026-11-28.jsonl", [make_record("http://a.example/1.html")])
    result = run_cli("export", str(out), "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert len(_read(out / "sample" / "sample.csv")) == 1
