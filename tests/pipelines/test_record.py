"""The record definition: typed records read from and written back to their JSON objects."""

from __future__ import annotations

import dataclasses
import json

import pytest

from branchnews.pipelines.identity import content_hash
from branchnews.pipelines.record import ADDED, FIELDS, Record, Section, dumps
from tests.pipelines.test_dataset import make_record


def test_record_round_trip_keeps_every_field_and_nesting():
    data = make_record()
    record = Record.from_dict(data)
    assert [f.name for f in dataclasses.fields(Record)] == list(FIELDS)
    assert record.as_dict() == data
    assert json.dumps(record.as_dict(), ensure_ascii=False) == json.dumps(data, ensure_ascii=False)
    assert dumps(record.as_dict()) == dumps(data)
    assert isinstance(record.sections[1], Section)
    assert record.sections[1].subsections[0].heading == "加强规划"
    assert "subsections" not in record.sections[0].as_dict()
    assert record.images[0].alt is None and record.attachments[0].name == "附件1.pdf"
    assert record.year == 2017
    hash(record)  # immutable all the way down
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.title = "x"  # type: ignore[misc]


def test_record_from_schema_1_0_gets_the_1_1_defaults():
    data = make_record()
    for name in ("content_hash", "version", "updated_at", "duplicate_of"):
        data.pop(name)
    data["schema_version"] = "1.0"
    record = Record.from_dict(data)
    assert record.version == 1 and record.updated_at is None and record.duplicate_of is None
    assert record.content_hash == content_hash(data["title"], data["text"])


def test_the_fields_added_in_1_1_are_the_ones_a_1_0_record_may_lack():
    assert ADDED == {"content_hash": None, "version": 1, "updated_at": None, "duplicate_of": None}


def test_record_missing_a_field():
    data = make_record()
    del data["title"]
    with pytest.raises(KeyError, match="title"):
        Record.from_dict(data)


def test_a_record_is_built_by_field_name_only():
    """Keyword-only: a record built with a misspelled or missing field fails where it is built."""
    values = {f.name: getattr(Record.from_dict(make_record()), f.name) for f in dataclasses.fields(Record)}
    with pytest.raises(TypeError):
        Record(*values.values())  # type: ignore[misc]
    with pytest.raises(TypeError, match="titel"):
        Record(**{**values, "titel": "x"})
    values.pop("editor")
    with pytest.raises(TypeError, match="editor"):
        Record(**values)


@pytest.mark.parametrize("record, line_start", [
    ({"title": "标题", "schema_version": "1.1", "id": "0" * 16}, '{"schema_version":"1.1","id":'),
    ({"warnings": [], "url": "http://x.cn/1"}, '{"url":"http://x.cn/1","warnings":[]}'),
], ids=["schema order", "missing keys left out"])
def test_dumps_writes_fields_in_schema_order(record, line_start):
    assert dumps(record).startswith(line_start)
