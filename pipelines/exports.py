"""``branchnews export``'s work: one file per site in the format asked for.

The loading (latest versions, repost policy) is the dataset loader's; each format only says
how a list of records becomes one file, so every format leaves out and keeps the same records.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from branchnews.pipelines.duplicates import DEFAULT_POLICY


def _writer(fmt: str):
    if fmt == "parquet":
        from branchnews.pipelines.parquet import write_parquet  # pyarrow only when asked for

        return write_parquet
    if fmt == "csv":
        from branchnews.pipelines.csv_table import write_csv

        return write_csv
    raise ValueError(f"unknown export format {fmt!r}")


FORMATS = ("parquet", "csv")


def _site_folder(dataset: Path, site: str) -> Path:
    base = dataset if dataset.is_dir() else dataset.parent
    return base / site if (base / site).is_dir() else base


def export_dataset(dataset: str | Path, out_dir: str | Path | None = None, *, fmt: str = "parquet",
                   all_versions: bool = False, duplicates: str = DEFAULT_POLICY,
                   on_progress: Callable[[int, int, int], None] = lambda sites, of, records: None):
    """One ``<site>.<fmt>`` per site; by default beside the site's JSON Lines files.
    ``on_progress(sites written, sites in all, records written)`` after each file, for a
    progress display.

    Returns ``(written paths, loaded Dataset)``.
    """
    from branchnews.pipelines.dataset import load_dataset

    write = _writer(fmt)
    loaded = load_dataset(dataset, all_versions=all_versions, duplicates=duplicates)
    by_site: dict[str, list] = {}
    for record in loaded:
        by_site.setdefault(record.site, []).append(record)
    written, count = [], 0
    on_progress(0, len(by_site), 0)
    for site, records in sorted(by_site.items()):
        folder = Path(out_dir) if out_dir is not None else _site_folder(Path(dataset), site)
        written.append(write(records, folder / f"{site}.{fmt}"))
        count += len(records)
        on_progress(len(written), len(by_site), count)
    return written, loaded
