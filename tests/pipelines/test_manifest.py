"""manifest.json and the dataset card: counts, coverage, time span, hashes, and the stats command."""

from __future__ import annotations

import hashlib
import json

import pytest

from branchnews.pipelines.card import field_rows, render_card
from branchnews.pipelines.record import Record
from branchnews.pipelines.manifest import (CARD_FILE, MANIFEST_FILE, build_manifest,
                                           verify_files, write_manifest)
from branchnews.pipelines.summary import COVERAGE, channel
from branchnews.pipelines.tables import render_tables, table
from branchnews.pipelines.record import FIELDS
from branchnews.pipelines.record_schema import schema, schema_text
from tests.conftest import REPO
from tests.pipelines.test_dataset import make_record, write_jsonl


@pytest.fixture
def dataset(tmp_path):
    out = tmp_path / "out"
    a1 = make_record("http://branch.example.org.cn/a/zbfc/1.html", breadcrumb=["首页", "支部风采"],
                     editor="王五", fetched_at="2026-11-28T01:00:00Z")
    a2 = make_record("http://branch.example.org.cn/a/mjdt/2.html", breadcrumb=[], sections=[],
                     paragraphs=["另一篇。"], preamble=["另一篇。"], published=None, source=None,
                     warnings=["no_date", "charset_mismatch:utf-8"], normalization=["t2s", "punctuation"],
                     original_script="traditional", fetched_at="2026-11-28T02:00:00Z", images=[])
    a2v2 = {**a2, "version": 2, "paragraphs": ["另一篇，改过。"], "text": "另一篇，改过。",
            "updated_at": "2026-11-30T03:00:00Z", "fetched_at": "2026-11-30T03:00:00Z"}
    a2v2["content_hash"] = make_record(paragraphs=a2v2["paragraphs"])["content_hash"]
    repost = make_record("http://other.example.cn/news/9.html", site="other",
                         published="2018-03-01", breadcrumb=["工作动态"])
    write_jsonl(out / "sample" / "2026-11-28.jsonl", [a1, a2])
    write_jsonl(out / "sample" / "2026-11-30.jsonl", [a2v2])
    (out / "sample" / "2026-11-28.errors.jsonl").write_text(
        '{"url":"http://branch.example.org.cn/x","reason":"HTTP 404","status":404}\n', "utf-8")
    (out / "sample" / "warc").mkdir()
    (out / "sample" / "warc" / "2026-11-28-1.warc.gz").write_bytes(b"\x1f\x8b fake")
    (out / "sample" / "state.sqlite").write_bytes(b"index, not data")
    write_jsonl(out / "other" / "2026-11-28.jsonl", [repost])
    return out


def test_counts_coverage_and_span(dataset):
    m = build_manifest(dataset, known_start_urls={"sample": ["http://branch.example.org.cn/"]})
    assert m["records"] == 3 and m["record_lines"] == 4 and m["superseded_versions"] == 1
    sample, other = m["sites"]["sample"], m["sites"]["other"]
    assert sample["records"] == 2 and other["records"] == 1
    assert sample["channels"] == {"(none)": 1, "支部风采": 1}  # no breadcrumb: no channel, not "a"
    assert other["channels"] == {"工作动态": 1}
    assert sample["years"] == {"2017": 1, "unknown": 1}
    assert m["years"] == {"2017": 1, "2018": 1, "unknown": 1}
    assert sample["coverage"] == {"published": 0.5, "source": 0.5, "author": 1.0, "editor": 0.5,
                                  "sections": 0.5, "attachments": 1.0, "images": 0.5}
    assert m["time_span"]["fetched_first"] == "2026-11-28T00:55:40Z"
    assert m["time_span"]["fetched_last"] == "2026-11-30T03:00:00Z"  # every version counts
    assert sample["time_span"]["published_first"] == sample["time_span"]["published_last"] == "2017-09-14"
    assert m["duplicates"]["duplicates"] == 1 and other["reposts"] == 1
    assert sample["errors"] == 1 and m["errors"] == 1
    assert m["warnings"] == {"charset_mismatch": 1, "no_date": 1}
    assert m["normalization"] == {"punctuation": 3, "t2s": 1}
    assert m["schema_version"] == "1.2" and m["schema_versions_found"] == ["1.2"]
    assert set(m["generated_by"]) == {"branchnews", "scrapy", "opencc", "python"}
    assert m["generated_by"]["scrapy"] and m["generated_by"]["opencc"]
    assert sample["start_urls"] == ["http://branch.example.org.cn/"]  # known, nothing recorded
    assert other["start_urls"] == []  # not known anywhere


def test_files_are_hashed_and_counted(dataset):
    m = build_manifest(dataset)
    files = {f["path"]: f for f in m["files"]}
    assert sorted(files) == ["other/2026-11-28.jsonl", "sample/2026-11-28.errors.jsonl",
                             "sample/2026-11-28.jsonl", "sample/2026-11-30.jsonl",
                             "sample/warc/2026-11-28-1.warc.gz"]
    for rel, entry in files.items():
        data = (dataset / rel).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)
        if entry["kind"] != "warc":
            assert entry["lines"] == data.count(b"\n")
    assert [files[p]["kind"] for p in sorted(files)] == ["records", "errors", "records", "records", "warc"]


def test_site_folder_manifest_paths_are_relative(dataset):
    m = write_manifest(dataset / "sample")
    assert {f["path"] for f in m["files"]} == {"2026-11-28.jsonl", "2026-11-28.errors.jsonl",
                                               "2026-11-30.jsonl", "warc/2026-11-28-1.warc.gz",
                                               "record.schema.json"}
    assert m["dataset"] == "sample" and list(m["sites"]) == ["sample"]
    assert m["sites"]["sample"]["errors"] == 1
    on_disk = json.loads((dataset / "sample" / MANIFEST_FILE).read_text("utf-8"))
    assert on_disk["files"] == m["files"]
    assert str(dataset) not in (dataset / "sample" / MANIFEST_FILE).read_text("utf-8")
    assert verify_files(dataset / "sample") == []
    with (dataset / "sample" / "2026-11-28.jsonl").open("ab") as fh:
        fh.write(b"\n")
    assert verify_files(dataset / "sample") == ["2026-11-28.jsonl: SHA-256 differs"]


def test_unchanged_files_keep_their_hash_without_rereading(dataset, monkeypatch):
    first = write_manifest(dataset)
    import branchnews.pipelines.checksums as checksums

    reread = []
    original = checksums.sha256_and_lines
    monkeypatch.setattr(checksums, "sha256_and_lines", lambda p: reread.append(p.name) or original(p))
    write_jsonl(dataset / "other" / "2026-12-01.jsonl", [make_record("http://other.example.cn/n/10.html",
                                                                     site="other")])
    second = write_manifest(dataset)
    assert reread == ["2026-12-01.jsonl"]
    assert [f for f in second["files"] if f["path"] in {g["path"] for g in first["files"]}] == first["files"]


def test_start_urls_given_or_kept(dataset):
    write_manifest(dataset / "other", sources={"other": {"start_urls": ["http://other.example.cn/news/"]}})
    again = write_manifest(dataset / "other")
    assert again["sites"]["other"]["start_urls"] == ["http://other.example.cn/news/"]
    top = build_manifest(dataset)  # the output folder reads the site folder's manifest
    assert top["sites"]["other"]["start_urls"] == ["http://other.example.cn/news/"]


@pytest.mark.parametrize("crumbs, url, expected", [
    (["首页", "工作动态", "通知"], "http://x.cn/a/1.html", "工作动态"),
    (["主页", "基层风采"], "http://x.cn/a/1.html", "基层风采"),
    (["民进河北省委", "新闻中心"], "http://x.cn/a/1.html", "新闻中心"),  # a site name is home too
    (["工作动态"], "http://x.cn/a/1.html", "工作动态"),
    (["首页"], "http://x.cn/a/zbfc/1.html", "(none)"),  # never a URL segment ("a")
    ([" 首页 ", " "], "http://x.cn/zxgz/1.html", "(none)"),
    ([], "http://x.cn/zxgz/1.html", "(none)"),
    ([], "http://x.cn/", "(none)"),
])
def test_channel(crumbs, url, expected):
    assert channel(Record.from_dict(make_record(url, breadcrumb=crumbs))) == expected


def test_tables_align_chinese_text():
    text = table(["channel", "records"], [["支部风采", 12], ["mjdt", 3]])
    lines = text.splitlines()
    assert lines[2].endswith("12") and lines[3].endswith(" 3")
    assert len(lines[2].encode("gbk")) == len(lines[3])  # 支部风采 is 8 columns wide



def test_card_says_what_fields_mean_and_where_pages_came_from(dataset):
    manifest = build_manifest(dataset, known_start_urls={"sample": ["http://branch.example.org.cn/"]})
    card = render_card(manifest)
    for name in FIELDS:
        assert f"| `{name}` |" in card
    assert schema()["properties"]["content_hash"]["description"] in card
    assert "| `sections[].subsections` | list of section |" in card
    assert "http://branch.example.org.cn/" in card  # start URL
    assert "| `t2s` |" in card and "2026-11-28T00:55:40Z" in card
    assert "## Known limits" in card and "1 record(s) have no publish date" in card
    assert all(description for _, _, description in field_rows())
    assert render_tables(manifest)  # the same manifest reads as tables


def test_writers_of_one_folder_take_turns(dataset):
    """A worker that stops while another holds the folder's manifest lock waits, then builds its
    manifest from the files as they are after the other's write (the last written is the newest)."""
    import fcntl
    import threading

    from branchnews.pipelines.manifest import MANIFEST_LOCK, write_manifest

    folder = dataset / "sample"
    holder = open(folder / MANIFEST_LOCK, "a")
    fcntl.flock(holder, fcntl.LOCK_EX)
    done = threading.Event()
    worker = threading.Thread(target=lambda: (write_manifest(folder), done.set()), daemon=True)
    worker.start()
    assert not done.wait(0.5)  # blocked while the lock is held
    assert not (folder / MANIFEST_FILE).exists()
    # meanwhile "another worker" finishes its records file
    write_jsonl(folder / "2026-12-01.w-b.jsonl",
                [make_record("http://branch.example.org.cn/a/zbfc/3.html")])
    fcntl.flock(holder, fcntl.LOCK_UN)
    holder.close()
    assert done.wait(30)
    written = json.loads((folder / MANIFEST_FILE).read_text("utf-8"))
    assert "2026-12-01.w-b.jsonl" in [f["path"] for f in written["files"]]


# -- the card: schema beside it, how to load it, channels, field names -----------------------

def test_the_schema_is_copied_beside_the_records_and_listed(dataset):
    folder = dataset / "sample"
    manifest = write_manifest(folder)
    copied = (folder / "record.schema.json").read_text("utf-8")
    assert copied == (REPO / "pipelines" / "schema" / "record.schema.json").read_text("utf-8")
    assert json.loads(copied)["$id"] == schema()["$id"]
    (entry,) = [f for f in manifest["files"] if f["path"] == "record.schema.json"]
    assert entry["kind"] == "schema"
    assert entry["sha256"] == hashlib.sha256(copied.encode("utf-8")).hexdigest()
    card = (folder / CARD_FILE).read_text("utf-8")
    assert "JSON Schema `record.schema.json` beside this card" in card
    assert "| `record.schema.json` | schema |" in card  # in the card's file table, hashed
    assert "pipelines/schema" not in card  # a path inside branchnews' source tree
    assert not list(folder.glob(".*.tmp"))  # written atomically


def test_a_damaged_schema_copy_is_rewritten_and_a_current_one_left_alone(dataset):
    folder = dataset / "sample"
    write_manifest(folder)
    path = folder / "record.schema.json"
    before = path.stat().st_mtime_ns
    write_manifest(folder)
    assert path.stat().st_mtime_ns == before
    path.write_text("{}", "utf-8")
    write_manifest(folder)
    assert path.read_text("utf-8") == schema_text()
    assert verify_files(folder) == []


def test_the_card_says_how_to_install_branchnews_and_load_the_folder(dataset):
    card = render_card(build_manifest(dataset / "sample"))
    assert 'python3 -m pip install "branchnews[data]"' in card
    assert 'ds = load_dataset("path/to/this/folder")' in card and "from branchnews import load_dataset" in card
    assert not [word for word in ("pypi", "http://pip", "https://pip", "index-url", "mirror")
                if word in card.lower()]


def test_the_card_names_channels_from_breadcrumbs_only(dataset):
    card = render_card(build_manifest(dataset / "sample"))
    channels = card.split("Channels of `sample`:", 1)[1].split("Records per year", 1)[0]
    rows = [line.split("|")[1].strip() for line in channels.strip().splitlines()[2:]]
    assert sorted(rows) == ["(none)", "支部风采"]


def _card_table(card: str, caption: str) -> list[list[str]]:
    block = card.split(caption, 1)[1].strip().split("\n\n", 1)[0]
    return [[c.strip() for c in line.strip("|").split("|")] for line in block.splitlines()
            if not line.startswith("|---")]


def test_the_card_names_coverage_by_record_fields(dataset):
    manifest = build_manifest(dataset)
    header, values = _card_table(render_card(manifest), "Field coverage (share of records with a value):")
    assert header == [f"`{name}`" for name in COVERAGE]
    assert all(name in FIELDS for name in COVERAGE) and list(manifest["coverage"]) == list(COVERAGE)
    assert values[0] == "66.7%"  # published: 2 of the 3 latest records have a date


LEFTOVERS = (".manifest.json.4242.tmp", ".README.md.4242.tmp", ".README.md.77.tmp",
             ".record.schema.json.4242.tmp")


def test_tidy_removes_what_a_killed_write_left_and_nothing_else(dataset):
    from branchnews.pipelines.manifest import tidy_folder

    folder = dataset / "sample"
    write_manifest(folder)
    for name in LEFTOVERS:
        (folder / name).write_text('{"half": ', "utf-8")
    kept = [folder / ".manifest.json.tmp.notes", folder / "notes.tmp", folder / "2026-11-28.jsonl"]
    kept[0].write_text("mine", "utf-8")
    kept[1].write_text("mine", "utf-8")
    before = {p: p.read_bytes() for p in (folder / MANIFEST_FILE, folder / CARD_FILE, *kept)}
    assert sorted(p.name for p in tidy_folder(folder)) == sorted(LEFTOVERS)
    assert not [name for name in LEFTOVERS if (folder / name).exists()]
    assert {p: p.read_bytes() for p in before} == before  # the card was the manifest's: kept
    assert tidy_folder(folder) == []


@pytest.mark.parametrize("card", ["behind", "missing"])
def test_tidy_renders_the_card_of_the_manifest_on_disk(dataset, card):
    """Killed between the manifest's rename and the card's: the card is one run behind (or, on
    a first run, missing); the next start renders it from the manifest that is there."""
    from branchnews.pipelines.manifest import read_manifest, tidy_folder

    folder = dataset / "sample"
    write_manifest(folder)
    old_card = (folder / CARD_FILE).read_text("utf-8")
    write_jsonl(folder / "2026-12-01.jsonl", [make_record("http://branch.example.org.cn/a/zbfc/3.html")])
    write_manifest(folder, card=False)  # the new manifest landed, its card did not
    if card == "behind":
        (folder / CARD_FILE).write_text(old_card, "utf-8")
    else:
        (folder / CARD_FILE).unlink()
    assert tidy_folder(folder) == [folder / CARD_FILE]
    new_card = (folder / CARD_FILE).read_text("utf-8")
    assert new_card == render_card(read_manifest(folder)) != old_card
    assert "`2026-12-01.jsonl`" in new_card


def test_tidy_leaves_a_folder_without_a_manifest_alone(tmp_path):
    from branchnews.pipelines.manifest import tidy_folder

    assert tidy_folder(tmp_path / "not-made-yet") == [] and not (tmp_path / "not-made-yet").exists()
    (tmp_path / ".README.md.9.tmp").write_text("x", "utf-8")
    assert tidy_folder(tmp_path) == [tmp_path / ".README.md.9.tmp"]
    assert not (tmp_path / CARD_FILE).exists()


def test_a_card_that_cannot_be_written_leaves_manifest_and_card_as_they_were(dataset):
    """Both files or neither: the card's temp file cannot be made (a directory is in its way,
    as a full disk would refuse it), so the new manifest is not put in place either."""
    import os

    folder = dataset / "sample"
    write_manifest(folder)
    before = {name: (folder / name).read_bytes() for name in (MANIFEST_FILE, CARD_FILE)}
    write_jsonl(folder / "2026-12-01.jsonl", [make_record("http://branch.example.org.cn/a/zbfc/3.html")])
    (folder / f".{CARD_FILE}.{os.getpid()}.tmp").mkdir()
    with pytest.raises(IsADirectoryError):
        write_manifest(folder)
    assert {name: (folder / name).read_bytes() for name in before} == before
    assert not (folder / f".{MANIFEST_FILE}.{os.getpid()}.tmp").exists()


def test_tidy_makes_no_lock_file_where_nothing_was_written(tmp_path):
    from branchnews.pipelines.manifest import tidy_folder

    (tmp_path / "2026-11-28.errors.jsonl").write_text("{}\n", "utf-8")
    assert tidy_folder(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-11-28.errors.jsonl"]  # no lock file
