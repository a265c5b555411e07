"""Which files of a dataset folder are records: one rule for the state index, the loader and the
manifest (they used to disagree: the loader and the manifest took any ``*.jsonl`` but errors
files, the state index only the crawl's day files)."""

from __future__ import annotations

import json

import pytest

from tests.pipelines.test_dataset import make_record

from branchnews.pipelines.dataset import DatasetError, dataset_files
from branchnews.pipelines.files import data_files, file_kind, is_record_file, record_files
from branchnews.pipelines.state import StateStore

KINDS = [
    ("2026-11-28.jsonl", "records"),
    ("2026-11-28.w-node1-4242.jsonl", "records"),  # a worker of a distributed crawl: <host>-<pid>
    ("2026-11-28.w-node1.example.org-4242.jsonl", "records"),  # a dotted host name
    ("2026-12-01.w-b.jsonl", "records"),
    ("2026-11-28.errors.jsonl", "errors"),
    ("2026-11-28.w-node1-4242.errors.jsonl", "errors"),
    ("2026-11-28-1.warc.gz", "warc"),
    ("2026-11-28-1.warc", "warc"),
    ("2026-11-28.jsonl.damaged", None),  # a cut-off last line moved aside: not a record
    ("2026-11-28.w-node1-4242.jsonl.damaged", None),
    ("notes.jsonl", None),  # the loader and the manifest read these as records before
    ("labels.jsonl", None),
    ("schedule-log.jsonl", None),  # the scheduler's log in the output folder: was read as records
    ("2026-11-28-copy.jsonl", None),
    (".2026-11-28.jsonl", None),
    ("2026-11-28.w-.jsonl", None),  # no worker id
    ("2026-11-28.json", None),
    ("2026-11-28.jsonl.tmp", None),
    ("state.sqlite", None),
    ("manifest.json", None),
    ("record.schema.json", "schema"),  # the JSON Schema copied beside the records
    ("schema.json", None),
    ("README.md", None),
    (".manifest.lock", None),
    ("26-11-28.jsonl", None),
]


@pytest.mark.parametrize("name, kind", KINDS, ids=[name for name, _ in KINDS])
def test_file_kind(name, kind):
    assert file_kind(name) == kind
    assert is_record_file(name) is (kind == "records")


@pytest.fixture
def site(tmp_path):
    folder = tmp_path / "out" / "sample"
    folder.mkdir(parents=True)
    line = ('{"schema_version":"1.1","id":"%016x","url":"http://x.cn/%d.html","site":"sample",'
            '"content_hash":"' + "a" * 40 + '"}\n')
    for i, (name, _) in enumerate(KINDS):
        if name.endswith(".jsonl") or name.endswith(".damaged"):
            record = make_record(f"http://x.cn/{i}.html", id=f"{i:016x}")
            (folder / name).write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
        else:
            (folder / name).write_bytes(b"x")
    (folder / "2026-11-29.jsonl").mkdir()  # a folder with a record file's name is not one
    return folder


EXPECTED_RECORDS = ["2026-11-28.jsonl", "2026-11-28.w-node1-4242.jsonl",
                    "2026-11-28.w-node1.example.org-4242.jsonl", "2026-12-01.w-b.jsonl"]


def test_the_state_index_the_loader_and_the_manifest_see_the_same_record_files(site):
    assert [p.name for p in record_files(site)] == EXPECTED_RECORDS
    assert [p.name for p in dataset_files(site)] == EXPECTED_RECORDS
    assert [p.name for p in dataset_files(site.parent)] == EXPECTED_RECORDS  # the output folder
    manifest_records = [p.name for p in data_files(site) if file_kind(p.name) == "records"]
    assert manifest_records == EXPECTED_RECORDS
    state = StateStore(site)
    assert len(state) == len(EXPECTED_RECORDS)
    state.close()


def test_the_manifest_lists_records_errors_schema_and_warc_only(site):
    (site / "warc").mkdir()
    (site / "warc" / "2026-11-28-1.warc.gz").write_bytes(b"x")
    (site / "warc" / "notes.txt").write_bytes(b"x")
    listed = [p.relative_to(site).as_posix() for p in data_files(site)]
    assert listed == [*sorted(EXPECTED_RECORDS + ["2026-11-28.errors.jsonl",
                                                  "2026-11-28.w-node1-4242.errors.jsonl"]),
                      "record.schema.json", "warc/2026-11-28-1.warc.gz"]


def test_one_file_is_read_whatever_its_name(site):
    assert dataset_files(site / "notes.jsonl") == [site / "notes.jsonl"]


def test_a_folder_without_record_files(tmp_path):
    (tmp_path / "notes.jsonl").write_text("{}\n", "utf-8")
    with pytest.raises(DatasetError, match=r"no record files \(<YYYY-MM-DD>.jsonl\)"):
        dataset_files(tmp_path)
    assert record_files(tmp_path / "missing") == []


def test_an_output_folder_with_the_schedulers_log_loads(tmp_path):
    """``branchnews schedule`` logs to ``output/schedule-log.jsonl``; the loader and ``stats``
    used to read it as a record file and fail on its first line (no schema_version)."""
    from branchnews.pipelines.dataset import load_dataset
    from branchnews.pipelines.manifest import build_manifest
    from tests.pipelines.test_dataset import make_record, write_jsonl

    out = tmp_path / "output"
    write_jsonl(out / "sample" / "2026-11-28.jsonl", [make_record()])
    (out / "schedule-log.jsonl").write_text('{"job":"zx-news","event":"ran"}\n', "utf-8")
    assert len(load_dataset(out)) == 1
    assert [f["path"] for f in build_manifest(out)["files"]] == ["sample/2026-11-28.jsonl"]
