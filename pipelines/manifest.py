"""``manifest.json``: what a dataset folder holds, counted and hashed, so a reader can trust it.

A manifest describes one dataset folder (a site folder ``output/<site>/`` or an output folder
``output/`` with every site): records per site, per channel and per year; field coverage; the
crawl's time span; reposts and superseded versions; the software that wrote it; and for every
data file (records, error logs, WARC captures) its SHA-256, size and line count. Paths are
relative to the folder, so a copied or published folder still checks out (``sha256sum``).

The pieces live beside it: which files are data (:mod:`~branchnews.pipelines.files`), their
hashes (:mod:`~branchnews.pipelines.checksums`), the counts (:mod:`~branchnews.pipelines.summary`),
the writers' lock (:mod:`~branchnews.pipelines.folder_lock`) and the text tables of ``branchnews
stats`` (:mod:`~branchnews.pipelines.tables`). This module puts them together.

It is written by ``branchnews stats DATASET --write`` and, for the crawled site, at the end of
every crawl by :class:`branchnews.pipelines.scrapy_pipelines.ManifestPipeline`; both also write
the dataset card ``README.md`` (:mod:`branchnews.pipelines.card`) and a copy of the JSON Schema,
``record.schema.json``, so a published folder says what its fields mean without branchnews. Pure: no Scrapy import.
"""

from __future__ import annotations

import json
import logging
import os
import platform
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from branchnews.pipelines.checksums import file_entry, verify_entries
from branchnews.pipelines.dataset import latest_versions
from branchnews.pipelines.duplicates import DEFAULT_POLICY, apply_duplicates
from branchnews.pipelines.files import SCHEMA_FILE, data_files
from branchnews.pipelines.folder_lock import folder_lock
from branchnews.pipelines.record import SCHEMA_VERSION
from branchnews.pipelines.record_schema import schema_text
from branchnews.pipelines.summary import summarise, summary_lines
from branchnews.pipelines.versions import installed_version

logger = logging.getLogger(__name__)

MANIFEST_FILE = "manifest.json"
MANIFEST_LOCK = ".manifest.lock"
CARD_FILE = "README.md"
MANIFEST_VERSION = 2  # 2: coverage is keyed by record field names ("published", not "date")
SOFTWARE = {"branchnews": "branchnews", "scrapy": "Scrapy", "opencc": "OpenCC"}


def _utcnow() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def software_versions() -> dict[str, str | None]:
    """Installed versions of what writes and normalises the records (no imports needed)."""
    out: dict[str, str | None] = {key: installed_version(dist) for key, dist in SOFTWARE.items()}
    out["python"] = platform.python_version()
    return out


def read_manifest(folder: Path) -> dict | None:
    path = folder / MANIFEST_FILE
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _start_urls(site: str, root: Path, sources: Mapping[str, Mapping] | None,
                previous: Mapping | None, known: Mapping[str, Sequence[str]] | None) -> list[str]:
    if sources and site in sources:
        return list(sources[site].get("start_urls", []))
    for manifest in (previous, read_manifest(root / site)):
        urls = ((manifest or {}).get("sites", {}).get(site) or {}).get("start_urls")
        if urls:
            return list(urls)
    return list((known or {}).get(site, ()))


def build_manifest(dataset: str | Path, *, duplicates: str = DEFAULT_POLICY,
                   sources: Mapping[str, Mapping] | None = None,
                   known_start_urls: Mapping[str, Sequence[str]] | None = None) -> dict[str, Any]:
    """The manifest of a dataset folder (or one file).

    A site's start URLs come from ``sources`` (``{site: {start_urls}}``, the crawl that wrote
    it), else from an earlier manifest of the folder or of the site folder, else from
    ``known_start_urls`` (``{site: [url, …]}``, e.g. the bundled profiles), else none.
    """
    dataset = Path(dataset)
    root = dataset if dataset.is_dir() else dataset.parent
    previous = read_manifest(root) if dataset.is_dir() else None
    damaged: list = []
    lines = list(summary_lines(dataset, damaged))
    versions_found = sorted({r.schema_version for r in lines})
    latest, superseded = latest_versions(lines)
    records, report = apply_duplicates(latest, duplicates)
    sites = sorted({r.site for r in lines})
    per_site = {}
    for site in sites:
        summary = summarise([r for r in records if r.site == site], [r for r in lines if r.site == site])
        per_site[site] = {"start_urls": _start_urls(site, root, sources, previous, known_start_urls),
                          **summary}
    old_files = {f["path"]: f for f in (previous or {}).get("files", [])}
    if dataset.is_dir():
        files = [file_entry(p, root, old_files) for p in data_files(dataset)]
    else:  # one file given as the dataset holds records, whatever its name
        files = [file_entry(dataset, root, kind="records")]
    errors = {}
    for entry in files:
        if entry["kind"] == "errors":
            site = entry["path"].split("/")[0] if "/" in entry["path"] else (sites[0] if sites else "")
            errors[site] = errors.get(site, 0) + entry.get("lines", 0)
    for site in per_site:
        per_site[site]["errors"] = errors.get(site, 0)
    overall = summarise(records, lines)
    return {
        "manifest_version": MANIFEST_VERSION,
        "dataset": dataset.name if dataset.is_dir() else dataset.stem,
        "generated_at": _utcnow(),
        "generated_by": software_versions(),
        "schema_version": SCHEMA_VERSION,
        "schema_versions_found": versions_found,
        "records": overall["records"],
        "record_lines": overall["record_lines"],
        "superseded_versions": superseded,
        "damaged_lines": len(damaged),  # lines of record files that are not records, skipped
        "duplicates": report.as_dict(),
        "time_span": overall["time_span"],
        "coverage": overall["coverage"],
        "normalization": overall["normalization"],
        "original_script": overall["original_script"],
        "warnings": overall["warnings"],
        "errors": sum(errors.values()),
        "sites": per_site,
        "years": overall["years"],
        "files": files,
    }


def _temp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def _write_together(folder: Path, texts: Mapping[str, str]) -> None:
    """Write every file of ``texts`` (name → text) or none: all are written to temp files
    first, so a full disk fails before any is replaced; then each temp file replaces its file."""
    written = []
    try:
        for name, text in texts.items():
            tmp = _temp_path(folder / name)
            written.append(tmp)
            tmp.write_text(text, encoding="utf-8")
    except OSError:
        for tmp in written:
            if tmp.is_file():
                tmp.unlink()
        raise
    for name, tmp in zip(texts, written):
        tmp.replace(folder / name)


def _card_text(manifest: Mapping[str, Any]) -> str:
    from branchnews.pipelines.card import render_card

    return render_card(manifest)


def _write_schema(folder: Path) -> None:
    """The records' JSON Schema beside them; left untouched when unchanged, so its hash in the
    manifest is reused like any unchanged file's."""
    path = folder / SCHEMA_FILE
    text = schema_text()
    try:
        if path.read_text("utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    _write_together(folder, {SCHEMA_FILE: text})


def write_manifest(folder: str | Path, *, duplicates: str = DEFAULT_POLICY,
                   sources: Mapping[str, Mapping] | None = None, card: bool = True,
                   known_start_urls: Mapping[str, Sequence[str]] | None = None) -> dict:
    """Write ``record.schema.json``, ``manifest.json`` (which lists the schema with the data
    files) and the dataset card ``README.md`` rendered from that same manifest into a dataset
    folder: manifest and card both or neither (see :func:`tidy_folder` for a kill between the
    two renames)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder}: a manifest describes a dataset folder, not a file")
    with folder_lock(folder / MANIFEST_LOCK):  # the last manifest written is the last built
        _remove_temp_files(folder)
        _write_schema(folder)
        manifest = build_manifest(folder, duplicates=duplicates, sources=sources,
                                  known_start_urls=known_start_urls)
        texts = {MANIFEST_FILE: json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"}
        if card:
            texts[CARD_FILE] = _card_text(manifest)
        _write_together(folder, texts)
    return manifest


def _remove_temp_files(folder: Path) -> list[Path]:
    """Remove the temp files of manifest, card and schema writes in ``folder``; called with the
    writers' lock held, when no write is under way, so each is the leftover of a killed writer."""
    removed = []
    for tmp in _temp_files(folder):
        tmp.unlink()
        removed.append(tmp)
    return removed


def _temp_files(folder: Path) -> list[Path]:
    return [tmp for name in (MANIFEST_FILE, CARD_FILE, SCHEMA_FILE)
            for tmp in folder.glob(f".{name}.*.tmp") if tmp.is_file()]


def tidy_folder(folder: str | Path) -> list[Path]:
    """Undo what an interrupted manifest write left, at the start of a crawl: its temp files
    (``.manifest.json.<pid>.tmp``, ``.README.md.<pid>.tmp``, ``.record.schema.json.<pid>.tmp``)
    are removed, and a card that is not the one of the manifest on disk (killed between the
    two renames) is rendered again from it, so the card is never a run behind. Returns the
    files removed or rewritten; a folder not made yet has nothing to tidy."""
    folder = Path(folder)
    if not (folder / MANIFEST_FILE).exists() and not any(_temp_files(folder)):
        return []  # nothing written here yet (nor a lock file made for it)
    with folder_lock(folder / MANIFEST_LOCK):
        changed = _remove_temp_files(folder)
        manifest = read_manifest(folder)
        if manifest is None:
            return changed
        card = folder / CARD_FILE
        try:
            text = _card_text(manifest)
        except (KeyError, TypeError, AttributeError):  # a manifest this version cannot render
            return changed
        try:
            current = card.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current != text:
            _write_together(folder, {CARD_FILE: text})
            changed.append(card)
    return changed


def verify_files(folder: str | Path, manifest: Mapping | None = None) -> list[str]:
    """Files whose size or SHA-256 differ from the manifest (or that are missing)."""
    folder = Path(folder)
    manifest = manifest or read_manifest(folder) or {}
    return verify_entries(folder, manifest.get("files", []))
