"""Rebuild records offline from WARC captures, with the same pure functions as a crawl.

``branchnews reextract WARC... -o DIR [--site NAME]`` reads the responses in the WARC files
(``<out>/<site>/warc/*.warc.gz``, written by :mod:`branchnews.crawler.warc`) and walks them as
the crawl walked the site: from its start URLs (the warcinfo's, else the profile's) through the
list pages to the articles and their continuation pages, asking the crawl's own decisions
(:class:`~branchnews.crawler.walk.SiteWalk`) at every page, so what counts as an article, a
list or a continuation cannot drift from the spider; fetch time (``WARC-Date``) and HTTP status come from the capture. Records go to
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

import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urljoin

from branchnews.crawler.pages.article import ExtractionError, Page
from branchnews.crawler.pages.headers import header_dict
from branchnews.crawler.profiles import ProfileError, SiteProfile, load_profile, url_profile
from branchnews.crawler.walk import SiteWalk
from branchnews.pipelines.files import file_kind

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
    list_pages: int = 0  # list pages read so far
    found: set[str] = field(default_factory=set)  # article links met so far (the total grows)

    def summary(self) -> str:
        skipped = ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items()))
        return (f"{self.records} records rebuilt, {self.written} written"
                + (f"; not written: {skipped}" if skipped else ""))


def _fetched_at(warc_date: str) -> str:
    return warc_date[:19] + "Z"


class NotWarcError(ValueError):
    """A file named as a capture that holds no WARC record: the user gave the wrong file."""


def warc_files(paths: Iterable[str | Path]) -> list[Path]:
    """WARC files named directly, or found in folders (``*.warc.gz``, ``*.warc``; recursive)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.warc*") if file_kind(p.name) == "warc")
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
            read = 0
            try:
                for record in iterator:
                    read += 1
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
                        headers=header_dict(record.http_headers.headers),
                        body=body,
                        fetched_at=_fetched_at(record.rec_headers.get_header("WARC-Date") or ""),
                        day=day))
            except Exception as exc:
                if not read:  # not one record: this file is not a WARC capture at all
                    raise NotWarcError(f"{path}: not a WARC file ({exc.__class__.__name__})") from exc
                contents.damaged.append(str(path))  # a crash cut the last gzip member short
    return contents


def _warcinfo(payload: bytes) -> dict[str, str]:
    fields = {}
    for line in payload.decode("utf-8", "replace").splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields


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


def _page(capture: Capture) -> Page:
    return Page(capture.url, capture.body, capture.headers, capture.status, capture.fetched_at)


def _unknown(_id: str) -> bool:
    return False  # a rebuild takes every article the capture holds


def replay(contents: WarcContents, walk: SiteWalk,
           report: Report | None = None) -> Iterator[tuple[str, list[Capture], str | None]]:
    """The crawl, walked again over the capture: ``(first URL asked for, article pages, list
    date)`` for every article the crawl got to, in the crawl's breadth-first order.

    Each page is asked of the same :class:`~branchnews.crawler.walk.SiteWalk` as in the crawl
    (what a list page links to, whether an article goes on); like Scrapy's duplicate filter, a
    URL is taken once, whatever asked for it (a list, an article, a redirect).
    """
    report = report if report is not None else Report()
    index = CaptureIndex(contents.captures)
    # (URL, list date, "list" | "article" | "candidate", exploration depth, again though seen)
    queue: deque[tuple[str, str | None, str, int, bool]] = deque(
        (url, None, "list", 0, False) for url in walk.profile.start_urls)
    seen: set[str] = set()

    def take(url: str) -> Capture | None | bool:
        """The capture the callback got; False when the redirect's target was taken already
        (the duplicate filter drops it, silently)."""
        seen.add(url)
        capture = index.resolve(url)
        if capture is None or capture.url == url:
            return capture
        if capture.url in seen:
            return False
        seen.add(capture.url)
        return capture

    while queue:
        url, list_date, kind, depth, again = queue.popleft()
        if (url in seen and not again) or (capture := take(url)) is False:
            continue
        if capture is None:
            report.skipped["no successful response"] += 1
            continue
        if why := walk.unreadable(_page(capture)):
            report.skipped[why.split(" (")[0]] += 1
            continue
        if kind != "article":
            found = walk.links(_page(capture), depth)
            if kind == "candidate" and found.reads_as_article:
                if not walk.take_candidate(url, _unknown):
                    continue
                report.found.add(url)
            else:
                report.list_pages += 1
                articles = [a for a in found.articles if walk.to_fetch(a, _unknown)]
                report.found.update(articles)
                queue.extend((a, found.dates.get(a), "article", depth, walk.refetch(a))
                             for a in articles)
                queue.extend((u, None, "list", depth, False) for u in found.lists)
                queue.extend((u, found.dates.get(u), "candidate", depth + 1, False)
                             for u in found.candidates)
                queue.extend((u, None, "list", depth + 1, False) for u in found.explore)
                continue
        chain = [capture]
        while chain and (nxt := walk.next_page([_page(c) for c in chain])):
            page = None if nxt in seen else take(nxt)
            if not page or walk.unreadable(_page(page)):
                report.skipped["continuation page missing from the capture"] += 1
                chain = []
                break
            chain.append(page)
        if chain:
            yield url, chain, list_date


def rebuild(contents: WarcContents, profile: SiteProfile, *, script: str = "simplified",
            report: Report | None = None) -> Iterator[tuple[str, dict]]:
    """``(crawl day, record)`` for every article the crawl got to, from the capture alone."""
    report = report if report is not None else Report()
    walk = SiteWalk(profile, script=script, refresh=True)
    for _url, chain, list_date in replay(contents, walk, report):
        try:
            record = walk.record([_page(c) for c in chain], list_date)
        except ExtractionError:  # anything else is a bug, and says so with its traceback
            report.skipped["extraction failed"] += 1
            continue
        report.records += 1
        yield chain[0].day or chain[0].fetched_at[:10], record


def reextract(warcs: Iterable[str | Path], out_dir: str | Path, *, site: str | None = None,
              script: str | None = None,
              on_progress: Callable[[Report], None] = lambda report: None) -> Report:
    """Rebuild records from ``warcs`` into ``out_dir/<site>/<day>.jsonl``; returns the report
    (``on_progress`` is given it after every record, for a progress display)."""
    from branchnews.pipelines.output import JsonLinesWriter, read_ids
    from branchnews.pipelines.record_schema import problems

    contents = read_warcs(warcs)
    name = site or contents.info.get("branchnews-site")
    if not name:
        raise ProfileError("the WARC files do not name their site profile: give --site NAME")
    crawled_from = contents.info.get("branchnews-start-urls", "").split()
    if not site and crawled_from and contents.info.get("branchnews-from-urls") == "yes":
        # ``crawl URL…``: no profile file; the same walk from the same URLs and prefixes
        profile = replace(url_profile(crawled_from, name),
                          within=tuple(contents.info.get("branchnews-within", "").split()))
    else:
        profile = load_profile(name)
        if crawled_from and tuple(crawled_from) != profile.start_urls:  # a crawl with --start-url
            profile = profile.with_start_urls(crawled_from)
    script = script or contents.info.get("branchnews-script") or "simplified"
    report = Report()
    writers: dict[Path, tuple[JsonLinesWriter, set[str]]] = {}
    try:
        for day, record in rebuild(contents, profile, script=script, report=report):
            on_progress(report)
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
    on_progress(report)
    return report
