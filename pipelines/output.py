"""Append-only JSON Lines files that survive a crash with every written line intact.

Each record is one ``write`` of a complete line followed by a flush, so a killed process leaves
at worst one partial last line; opening a file repairs that line away (moved to a ``.damaged``
file with a warning) before anything is appended, so it is never kept or glued to a new record.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from branchnews.pipelines.record import dumps

logger = logging.getLogger(__name__)


def repair_tail(path: Path) -> int:
    """Cut a trailing partial line off ``path``; returns the number of bytes moved aside."""
    if not path.exists() or path.stat().st_size == 0:
        return 0
    with path.open("rb+") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - 1))
        if fh.read(1) == b"\n":
            return 0
        # Find the start of the partial line.
        block = 1 << 16
        pos = size
        keep = 0
        while pos > 0:
            step = min(block, pos)
            pos -= step
            fh.seek(pos)
            chunk = fh.read(step)
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                keep = pos + nl + 1
                break
        fh.seek(keep)
        damaged = fh.read()
        with path.with_suffix(path.suffix + ".damaged").open("ab") as out:
            out.write(damaged + b"\n")
        fh.truncate(keep)
    logger.warning("%s: moved a truncated last line (%d bytes) to %s.damaged", path,
                   len(damaged), path.name)
    return len(damaged)


def read_ids(path: Path) -> set[str]:
    """Ids already in a JSON Lines dataset file (lines that do not parse are reported)."""
    ids: set[str] = set()
    if not path.exists():
        return ids
    with path.open("r", encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                ids.add(json.loads(line)["id"])
            except (json.JSONDecodeError, KeyError, TypeError):
                logger.warning("%s:%d: not a record line, ignored", path, number)
    return ids


class JsonLinesWriter:
    """One dataset file, opened for appending after repair."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        repair_tail(self.path)
        self._fh = self.path.open("ab")

    def write_record(self, record: dict) -> int:
        return self.write_line(dumps(record))

    def write_obj(self, obj: dict) -> int:
        return self.write_line(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))

    def write_line(self, line: str) -> int:
        """Append one complete line (a single write, then flush); returns the file's new size."""
        self._fh.write(line.encode("utf-8") + b"\n")
        self._fh.flush()
        return self._fh.tell()

    def sync(self) -> None:
        """Make the written lines durable beyond a process crash (power loss, kernel panic)."""
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
