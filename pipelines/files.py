"""Which files a dataset folder holds: records, crawl-error logs, WARC captures, by their names.

The names are the writers' (the crawl, its workers, re-extraction), so they are the one rule:

* ``<YYYY-MM-DD>.jsonl``: the records of a crawl day; ``<YYYY-MM-DD>.w-<worker>.jsonl`` the
  same from one worker (``<host>-<pid>``) of a distributed crawl;
* ``<day>[.w-<worker>].errors.jsonl``: that day's failures (URL, reason, status), not records;
* ``*.warc`` / ``*.warc.gz`` under ``warc/``: the raw captures;
* ``record.schema.json``: the JSON Schema of the records, copied beside them with the manifest
  (listed and hashed with the data: it says what the data means);
* anything else is not data: ``<file>.jsonl.damaged`` (cut-off lines moved aside), the index
  ``state.sqlite``, ``manifest.json``, the card, run summaries, and any other ``.jsonl`` a person
  put there (give its path to read it as a dataset of its own).

The crawl's state index, the dataset loader and the manifest all list files through here. Pure:
names and folders only; reading them is :mod:`branchnews.pipelines.dataset`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

Kind = Literal["records", "errors", "warc", "schema"]

SCHEMA_FILE = "record.schema.json"
DAY_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:\.w-[^\s/\\]+?)?(?P<errors>\.errors)?\.jsonl$")
WARC_FOLDER = "warc"


def file_kind(name: str) -> Kind | None:
    """What a file of a dataset folder holds, by its name; None for a file that is not data.

    >>> file_kind("2026-11-28.w-node1-4242.jsonl"), file_kind("2026-11-28.errors.jsonl")
    ('records', 'errors')
    """
    if name.endswith((".warc.gz", ".warc")):
        return "warc"
    if name == SCHEMA_FILE:
        return "schema"
    found = DAY_FILE.match(name)
    if found is None:
        return None
    return "errors" if found["errors"] else "records"


def is_record_file(name: str) -> bool:
    return file_kind(name) == "records"


def dataset_folders(root: Path) -> list[Path]:
    """An output folder holds site folders, a site folder its files: the root, then each
    sub-folder in name order (reading order: site, then day)."""
    return [root] + sorted(p for p in root.iterdir() if p.is_dir())


def record_files(folder: str | Path) -> list[Path]:
    """The record files of one folder, oldest day first (a day's worker files after its own)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if is_record_file(p.name) and p.is_file())


def data_files(root: Path) -> list[Path]:
    """Record, error, schema and WARC files of a dataset folder (a site folder or an output
    folder)."""
    if root.is_file():
        return [root]
    found: list[Path] = []
    for folder in dataset_folders(root):
        found += sorted(p for p in folder.glob("*.jsonl") if file_kind(p.name) and p.is_file())
        if (folder / SCHEMA_FILE).is_file():
            found.append(folder / SCHEMA_FILE)
        warc = folder / WARC_FOLDER
        if warc.is_dir():
            found += sorted(p for p in warc.iterdir()
                            if p.is_file() and file_kind(p.name) == "warc")
    return found
