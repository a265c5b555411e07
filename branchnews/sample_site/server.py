"""HTTP serving of the sample site (the bundled ``site/`` tree, or the scaled site rendered on
request), as origin server and as a one-host proxy. Only serving: the pages come from ``build.py``
(committed files) or :mod:`.scaled`.

    python -m branchnews.sample_site.server [--host 127.0.0.1] [--port 8931] [--articles N] [--verbose]

* Origin form (``GET /a/zbfc/ HTTP/1.1``): the same tree whatever the ``Host`` header says.
* Absolute form (``GET http://branch.example.org.cn/a/zbfc/ HTTP/1.1``), which is what an HTTP
  client sends to a proxy: answered for ``branch.example.org.cn`` (port 80) only; any other host
  gets ``502``, so this is not an open proxy. A crawler configured with
  ``proxy = "http://127.0.0.1:8931"`` thus fetches the site's real-looking URLs.
* ``GET`` and ``HEAD`` only; raw bytes with the right ``Content-Length``; ``Content-Type`` from
  ``site/_headers.json`` when the file is listed there (the GBK pages: ``text/html`` without a
  charset), else from the extension (``.html``/``.shtml`` → ``text/html; charset=utf-8``).
* URL → file mapping (query strings as ``@query``, percent-decoding, refusals): see
  :func:`branchnews.sample_site.url_to_relpath`. ``/dir`` without its slash redirects to ``/dir/``.
* Quiet: nothing is logged per request unless ``verbose``.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import re
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from . import HOST, SITE_DIR, content_type_for, url_to_relpath
from .scaled import ScaledSite

__all__ = [
    "DEFAULT_PORT", "FLEET_FIRST_ADDRESS", "SampleSiteHandler", "SampleSiteServer", "ScaledSiteServer", "content_type_for",
    "fleet_addresses", "make_fleet_servers", "make_scaled_server", "make_server", "serve", "serve_fleet", "serve_scaled",
]

# Fixed, so the proxy URL in crawler/profiles/sample.toml stays the same from run to run.
DEFAULT_PORT = 8931
DEFAULT_HOST = "127.0.0.1"

# RFC 9112 absolute-form request target: scheme "://" authority …
_ABSOLUTE_FORM = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class SampleSiteServer(ThreadingHTTPServer):
    """A threading HTTP server bound to one site tree."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], root: Path = SITE_DIR, verbose: bool = False) -> None:
        self.root = Path(root).resolve()
        self.verbose = verbose
        headers_file = self.root / "_headers.json"
        self.content_types: dict[str, str] = (
            json.loads(headers_file.read_text(encoding="utf-8")) if headers_file.is_file() else {}
        )
        super().__init__(address, SampleSiteHandler)


class SampleSiteHandler(BaseHTTPRequestHandler):
    server: SampleSiteServer
    server_version = "BranchnewsSample/1.0"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self._serve(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(send_body=False)

    # -- request handling ---------------------------------------------------------------------

    def _serve(self, send_body: bool) -> None:
        target = self.path
        if _ABSOLUTE_FORM.match(target):
            # Absolute form: we are being used as a proxy. Only the sample host is answered.
            parts = urlsplit(target)
            try:
                port = parts.port
            except ValueError:
                port = -1
            if parts.scheme.lower() != "http" or (parts.hostname or "").lower() != HOST or port not in (None, 80):
                self._send_text(HTTPStatus.BAD_GATEWAY, f"not a proxy for {parts.netloc or target}\n", send_body)
                return
            path, query = parts.path or "/", parts.query
        elif target.startswith("/"):
            path, _, query = target.partition("?")
            path = path.partition("#")[0]
            query = query.partition("#")[0]
        else:
            self._send_text(HTTPStatus.BAD_REQUEST, "bad request target\n", send_body)
            return

        candidates = url_to_relpath(path, query)
        if candidates is None:
            self._send_text(HTTPStatus.FORBIDDEN, "forbidden\n", send_body)
            return
        for rel in candidates:
            file = self._inside_root(rel)
            if file is not None and file.is_file():
                self._send_file(rel, file, send_body)
                return
        if not path.endswith("/") and len(candidates) == 1:
            folder = self._inside_root(candidates[0].split("@", 1)[0])
            if folder is not None and folder.is_dir():
                location = path + "/" + (f"?{query}" if query else "")
                self._send_text(HTTPStatus.MOVED_PERMANENTLY, f"see {location}\n", send_body, {"Location": location})
                return
        self._send_text(HTTPStatus.NOT_FOUND, "not found\n", send_body)

    def _inside_root(self, rel: str) -> Path | None:
        """The file for ``rel`` if it resolves inside the site root (symlinks included)."""
        candidate = (self.server.root / rel).resolve()
        if candidate != self.server.root and self.server.root not in candidate.parents:
            return None
        return candidate

    def _send_file(self, rel: str, file: Path, send_body: bool) -> None:
        data = file.read_bytes()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type_for(rel, self.server.content_types))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if send_body:
            self.wfile.write(data)

    def _send_text(
        self, status: HTTPStatus, text: str, send_body: bool, extra: dict[str, str] | None = None
    ) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (base signature)
        if self.server.verbose:
            super().log_message(format, *args)


def make_server(
    host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, root: Path = SITE_DIR, verbose: bool = False
) -> ThreadingHTTPServer:
    """A bound, not yet running server; ``port=0`` picks an ephemeral port.

    The caller runs ``serve_forever()`` (e.g. in a thread) and later ``shutdown()`` and
    ``server_close()``. ``server.server_address[1]`` is the port actually bound.
    """
    return SampleSiteServer((host, port), root=root, verbose=verbose)


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, verbose: bool = False) -> None:
    """Serve the sample site until interrupted (blocking)."""
    run_until_interrupted(make_server(host, port, verbose=verbose), "sample site")


def run_until_interrupted(server, what: str) -> None:
    """Say where ``server`` listens, serve until Ctrl-C, then close it."""
    bound_host, bound_port = server.server_address[:2]
    print(f"{what} http://{HOST}/ on http://{bound_host}:{bound_port}/ (also as its proxy)",
          file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


# ---------------------------------------------------------------------------------------------
# The scaled site: the same handler (proxy mode, refusals, redirects) over files rendered on request
# ---------------------------------------------------------------------------------------------


class _VirtualFile:
    """What ``SampleSiteHandler`` asks of a file: is_file / is_dir / the bytes to send."""

    __slots__ = ("kind", "render")

    def __init__(self, found) -> None:
        self.kind, self.render = found if found else (None, None)

    def is_file(self) -> bool:
        return self.kind == "file"

    def is_dir(self) -> bool:
        return self.kind == "dir"


class ScaledSiteHandler(SampleSiteHandler):
    server: ScaledSiteServer

    def _serve(self, send_body: bool) -> None:
        if self.server.latency:  # a far-away site: every answer waits (one thread per request)
            time.sleep(self.server.latency)
        super()._serve(send_body)

    def _inside_root(self, rel: str) -> _VirtualFile:  # type: ignore[override]
        return _VirtualFile(self.server.site.lookup(rel))

    def _send_file(self, rel: str, file: _VirtualFile, send_body: bool) -> None:  # type: ignore[override]
        try:
            data, content_type = file.render()
        except Exception as exc:  # a generator bug: say so instead of dropping the connection
            self._send_text(HTTPStatus.INTERNAL_SERVER_ERROR, f"scaled site: {exc!r}\n", send_body)
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if send_body:
            self.wfile.write(data)


class ScaledSiteServer(ThreadingHTTPServer):
    """A threading HTTP server for the site of ``articles`` synthetic articles."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], articles: int | ScaledSite, verbose: bool = False,
                 latency: float = 0.0) -> None:
        self.site = articles if isinstance(articles, ScaledSite) else ScaledSite(articles)
        self.verbose = verbose
        self.latency = latency
        self.content_types: dict[str, str] = {}
        super().__init__(address, ScaledSiteHandler)


def make_scaled_server(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, articles: int = 1000, *,
                       verbose: bool = False) -> ScaledSiteServer:
    """A bound, not yet running server (``port=0``: ephemeral); run ``serve_forever()`` yourself."""
    return ScaledSiteServer((host, port), articles, verbose=verbose)


def serve_scaled(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, articles: int = 1000, *,
                 verbose: bool = False) -> None:
    """Serve the scaled site until interrupted (blocking)."""
    run_until_interrupted(make_scaled_server(host, port, articles, verbose=verbose),
                          f"scaled sample site ({articles} articles)")


# ---------------------------------------------------------------------------------------------
# A fleet: N copies of the scaled site, each on its own loopback address (so a crawler sees N
# hosts, and Scrapy gives each its own download slot), all in one process
# ---------------------------------------------------------------------------------------------

# 127.0.0.1 is the single sample site's; every 127.0.0.0/8 address is this machine's (Linux).
FLEET_FIRST_ADDRESS = ipaddress.IPv4Address("127.0.0.2")


def fleet_addresses(count: int) -> list[str]:
    """The ``count`` loopback addresses of a fleet: 127.0.0.2, 127.0.0.3, …"""
    if not 0 < count < 2**24 - 2:
        raise ValueError(f"a fleet has 1 to {2**24 - 3} sites, not {count}")
    return [str(FLEET_FIRST_ADDRESS + i) for i in range(count)]


def make_fleet_servers(count: int, articles: int = 20, port: int = DEFAULT_PORT, *,
                       latency: float = 0.0, verbose: bool = False) -> list[ScaledSiteServer]:
    """``count`` bound servers of the same ``articles``-article site, one per fleet address,
    each on ``port`` (``0``: an ephemeral port each); run ``serve_forever()`` on each yourself.

    The sites share one :class:`ScaledSite` (pages are rendered on request from the URL alone),
    so memory grows with the number of sites, not with their articles.
    """
    site = ScaledSite(articles)
    servers: list[ScaledSiteServer] = []
    try:
        for address in fleet_addresses(count):
            servers.append(ScaledSiteServer((address, port), site, verbose=verbose, latency=latency))
    except OSError:
        for server in servers:
            server.server_close()
        raise
    return servers


def serve_fleet(count: int, articles: int = 20, port: int = DEFAULT_PORT, *, latency: float = 0.0,
                profiles: Path | None = None, verbose: bool = False) -> None:
    """Serve a fleet until interrupted (blocking); one line on stdout per site, its URL, and with
    ``profiles`` a crawl profile per site there (:mod:`.fleet`)."""
    servers = make_fleet_servers(count, articles, port, latency=latency, verbose=verbose)
    urls = []
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        host, bound = server.server_address[:2]
        urls.append(f"http://{host}:{bound}/")
        print(urls[-1], flush=True)
    if profiles is not None:
        from .fleet import write_profiles

        print(f"profiles: {write_profiles(profiles, urls)}", file=sys.stderr, flush=True)
    print(f"fleet of {count} sample sites ({articles} articles each, {latency * 1000:.0f} ms "
          f"latency) on {servers[0].server_address[0]} … {servers[-1].server_address[0]}",
          file=sys.stderr, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m branchnews.sample_site.server", description=__doc__.split("\n")[0])
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--articles", type=int, help="serve a generated site of this many articles instead")
    parser.add_argument("-v", "--verbose", action="store_true", help="log one line per request to stderr")
    args = parser.parse_args(argv)
    if args.articles is not None:
        serve_scaled(args.host, args.port, args.articles, verbose=args.verbose)
    else:
        serve(args.host, args.port, verbose=args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
