"""What a site's dataset already holds, in an embedded SQLite index beside the JSON Lines files.

The JSON Lines files are the truth; ``state.sqlite`` is an index over them that can always be
rebuilt, and is never trusted blindly. It has one row per record line (file, line number, id,
content hash, version), and per file how far it has read (size, lines), a checksum of its rows
and the hash of the file's last indexed line. Every start checks, cheaply, that the index and
the files agree: each file's rows still add up to its count and checksum, each file still ends
its indexed part with the same last line and has not shrunk, no file went away. Any
disagreement, or any SQLite error (a damaged database), and the index is rebuilt from the files;
a start never fails on the index. Lines added since the index last read a file (a run killed
before its commit) are indexed, which is what makes a re-run after ``kill -9`` fetch exactly the
articles that are not yet written.

A line that is not a record (:func:`~branchnews.pipelines.dataset.line_problem`: cut, glued,
junk) is moved out of the file to ``<file>.damaged`` with its line number and start offset, and a
warning, so the dataset stays readable; a store shared with other writers
(``quarantine=False``) only skips such lines.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from branchnews.pipelines.dataset import line_problem
from branchnews.pipelines.files import record_files
from branchnews.pipelines.identity import content_hash
from branchnews.pipelines.output import damaged_path, move_aside

logger = logging.getLogger(__name__)

STATE_FILE = "state.sqlite"
SCHEMA_VERSION = 3  # PRAGMA user_version; an index of another version is rebuilt
_SCHEMA = """
CREATE TABLE IF NOT EXISTS lines (
    file TEXT NOT NULL, line INTEGER NOT NULL, id TEXT NOT NULL, url TEXT NOT NULL,
    content_hash TEXT NOT NULL, version INTEGER NOT NULL, fetched_at TEXT,
    PRIMARY KEY (file, line)
);
CREATE INDEX IF NOT EXISTS lines_by_id ON lines (id);
CREATE TABLE IF NOT EXISTS files (
    name TEXT PRIMARY KEY, size INTEGER NOT NULL, lines INTEGER NOT NULL,
    records INTEGER NOT NULL, sum INTEGER NOT NULL, tail_start INTEGER NOT NULL, tail TEXT
);
CREATE TABLE IF NOT EXISTS links (link_id TEXT PRIMARY KEY, id TEXT NOT NULL);
"""


def _created(db: sqlite3.Connection, links: list[tuple[str, str]] = ()) -> sqlite3.Connection:
    """A new index: WAL journal first, then the tables, the links kept from an index of another
    version and the version, in one transaction (table by table, each its own transaction, a new
    index cost about 60 ms of fsyncs, which a fleet of new sites spent on its one thread)."""
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript("BEGIN;" + _SCHEMA)
    db.executemany("INSERT OR REPLACE INTO links VALUES (?, ?)", links)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    db.commit()
    return db


def row_hash(id_: str, content_hash_: str, version: int) -> int:
    """A row's share of its file's checksum, recomputed from the row's values at every check
    (32 bits: sums of millions stay in SQLite's int64)."""
    return int.from_bytes(hashlib.blake2b(f"{id_}\0{content_hash_}\0{version}".encode(),
                                          digest_size=4).digest(), "big")


def _tail_hash(fh, start: int, end: int) -> str:
    fh.seek(start)
    return hashlib.blake2b(fh.read(end - start), digest_size=16).hexdigest()


class IndexDisagrees(Exception):
    """The index and the files disagree: rebuild."""


@dataclass(frozen=True, slots=True)
class Known:
    id: str
    content_hash: str
    version: int


@dataclass(slots=True)
class _File:
    size: int = 0
    lines: int = 0
    records: int = 0
    sum: int = 0
    tail_start: int = 0
    tail: str | None = None  # None until computed (on commit)


class StateStore:
    """Index of the records of one site folder: id → latest content hash and version."""

    def __init__(self, site_dir: str | Path, *, rebuild: bool = False, in_memory: bool = False,
                 quarantine: bool | None = None):
        self.site_dir = Path(site_dir)
        self.site_dir.mkdir(parents=True, exist_ok=True)
        self.path = self.site_dir / STATE_FILE
        self.lagging = False
        # Workers of a distributed crawl each index the shared files themselves, in memory,
        # and leave other writers' lines where they are.
        self.quarantine = (not in_memory) if quarantine is None else quarantine
        self.in_memory = in_memory
        self.files: dict[str, _File] = {}
        self.dirty: set[str] = set()
        if rebuild:
            self._remove()
        self.db = self._connect()
        try:
            self.sync()
        except sqlite3.Error as exc:  # a damaged database: a new one, from the files
            self._recreate(exc)
            try:
                self.rebuild()
            except sqlite3.Error as again:  # it cannot be written either: this run in memory
                self.in_memory = True
                self._recreate(again)
                self.rebuild()

    # -- opening -----------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self.in_memory:
            return _created(sqlite3.connect(":memory:"))
        try:
            db = sqlite3.connect(self.path)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                links = self._old_links(db)
                db.close()
                self._remove()
                return _created(sqlite3.connect(self.path), links)
            db.executescript(_SCHEMA)
            db.execute("PRAGMA journal_mode=WAL")
            return db
        except sqlite3.Error as exc:
            return self._fresh(exc)

    @staticmethod
    def _old_links(db: sqlite3.Connection) -> list[tuple[str, str]]:
        try:
            return db.execute("SELECT link_id, id FROM links").fetchall()
        except sqlite3.Error:
            return []

    def _remove(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _fresh(self, exc: Exception) -> sqlite3.Connection:
        """A damaged index is rebuilt from the files, never trusted; when even a new one cannot
        be made (a full disk), the crawl runs on an index in memory."""
        if not self.in_memory:
            logger.warning("%s: unreadable state index (%s); rebuilding it from the records",
                           self.path, exc)
            self._remove()
        try:
            if self.in_memory:
                raise sqlite3.OperationalError("in memory")
            return _created(sqlite3.connect(self.path))
        except (sqlite3.Error, OSError) as again:
            if not self.in_memory:
                logger.error("%s: cannot write a state index (%s); indexing in memory for this "
                             "run", self.path, again)
            self.in_memory = True
            return _created(sqlite3.connect(":memory:"))

    def _recreate(self, exc: Exception) -> None:
        try:
            self.db.close()
        except sqlite3.Error:
            pass
        self.db = self._fresh(exc)

    # -- checking and indexing ---------------------------------------------------------------

    def sync(self) -> int:
        """Check the index against the files and index every record line not yet indexed;
        returns how many record lines were read. Rebuilds on any disagreement."""
        try:
            return self._sync()
        except IndexDisagrees as why:
            logger.warning("%s: the index disagrees with the records (%s); rebuilding it",
                           self.path, why)
            return self.rebuild()

    def _sync(self) -> int:
        self.commit()  # what this run wrote, before the index is read back
        self._load_files()
        present = {p.name: p for p in record_files(self.site_dir)}
        gone = set(self.files) - set(present)
        if gone:  # a data file went away: the index may be ahead of the truth
            raise IndexDisagrees(f"{', '.join(sorted(gone))} no longer there")
        self._check_rows()
        read = 0
        for name, file in present.items():
            known = self.files.get(name) or _File()
            size = file.stat().st_size
            if size < known.size:
                raise IndexDisagrees(f"{name} is shorter than indexed")
            if known.size and known.tail is not None:
                with file.open("rb") as fh:
                    if _tail_hash(fh, known.tail_start, known.size) != known.tail:
                        raise IndexDisagrees(f"{name} changed inside its indexed part")
            if size > known.size:
                read += self._index(file)
        self.commit()
        return read

    def _load_files(self) -> None:
        self.files = {name: _File(*rest) for name, *rest in self.db.execute(
            "SELECT name, size, lines, records, sum, tail_start, tail FROM files")}
        self.dirty.clear()

    def _check_rows(self) -> None:
        """Each file's rows add up to what the index wrote for it (a damaged page of the index
        that SQLite itself does not notice changes or loses rows)."""
        self.db.create_function("row_hash", 3, row_hash, deterministic=True)
        counted = {name: (count, total or 0) for name, count, total in self.db.execute(
            "SELECT file, COUNT(*), SUM(row_hash(id, content_hash, version)) FROM lines "
            "GROUP BY file")}
        expected = {name: (f.records, f.sum) for name, f in self.files.items() if f.records}
        if counted != expected:
            raise IndexDisagrees("its rows do not add up to its files' counts")
        by_id = self.db.execute("SELECT COUNT(*) FROM lines INDEXED BY lines_by_id").fetchone()[0]
        if by_id != sum(c for c, _ in counted.values()):
            raise IndexDisagrees("its id index lost rows")

    def rebuild(self) -> int:
        try:
            self.db.execute("DELETE FROM lines")
            self.db.execute("DELETE FROM files")
        except sqlite3.Error as exc:
            self._recreate(exc)
        self.files, self.dirty = {}, set()
        read = sum(self._index(f) for f in record_files(self.site_dir))
        self.commit()
        return read

    def _index(self, file: Path, *, again: bool = True) -> int:
        known = self.files.setdefault(file.name, _File())
        self.dirty.add(file.name)
        count = 0
        damaged = []
        with file.open("rb") as fh:
            fh.seek(known.size)
            offset = known.size
            for raw in fh:
                if not raw.endswith(b"\n"):
                    break  # a partial last line: the writer repairs it before appending
                start, offset = offset, offset + len(raw)
                known.lines += 1
                if not raw.strip():
                    continue
                rec, problem = line_problem(raw)
                if problem is not None:
                    damaged.append((known.lines, start, raw, problem))
                    continue
                chash = rec.get("content_hash") or content_hash(rec.get("title"), rec.get("text") or "")
                self._add(file.name, known, start, rec["id"], rec["url"], chash,
                          rec.get("version", 1), rec.get("fetched_at"))
                count += 1
            known.size = offset
        if damaged and self.quarantine and again:
            self._move_out(file, damaged)
            return self._index(file, again=False)
        for number, start, _raw, problem in damaged:
            logger.warning("%s:%d (byte %d): not a record line (%s); skipped", file, number,
                           start, problem)
        return count

    def _move_out(self, file: Path, damaged: list[tuple[int, int, bytes, str]]) -> None:
        """Rewrite ``file`` without its damaged lines (they go to ``<file>.damaged``), then
        forget what the index knew of it: it is indexed again from its start."""
        cut = {start for _n, start, _r, _p in damaged}
        tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
        with file.open("rb") as src, tmp.open("wb") as out:
            offset = 0
            for raw in src:
                if offset not in cut or not raw.endswith(b"\n"):
                    out.write(raw)
                offset += len(raw)
            out.flush()
            os.fsync(out.fileno())
        move_aside(file, damaged)
        os.replace(tmp, file)
        for number, start, _raw, problem in damaged:
            logger.warning("%s:%d (byte %d): not a record line (%s); moved to %s", file, number,
                           start, problem, damaged_path(file).name)
        self.db.execute("DELETE FROM lines WHERE file = ?", (file.name,))
        self.files[file.name] = _File()

    def _add(self, name: str, known: _File, start: int, id_: str, url: str, chash: str,
             version: int, fetched_at: str | None) -> None:
        h = row_hash(id_, chash, version)
        self.db.execute("INSERT OR REPLACE INTO lines VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (name, known.lines, id_, url, chash, version, fetched_at))
        known.records += 1
        known.sum += h
        known.tail_start, known.tail = start, None

    # -- questions ---------------------------------------------------------------------------

    def alias(self, link_id: str, id_: str) -> None:
        """A list link (``link_id``) redirected to the article ``id_``.

        Records carry the final URL only, so this is the one thing the index knows that the
        files do not: kept when the index is brought up to date or rebuilt from the files, lost
        only with the index file itself (the link is then fetched once more and learnt again).
        """
        try:
            self.db.execute("INSERT OR REPLACE INTO links VALUES (?, ?)", (link_id, id_))
        except sqlite3.Error as exc:
            self._lagging(exc)

    def knows_link(self, link_id: str) -> bool:
        """The dataset has the article a list link leads to: its own id, or the id it redirected
        to (while that article is in the dataset)."""
        if self.get(link_id) is not None:
            return True
        row = self.db.execute("SELECT 1 FROM links JOIN lines ON links.id = lines.id "
                              "WHERE links.link_id = ? LIMIT 1", (link_id,)).fetchone()
        return row is not None

    def get(self, id_: str) -> Known | None:
        """The latest version of ``id_`` (on equal versions, the later line, as the loader)."""
        row = self.db.execute("SELECT id, content_hash, version FROM lines WHERE id = ? "
                              "ORDER BY version DESC, file DESC, line DESC LIMIT 1",
                              (id_,)).fetchone()
        return Known(*row) if row else None

    def __contains__(self, id_: str) -> bool:
        return self.get(id_) is not None

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(DISTINCT id) FROM lines").fetchone()[0]

    # -- writing -----------------------------------------------------------------------------

    def written(self, record: dict, file: Path, end_offset: int) -> None:
        """Record that ``record`` is now a whole line of ``file`` ending at ``end_offset``."""
        known = self.files.setdefault(file.name, _File())
        start = known.size
        known.lines += 1
        known.size = end_offset
        self.dirty.add(file.name)
        try:
            self._add(file.name, known, start, record["id"], record["url"],
                      record["content_hash"], record["version"], record.get("fetched_at"))
        except sqlite3.Error as exc:
            self._lagging(exc)

    def commit(self) -> None:
        try:
            for name in sorted(self.dirty):
                known = self.files[name]
                if known.tail is None and known.size:
                    with (self.site_dir / name).open("rb") as fh:
                        known.tail = _tail_hash(fh, known.tail_start, known.size)
                self.db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
                                (name, known.size, known.lines, known.records, known.sum,
                                 known.tail_start, known.tail))
            self.dirty.clear()
            self.db.commit()
        except sqlite3.Error as exc:
            self._lagging(exc)

    def _lagging(self, exc: sqlite3.Error) -> None:
        """The index could not be written (a full disk): the records are on disk, and the next
        start reads the lines the index missed, so this is said once and the crawl goes on."""
        if not self.lagging:
            self.lagging = True
            logger.error("%s: could not update the index (%s); it is brought up to date from "
                         "the records at the next start", self.path, exc)

    def close(self) -> None:
        try:
            self.commit()
        finally:
            self.db.close()
