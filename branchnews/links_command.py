"""``branchnews links PAGE.html --url URL``: what the crawl reads from one saved page (its
role, main listing with titles and dates, forward pages, other links), as one JSON object."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

from branchnews.exits import OK, USAGE


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``links`` subcommand's arguments; ``branchnews/cli.py`` calls this."""
    parser.add_argument("page", metavar="PAGE", help="a saved page (bytes as fetched)")
    parser.add_argument("--url", required=True,
                        help="the page's address (resolves its links; http or https)")
    parser.add_argument("--content-type", help="the Content-Type header the page was served with")
    parser.set_defaults(func=run)


def _bad_url(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "not an http(s) address"
    if not parts.hostname:
        return "no host name"
    return None


def run(args: argparse.Namespace) -> int:
    from branchnews.crawler.pages.listing import page_links

    if reason := _bad_url(args.url):
        print(f"branchnews links: --url {args.url!r}: {reason}", file=sys.stderr)
        return USAGE
    try:
        body = Path(args.page).read_bytes()
    except OSError as exc:
        print(f"branchnews links: {args.page}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return USAGE
    headers = {"Content-Type": args.content_type} if args.content_type else {}
    found = page_links(body, args.url, headers)
    json.dump(found.as_json(), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return OK
