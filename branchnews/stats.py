"""``branchnews stats DATASET [--write] [--json] [--duplicates POLICY]``: count and hash a dataset.

The command-line end of :mod:`branchnews.pipelines.manifest`: it parses the arguments, fills in
the start URLs of sites that are bundled profiles (the pipelines do not read profiles), and
prints the manifest as tables or JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from branchnews.pipelines.dataset import DatasetError
from branchnews.pipelines.duplicates import DEFAULT_POLICY, POLICIES
from branchnews.pipelines.manifest import CARD_FILE, MANIFEST_FILE, build_manifest, write_manifest
from branchnews.pipelines.tables import render_tables


def bundled_start_urls() -> dict[str, list[str]]:
    """``{profile name: start URLs}`` of the bundled profiles: what a manifest says of a site
    whose folder carries no start URLs of its own."""
    from branchnews.crawler.profiles import ProfileError, available, load_profile

    out = {}
    for name in available():
        try:
            out[name] = list(load_profile(name).start_urls)
        except ProfileError:  # a broken bundled profile is the crawl's problem, not the count's
            continue
    return out


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
    dataset = Path(args.dataset)
    known = bundled_start_urls()
    try:
        if args.write:
            if not dataset.is_dir():
                print(f"branchnews: {dataset}: --write needs a dataset folder (a site or output "
                      "folder), not a file", file=sys.stderr)
                return 2
            manifest = write_manifest(dataset, duplicates=args.duplicates, known_start_urls=known)
        else:
            manifest = build_manifest(dataset, duplicates=args.duplicates, known_start_urls=known)
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
