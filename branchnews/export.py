"""``branchnews export DATASET [--format parquet|csv] [-o DIR] [--duplicates POLICY] [--all-versions]``.

The command-line end of :mod:`branchnews.pipelines.exports`: it parses the arguments, writes one
``<site>.parquet`` (or ``.csv``) per site and says what was left out (older versions, dropped reposts).
"""

from __future__ import annotations

import argparse
import sys

from branchnews import console, exits
from branchnews.pipelines.dataset import DatasetError
from branchnews.pipelines.duplicates import DEFAULT_POLICY, POLICIES
from branchnews.pipelines.exports import FORMATS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dataset", metavar="DATASET",
                        help="an output folder, a site folder or one .jsonl file")
    parser.add_argument("--format", choices=FORMATS, default="parquet",
                        help="parquet (typed columns, keeps time zones) or csv (UTF-8 with BOM, "
                             "nested fields as JSON text, for spreadsheets); default: parquet")
    parser.add_argument("-o", "--out", metavar="DIR",
                        help="write <site>.<format> files here (default: beside each site's .jsonl)")
    parser.add_argument("--duplicates", choices=POLICIES, default=DEFAULT_POLICY,
                        help="reposts: mark duplicate_of (default), drop them, or keep as they are")
    parser.add_argument("--all-versions", action="store_true",
                        help="export every version of a record, not only the latest")
    parser.set_defaults(func=command)


def command(args: argparse.Namespace) -> int:
    from branchnews.pipelines.exports import export_dataset

    try:
        with console.current().progress("export", "sites") as bar:
            written, loaded = export_dataset(
                args.dataset, args.out, fmt=args.format, all_versions=args.all_versions,
                duplicates=args.duplicates,
                on_progress=lambda sites, of, records: bar.update(sites, total=of,
                                                                  note=f"{records} records"))
    except DatasetError as exc:
        print(f"branchnews: {exc}", file=sys.stderr)
        return exits.USAGE
    for path in written:
        print(path)
    report = loaded.duplicates
    print(f"branchnews: {len(loaded)} records in {len(written)} file(s); "
          f"{loaded.superseded} older versions left out; reposts: {report.duplicates} "
          f"in {report.groups} group(s), {report.policy}"
          + (f" ({report.dropped} dropped)" if report.policy == "drop" else ""), file=sys.stderr)
    return exits.OK
