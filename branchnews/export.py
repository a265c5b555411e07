"""``branchnews export DATASET [--format parquet] [-o DIR] [--duplicates POLICY] [--all-versions]``.

The command-line end of :mod:`branchnews.pipelines.parquet`: it parses the arguments, writes one
``<site>.parquet`` per site and says what was left out (older versions, dropped reposts).
"""

from __future__ import annotations

import argparse
import sys

from branchnews.pipelines.dataset import DatasetError
from branchnews.pipelines.duplicates import DEFAULT_POLICY, POLICIES

FORMATS = ("parquet",)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dataset", metavar="DATASET",
                        help="an output folder, a site folder or one .jsonl file")
    parser.add_argument("--format", choices=FORMATS, default="parquet")
    parser.add_argument("-o", "--out", metavar="DIR",
                        help="write <site>.parquet files here (default: beside each site's .jsonl)")
    parser.add_argument("--duplicates", choices=POLICIES, default=DEFAULT_POLICY,
                        help="reposts: mark duplicate_of (default), drop them, or keep as they are")
    parser.add_argument("--all-versions", action="store_true",
                        help="export every version of a record, not only the latest")
    parser.set_defaults(func=command)


def command(args: argparse.Namespace) -> int:
    from branchnews.pipelines.parquet import export_parquet  # pyarrow only when exporting

    try:
        written, loaded = export_parquet(args.dataset, args.out, all_versions=args.all_versions,
                                         duplicates=args.duplicates)
    except DatasetError as exc:
        print(f"branchnews: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    report = loaded.duplicates
    print(f"branchnews: {len(loaded)} records in {len(written)} file(s); "
          f"{loaded.superseded} older versions left out; reposts: {report.duplicates} "
          f"in {report.groups} group(s), {report.policy}"
          + (f" ({report.dropped} dropped)" if report.policy == "drop" else ""), file=sys.stderr)
    return 0
