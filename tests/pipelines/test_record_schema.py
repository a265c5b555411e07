"""The JSON Schema derived from the record definition: field by field, the committed file, and
what validation accepts and refuses."""

from __future__ import annotations

import dataclasses
from importlib import resources

import pytest

from branchnews.pipelines.record import FIELDS, SCHEMA_VERSION, Record, Section
from branchnews.pipelines.record_schema import _type_schema, problems, schema, schema_text
from tests.pipelines.test_dataset import make_record

HEX16 = "^[0-9a-f]{16}$"
NULLABLE_STRING = {"type": ["string", "null"]}
STRINGS = {"type": "array", "items": {"type": "string"}}
SECTIONS = {"type": "array", "items": {"$ref": "#/$defs/section"}}

# Each record field's JSON Schema, as the published contract says (description checked apart).
RECORD_FIELDS = [
    ("schema_version", {"const": SCHEMA_VERSION}),
    ("id", {"type": "string", "pattern": HEX16}),
    ("url", {"type": "string"}),
    ("site", {"type": "string"}),
    ("title", NULLABLE_STRING),
    ("published", {"type": ["string", "null"],
                   "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}\+08:00)?$"}),
    ("published_raw", NULLABLE_STRING),
    ("source", NULLABLE_STRING),
    ("author", NULLABLE_STRING),
    ("editor", NULLABLE_STRING),
    ("breadcrumb", STRINGS),
    ("preamble", STRINGS),
    ("sections", SECTIONS),
    ("paragraphs", STRINGS),
    ("text", {"type": "string"}),
    ("attachments", {"type": "array", "items": {
        "type": "object", "additionalProperties": False, "required": ["name", "url"],
        "properties": {"name": {"type": "string"}, "url": {"type": "string"}}}}),
    ("images", {"type": "array", "items": {
        "type": "object", "additionalProperties": False, "required": ["src", "alt"],
        "properties": {"src": {"type": "string"}, "alt": NULLABLE_STRING}}}),
    ("pages", {"type": "integer", "minimum": 1}),
    ("original_script", {"enum": ["simplified", "traditional", "mixed"]}),
    ("script", {"enum": ["simplified", "traditional"]}),
    ("normalization", {"type": "array", "items": {"enum": [
        "pinyin", "gbk_scars", "t2s", "s2t", "zhe", "punctuation", "whitespace"]}}),
    ("encoding", {"type": "string"}),
    ("content_hash", {"type": "string", "pattern": "^[0-9a-f]{40}$"}),
    ("version", {"type": "integer", "minimum": 1}),
    ("updated_at", NULLABLE_STRING),
    ("duplicate_of", {"type": ["string", "null"], "pattern": HEX16}),
    ("fetched_at", NULLABLE_STRING),
    ("status", {"type": ["integer", "null"]}),
    ("warnings", STRINGS),
]
SECTION_FIELDS = [
    ("marker", {"type": "string"}),
    ("number", {"type": "integer", "minimum": 1}),
    ("level", {"type": "integer", "minimum": 1, "maximum": 6}),
    ("heading", {"type": "string"}),
    ("paragraphs", STRINGS),
    ("subsections", {**SECTIONS, "minItems": 1}),
]


def _without_descriptions(node):
    if isinstance(node, dict):
        return {k: _without_descriptions(v) for k, v in node.items() if k != "description"}
    if isinstance(node, list):
        return [_without_descriptions(v) for v in node]
    return node


def test_the_tables_cover_every_field_in_order():
    assert [name for name, _ in RECORD_FIELDS] == list(FIELDS)
    assert [name for name, _ in SECTION_FIELDS] == [f.name for f in dataclasses.fields(Section)]


@pytest.mark.parametrize("name, expected", RECORD_FIELDS, ids=[n for n, _ in RECORD_FIELDS])
def test_record_field(name, expected):
    prop = schema()["properties"][name]
    assert _without_descriptions(prop) == expected
    assert prop["description"]  # every field says what it means (the card prints it)
    assert name in schema()["required"]  # every key is always written


@pytest.mark.parametrize("name, expected", SECTION_FIELDS, ids=[n for n, _ in SECTION_FIELDS])
def test_section_field(name, expected):
    section = schema()["$defs"]["section"]
    assert _without_descriptions(section["properties"][name]) == expected
    assert section["properties"][name]["description"]
    assert (name in section["required"]) is (name != "subsections")  # written only when present


def test_the_record_object():
    root = schema()
    assert root["$id"] == f"branchnews/record/{SCHEMA_VERSION}" == "branchnews/record/1.2"
    assert root["type"] == "object" and root["additionalProperties"] is False
    assert root["description"].startswith("One article per JSON Lines line.")


def test_the_committed_schema_file_is_the_generated_one():
    committed = resources.files("branchnews.pipelines.schema").joinpath(
        "record.schema.json").read_text("utf-8")
    assert committed == schema_text(), (
        "pipelines/schema/record.schema.json is out of date: regenerate it from the record "
        "definition (see branchnews.pipelines.record_schema)")


@pytest.mark.parametrize("kind", [dict, list, "str", float | str], ids=str)
def test_a_field_type_without_a_json_schema_is_refused(kind):
    with pytest.raises(TypeError, match="no JSON Schema"):
        _type_schema(kind)


@pytest.mark.parametrize("change, where", [
    ({"id": "XYZ"}, "id"),
    ({"published": "2017/09/14"}, "published"),
    ({"pages": 0}, "pages"),
    ({"script": "mixed"}, "script"),
    ({"normalization": ["bogus"]}, "normalization/0"),
    ({"status": "200"}, "status"),
    ({"title": 5}, "title"),
    ({"schema_version": "1.0"}, "schema_version"),
    ({"duplicate_of": "nothex"}, "duplicate_of"),
    ({"images": [{"src": "http://x.cn/1.png"}]}, "images/0"),
    ({"sections": [{"marker": "一、", "number": 1, "level": 7, "heading": "h", "paragraphs": []}]},
     "sections/0/level"),
    ({"sections": [{"marker": "一、", "number": 1, "level": 1, "heading": "h", "paragraphs": [],
                    "subsections": []}]}, "sections/0/subsections"),
    ({"extra": 1}, "<record>"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_validation_refuses(change, where):
    found = problems({**make_record(), **change})
    assert found and any(p.startswith(f"{where}:") for p in found), found


def test_validation_accepts_a_record_built_from_the_definition():
    assert problems(Record.from_dict(make_record()).as_dict()) == []
