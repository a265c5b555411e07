"""Which files a dataset folder holds: records, crawl-error logs, WARC captures.

A dataset is an output folder (``output/``, one folder per site), a site folder
(``output/sample/``) or one file. This module only looks at names and folders; reading the
records is :mod:`branchnews.pipelines.dataset`, hashing them :mod:`branchnews.pipelines.checksums`.
"""

from __future__ import annotations

from pathlib import Path

from branchnews.pipelines.dataset import is_record_file


def file_kind(path: Path) -> str | None:
    """``records``, ``errors``, ``warc``, or None for a file that is not data (index, card…)."""
    if path.name.endswith(".warc.gz") or path.name.endswith(".warc"):
        return "warc"
    if path.suffix != ".jsonl":
        return None
    return "records" if is_record_file(path) else "errors"


def data_files(root: Path) -> list[Path]:
    """Record, error and WARC files of a dataset folder (a site folder or an output folder)."""
    if root.is_file():
        return [root]
    folders = [root] + sorted(p for p in root.iterdir() if p.is_dir())
    found: list[Path] = []
    for folder in folders:
        found += [p for p in sorted(folder.glob("*.jsonl")) if file_kind(p)]
        warc = folder / "warc"
        if warc.is_dir():
            found += sorted(p for p in warc.iterdir() if p.is_file() and file_kind(p) == "warc")
    return found
