"""Parquet export with an explicit Arrow schema derived from the record's JSON Schema.

The JSON Schema is itself generated from the one record definition
(:mod:`branchnews.pipelines.record`), so these schemas follow it field by field.

Type inference is what makes columnar copies of JSON drift (a column of nulls becomes ``null``,
``2017-09-14T10:20:00+08:00`` becomes a naive UTC timestamp, sections with and without
``subsections`` stop being one type), so the schema here is derived from the JSON Schema instead:

* ``string`` → ``string``, ``integer`` → ``int64``, ``const``/``enum`` → ``string``;
* ``["string", "null"]`` → a nullable column; required non-null fields are non-nullable;
* arrays → ``list<…>``, objects → ``struct<…>`` with the JSON Schema's property order;
* the recursive ``section`` → sections with ``subsections`` one level deep (``level`` ≤ 2 in the
  JSON Schema); ``subsections`` is null when a section has none (the JSON key is absent);
* dates and times stay ISO 8601 text exactly as in JSON Lines (a date and a date-time differ);
* every field carries its JSON Schema description as field metadata ``description``.

The schemas for plain JSON Lines readers (:func:`reader_schema` and the polars, DuckDB and
Hugging Face forms of it) differ in one way: those readers parse ISO 8601 text into timestamps
whatever they are told, and then drop the offset, so there the time fields are zoned timestamps
(``published`` at ``+08:00``, ``fetched_at``/``updated_at`` in UTC, the zones of the record
definition) and keep both the instant and the offset.

One file per site: ``<site>.parquet``. Pure (pyarrow, no Scrapy).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from branchnews.pipelines.record import FIELDS, SCHEMA_VERSION, ZONES
from branchnews.pipelines.record_schema import schema

def _resolve(ref: str, root: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
    if not ref.startswith("#/"):
        raise ValueError(f"only local $ref are supported, got {ref!r}")
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part]
    return ref, node


def _ref_depth(definition: Mapping[str, Any]) -> int:
    """How deep a recursive definition may nest: its ``level`` maximum (sections: 2)."""
    level = definition.get("properties", {}).get("level", {})
    return int(level.get("maximum", 1))


def _types(prop: Mapping[str, Any]) -> tuple[list[str], bool]:
    kind = prop.get("type")
    kinds = [kind] if isinstance(kind, str) else list(kind or [])
    nullable = "null" in kinds
    kinds = [k for k in kinds if k != "null"]
    if not kinds and "const" in prop:
        kinds = [type(prop["const"]).__name__.replace("str", "string")]
    if not kinds and "enum" in prop:
        values = [v for v in prop["enum"] if v is not None]
        nullable = nullable or None in prop["enum"]
        kinds = ["string"] if all(isinstance(v, str) for v in values) else ["integer"]
    return kinds, nullable


def _arrow_type(prop: Mapping[str, Any], root: Mapping[str, Any], stack: tuple[str, ...]):
    import pyarrow as pa

    if "$ref" in prop:
        ref, definition = _resolve(prop["$ref"], root)
        return _arrow_type(definition, root, (*stack, ref))
    kinds, _ = _types(prop)
    if len(kinds) != 1:
        raise ValueError(f"cannot map JSON Schema type {prop.get('type')!r} to one Arrow type")
    kind = kinds[0]
    if kind == "string":
        return pa.string()
    if kind == "integer":
        return pa.int64()
    if kind == "number":
        return pa.float64()
    if kind == "boolean":
        return pa.bool_()
    if kind == "array":
        return pa.list_(pa.field("item", _arrow_type(prop["items"], root, stack), nullable=False))
    if kind == "object":
        required = set(prop.get("required", ()))
        fields = []
        for name, sub in prop.get("properties", {}).items():
            ref = sub.get("$ref") or sub.get("items", {}).get("$ref")
            if ref and ref in stack:
                _, definition = _resolve(ref, root)
                if stack.count(ref) >= _ref_depth(definition):
                    continue  # deeper nesting is ruled out by the JSON Schema
            fields.append(_arrow_field(name, sub, root, stack, required=name in required))
        return pa.struct(fields)
    raise ValueError(f"cannot map JSON Schema type {kind!r} to Arrow")


def _arrow_field(name: str, prop: Mapping[str, Any], root: Mapping[str, Any],
                 stack: tuple[str, ...], *, required: bool):
    import pyarrow as pa

    target = _resolve(prop["$ref"], root)[1] if "$ref" in prop else prop
    _, nullable = _types(target)
    metadata = {"description": prop["description"]} if prop.get("description") else None
    return pa.field(name, _arrow_type(prop, root, stack), nullable=nullable or not required,
                    metadata=metadata)


@lru_cache(maxsize=1)
def arrow_schema():
    """The Arrow schema of a record, derived from the JSON Schema (fields in schema order)."""
    import pyarrow as pa

    root = schema()
    required = set(root["required"])
    fields = [_arrow_field(name, root["properties"][name], root, (), required=name in required)
              for name in FIELDS]
    return pa.schema(fields, metadata={"branchnews.schema_version": SCHEMA_VERSION,
                                       "branchnews.json_schema_id": root.get("$id", "")})


# -- the same schema for other loaders ------------------------------------------------------
# Their JSON type inference looks at a sample (polars: 100 lines, DuckDB: 20,480 lines, Hugging
# Face datasets: the first 10 MB) and silently drops, or fails on, ``subsections`` when it first
# appears later. It also parses ISO 8601 text into timestamps, even when told the column is text
# (Hugging Face's json loader parses first and casts after: ``2017-09-14T10:20:00+08:00`` came
# back as the text ``2017-09-14 02:20:00``, UTC reading like Beijing time). So the explicit
# schemas below say "timestamp in this zone" for the time fields, and each reader keeps the
# instant with its offset. A bare date (``2017-09-14``) has no instant: these readers take it
# as midnight UTC, i.e. 08:00 +08:00 on that day; ``published_raw`` still shows the page's text.

@lru_cache(maxsize=1)
def reader_schema():
    """:func:`arrow_schema` with each time field a timestamp in its zone (``published``:
    ``timestamp[us, tz=+08:00]``; ``fetched_at``, ``updated_at``: ``timestamp[us, tz=UTC]``)."""
    import pyarrow as pa

    schema_ = arrow_schema()
    for name, zone in ZONES.items():
        field = schema_.field(name)
        index = schema_.get_field_index(name)
        # microseconds: polars 1.0 reads JSON text into a ms column 1000 times too far
        schema_ = schema_.set(index, field.with_type(pa.timestamp("us", tz=zone)))
    return schema_


def hf_features():
    """``datasets.Features`` for ``datasets.load_dataset("json", data_files=…, features=…)``.

    Keeps ``subsections`` wherever it appears; ``published`` comes back as a ``datetime`` at
    +08:00 and ``fetched_at``/``updated_at`` in UTC (a bare date: 08:00 +08:00 that day).
    """
    import datasets

    return datasets.Features.from_arrow_schema(reader_schema())


def polars_schema():
    """Schema for ``polars.read_ndjson(path, schema=…)`` (polars infers from 100 lines);
    ``published`` is ``Datetime(time_zone="Etc/GMT-8")``, polars' name for +08:00."""
    import polars as pl

    return pl.from_arrow(reader_schema().empty_table()).schema


def _duckdb_type(kind) -> str:
    import pyarrow as pa

    if pa.types.is_string(kind):
        return "VARCHAR"
    if pa.types.is_int64(kind):
        return "BIGINT"
    if pa.types.is_float64(kind):
        return "DOUBLE"
    if pa.types.is_boolean(kind):
        return "BOOLEAN"
    if pa.types.is_timestamp(kind) and kind.tz:
        return "TIMESTAMPTZ"  # an instant; DuckDB shows it in the session's TimeZone setting
    if pa.types.is_list(kind):
        return _duckdb_type(kind.value_type) + "[]"
    if pa.types.is_struct(kind):
        inner = ", ".join(f'"{kind.field(i).name}" {_duckdb_type(kind.field(i).type)}'
                          for i in range(kind.num_fields))
        return f"STRUCT({inner})"
    raise ValueError(f"no DuckDB type for {kind}")


def duckdb_columns() -> dict[str, str]:
    """``columns=`` for DuckDB's ``read_json(path, columns=…)`` (it infers from 20,480 lines).

    The time fields are ``TIMESTAMPTZ``: the instant is kept and shown in the session's
    ``TimeZone`` (``SET TimeZone = 'Asia/Shanghai'`` to see ``published`` at +08:00)."""
    return {f.name: _duckdb_type(f.type) for f in reader_schema()}


# -- records ⇄ tables -------------------------------------------------------------------------

def _as_dict(record: Any) -> dict[str, Any]:
    return record if isinstance(record, Mapping) else record.as_dict()


def to_table(records: Iterable[Any]):
    """A pyarrow Table of records (``Record`` objects or record dicts) in the explicit schema."""
    import pyarrow as pa

    rows = [_as_dict(r) for r in records]
    table = pa.Table.from_pylist(rows, schema=arrow_schema())
    table.validate(full=True)
    for field in table.schema:
        for chunk in table.column(field.name).chunks:
            _check_nulls(chunk, field, field.name)
    return table


def _check_nulls(array, field, path: str) -> None:
    """Arrow accepts nulls in a non-nullable field when building from Python: refuse them."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not field.nullable and array.null_count:
        raise ValueError(f"{path}: null in a field the schema requires")
    kind = field.type
    if pa.types.is_list(kind):
        _check_nulls(array.flatten(), kind.value_field, path + "[]")
    elif pa.types.is_struct(kind):
        present = array.filter(pc.is_valid(array)) if array.null_count else array
        for index in range(kind.num_fields):
            child = kind.field(index)
            _check_nulls(present.field(index), child, f"{path}.{child.name}")


def _strip_absent(section: dict[str, Any]) -> dict[str, Any]:
    subsections = section.get("subsections")
    if not subsections:
        section.pop("subsections", None)
    else:
        section["subsections"] = [_strip_absent(s) for s in subsections]
    return section


def table_records(table) -> list[dict[str, Any]]:
    """Record dicts of a table, in the JSON Lines shape (``subsections`` only when present)."""
    rows = table.to_pylist()
    for row in rows:
        row["sections"] = [_strip_absent(s) for s in row.get("sections") or []]
    return rows


def write_parquet(records: Iterable[Any], path: str | Path, *, compression: str = "zstd") -> Path:
    import pyarrow.parquet as pq

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(to_table(records), tmp, compression=compression)
    tmp.replace(path)
    return path


def read_parquet(path: str | Path) -> list:
    """The :class:`~branchnews.pipelines.dataset.Record` objects of a Parquet file written here."""
    import pyarrow.parquet as pq

    from branchnews.pipelines.record import Record

    table = pq.read_table(path, schema=arrow_schema())
    return [Record.from_dict(row) for row in table_records(table)]
