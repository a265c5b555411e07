"""Rebuild records offline from WARC captures, with the same pure functions as a crawl.

``branchnews reextract WARC... -o DIR [--site NAME]`` reads the responses in the WARC files
(``<out>/<site>/warc/*.warc.gz``, written by :mod:`branchnews.crawler.warc`), finds the article first
pages with the site profile's ``is_article``, follows each article's continuation pages
(``next_page_url``, found in the same capture), and calls ``parse_article`` exactly as the
spider does; fetch time (``WARC-Date``) and HTTP status come from the capture. Records go to
``DIR/<site>/<crawl day>.jsonl``. Use it after improving the extractor, to re-run a dataset
without touching the sites again.

What the crawl would not have written is not written here either: non-HTML responses, WAF
challenge pages, articles whose continuation page is missing from the capture, records the
JSON Schema rejects. Each is counted in the report. Redirects in the capture are followed (the
record's URL is the final one, as in a crawl). When a URL was fetched several times, the last
successful (2xx) response counts.

No Scrapy here: warcio reads the files.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from branchnews.crawler.profiles import ProfileError, SiteProfile, load_profile

MAX_ARTICLE_PAGES = 50  # as crawler.spiders.news: a pager that never ends is a trap
MAX_REDIRECTS = 5
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True, slots=True)
class Capture:
    """One response from a WARC file."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: str  # UTC, seconds: 2026-11-28T00:55:40Z (as a crawl's fetched_at)
    day: str | None  # crawl day of the file it came from


@dataclass
class WarcContents:
    captures: list[Capture] = field(default_factory=list)
    info: dict[str, str] = field(default_factory=dict)  # warcinfo fields (first file's win)
    damaged: list[str] = field(default_factory=list)  # files that end in a cut-short record


@dataclass
class Report:
    records: int = 0
    written: int = 0
    skipped: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        skipped = ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items()))
        return (f"{self.records} records rebuilt, {self.written} written"
                + (f"; not written: {skipped}" if skipped else ""))


def _join_headers(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Like the spider's ``_headers``: repeated headers joined with ``, ``."""
    out: dict[str, str] = {}
    for name, value in pairs:
        key = "-".join(part.capitalize() for part in name.split("-"))
        out[key] = f"{out[key]}, {value}" if key in out else value
    return out


def _fetched_at(warc_date: str) -> str:
    return warc_date[:19] + "Z"


def warc_files(paths: Iterable[str | Path]) -> list[Path]:
    """WARC files named directly, or found in folders (``*.warc.gz``, ``*.warc``; recursive)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.warc*") if p.name.endswith((".warc.gz", ".warc")))
        else:
            found.append(path)
    return found


def read_warcs(paths: Iterable[str | Path]) -> WarcContents:
    """Every response record of the files, in file order; warcinfo fields of the first file."""
    from warcio.archiveiterator import ArchiveIterator

    contents = WarcContents()
    for path in warc_files(paths):
        day_match = _DAY.match(path.name)
        day = day_match.group(1) if day_match else None
        with path.open("rb") as fh:
            iterator = ArchiveIterator(fh)
            try:
                for record in iterator:
                    if record.rec_type == "warcinfo":
                        fields = _warcinfo(record.content_stream().read())
                        day = fields.get("branchnews-run-day", day)
                        for key, value in fields.items():
                            contents.info.setdefault(key, value)
                        continue
                    if record.rec_type != "response" or record.http_headers is None:
                        continue
                    status_line = record.http_headers.get_statuscode()
                    body = record.content_stream().read()
                    contents.captures.append(Capture(
                        url=record.rec_headers.get_header("WARC-Target-URI"),
                        status=int(status_line) if status_line and status_line.isdigit() else 0,
                        headers=_join_headers(record.http_headers.headers),
                        body=body,
                        fetched_at=_fetched_at(record.rec_headers.get_header("WARC-Date") or ""),
                        day=day))
            except Exception:  # a crash cut the last gzip member short: keep what came before
                contents.damaged.append(str(path))
    return contents


def _warcinfo(payload: bytes) -> dict[str, str]:
    fields = {}
    for line in payload.decode("utf-8", "replace").splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields


def _declared_html(capture: Capture) -> bool:
    ctype = capture.headers.get("Content-Type", "").lower()
    return not ctype or any(t in ctype for t in ("html", "xml", "text/plain"))


def _ok(capture: Capture) -> bool:
    return 200 <= capture.status < 300


class CaptureIndex:
    """The capture that counts per URL (last 2xx, else last of any status), redirects followed."""

    def __init__(self, captures: Iterable[Capture]):
        self.by_url: dict[str, Capture] = {}
        for capture in captures:
            known = self.by_url.get(capture.url)
            if known is None or _ok(capture) or not _ok(known):
                self.by_url[capture.url] = capture

    def resolve(self, url: str) -> Capture | None:
        """The response a crawl's callback got for ``url``: after redirects, 2xx only."""
        for _ in range(MAX_REDIRECTS + 1):
            capture = self.by_url.get(url)
            if capture is None:
                return None
            location = capture.headers.get("Location")
            if 300 <= capture.status < 400 and location:
                url = urljoin(url, location)
                continue
            return capture if _ok(capture) else None
        return None


def _text(capture: Capture) -> str:
    from branchnews.crawler.pages.decode import decode_html

    return decode_html(capture.body, capture.headers).text


def _continuation(capture: Capture, n: int) -> str | None:
    """As the spider does it."""
    from branchnews.crawler.pages.continuation import continuation_url

    return continuation_url(capture.body, capture.url, _text(capture), n)


def _readable(capture: Capture) -> str | None:
    """Why the crawl would not parse this page (not HTML, WAF challenge), or None."""
    from branchnews.crawler.pages.challenge import challenge_reason

    if not _declared_html(capture):
        return "not an HTML page"
    if challenge_reason(_text(capture)):
        return "WAF challenge page"
    return None


def _page(capture: Capture):
    from branchnews.crawler.pages.article import Page

    return Page(capture.url, capture.body, capture.headers, capture.status, capture.fetched_at)


def _list_dates(contents: WarcContents, profile: SiteProfile) -> dict[str, str]:
    """The dates list pages showed beside article links, as the crawl passed them on."""
    from branchnews.crawler.pages.links import list_links

    dates: dict[str, str] = {}
    for capture in contents.captures:
        if profile.is_article(capture.url) or capture.status != 200:
            continue
        found = list_links(capture.body, capture.url, capture.headers,
                           allowed_domains=profile.allowed_domains,
                           article_patterns=profile.article_patterns,
                           list_patterns=profile.list_patterns, deny_patterns=profile.deny_patterns)
        for url, shown in found.dates.items():
            dates.setdefault(url, shown)
    return dates


def rebuild(contents: WarcContents, profile: SiteProfile, *, script: str = "simplified",
            report: Report | None = None) -> Iterator[tuple[str, dict]]:
    """``(crawl day, record)`` for every article the capture holds, in capture order."""
    from branchnews.crawler.pages.article import ExtractionError, parse_article
    from branchnews.pipelines.normalize import Normalizer

    report = report if report is not None else Report()
    index = CaptureIndex(contents.captures)
    normalizer = Normalizer(target=script)
    candidates = list(dict.fromkeys(c.url for c in contents.captures if profile.is_article(c.url)))
    list_dates = _list_dates(contents, profile)
    chains: list[tuple[str, list[Capture]]] = []
    followed: set[str] = set()  # continuation pages: never an article's first page
    for url in candidates:
        first = index.resolve(url)
        if first is None:
            report.skipped["no successful response"] += 1
            continue
        chain = [first]
        while len(chain) < MAX_ARTICLE_PAGES and (nxt := _continuation(chain[-1], len(chain))):
            followed.add(nxt)
            capture = index.resolve(nxt)
            if capture is None:
                chain = []
                report.skipped["continuation page missing from the capture"] += 1
                break
            followed.add(capture.url)
            chain.append(capture)
        if chain:
            chains.append((url, chain))
    seen: set[str] = set()
    for url, chain in chains:
        if url in followed or chain[0].url in followed:
            continue
        if chain[0].url in seen:
            continue
        seen.add(chain[0].url)
        why = next((r for r in map(_readable, chain) if r), None)
        if why:
            report.skipped[why] += 1
            continue
        try:
            record = parse_article([_page(c) for c in chain], site=profile.name, target=script,
                                   selectors=profile.selectors, normalizer=normalizer,
                                   list_date=list_dates.get(url))
        except (ExtractionError, ValueError):
            report.skipped["extraction failed"] += 1
            continue
        report.records += 1
        yield chain[0].day or chain[0].fetched_at[:10], record


def reextract(warcs: Iterable[str | Path], out_dir: str | Path, *, site: str | None = None,
              script: str | None = None) -> Report:
    """Rebuild records from ``warcs`` into ``out_dir/<site>/<day>.jsonl``; returns the report."""
    from branchnews.pipelines.output import JsonLinesWriter, read_ids
    from branchnews.pipelines.record_schema import problems

    contents = read_warcs(warcs)
    name = site or contents.info.get("branchnews-site")
    if not name:
        raise ProfileError("the WARC files do not name their site profile: give --site NAME")
    profile = load_profile(name)
    script = script or contents.info.get("branchnews-script") or "simplified"
    report = Report()
    writers: dict[Path, tuple[JsonLinesWriter, set[str]]] = {}
    try:
        for day, record in rebuild(contents, profile, script=script, report=report):
            if problems(record):
                report.skipped["invalid record"] += 1
                continue
            path = Path(out_dir) / profile.name / f"{day}.jsonl"
            if path not in writers:
                writers[path] = (JsonLinesWriter(path), read_ids(path))
            writer, ids = writers[path]
            if record["id"] in ids:
                report.skipped["already in the output"] += 1
                continue
            writer.write_record(record)
            ids.add(record["id"])
            report.written += 1
    finally:
        for writer, _ in writers.values():
            writer.close()
    for path in contents.damaged:
        report.skipped[f"cut-short record at the end of {Path(path).name}"] += 1
    return report


# -- command line -----------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("warcs", nargs="+", metavar="WARC",
                        help="WARC files (.warc.gz) or folders holding them")
    parser.add_argument("-o", "--out", required=True, metavar="DIR",
                        help="write DIR/<site>/<day>.jsonl")
    parser.add_argument("--site", help="site profile name or .toml path (default: the one the "
                                       "WARC's warcinfo names)")
    parser.add_argument("--script", choices=("simplified", "traditional"),
                        help="script of the records (default: the crawl's, from the warcinfo)")
    parser.set_defaults(func=command)


def command(args: argparse.Namespace) -> int:
    missing = [w for w in args.warcs if not Path(w).exists()]
    if missing:
        print(f"branchnews: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        report = reextract(args.warcs, args.out, site=args.site, script=args.script)
    except ProfileError as exc:
        print(f"branchnews: {exc}", file=sys.stderr)
        return 2
    print(f"branchnews: {report.summary()} in {args.out}", file=sys.stderr)
    return 0
