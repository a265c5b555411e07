"""``manifest.json``: what a dataset folder holds, counted and hashed, so a reader can trust it.

A manifest describes one dataset folder (a site folder ``output/<site>/`` or an output folder
``output/`` with every site): records per site, per channel and per year; field coverage; the
crawl's time span; reposts and superseded versions; the software that wrote it; and for every
data file (records, error logs, WARC captures) its SHA-256, size and line count. Paths are
relative to the folder, so a copied or published folder still checks out (``sha256sum``).

It is written by ``branchnews stats DATASET --write`` and, for the crawled site, at the end of
every crawl by :class:`ManifestPipeline`; both also write the dataset card ``README.md``
(:mod:`branchnews.pipelines.card`). Pure: the pipeline class needs no Scrapy import.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import logging
import os
import platform
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from branchnews.pipelines.dataset import (DatasetError, Record, check_schema_version, dataset_files,
                               is_record_file, iter_lines, latest_versions)
from branchnews.pipelines.card import percent
from branchnews.pipelines.duplicates import DEFAULT_POLICY, POLICIES, apply_duplicates
from branchnews.pipelines.records import SCHEMA_VERSION

logger = logging.getLogger(__name__)

MANIFEST_FILE = "manifest.json"
CARD_FILE = "README.md"
MANIFEST_VERSION = 1
# Coverage name → record field: the share of records where the field has a value.
COVERAGE = {"date": "published", "editor": "editor", "author": "author", "source": "source",
            "sections": "sections"}
HOME_CRUMBS = {"首页", "主页", "网站首页", "返回首页", "本站首页", "home", "index"}
SOFTWARE = {"branchnews": "branchnews", "scrapy": "Scrapy", "opencc": "OpenCC"}


def _utcnow() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def software_versions() -> dict[str, str | None]:
    """Installed versions of what writes and normalises the records (no imports needed)."""
    out: dict[str, str | None] = {}
    for key, dist in SOFTWARE.items():
        try:
            out[key] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[key] = None
    out["python"] = platform.python_version()
    return out


# -- counting ---------------------------------------------------------------------------------

def channel(record: Record) -> str:
    """The column an article sits in: first breadcrumb item after the home item, else the URL's
    first path segment (``/a/zbfc/2017/…`` → ``a``), else ``(none)``."""
    crumbs = [c for c in record.breadcrumb if c.strip()]
    if crumbs and (crumbs[0].strip().lower() in HOME_CRUMBS or len(crumbs) > 1):
        crumbs = crumbs[1:]  # the first item of a location path is the site's home
    if crumbs:
        return crumbs[0].strip()
    segment = urlsplit(record.url).path.strip("/").split("/", 1)[0]
    return segment or "(none)"


def _share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0


def _span(values: Iterable[str | None]) -> tuple[str | None, str | None]:
    present = sorted(v for v in values if v)
    return (present[0], present[-1]) if present else (None, None)


def _year(record: Record) -> str:
    return record.published[:4] if record.published else "unknown"


def _sorted_counts(counter: Counter, *, by_key: bool = False) -> dict[str, int]:
    if by_key:
        items = sorted(counter.items(), key=lambda kv: (kv[0] == "unknown", kv[0]))
    else:
        items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return dict(items)


def summarise(records: list[Record], all_lines: list[Record]) -> dict[str, Any]:
    """Counts over records (latest versions) and lines (every version) of one group."""
    total = len(records)
    coverage = {name: _share(sum(1 for r in records if getattr(r, field)), total)
                for name, field in COVERAGE.items()}
    fetched = _span(r.fetched_at for r in all_lines)
    published = _span(r.published[:10] if r.published else None for r in records)
    warnings = Counter(w.split(":", 1)[0] for r in records for w in r.warnings)
    return {
        "records": total,
        "record_lines": len(all_lines),
        "channels": _sorted_counts(Counter(channel(r) for r in records)),
        "years": _sorted_counts(Counter(_year(r) for r in records), by_key=True),
        "coverage": coverage,
        "time_span": {"fetched_first": fetched[0], "fetched_last": fetched[1],
                      "published_first": published[0], "published_last": published[1]},
        "normalization": _sorted_counts(Counter(s for r in records for s in r.normalization)),
        "original_script": _sorted_counts(Counter(r.original_script for r in records)),
        "warnings": _sorted_counts(warnings),
        "reposts": sum(1 for r in records if r.duplicate_of),
    }


# -- files ------------------------------------------------------------------------------------

def _file_kind(path: Path) -> str | None:
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
        found += [p for p in sorted(folder.glob("*.jsonl")) if _file_kind(p)]
        warc = folder / "warc"
        if warc.is_dir():
            found += sorted(p for p in warc.iterdir() if p.is_file() and _file_kind(p) == "warc")
    return found


def sha256_and_lines(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    lines = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            lines += chunk.count(b"\n")
    return digest.hexdigest(), lines


def file_entry(path: Path, root: Path, previous: Mapping[str, Mapping] | None = None) -> dict:
    """``{path, kind, bytes, lines, sha256, modified}``; an unchanged file's hash is reused."""
    rel = path.relative_to(root).as_posix() if path != root else path.name
    stat = path.stat()
    modified = datetime.fromtimestamp(stat.st_mtime, timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%S.%fZ")
    old = (previous or {}).get(rel)
    if old and old.get("bytes") == stat.st_size and old.get("modified") == modified:
        digest, lines = old["sha256"], old.get("lines")
    else:
        digest, lines = sha256_and_lines(path)
    kind = _file_kind(path) or "other"
    entry = {"path": rel, "kind": kind, "bytes": stat.st_size, "sha256": digest,
             "modified": modified}
    if kind != "warc":
        entry["lines"] = lines
    return entry


def read_manifest(folder: Path) -> dict | None:
    path = folder / MANIFEST_FILE
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


# -- the manifest -----------------------------------------------------------------------------

def _start_urls(site: str, root: Path, sources: Mapping[str, Mapping] | None,
                previous: Mapping | None) -> list[str]:
    if sources and site in sources:
        return list(sources[site].get("start_urls", []))
    for manifest in (previous, read_manifest(root / site)):
        urls = ((manifest or {}).get("sites", {}).get(site) or {}).get("start_urls")
        if urls:
            return list(urls)
    try:
        from branchnews.crawler.profiles import load_profile

        return list(load_profile(site).start_urls)
    except Exception:  # not a bundled profile: unknown
        return []


@dataclass(slots=True)
class _Slim:
    """What a manifest needs of one record line, at a small fixed size: a crawl's manifest is
    built over the whole dataset, which must not cost memory in proportion to its text."""

    id: str
    version: int
    site: str
    url: str
    breadcrumb: tuple
    published: str | None
    fetched_at: str | None
    editor: str | None
    author: str | None
    source: str | None
    sections: bool
    normalization: tuple
    original_script: str
    warnings: tuple
    duplicate_of: str | None
    content_hash: str
    text: str
    schema_version: str


def _slim_lines(dataset: Path) -> Iterator[_Slim]:
    shared: dict = {}  # one tuple object per distinct value (steps, warnings)
    for file in dataset_files(dataset):
        for number, obj in iter_lines(file):
            check_schema_version(obj.get("schema_version"), file, number)
            try:
                yield _Slim(
                    obj["id"], obj.get("version", 1), obj["site"], obj["url"],
                    tuple(obj.get("breadcrumb") or ())[:2], obj.get("published"),
                    obj.get("fetched_at"), obj.get("editor"), obj.get("author"), obj.get("source"),
                    bool(obj.get("sections")),
                    shared.setdefault(("n", *obj.get("normalization", ())),
                                      tuple(obj.get("normalization", ()))),
                    obj.get("original_script", "simplified"),
                    shared.setdefault(("w", *obj.get("warnings", ())), tuple(obj.get("warnings", ()))),
                    obj.get("duplicate_of"), obj.get("content_hash", ""),
                    "x" if obj.get("text") else "", obj.get("schema_version", ""))
            except KeyError as exc:
                raise DatasetError(f"missing field {exc}", file, number) from None


def build_manifest(dataset: str | Path, *, duplicates: str = DEFAULT_POLICY,
                   sources: Mapping[str, Mapping] | None = None) -> dict[str, Any]:
    """The manifest of a dataset folder (or one file). ``sources``: ``{site: {start_urls}}``."""
    dataset = Path(dataset)
    root = dataset if dataset.is_dir() else dataset.parent
    previous = read_manifest(root) if dataset.is_dir() else None
    lines = list(_slim_lines(dataset))
    versions_found = sorted({r.schema_version for r in lines})
    latest, superseded = latest_versions(lines)
    records, report = apply_duplicates(latest, duplicates)
    sites = sorted({r.site for r in lines})
    per_site = {}
    for site in sites:
        summary = summarise([r for r in records if r.site == site], [r for r in lines if r.site == site])
        per_site[site] = {"start_urls": _start_urls(site, root, sources, previous), **summary}
    old_files = {f["path"]: f for f in (previous or {}).get("files", [])}
    files = [file_entry(p, root, old_files)
             for p in (data_files(dataset) if dataset.is_dir() else [dataset])]
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


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def write_manifest(folder: str | Path, *, duplicates: str = DEFAULT_POLICY,
                   sources: Mapping[str, Mapping] | None = None, card: bool = True) -> dict:
    """Write ``manifest.json`` (and the dataset card ``README.md``) into a dataset folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder}: a manifest describes a dataset folder, not a file")
    # Writers of one folder take turns (the workers of a distributed crawl each write it when
    # they stop): without the lock, a manifest built before another worker's last records could
    # replace the one built after them. With it, the last one written was also built last.
    with open(folder / MANIFEST_LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        manifest = build_manifest(folder, duplicates=duplicates, sources=sources)
        _write_atomic(folder / MANIFEST_FILE,
                      json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
        if card:
            from branchnews.pipelines.card import render_card

            _write_atomic(folder / CARD_FILE, render_card(manifest))
    return manifest


MANIFEST_LOCK = ".manifest.lock"


def verify_files(folder: str | Path, manifest: Mapping | None = None) -> list[str]:
    """Files whose size or SHA-256 differ from the manifest (or that are missing)."""
    folder = Path(folder)
    manifest = manifest or read_manifest(folder) or {}
    problems = []
    for entry in manifest.get("files", []):
        path = folder / entry["path"]
        if not path.is_file():
            problems.append(f"{entry['path']}: missing")
            continue
        digest, _ = sha256_and_lines(path)
        if digest != entry["sha256"]:
            problems.append(f"{entry['path']}: SHA-256 differs")
    return problems


# -- the Scrapy end of a crawl ----------------------------------------------------------------

class ManifestPipeline:
    """At the end of a crawl, rewrite the crawled site folder's ``manifest.json`` and ``README.md``.

    Enable with ``ITEM_PIPELINES["branchnews.pipelines.manifest.ManifestPipeline"] = 800``: a number *below*
    the JSON Lines pipeline's 900, because Scrapy closes pipelines in reverse order, so the
    records file is closed before this one counts and hashes it. ``BRANCHNEWS_MANIFEST = False``
    turns it off. It has no ``process_item``: items pass untouched.
    """

    def __init__(self, crawler, out_dir: str, enabled: bool = True):
        self.crawler = crawler
        self.out_dir = Path(out_dir)
        self.enabled = enabled

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(crawler, settings.get("BRANCHNEWS_OUTPUT_DIR", "output"),
                   settings.getbool("BRANCHNEWS_MANIFEST", True))

    def close_spider(self):
        spider = self.crawler.spider
        profile = getattr(spider, "profile", None)
        if not self.enabled or profile is None:
            return
        folder = self.out_dir / profile.name
        try:
            if not folder.is_dir() or not dataset_files_or_none(folder):
                return
            manifest = write_manifest(folder, sources={profile.name: {
                "start_urls": list(profile.start_urls)}})
        except Exception:  # a manifest problem must not fail the crawl that wrote the records
            logger.exception("could not write %s", folder / MANIFEST_FILE)
            return
        logger.info("Wrote %s and %s: %d records, %d files", folder / MANIFEST_FILE, CARD_FILE,
                    manifest["records"], len(manifest["files"]))


def dataset_files_or_none(folder: Path) -> list[Path]:
    try:
        return dataset_files(folder)
    except ValueError:
        return []


# -- readable tables --------------------------------------------------------------------------

def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(headers: list[str], rows: list[list[Any]]) -> str:
    """A plain text table, aligned for CJK (double-width) characters too."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [all(_is_number(row[i]) for row in cells[1:]) and len(cells) > 1
               for i in range(len(headers))]
    out = []
    for n, row in enumerate(cells):
        parts = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - _width(cell))
            parts.append(pad + cell if numeric[i] and n else cell + pad)
        out.append("  ".join(parts).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def _is_number(text: str) -> bool:
    return text.replace(".", "", 1).replace("%", "", 1).isdigit()


def render_tables(manifest: Mapping[str, Any]) -> str:
    """``branchnews stats`` output: the manifest as readable tables."""
    span = manifest["time_span"]
    dup = manifest["duplicates"]
    soft = manifest["generated_by"]
    blocks = [
        f"Dataset {manifest['dataset']}: {manifest['records']} records "
        f"({manifest['record_lines']} lines, {manifest['superseded_versions']} older versions), "
        f"schema {', '.join(manifest['schema_versions_found']) or manifest['schema_version']}",
        f"Fetched {span['fetched_first']} … {span['fetched_last']}; "
        f"published {span['published_first']} … {span['published_last']}",
        f"Reposts: {dup['duplicates']} in {dup['groups']} group(s), policy {dup['policy']}"
        + (f", {dup['dropped']} dropped" if dup.get("dropped") else "")
        + f"; crawl errors logged: {manifest['errors']}",
        f"Software: branchnews {soft.get('branchnews')}, Scrapy {soft.get('scrapy')}, "
        f"OpenCC {soft.get('opencc')}, Python {soft.get('python')}",
    ]
    blocks = ["\n".join(blocks)]
    sites = manifest["sites"]
    blocks.append(table(["site", "records", "reposts", "errors", "first fetched", "last fetched"],
                        [[name, s["records"], s["reposts"], s["errors"],
                          s["time_span"]["fetched_first"], s["time_span"]["fetched_last"]]
                         for name, s in sites.items()]))
    names = list(COVERAGE)
    blocks.append(table(["coverage"] + names,
                        [[name] + [percent(s["coverage"][k]) for k in names]
                         for name, s in sites.items()]
                        + ([["all"] + [percent(manifest["coverage"][k]) for k in names]]
                           if len(sites) > 1 else [])))
    for name, s in sites.items():
        blocks.append(table([f"channel ({name})", "records"], [[c, n] for c, n in s["channels"].items()]))
    years = sorted({y for s in sites.values() for y in s["years"]}, key=lambda y: (y == "unknown", y))
    blocks.append(table(["year"] + list(sites), [[y] + [s["years"].get(y, 0) for s in sites.values()]
                                                  for y in years]))
    if manifest["normalization"]:
        blocks.append(table(["normalisation step", "records"],
                            [[k, v] for k, v in manifest["normalization"].items()]))
    blocks.append(table(["file", "kind", "lines", "bytes", "sha256"],
                        [[f["path"], f["kind"], f.get("lines", ""), f["bytes"], f["sha256"][:16] + "…"]
                         for f in manifest["files"]]))
    return "\n\n".join(blocks) + "\n"


# -- command line -----------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dataset", metavar="DATASET",
                        help="an output folder, a site folder or one .jsonl file")
    parser.add_argument("--write", action="store_true",
                        help=f"also write {MANIFEST_FILE} and the dataset card {CARD_FILE} into the folder")
    parser.add_argument("--json", action="store_true", help="print the manifest as JSON")
    parser.add_argument("--duplicates", choices=POLICIES, default=DEFAULT_POLICY,
                        help="reposts: mark (default), drop or keep")
    parser.set_defaults(func=command)


def command(args: argparse.Namespace) -> int:
    from branchnews.pipelines.dataset import DatasetError

    dataset = Path(args.dataset)
    try:
        if args.write:
            if not dataset.is_dir():
                print(f"branchnews: {dataset}: --write needs a dataset folder (a site or output "
                      "folder), not a file", file=sys.stderr)
                return 2
            manifest = write_manifest(dataset, duplicates=args.duplicates)
        else:
            manifest = build_manifest(dataset, duplicates=args.duplicates)
    except DatasetError as exc:
        print(f"branchnews: {exc}", file=sys.stderr)
        return 2
    if args.json:
        sys.stdout.write(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(render_tables(manifest))
    if args.write:
        print(f"branchnews: wrote {dataset / MANIFEST_FILE} and {dataset / CARD_FILE}", file=sys.stderr)
    return 0
