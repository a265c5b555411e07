"""A dataset as CSV, for researchers who work in spreadsheets and statistics packages.

One row per record, the columns in the record's field order. Nested fields (sections,
attachments, images, breadcrumb) are JSON text in their cell, so nothing is lost and R's
``jsonlite`` or pandas' ``json.loads`` can open them again. UTF-8 with a byte-order mark:
without it Excel opens the file as the local code page and the Chinese is garbled.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from branchnews.pipelines.record import FIELDS


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_csv(records: Iterable[Any], path: str | Path) -> Path:
    """Write ``records`` (``Record`` objects or record dicts) to ``path``, whole or not at all."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(FIELDS)
        for record in records:
            row = record if isinstance(record, Mapping) else record.as_dict()
            writer.writerow([_cell(row.get(name)) for name in FIELDS])
    tmp.replace(path)
    return path
