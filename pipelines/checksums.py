"""The ``files`` entries of a manifest: each data file's SHA-256, size and line count.

Paths are relative to the dataset folder, so a copied or published folder still checks out
(``sha256sum``). Hashing a large dataset is the slow part of a manifest, so an entry whose size
and modification time are unchanged keeps its earlier hash.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path

from branchnews.pipelines.files import file_kind


def sha256_and_lines(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    lines = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            lines += chunk.count(b"\n")
    return digest.hexdigest(), lines


def file_entry(path: Path, root: Path, previous: Mapping[str, Mapping] | None = None, *,
               kind: str | None = None) -> dict:
    """``{path, kind, bytes, lines, sha256, modified}``; an unchanged file's hash is reused.
    ``kind``: what the file holds when its name does not say (one file given as a dataset)."""
    rel = path.relative_to(root).as_posix() if path != root else path.name
    stat = path.stat()
    modified = datetime.fromtimestamp(stat.st_mtime, timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%S.%fZ")
    old = (previous or {}).get(rel)
    if old and old.get("bytes") == stat.st_size and old.get("modified") == modified:
        digest, lines = old["sha256"], old.get("lines")
    else:
        digest, lines = sha256_and_lines(path)
    kind = kind or file_kind(path.name) or "other"
    entry = {"path": rel, "kind": kind, "bytes": stat.st_size, "sha256": digest,
             "modified": modified}
    if kind != "warc":
        entry["lines"] = lines
    return entry


def verify_entries(folder: Path, entries: list[Mapping]) -> list[str]:
    """Files whose SHA-256 differs from their entry (or that are missing), one line each."""
    problems = []
    for entry in entries:
        path = folder / entry["path"]
        if not path.is_file():
            problems.append(f"{entry['path']}: missing")
            continue
        digest, _ = sha256_and_lines(path)
        if digest != entry["sha256"]:
            problems.append(f"{entry['path']}: SHA-256 differs")
    return problems
