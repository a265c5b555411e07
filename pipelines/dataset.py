"""Load a branchnews dataset into typed, immutable records.

A dataset is an output folder (``output/``, every site), a site folder (``output/sample/``) or
one ``.jsonl`` file. In a folder, the records are in ``<day>.jsonl`` (and ``<day>.w-<worker>.jsonl``
from a distributed crawl); ``*.errors.jsonl`` hold crawl failures, and other files are not
records (:mod:`branchnews.pipelines.files` says which is which).

The same ``id`` may be written more than once (a changed article is written again with the next
``version``): by default only the latest version of each id is kept; on equal versions the later
line wins (files are read in name order, i.e. by day). Reposts (same text under another URL) get
``duplicate_of`` per the chosen policy (see :mod:`branchnews.pipelines.duplicates`).

Every record's ``schema_version`` must have the major version this code reads; another major is
a :class:`SchemaVersionError` that names the file and line. A line that is not a record at all
(cut, glued, junk) is skipped with a warning and counted in :attr:`Dataset.damaged`. Fields a newer minor version adds are
ignored with a warning; fields added in 1.1 get their documented defaults when reading 1.0 data.

Pure (no Scrapy): ``from branchnews import load_dataset`` is the researcher's entry point.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone, tzinfo
from pathlib import Path
from typing import Any, overload

from branchnews.pipelines.duplicates import DEFAULT_POLICY, DuplicateReport, apply_duplicates
from branchnews.pipelines.files import dataset_folders, record_files
from branchnews.pipelines.record import ADDED, FIELDS, SCHEMA_VERSION, ZONES, Record
from branchnews.pipelines.record_schema import problems

SCHEMA_MAJOR = int(SCHEMA_VERSION.split(".")[0])


class DatasetError(ValueError):
    """A dataset that cannot be read as branchnews records; the message names the file and line."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        where = f"{path}:{line}: " if path is not None and line is not None else (
            f"{path}: " if path is not None else "")
        super().__init__(where + message)
        self.path = path
        self.line = line


class DatasetWarning(UserWarning):
    """Something a reader should know about the files (skipped partial line, unknown fields)."""


class SchemaVersionError(DatasetError):
    """A record written under an incompatible (other major) schema version."""


# -- files ------------------------------------------------------------------------------------

def dataset_files(path: str | Path) -> list[Path]:
    """The record files of a dataset, in reading order (site folder, then file name = day).

    One file is read whatever its name; in a folder, the record files are those the crawl
    writes (:mod:`branchnews.pipelines.files`).
    """
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise DatasetError("no such dataset (a .jsonl file, a site folder or an output folder)", path)
    files = [f for folder in dataset_folders(path) for f in record_files(folder)]
    if not files:
        raise DatasetError("no record files (<YYYY-MM-DD>.jsonl) here or in its site folders", path)
    return files


def check_schema_version(value: Any, path: str | Path, line: int) -> None:
    """Raise :class:`SchemaVersionError` unless ``value`` is ``"<major>.<minor>"`` of our major."""
    major = None
    if isinstance(value, str):
        head, _, minor = value.partition(".")
        if head.isdigit() and minor.isdigit():
            major = int(head)
    if major is None:
        raise SchemaVersionError(f"schema_version {value!r} is not a branchnews schema version "
                                 f"(this branchnews reads {SCHEMA_MAJOR}.x)", path, line)
    if major > SCHEMA_MAJOR:
        raise SchemaVersionError(f"schema_version {value} is newer than this branchnews reads "
                                 f"({SCHEMA_MAJOR}.x): upgrade branchnews", path, line)
    if major < SCHEMA_MAJOR:
        raise SchemaVersionError(f"schema_version {value} is an older, incompatible schema "
                                 f"(this branchnews reads {SCHEMA_MAJOR}.x): re-extract the pages "
                                 "(branchnews reextract) with this version", path, line)


def _version_form(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    head, _, minor = value.partition(".")
    return head.isdigit() and minor.isdigit()


def line_problem(raw: bytes) -> tuple[dict | None, str | None]:
    """One line's record object, or why the line is not a record at all (damage: cut, glued,
    junk, another program's JSON). A record of another schema major is not damage: its reader
    raises :class:`SchemaVersionError` instead. The crawl's index and every loader use this."""
    try:
        obj = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 ({exc.reason} at byte {exc.start})"
    except json.JSONDecodeError as exc:
        return None, f"not JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(obj, dict):
        return None, "not a JSON object"
    if not _version_form(obj.get("schema_version")):
        return None, f"schema_version {obj.get('schema_version')!r} is not a branchnews schema version"
    missing = [k for k in FIELDS if k not in obj and k not in ADDED]
    if missing or not isinstance(obj.get("id"), str) or not isinstance(obj.get("url"), str):
        return None, f"not a record (no {', '.join(missing) or 'id/url'})"
    return obj, None


@dataclass(frozen=True)
class DamagedLine:
    """A line of a record file that is not a record, skipped by the readers (the crawl moves
    it to ``<file>.damaged``)."""

    path: Path
    line: int
    offset: int  # its first byte in the file
    reason: str


def iter_lines(path: Path, damaged: list[DamagedLine] | None = None) -> Iterator[tuple[int, dict]]:
    """``(line number, object)`` for each record line of one file.

    A line that is not a record (:func:`line_problem`) is skipped with a warning naming its
    line and start offset, and added to ``damaged`` when given; the crawl moves such lines
    aside when it next opens the folder. A last line without its newline is what a killed
    writer leaves, skipped the same way.
    """
    with path.open("rb") as fh:  # one line at a time: datasets outgrow memory
        number = 0
        offset = 0
        for raw in fh:
            number += 1
            start, offset = offset, offset + len(raw)
            if not raw.strip():
                continue
            obj, problem = line_problem(raw)
            if problem is not None:
                if not raw.endswith(b"\n"):
                    problem = "truncated last line (an interrupted write)"
                warnings.warn(f"{path}:{number} (byte {start}): {problem}; skipped",
                              DatasetWarning, stacklevel=3)
                if damaged is not None:
                    damaged.append(DamagedLine(path, number, start, problem))
                continue
            yield number, obj


def read_records(path: str | Path, *, validate: bool = False,
                 damaged: list[DamagedLine] | None = None) -> Iterator[tuple[Path, int, Record]]:
    """Every record line of a dataset as ``(file, line number, Record)``, versions and all;
    lines that are not records are skipped (and listed in ``damaged``)."""
    unknown: set[str] = set()
    for file in dataset_files(path):
        for number, obj in iter_lines(file, damaged):
            check_schema_version(obj.get("schema_version"), file, number)
            unknown.update(k for k in obj if k not in FIELDS)
            if validate and obj.get("schema_version") == SCHEMA_VERSION:
                found = problems(obj)
                if found:
                    raise DatasetError("invalid record: " + "; ".join(found[:3]), file, number)
            try:
                record = Record.from_dict(obj)
            except (KeyError, TypeError) as exc:
                raise DatasetError(str(exc).strip('"'), file, number) from None
            yield file, number, record
    if unknown:
        warnings.warn(f"{path}: fields this branchnews does not know were ignored: "
                      f"{', '.join(sorted(unknown))} (a newer minor schema version?)",
                      DatasetWarning, stacklevel=2)


def latest_versions(records: Iterable[Record]) -> tuple[list[Record], int]:
    """The latest version of each id (a later record wins a tie) and how many were superseded."""
    chosen: dict[str, Record] = {}
    total = 0
    for record in records:
        total += 1
        best = chosen.get(record.id)
        if best is None or record.version >= best.version:
            chosen[record.id] = record  # dict keeps the id's first position: stable order
    return list(chosen.values()), total - len(chosen)


# -- times ------------------------------------------------------------------------------------

def zone_info(zone: str) -> tzinfo:
    """The ``tzinfo`` of a record field's zone (``UTC`` or a fixed offset such as ``+08:00``)."""
    return timezone.utc if zone == "UTC" else datetime.strptime(zone, "%z").tzinfo


def instant(value: str | None, tz: tzinfo) -> datetime | None:
    """A time field's text as an aware ``datetime``: a date-time keeps its own offset; a bare
    date (``2017-09-14``, the publisher's calendar day) is midnight of that day in ``tz``."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)


# -- the dataset ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Dataset(Sequence[Record]):
    """Records of a dataset plus where they came from and what loading did to them."""

    records: tuple[Record, ...]
    files: tuple[Path, ...] = ()
    superseded: int = 0
    damaged: tuple[DamagedLine, ...] = ()  # lines that are not records, skipped
    duplicates: DuplicateReport = field(default_factory=lambda: DuplicateReport(DEFAULT_POLICY))

    def __len__(self) -> int:
        return len(self.records)

    @overload
    def __getitem__(self, index: int) -> Record: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Record, ...]: ...
    def __getitem__(self, index):
        return self.records[index]

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records)

    def to_dicts(self) -> list[dict[str, Any]]:
        return [r.as_dict() for r in self.records]

    def to_pandas(self):
        """A pandas DataFrame, one row per record, columns in schema order; nested fields stay
        lists of dicts. The time fields are zoned timestamps that keep the instant and the
        offset (``published`` at +08:00, a bare date as midnight Beijing time that day;
        ``fetched_at``/``updated_at`` in UTC); the records keep the text."""
        import pandas as pd

        df = pd.DataFrame.from_records(self.to_dicts(), columns=list(FIELDS))
        for name, zone in ZONES.items():
            tz = zone_info(zone)
            moments = pd.Series([instant(getattr(r, name), tz) for r in self.records], dtype=object)
            df[name] = pd.to_datetime(moments, utc=True).dt.tz_convert(tz)
        return df

    def to_arrow(self):
        """A pyarrow Table with the explicit schema derived from the JSON Schema."""
        from branchnews.pipelines.parquet import to_table

        return to_table(self.records)


def load_dataset(path: str | Path, *, all_versions: bool = False,
                 duplicates: str = DEFAULT_POLICY, validate: bool = False) -> Dataset:
    """Read a dataset folder or file into typed records.

    ``all_versions``: keep every version of an id (default: the latest only).
    ``duplicates``: ``mark`` (set ``duplicate_of`` on reposts), ``drop`` or ``keep``.
    ``validate``: also check each current-version line against the JSON Schema.
    """
    files = dataset_files(path)
    damaged: list[DamagedLine] = []
    records = [record for _, _, record in read_records(path, validate=validate, damaged=damaged)]
    superseded = 0
    if not all_versions:
        records, superseded = latest_versions(records)
    records, report = apply_duplicates(records, duplicates)
    return Dataset(records=tuple(records), files=tuple(files), superseded=superseded,
                   damaged=tuple(damaged), duplicates=report)
