"""The record: every field of an article record, its type, nullability and format, defined once.

As zyte-common-items defines an item, one class per object, each attribute with its meaning:
here the meaning is field metadata (``description`` and the JSON Schema keywords the Python type
alone cannot say: a pattern, a minimum), so it can be read back. Everything else is derived from
these classes: the JSON Schema (:mod:`branchnews.pipelines.record_schema`, and through it the
Parquet, Hugging Face ``datasets``, polars and DuckDB schemas of
:mod:`branchnews.pipelines.parquet`), the field order of a JSON Lines line (:data:`FIELDS`), the
typed records a dataset loads into, and the record the extractor builds.

A type ``X | None`` is a nullable field (the key is always present, the value may be null);
``tuple[X, ...]`` is a JSON array; ``Literal[...]`` an enumeration. Only ``subsections`` may be
absent from the JSON: it is written only when a section has some. Pure: no Scrapy.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, Literal

from branchnews.pipelines.identity import content_hash

# 1.1 added content_hash, version, updated_at, duplicate_of; 1.2 nests sections of regulations
# (第一章 > 第一条 > 一、 > （一）), so a section's level goes past 2.
SCHEMA_VERSION = "1.2"

Script = Literal["simplified", "traditional"]
OriginalScript = Literal["simplified", "traditional", "mixed"]
Step = Literal["pinyin", "gbk_scars", "t2s", "s2t", "zhe", "punctuation", "whitespace"]

HEX16 = "^[0-9a-f]{16}$"


def spec(description: str, *, default: Any = MISSING, optional: bool = False,
         since: str | None = None, absent: Any = None, zone: str | None = None,
         **keywords: Any) -> Any:
    """A field's metadata: what it means, JSON Schema ``keywords`` its type does not say, whether
    the key may be left out of the JSON (``optional``), for a field added after 1.0, the schema
    version that added it (``since``) and the value a record written before then reads as
    (``absent``), and for a time written as ISO 8601 text, the zone it is written in (``zone``:
    ``UTC`` or a fixed offset such as ``+08:00``), so loaders that parse it into a timestamp
    keep its offset."""
    return field(default=default, metadata={
        "description": description, "keywords": keywords, "optional": optional, "since": since,
        "absent": absent, "zone": zone})


@dataclass(frozen=True, slots=True, kw_only=True)
class Attachment:
    """A file the article links to (PDF, Word, …)."""

    name: str = spec("Link text of the attachment.")
    url: str = spec("Absolute URL of the attachment.")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Attachment:
        return cls(name=data["name"], url=data["url"])

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "url": self.url}


@dataclass(frozen=True, slots=True, kw_only=True)
class Image:
    """An image of the article body or its lead figure."""

    src: str = spec("Absolute URL of the image.")
    alt: str | None = spec("alt text, null when the page gives none.")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Image:
        return cls(src=data["src"], alt=data.get("alt"))

    def as_dict(self) -> dict[str, Any]:
        return {"src": self.src, "alt": self.alt}


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """A numbered section of an article body: ``一、`` and ``（一）`` in a report; ``第一编``,
    ``第一章``, ``第一节``, ``第一条`` around them in a regulation."""

    marker: str = spec("The numbering as written: 一、, （一）, 第一章, 第一条 ….")
    number: int = spec("The section's number (一 → 1).", minimum=1)
    level: int = spec(
        "Depth in the body's outline: 1 for 一、 and 2 for （一） in a report; in a regulation the "
        "outer kinds it numbers come first (第一章 1, 第一条 2, 一、 3 …). A heading with none of an "
        "outer kind above it keeps its kind's level.", minimum=1, maximum=6)
    heading: str = spec("Heading text without its marker; empty for an article (第一条) whose "
                        "clause is a sentence: the clause is then its first paragraph.")
    paragraphs: tuple[str, ...] = spec("Paragraphs under the heading, before its first subsection.",
                                       default=())
    subsections: tuple[Section, ...] = spec("The sections one level down; present only when there are some.",
                                            default=(), optional=True, minItems=1)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Section:
        return cls(marker=data["marker"], number=data["number"], level=data["level"],
                   heading=data["heading"], paragraphs=tuple(data.get("paragraphs") or ()),
                   subsections=tuple(Section.from_dict(s) for s in data.get("subsections") or ()))

    def as_dict(self) -> dict[str, Any]:
        """The record's JSON shape: ``subsections`` only when there are some."""
        out: dict[str, Any] = {"marker": self.marker, "number": self.number, "level": self.level,
                               "heading": self.heading, "paragraphs": list(self.paragraphs)}
        if self.subsections:
            out["subsections"] = [s.as_dict() for s in self.subsections]
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """One article per JSON Lines line. Text fields are normalised Chinese (simplified unless the
    dataset says otherwise). A field the page does not show is null, never an empty string."""

    schema_version: str = spec(
        "Version of this schema; the minor number grows when fields are added, the major one on "
        "any incompatible change.", const=SCHEMA_VERSION)
    id: str = spec("First 16 hex digits of SHA-1 of the canonical URL: stable across runs.",
                   pattern=HEX16)
    url: str = spec("Canonical URL of the article's first page.")
    site: str = spec("Name of the site profile that crawled it.")
    title: str | None = spec("The headline shown on the page (not <title> with its site suffix).")
    published: str | None = spec(
        "ISO 8601 date, or date-time in Beijing time when the page shows a time.", zone="+08:00",
        pattern=r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}\+08:00)?$")
    published_raw: str | None = spec(
        "The date text as the page shows it (normalised script and spaces).")
    source: str | None = spec("来源: the outlet or organisation the article comes from.")
    author: str | None = spec("作者/记者/文: the writer; several names joined with 、.")
    editor: str | None = spec("责任编辑/责编/编辑 (never 审核).")
    breadcrumb: tuple[str, ...] = spec(
        "Location path shown on the page, without the 当前位置 label and separators.")
    preamble: tuple[str, ...] = spec(
        "Body paragraphs before the first numbered heading (all of them when there is none).")
    sections: tuple[Section, ...] = spec(
        "Numbered sections of the body, nested (一、 with its （一） subsections; 第一章 with its "
        "articles).")
    paragraphs: tuple[str, ...] = spec("Every body paragraph in order, headings included.")
    text: str = spec("paragraphs joined by newlines.")
    attachments: tuple[Attachment, ...] = spec(
        "Files the article links to (PDF, Word, …): visible name and absolute URL.")
    images: tuple[Image, ...] = spec(
        "Images in the article body (and its lead figure): absolute src and alt text.")
    pages: int = spec("Number of pages the article was split over and stitched from.", minimum=1)
    original_script: OriginalScript = spec("Script of the page before normalisation.")
    script: Script = spec("Script of the text fields in this record.")
    normalization: tuple[Step, ...] = spec(
        "Normalisation steps that changed something, in the order applied.")
    encoding: str = spec("Character encoding the page bytes were decoded with.")
    content_hash: str = spec(
        "SHA-1 of the normalised title and text: equal hashes mean the same article content.",
        pattern="^[0-9a-f]{40}$", since="1.1")  # absent: computed from title and text
    version: int = spec(
        "1 for the first record of an id; a changed article is written again with the same id "
        "and the next version.", minimum=1, since="1.1", absent=1)
    updated_at: str | None = spec(
        "UTC time this version replaced the previous one (null for version 1).", since="1.1",
        zone="UTC")
    duplicate_of: str | None = spec(
        "id of the earlier record with the same normalised text (a repost under another URL), "
        "or null.", pattern=HEX16, since="1.1")
    fetched_at: str | None = spec(
        "UTC time the first page was fetched (ISO 8601), null for a saved page.", zone="UTC")
    status: int | None = spec("HTTP status of the first page, null for a saved page.")
    warnings: tuple[str, ...] = spec(
        "Things a reader should know: no_date, date_from_list, no_title, no_body, "
        "charset_mismatch:<declared charset>, replacement_chars:<count of U+FFFD put in for "
        "bytes no charset could read>.")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Record:
        """A record from its JSON object; fields added in schema 1.1 default when absent (1.0)."""
        missing = [k for k in FIELDS if k not in data and k not in ADDED]
        if missing:
            raise KeyError(f"record without required field(s): {', '.join(missing)}")
        values = {k: data[k] for k in FIELDS if k in data}
        if "content_hash" not in values:
            values["content_hash"] = content_hash(data.get("title"), data.get("text") or "")
        for name, absent in ADDED.items():
            values.setdefault(name, absent)
        for name in _STRING_LISTS:
            values[name] = tuple(values[name] or ())
        for name, kind in _OBJECT_LISTS.items():
            values[name] = tuple(kind.from_dict(v) for v in values[name] or ())
        return cls(**values)

    def as_dict(self) -> dict[str, Any]:
        """The JSON Lines object, fields in schema order; equal to the line it was read from."""
        out: dict[str, Any] = {}
        for name in FIELDS:
            value = getattr(self, name)
            if name in _STRING_LISTS:
                value = list(value)
            elif name in _OBJECT_LISTS:
                value = [v.as_dict() for v in value]
            out[name] = value
        return out

    @property
    def year(self) -> int | None:
        """Year of publication, or None without a date."""
        return int(self.published[:4]) if self.published else None


# The order of a record's fields in every JSON Lines line, in the schema and in the tables.
FIELDS = tuple(f.name for f in fields(Record))
# Time fields → the zone their text is written in (``published``: Beijing time, the others UTC).
ZONES = {f.name: f.metadata["zone"] for f in fields(Record) if f.metadata["zone"]}
# Fields added after 1.0 → the value a 1.0 record reads as (content_hash is computed instead).
ADDED = {f.name: f.metadata["absent"] for f in fields(Record) if f.metadata["since"]}
_OBJECT_LISTS = {"sections": Section, "attachments": Attachment, "images": Image}
_STRING_LISTS = tuple(f.name for f in fields(Record)
                      if f.type.startswith("tuple[") and f.name not in _OBJECT_LISTS)


def dumps(record: Mapping[str, Any], indent: int | None = None) -> str:
    """One JSON Lines line: UTF-8 text, no ``\\u`` escapes, fields in schema order
    (``indent``: the same, indented for a person to read)."""
    ordered = {key: record[key] for key in FIELDS if key in record}
    if indent:
        return json.dumps(ordered, ensure_ascii=False, indent=indent)
    return json.dumps(ordered, ensure_ascii=False, separators=(",", ":"))
