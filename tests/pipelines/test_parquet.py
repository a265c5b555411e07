"""Parquet export: an explicit Arrow schema derived from the JSON Schema, and exact round trips."""

from __future__ import annotations

import json
import typing
from datetime import datetime, timedelta, timezone

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from branchnews.pipelines.dataset import load_dataset
from branchnews.pipelines.exports import export_dataset
from branchnews.pipelines.parquet import (arrow_schema, duckdb_columns, hf_features,
                                          polars_schema, read_parquet, reader_schema,
                                          table_records, to_table, write_parquet)
from branchnews.pipelines.record import FIELDS, SCHEMA_VERSION, Record
from branchnews.pipelines.record_schema import schema
from tests.pipelines.test_dataset import SECTIONS, make_record, write_jsonl


MAX_LEVEL = 6  # the JSON Schema's maximum section level


def section_type(level: int):
    return pa.struct([
        pa.field("marker", pa.string(), nullable=False),
        pa.field("number", pa.int64(), nullable=False),
        pa.field("level", pa.int64(), nullable=False),
        pa.field("heading", pa.string(), nullable=False),
        pa.field("paragraphs", pa.list_(pa.field("item", pa.string(), nullable=False)), nullable=False),
        *([pa.field("subsections", pa.list_(pa.field("item", section_type(level + 1), nullable=False)))]
          if level < MAX_LEVEL else []),
    ])


def duckdb_section(level: int) -> str:
    sub = f', "subsections" {duckdb_section(level + 1)}[]' if level < MAX_LEVEL else ""
    return ('STRUCT("marker" VARCHAR, "number" BIGINT, "level" BIGINT, "heading" VARCHAR, '
            f'"paragraphs" VARCHAR[]{sub})')


def test_schema_follows_the_json_schema():
    s = arrow_schema()
    assert s.names == list(FIELDS)
    assert s.metadata[b"branchnews.schema_version"] == SCHEMA_VERSION.encode()
    # required and non-null → not nullable; "string or null" → nullable
    assert not s.field("id").nullable and s.field("title").nullable
    assert s.field("published").type == pa.string()  # text, not a timestamp
    assert s.field("status").type == pa.int64() and s.field("status").nullable
    assert s.field("script").type == pa.string() and not s.field("script").nullable
    assert s.field("images").type.value_type.field("alt").nullable
    assert not s.field("images").type.value_type.field("src").nullable
    # the recursive section: subsections down to the JSON Schema's maximum level
    assert s.field("sections").type.value_type.equals(section_type(1))
    described = json.loads(json.dumps(schema()))["properties"]["published"]["description"]
    assert s.field("published").metadata[b"description"].decode() == described


STRINGS = pa.list_(pa.field("item", pa.string(), nullable=False))
ATTACHMENT = pa.struct([pa.field("name", pa.string(), nullable=False),
                        pa.field("url", pa.string(), nullable=False)])
IMAGE = pa.struct([pa.field("src", pa.string(), nullable=False), pa.field("alt", pa.string())])
# Each record field's Arrow column: (type, nullable, DuckDB type). ``X | None`` in the record
# definition is a nullable column; everything else must be present. The time fields are text in
# Parquet and zoned timestamps for the JSON readers (see the time zone tests below).
COLUMNS = [
    ("schema_version", pa.string(), False, "VARCHAR"),
    ("id", pa.string(), False, "VARCHAR"),
    ("url", pa.string(), False, "VARCHAR"),
    ("site", pa.string(), False, "VARCHAR"),
    ("title", pa.string(), True, "VARCHAR"),
    ("published", pa.string(), True, "TIMESTAMPTZ"),
    ("published_raw", pa.string(), True, "VARCHAR"),
    ("source", pa.string(), True, "VARCHAR"),
    ("author", pa.string(), True, "VARCHAR"),
    ("editor", pa.string(), True, "VARCHAR"),
    ("breadcrumb", STRINGS, False, "VARCHAR[]"),
    ("preamble", STRINGS, False, "VARCHAR[]"),
    ("sections", pa.list_(pa.field("item", section_type(1), nullable=False)), False,
     duckdb_section(1) + "[]"),
    ("paragraphs", STRINGS, False, "VARCHAR[]"),
    ("text", pa.string(), False, "VARCHAR"),
    ("attachments", pa.list_(pa.field("item", ATTACHMENT, nullable=False)), False,
     'STRUCT("name" VARCHAR, "url" VARCHAR)[]'),
    ("images", pa.list_(pa.field("item", IMAGE, nullable=False)), False,
     'STRUCT("src" VARCHAR, "alt" VARCHAR)[]'),
    ("pages", pa.int64(), False, "BIGINT"),
    ("original_script", pa.string(), False, "VARCHAR"),
    ("script", pa.string(), False, "VARCHAR"),
    ("normalization", STRINGS, False, "VARCHAR[]"),
    ("encoding", pa.string(), False, "VARCHAR"),
    ("content_hash", pa.string(), False, "VARCHAR"),
    ("version", pa.int64(), False, "BIGINT"),
    ("updated_at", pa.string(), True, "TIMESTAMPTZ"),
    ("duplicate_of", pa.string(), True, "VARCHAR"),
    ("fetched_at", pa.string(), True, "TIMESTAMPTZ"),
    ("status", pa.int64(), True, "BIGINT"),
    ("warnings", STRINGS, False, "VARCHAR[]"),
]


def test_the_columns_table_covers_every_record_field():
    assert [row[0] for row in COLUMNS] == list(FIELDS) == arrow_schema().names
    assert list(polars_schema()) == list(FIELDS) == list(hf_features())


@pytest.mark.parametrize("name, kind, nullable, duckdb", COLUMNS, ids=[row[0] for row in COLUMNS])
def test_column(name, kind, nullable, duckdb):
    column = arrow_schema().field(name)
    assert column.type.equals(kind), column.type
    assert column.nullable is nullable
    # the record definition says the same: only ``X | None`` fields may be null
    hint = typing.get_type_hints(Record)[name]
    assert (type(None) in typing.get_args(hint)) is nullable
    assert column.metadata[b"description"].decode() == schema()["properties"][name]["description"]
    assert duckdb_columns()[name] == duckdb


def test_round_trip_jsonl_parquet_records(tmp_path):
    records = [make_record("http://a.example/1.html"),
               make_record("http://a.example/2.html", sections=[SECTIONS[0]], title=None,
                           published=None, status=None, fetched_at=None, images=[],
                           duplicate_of="0123456789abcdef", updated_at="2026-11-29T00:00:00Z")]
    source = write_jsonl(tmp_path / "sample" / "2026-11-28.jsonl", records)
    loaded = load_dataset(source, duplicates="keep")
    path = write_parquet(loaded, tmp_path / "x.parquet")
    back = read_parquet(path)
    assert back == list(loaded)
    assert [r.as_dict() for r in back] == records  # byte-for-byte the JSON Lines objects
    assert pq.read_schema(path).equals(arrow_schema(), check_metadata=False)


def test_nulls_in_required_fields_are_refused():
    for broken, where in [({"id": None}, "id"), ({"images": [{"src": None, "alt": "x"}]}, "images[].src"),
                          ({"sections": [{**SECTIONS[0], "heading": None}]}, "sections[].heading")]:
        with pytest.raises(ValueError, match=where.replace("[", r"\[").replace("]", r"\]")):
            to_table([make_record(**broken)])


def test_table_records_restore_the_optional_key():
    table = to_table([make_record()])
    (row,) = table_records(table)
    assert "subsections" not in row["sections"][0] and row["sections"][1]["subsections"]


def test_export_one_file_per_site(tmp_path):
    out = tmp_path / "out"
    write_jsonl(out / "sample" / "2026-11-28.jsonl", [
        make_record("http://a.example/1.html"),
        make_record("http://a.example/2.html", paragraphs=["另一篇。"], sections=[], preamble=["另一篇。"])])
    write_jsonl(out / "other" / "2026-11-28.jsonl", [  # a repost of a.example/1.html, a day later
        make_record("http://b.example/1.html", site="other", published="2017-09-15")])
    written, loaded = export_dataset(out)
    assert sorted(p.relative_to(out).as_posix() for p in written) == [
        "other/other.parquet", "sample/sample.parquet"]
    target = tmp_path / "pq"
    written, _ = export_dataset(out, target)
    assert sorted(p.name for p in written) == ["other.parquet", "sample.parquet"]
    assert [r.site for r in read_parquet(target / "other.parquet")] == ["other"]
    # reposts are marked in the export as in load_dataset, across sites too
    (repost,) = read_parquet(target / "other.parquet")
    assert repost.duplicate_of == make_record("http://a.example/1.html")["id"]
    assert loaded.duplicates.duplicates == 1



# -- explicit schemas for the plain loaders ---------------------------------------------------

@pytest.fixture(scope="module")
def late_subsections(tmp_path_factory):
    """150 records without subsections, then one with: past polars' 100-line inference window."""
    path = tmp_path_factory.mktemp("late") / "2026-11-28.jsonl"
    plain = [make_record(f"http://a.example/{n}.html", sections=[SECTIONS[0]]) for n in range(150)]
    records = plain + [make_record("http://a.example/last.html")]
    write_jsonl(path, records)
    return path, records


def test_polars_with_the_explicit_schema_keeps_late_subsections(late_subsections):
    pl = pytest.importorskip("polars")
    from branchnews.pipelines.parquet import polars_schema

    path, records = late_subsections
    df = pl.read_ndjson(path, schema=polars_schema())
    assert df["sections"].to_list()[-1][1]["subsections"][0]["heading"] == "加强规划"
    assert df.columns == list(FIELDS)


def test_duckdb_with_explicit_columns_keeps_late_subsections(late_subsections):
    duckdb = pytest.importorskip("duckdb")
    path, records = late_subsections
    con = duckdb.connect()
    # sample_size=20 stands in for DuckDB's default 20,480-line sample on a large file
    query = "SELECT sections FROM read_json(?, columns=?, sample_size=20)"
    rows = con.execute(query, [str(path), duckdb_columns()]).fetchall()
    assert rows[-1][0][1]["subsections"][0]["heading"] == "加强规划"


def test_hugging_face_with_explicit_features_keeps_late_subsections(late_subsections, tmp_path):
    import os

    os.environ["HF_DATASETS_OFFLINE"] = "1"
    datasets = pytest.importorskip("datasets")
    from branchnews.pipelines.parquet import hf_features

    path, records = late_subsections
    # chunksize stands in for datasets' default 10 MB first chunk on a large file
    ds = datasets.load_dataset("json", data_files=str(path), split="train", features=hf_features(),
                               chunksize=64 << 10, cache_dir=str(tmp_path))
    assert ds[-1]["sections"][1]["subsections"][0]["heading"] == "加强规划"


def test_hugging_face_reads_the_parquet_export_exactly(tmp_path):
    import os

    os.environ["HF_DATASETS_OFFLINE"] = "1"
    datasets = pytest.importorskip("datasets")
    records = [make_record("http://a.example/1.html"), make_record("http://a.example/2.html",
                                                                   published="2018-01-02")]
    path = write_parquet([Record.from_dict(r) for r in records], tmp_path / "sample.parquet")
    ds = datasets.load_dataset("parquet", data_files=str(path), split="train",
                               cache_dir=str(tmp_path / "cache"))
    assert ds["published"] == ["2017-09-14T10:20:00+08:00", "2018-01-02"]
    assert table_records(ds.data.table) == records



# -- time zones: every reader the README names keeps the instant and its offset -------------
# One record with a date-time, one with a bare date, one without a date. Each reader must give
# the date-time's instant at +08:00 and ``fetched_at``/``updated_at`` in UTC; a bare date has no
# instant, and each reader's reading of it is pinned here as the README states it.

BEIJING = timezone(timedelta(hours=8))
MOMENT = datetime(2017, 9, 14, 2, 20, tzinfo=timezone.utc)  # 2017-09-14T10:20:00+08:00
FETCHED = datetime(2026, 11, 28, 0, 55, 40, tzinfo=timezone.utc)
UPDATED = datetime(2026, 11, 29, 0, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def zoned(tmp_path_factory):
    path = tmp_path_factory.mktemp("zoned") / "sample" / "2026-11-28.jsonl"
    write_jsonl(path, [
        make_record("http://a.example/1.html", version=2, updated_at="2026-11-29T00:00:00Z"),
        make_record("http://a.example/2.html", published="2018-01-02", published_raw="2018-01-02"),
        make_record("http://a.example/3.html", published=None, published_raw=None,
                    fetched_at=None)])
    return path


def read_hugging_face(path, tmp_path):
    import os

    os.environ["HF_DATASETS_OFFLINE"] = "1"
    datasets = pytest.importorskip("datasets")
    ds = datasets.load_dataset("json", data_files=str(path), split="train", features=hf_features(),
                               cache_dir=str(tmp_path))
    return ds["published"], ds["fetched_at"], ds["updated_at"]


def read_polars(path, tmp_path):
    pl = pytest.importorskip("polars")
    df = pl.read_ndjson(path, schema=polars_schema())
    return df["published"].to_list(), df["fetched_at"].to_list(), df["updated_at"].to_list()


def read_duckdb(path, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    con.execute("SET TimeZone = 'Asia/Shanghai'")  # DuckDB shows instants in this zone
    rows = con.execute("SELECT published, fetched_at, updated_at FROM read_json(?, columns=?)",
                       [str(path), duckdb_columns()]).fetchall()
    return tuple(list(column) for column in zip(*rows))


def read_pandas_json(path, tmp_path):
    """The README's pandas line: read the text, then parse it (a bare date as midnight UTC)."""
    pd = pytest.importorskip("pandas")
    df = pd.read_json(path, lines=True, dtype=False)
    assert df["published"].tolist()[:2] == ["2017-09-14T10:20:00+08:00", "2018-01-02"]  # text
    parse = {"published": "+08:00", "fetched_at": "UTC", "updated_at": "UTC"}
    return tuple([None if pd.isna(v) else v.to_pydatetime() for v in
                  pd.to_datetime(df[name], format="ISO8601", utc=True).dt.tz_convert(zone)]
                 for name, zone in parse.items())


def read_branchnews_pandas(path, tmp_path):
    pytest.importorskip("pandas")
    df = load_dataset(path).to_pandas()
    return tuple([None if v is None or v != v else v.to_pydatetime() for v in df[name]]
                 for name in ("published", "fetched_at", "updated_at"))


EIGHT_AM = datetime(2018, 1, 2, 8, 0, tzinfo=BEIJING)  # midnight UTC, read from "2018-01-02"
MIDNIGHT = datetime(2018, 1, 2, 0, 0, tzinfo=BEIJING)
READERS = [  # (reader, what it gives for the bare date "2018-01-02")
    (read_hugging_face, EIGHT_AM),
    (read_polars, EIGHT_AM),
    (read_duckdb, EIGHT_AM),
    (read_pandas_json, EIGHT_AM),
    (read_branchnews_pandas, MIDNIGHT),
]


@pytest.mark.parametrize("read, bare_date", READERS, ids=[r.__name__[5:] for r, _ in READERS])
def test_readers_keep_the_instant_and_its_offset(read, bare_date, zoned, tmp_path):
    published, fetched, updated = read(zoned, tmp_path)
    assert published[0] == MOMENT and published[0].utcoffset() == timedelta(hours=8)
    assert published[0].replace(tzinfo=None) == datetime(2017, 9, 14, 10, 20)  # shown as Beijing time
    assert published[1] == bare_date and published[1].utcoffset() == timedelta(hours=8)
    assert published[2] is None
    assert fetched[:2] == [FETCHED, FETCHED] and fetched[2] is None
    assert updated == [UPDATED, None, None]
    utc = (fetched[0], updated[0]) if read is not read_duckdb else ()
    assert all(v.utcoffset() == timedelta(0) for v in utc)  # DuckDB shows its session zone


def test_duckdb_keeps_the_instant_in_any_session_zone(zoned):
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    (published,) = con.execute("SELECT published FROM read_json(?, columns=?) LIMIT 1",
                               [str(zoned), duckdb_columns()]).fetchone()
    assert published == MOMENT and published.utcoffset() == timedelta(0)


def test_reader_schema_zones_only_the_time_fields():
    zoned = {f.name: f.type.tz for f in reader_schema() if pa.types.is_timestamp(f.type)}
    assert zoned == {"published": "+08:00", "updated_at": "UTC", "fetched_at": "UTC"}
    rest = [f for f in reader_schema() if f.name not in zoned]
    assert all(f.equals(arrow_schema().field(f.name)) for f in rest)
    assert arrow_schema().field("published").type == pa.string()  # Parquet keeps the text
