"""Append-only JSON Lines files in which every line is a whole record, whatever the disk does.

A record is written with ``os.write`` calls on an unbuffered descriptor until the whole line is
down; if any of them fails (a full disk, a quota, an I/O error), the file is cut back to where
the line began, so a record is on disk whole, once, or not at all: no buffer keeps the bytes to
write them again with the next record, and no partial line is left for the next record to be
glued to. Only a line that is whole on disk is reported back (its end offset), so the state
index never learns of a record the file does not hold.

A process killed mid-write can still leave a partial last line; opening a file moves that line
to ``<file>.damaged`` (with its line number and start offset) before anything is appended.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from branchnews.pipelines.record import dumps

logger = logging.getLogger(__name__)

DAMAGED_SUFFIX = ".damaged"


def write_atomically(path: Path, text: str) -> None:
    """All of ``text`` at ``path``, or the file as it was: readers never see half a file (a
    temporary file beside it, renamed into place)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class LineNotWritten(OSError):
    """A line could not be written whole; the file was left as it was before it."""

    def __init__(self, path: Path, cause: OSError):
        super().__init__(cause.errno, f"{path}: record not written: {cause.strerror or cause}")
        self.path = path
        self.cause = cause


def damaged_path(path: Path) -> Path:
    return path.with_name(path.name + DAMAGED_SUFFIX)


def move_aside(path: Path, lines: Iterable[tuple[int, int, bytes, str]]) -> None:
    """Append damaged lines (line number, start offset, raw bytes, reason) to ``<file>.damaged``:
    a ``#`` header line saying where each came from, then its bytes as they were."""
    at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    with damaged_path(path).open("ab") as out:
        for number, offset, raw, reason in lines:
            head = f"# {path.name} line {number}, byte {offset}, moved {at}: {reason}\n"
            out.write(head.encode("utf-8") + raw.rstrip(b"\n") + b"\n")


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
        block = 1 << 16
        pos = size
        keep = 0
        while pos > 0:  # find the start of the partial line
            step = min(block, pos)
            pos -= step
            fh.seek(pos)
            chunk = fh.read(step)
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                keep = pos + nl + 1
                break
        number = 1 + _count_lines(fh, keep)
        fh.seek(keep)
        damaged = fh.read()
        move_aside(path, [(number, keep, damaged, "truncated last line (an interrupted write)")])
        fh.truncate(keep)
    logger.warning("%s:%d (byte %d): moved a truncated last line (%d bytes) to %s", path, number,
                   keep, len(damaged), damaged_path(path).name)
    return len(damaged)


def _count_lines(fh, end: int, block: int = 1 << 20) -> int:
    fh.seek(0)
    count = 0
    while fh.tell() < end:
        count += fh.read(min(block, end - fh.tell())).count(b"\n")
    return count


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
    """One dataset file, opened for appending after repair; one writer per file."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        repair_tail(self.path)
        self._fd: int | None = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self.size = os.fstat(self._fd).st_size  # the end of the last whole line

    def write_record(self, record: dict) -> int:
        return self.write_line(dumps(record))

    def write_obj(self, obj: dict) -> int:
        return self.write_line(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))

    def write_line(self, line: str) -> int:
        """Append one whole line or nothing; returns the file's new size, or raises
        :class:`LineNotWritten` with the file as it was before."""
        data = (line + "\n").encode("utf-8")
        fd = self._fd
        if fd is None:
            raise ValueError(f"{self.path}: writer is closed")
        try:
            if os.fstat(fd).st_size != self.size:  # an earlier failure could not be undone
                os.ftruncate(fd, self.size)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        except OSError as exc:
            self._undo()
            raise LineNotWritten(self.path, exc) from exc
        self.size += len(data)
        return self.size

    def _undo(self) -> None:
        try:
            os.ftruncate(self._fd, self.size)
        except OSError as exc:  # tried again before the next line; the next open repairs it
            logger.error("%s: could not remove a partly written line: %s", self.path, exc)

    def sync(self) -> None:
        """Make the written lines durable beyond a process crash (power loss, kernel panic)."""
        if self._fd is not None:
            os.fsync(self._fd)

    def close(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.fsync(fd)
        except OSError as exc:
            logger.error("%s: could not sync the written records: %s", self.path, exc)
        finally:
            os.close(fd)
