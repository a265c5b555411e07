"""What a site's dataset already holds, in an embedded SQLite index beside the JSON Lines files.

The JSON Lines files are the truth; ``state.sqlite`` is an index over them that can always be
rebuilt. Opening the store brings the index up to date with the files (it remembers how far it
has read each file, so a run after a crash indexes the records the crash left unindexed), which
is what makes a re-run after ``kill -9`` fetch exactly the articles that are not yet written.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from branchnews.pipelines.files import record_files

logger = logging.getLogger(__name__)

STATE_FILE = "state.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, url TEXT NOT NULL, content_hash TEXT NOT NULL,
    version INTEGER NOT NULL, file TEXT NOT NULL, fetched_at TEXT
);
CREATE TABLE IF NOT EXISTS files (name TEXT PRIMARY KEY, size INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS links (link_id TEXT PRIMARY KEY, id TEXT NOT NULL);
"""


@dataclass(frozen=True, slots=True)
class Known:
    id: str
    content_hash: str
    version: int


class StateStore:
    """Index of the records of one site folder: id → latest content hash and version."""

    def __init__(self, site_dir: str | Path, *, rebuild: bool = False, in_memory: bool = False):
        self.site_dir = Path(site_dir)
        self.site_dir.mkdir(parents=True, exist_ok=True)
        self.path = self.site_dir / STATE_FILE
        self.lagging = False
        if rebuild and self.path.exists():
            self.path.unlink()
        if in_memory:  # workers of a distributed crawl each index the shared files themselves
            self.db = sqlite3.connect(":memory:")
            self.db.executescript(_SCHEMA)
        else:
            self.db = self._connect()
        self.sync()

    def _connect(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(self.path)
            db.executescript(_SCHEMA)
            db.execute("PRAGMA journal_mode=WAL")
            return db
        except sqlite3.DatabaseError as exc:
            # A damaged index is rebuilt from the files, never trusted.
            logger.warning("%s: unreadable state index (%s); rebuilding it from the records",
                           self.path, exc)
            self.path.unlink(missing_ok=True)
            db = sqlite3.connect(self.path)
            db.executescript(_SCHEMA)
            return db

    def sync(self) -> int:
        """Index every record line not yet indexed; returns how many lines were read."""
        read = 0
        indexed = dict(self.db.execute("SELECT name, size FROM files"))
        present = {p.name for p in record_files(self.site_dir)}
        if set(indexed) - present:  # a data file went away: the index may be ahead of the truth
            return self.rebuild()
        for file in record_files(self.site_dir):
            size = file.stat().st_size
            start = indexed.get(file.name, 0)
            if start == size:
                continue
            if start > size:  # the file shrank (repaired or replaced): reindex from scratch
                return self.rebuild()
            read += self._index(file, start)
        self.db.commit()
        return read

    def rebuild(self) -> int:
        self.db.execute("DELETE FROM articles")
        self.db.execute("DELETE FROM files")
        read = sum(self._index(f, 0) for f in record_files(self.site_dir))
        self.db.commit()
        return read

    def _index(self, file: Path, start: int) -> int:
        count = 0
        with file.open("rb") as fh:
            fh.seek(start)
            offset = start
            for raw in fh:
                if not raw.endswith(b"\n"):
                    break  # a partial last line: the writer repairs it before appending
                offset += len(raw)
                try:
                    rec = json.loads(raw)
                    self._upsert(rec["id"], rec["url"], rec["content_hash"], rec.get("version", 1),
                                 file.name, rec.get("fetched_at"))
                    count += 1
                except (ValueError, KeyError, TypeError):
                    logger.warning("%s: a line at byte %d is not a record; ignored", file, offset)
        self.db.execute("INSERT OR REPLACE INTO files VALUES (?, ?)", (file.name, offset))
        return count

    def _upsert(self, id_: str, url: str, content_hash: str, version: int, file: str,
                fetched_at: str | None) -> None:
        self.db.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "url=excluded.url, content_hash=excluded.content_hash, version=excluded.version, "
            "file=excluded.file, fetched_at=excluded.fetched_at WHERE excluded.version >= version",
            (id_, url, content_hash, version, file, fetched_at))

    def alias(self, link_id: str, id_: str) -> None:
        """A list link (``link_id``) redirected to the article ``id_``.

        Records carry the final URL only, so this is the one thing the index knows that the
        files do not: kept when the index is brought up to date or rebuilt from the files, lost
        only with the index file itself (the link is then fetched once more and learnt again).
        """
        self.db.execute("INSERT OR REPLACE INTO links VALUES (?, ?)", (link_id, id_))

    def knows_link(self, link_id: str) -> bool:
        """The dataset has the article a list link leads to: its own id, or the id it redirected
        to (while that article is in the dataset)."""
        if self.get(link_id) is not None:
            return True
        row = self.db.execute("SELECT 1 FROM links JOIN articles ON links.id = articles.id "
                              "WHERE links.link_id = ?", (link_id,)).fetchone()
        return row is not None

    def get(self, id_: str) -> Known | None:
        row = self.db.execute("SELECT id, content_hash, version FROM articles WHERE id = ?",
                              (id_,)).fetchone()
        return Known(*row) if row else None

    def __contains__(self, id_: str) -> bool:
        return self.get(id_) is not None

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def written(self, record: dict, file: Path, end_offset: int) -> None:
        """Record that ``record`` is now a complete line of ``file`` ending at ``end_offset``."""
        try:
            self._upsert(record["id"], record["url"], record["content_hash"], record["version"],
                         file.name, record.get("fetched_at"))
            self.db.execute("INSERT OR REPLACE INTO files VALUES (?, ?)", (file.name, end_offset))
        except sqlite3.Error as exc:
            self._lagging(exc)

    def commit(self) -> None:
        try:
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
