"""The record's JSON Schema, derived from its one definition (:mod:`branchnews.pipelines.record`),
and the validation every crawled record goes through.

The committed ``pipelines/schema/record.schema.json`` is this function's output, for readers
outside Python; a test keeps it equal to what the definition generates. Regenerate it with::

    python -c "from branchnews.pipelines.record_schema import schema_text; print(schema_text(), end='')" \\
        > pipelines/schema/record.schema.json

Mapping: ``str`` → ``string``, ``int`` → ``integer``, ``X | None`` → ``[X, "null"]``,
``tuple[X, ...]`` → an array of X, ``Literal[…]`` → ``enum``, a record class → an object with
every non-optional field required and no other property (the recursive :class:`Section` under
``$defs``). Keys come in one order (type, items, keywords, description), so the file is stable.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import lru_cache
from typing import Any, Literal, get_args, get_origin

from branchnews.pipelines.record import SCHEMA_VERSION, Record, Section

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"branchnews/record/{SCHEMA_VERSION}"
TITLE = "branchnews article record"
# Classes written once under ``$defs`` and referred to (they contain themselves).
DEFS = {Section: "section"}
_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean"}
_KEYWORD_ORDER = ("pattern", "minimum", "maximum", "minItems")


def _type_schema(kind: Any) -> dict[str, Any]:
    """The JSON Schema of one Python type (without description)."""
    if kind in DEFS:
        return {"$ref": f"#/$defs/{DEFS[kind]}"}
    if dataclasses.is_dataclass(kind):
        return _object_schema(kind)
    if kind in _SCALARS:
        return {"type": _SCALARS[kind]}
    origin, args = get_origin(kind), get_args(kind)
    if origin is Literal:
        return {"enum": list(args)}
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return {"type": "array", "items": _type_schema(args[0])}
    if origin in (types.UnionType, typing.Union) and type(None) in args:
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1 and inner[0] in _SCALARS:
            return {"type": [_SCALARS[inner[0]], "null"]}
    raise TypeError(f"no JSON Schema for the record field type {kind!r}")


def _field_schema(field: dataclasses.Field, kind: Any) -> dict[str, Any]:
    meta = field.metadata
    keywords = dict(meta.get("keywords", {}))
    out = {"const": keywords.pop("const")} if "const" in keywords else _type_schema(kind)
    for key in _KEYWORD_ORDER:
        if key in keywords:
            out[key] = keywords.pop(key)
    if keywords:
        raise TypeError(f"{field.name}: unknown schema keywords {sorted(keywords)}")
    if meta.get("description"):
        out["description"] = meta["description"]
    return out


def _object_schema(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in fields if not f.metadata.get("optional")],
        "properties": {f.name: _field_schema(f, hints[f.name]) for f in fields},
    }


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of a record (a new dict would be cheap; callers must not change it)."""
    record = _object_schema(Record)
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": TITLE,
        "description": " ".join(Record.__doc__.split()),
        **record,
        "$defs": {name: _object_schema(cls) for cls, name in DEFS.items()},
    }


@lru_cache(maxsize=1)
def schema_text() -> str:
    """``record.schema.json`` as committed: two-space indent, UTF-8 text, final newline (made
    once: every site's manifest compares its copy with it)."""
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema())


@lru_cache(maxsize=1)
def _fast_validator():
    import fastjsonschema

    local = {k: v for k, v in schema().items() if k != "$id"}  # $refs resolve in-document
    return fastjsonschema.compile(local, handlers={})


def problems(record: dict) -> list[str]:
    """Schema violations as readable strings (empty when the record is valid).

    Every crawled record is checked, so the common case (valid) goes through a schema compiled
    to Python code; only an invalid record pays for jsonschema's full list of readable errors.
    """
    import fastjsonschema

    try:
        _fast_validator()(record)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    return [f"{'/'.join(map(str, e.absolute_path)) or '<record>'}: {e.message}"
            for e in _validator().iter_errors(record)]
