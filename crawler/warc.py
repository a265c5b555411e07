"""Raw capture: every fetched response, with its request, in gzipped WARC files beside the dataset.

``<out>/<site>/warc/<YYYY-MM-DD>-<pid>.warc.gz`` (crawl day, process id; ``-2``, ``-3`` … when
a file reaches ``BRANCHNEWS_WARC_MAX_BYTES`` or the name is taken). Each file starts with a
``warcinfo`` record naming the software, the site profile, the start URLs and the script, then
holds one ``response`` and one ``request`` record per fetch (``WARC-Concurrent-To`` links them).

Crash safety: every WARC record is its own gzip member, written and flushed before the next
one starts, so a killed crawl leaves every earlier record readable; at worst the last member is
cut short, which readers (and ``branchnews reextract``) stop at.

What is stored: the response as the downloader delivered it (the middleware sits at 950, on
the network side of every built-in middleware, so before decompression, redirects and
retries): status line, headers and body bytes. Chunked transfer coding is already undone by
then, so ``Transfer-Encoding`` is kept as ``X-Crawler-Transfer-Encoding``; the body is not
chunked. The request record is rebuilt from the Scrapy request (method, path, headers as sent
by the middlewares, body) with a ``Host`` header.

Enable with ``DOWNLOADER_MIDDLEWARES["branchnews.crawler.warc.WarcMiddleware"] = 950``; it is on unless
``BRANCHNEWS_WARC = False``. Only :class:`WarcMiddleware` touches Scrapy (lazily); the writer is
plain Python.
"""

from __future__ import annotations

import logging
import os
import zlib
from datetime import datetime, timezone
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from branchnews.crawler.pages.headers import header_pairs
from branchnews.pipelines.log_marks import DETAIL
from branchnews.pipelines.versions import installed_version

logger = logging.getLogger(__name__)

WARC_DIR = "warc"
DEFAULT_MAX_BYTES = 1 << 30  # rotate to a new file after 1 GiB
WARC_VERSION = "1.1"
# zlib's default: warcio's own gzip writer uses level 9, which on Chinese HTML pages costs half as
# much again as 6 (3.4 against 2.2 ms for an 85 kB page) for files 1 % smaller.
GZIP_LEVEL = 6


def _version(dist: str) -> str:
    return installed_version(dist) or "?"


def warc_date(when: datetime | None = None) -> str:
    """WARC 1.1 date, UTC with microseconds: ``2026-11-28T00:55:40.123456Z``."""
    when = when or datetime.now(timezone.utc)
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class _GzipMembers:
    """The file as warcio's writer sees it: what a record writes is compressed into one gzip
    member, which the writer's flush at the end of each record closes and writes out."""

    def __init__(self, fh):
        self.fh = fh
        self._member = None

    def write(self, data: bytes) -> None:
        if self._member is None:
            self._member = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        self.fh.write(self._member.compress(data))

    def flush(self) -> None:
        if self._member is not None:
            self.fh.write(self._member.flush())
            self._member = None
        self.fh.flush()


class WarcFile:
    """One WARC file being written: gzip member per record, flushed per record.

    ``info`` is written as the ``warcinfo`` record when the file is opened (lazily, on the
    first record). Rotation: after a record that takes the file past ``max_bytes``, the next
    record opens ``<stem>-<n>.warc.gz``.
    """

    def __init__(self, folder: str | Path, stem: str, info: dict[str, str] | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES):
        self.folder = Path(folder)
        self.stem = stem
        self.info = dict(info or {})
        self.max_bytes = max_bytes
        self.paths: list[Path] = []
        self._fh = None
        self._writer = None
        self.records = 0

    # -- files ------------------------------------------------------------------------------
    def _next_path(self) -> Path:
        n = 1
        while True:
            name = f"{self.stem}.warc.gz" if n == 1 else f"{self.stem}-{n}.warc.gz"
            path = self.folder / name
            if not path.exists() and path not in self.paths:
                return path
            n += 1

    def _open(self) -> None:
        from warcio.warcwriter import WARCWriter

        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._next_path()
        self._fh = path.open("xb")  # never append to (or clobber) a file another run wrote
        self._writer = WARCWriter(_GzipMembers(self._fh), gzip=False, warc_version=WARC_VERSION)
        self.paths.append(path)
        record = self._writer.create_warcinfo_record(path.name, self.info)
        self._write(record)

    def _write(self, record) -> None:
        self._writer.write_record(record)  # one gzip member, flushed (warcio flushes per record)

    @property
    def path(self) -> Path | None:
        return self.paths[-1] if self.paths else None

    # -- records ----------------------------------------------------------------------------
    def write_exchange(self, *, url: str, method: str, request_headers: list[tuple[str, str]],
                       request_body: bytes, status: int, response_headers: list[tuple[str, str]],
                       body: bytes, protocol: str = "HTTP/1.1", when: datetime | None = None,
                       ip_address: str | None = None) -> None:
        """Write one fetch: the response record, then the request record concurrent to it."""
        from warcio.statusandheaders import StatusAndHeaders

        if self._fh is None:
            self._open()
        date = warc_date(when)
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        if not any(k.lower() == "host" for k, _ in request_headers):
            request_headers = [("Host", parts.netloc), *request_headers]
        request_http = StatusAndHeaders(f"{method} {target} HTTP/1.1", request_headers,
                                        is_http_request=True)
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = ""
        headers = [("X-Crawler-Transfer-Encoding", v) if k.lower() == "transfer-encoding" else (k, v)
                   for k, v in response_headers]
        response_http = StatusAndHeaders(f"{status} {reason}".strip(), headers,
                                         protocol=protocol or "HTTP/1.1")
        warc_headers = {"WARC-Date": date}
        if ip_address:
            warc_headers["WARC-IP-Address"] = ip_address
        response = self._writer.create_warc_record(
            url, "response", payload=BytesIO(body), length=len(body), http_headers=response_http,
            warc_headers_dict=warc_headers)
        request = self._writer.create_warc_record(
            url, "request", payload=BytesIO(request_body), length=len(request_body),
            http_headers=request_http, warc_headers_dict={"WARC-Date": date})
        request.rec_headers.add_header("WARC-Concurrent-To",
                                       response.rec_headers.get_header("WARC-Record-ID"))
        self._write(response)
        self._write(request)
        self.records += 2
        if self._fh.tell() >= self.max_bytes:
            self.close()

    def close(self) -> None:
        if self._fh is not None and not self._fh.closed:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
        self._fh = None
        self._writer = None


def warcinfo(settings, profile, script: str, run_day: str) -> dict[str, str]:
    """The ``warcinfo`` fields of a crawl's captures: what ``branchnews reextract`` reads back
    to know the site, where the crawl started and the script (and, for a crawl from URLs
    alone, that it had no profile file and the prefixes it kept within)."""
    from branchnews.crawler.profiles import FROM_URLS

    fields = {
        "software": f"branchnews/{_version('branchnews')} (Scrapy {_version('Scrapy')}; "
                    f"warcio {_version('warcio')})",
        "format": f"WARC File Format {WARC_VERSION}",
        "conformsTo": "https://iipc.github.io/warc-specifications/specifications/"
                      "warc-format/warc-1.1/",
        "http-header-user-agent": settings.get("USER_AGENT", ""),
        "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
        "isPartOf": profile.name,
        "branchnews-site": profile.name,
        "branchnews-start-urls": " ".join(profile.start_urls),
        "branchnews-script": script,
        "branchnews-run-day": run_day,
    }
    if profile.source_file == FROM_URLS:
        fields["branchnews-from-urls"] = "yes"
    if profile.within:
        fields["branchnews-within"] = " ".join(profile.within)
    return fields


class WarcMiddleware:
    """Downloader middleware: write every response (and its request) to the site's WARC file.

    Returns the response unchanged. A write failure is logged and counted
    (``branchnews/warc/failed``), never raised: the crawl and its records go on.
    """

    def __init__(self, file: WarcFile, stats):
        self.file = file
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy import signals
        from scrapy.exceptions import NotConfigured

        from branchnews.pipelines.run import run_of

        settings = crawler.settings
        if not settings.getbool("BRANCHNEWS_WARC", True):
            raise NotConfigured("BRANCHNEWS_WARC is off")
        run = run_of(crawler)
        file = WarcFile(run.site_dir / WARC_DIR, f"{run.run_day}-{os.getpid()}",
                        warcinfo(settings, run.profile, run.script, run.run_day),
                        settings.getint("BRANCHNEWS_WARC_MAX_BYTES", DEFAULT_MAX_BYTES))
        middleware = cls(file, crawler.stats)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def process_response(self, request, response):
        try:
            self.file.write_exchange(
                url=request.url, method=request.method,
                request_headers=header_pairs(request.headers), request_body=request.body or b"",
                status=response.status, response_headers=header_pairs(response.headers),
                body=response.body, protocol=getattr(response, "protocol", None) or "HTTP/1.1",
                ip_address=str(response.ip_address) if getattr(response, "ip_address", None) else None)
            self.stats.inc_value("branchnews/warc/responses")
        except OSError as exc:  # a full disk: one line, the crawl goes on
            self.stats.inc_value("branchnews/warc/failed")
            logger.error("%s: could not write the WARC record: %s", request.url, exc.strerror or exc)
        except Exception:  # capture is a by-product: never lose the crawl over it
            self.stats.inc_value("branchnews/warc/failed")
            logger.exception("%s: could not write the WARC record", request.url)
        return response

    def spider_closed(self, spider=None, reason=None):
        self.file.close()
        paths = ", ".join(str(p) for p in self.file.paths)
        logger.info("WARC capture: %d records in %s", self.file.records, paths or "no file",
                    extra=DETAIL)
