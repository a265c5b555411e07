"""``branchnews`` command line: every command's arguments, and the small commands (extract,
sample-site, sites, reextract); a crawl's own start and end are in :mod:`branchnews.crawl_command`."""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

from branchnews import console, exits
from branchnews.crawler.profiles import ProfileError, available, load_profile


def cmd_extract(args: argparse.Namespace) -> int:
    from branchnews.crawler.pages.address import is_web_url, page_address
    from branchnews.crawler.pages.article import ExtractionError, Page, parse_article
    from branchnews.pipelines.normalize import Normalizer
    from branchnews.pipelines.record import dumps

    if args.url and len(args.pages) > 1:
        print("branchnews: --url names one page; give one PAGE with it", file=sys.stderr)
        return exits.USAGE
    if args.url and not is_web_url(args.url):
        print(f"branchnews: --url {args.url!r} is not an http(s) URL", file=sys.stderr)
        return exits.USAGE
    try:
        profile = load_profile(args.site) if args.site else None
    except ProfileError as exc:
        print(f"branchnews: {exc}", file=sys.stderr)
        return exits.USAGE
    normalizer = Normalizer(target=args.script)
    failed = 0
    for path in args.pages:
        file = Path(path)
        try:
            body = file.read_bytes()
        except OSError as exc:
            print(f"branchnews: {path}: cannot read: {exc.strerror}", file=sys.stderr)
            failed += 1
            continue
        headers = {"Content-Type": args.content_type} if args.content_type else {}
        url, base = args.url or page_address(body, headers), None
        if url is None:  # the record names the file; its links stay as the page wrote them
            url, base = file.resolve().as_uri(), ""
            print(f"branchnews: {path}: no --url, and the page names no address of its own "
                  "(<base href>, canonical link, og:url): relative links left relative",
                  file=sys.stderr)
        try:
            record = parse_article(Page(url, body, headers, base_url=base),
                                   site=profile.name if profile else "", target=args.script,
                                   normalizer=normalizer,
                                   selectors=profile.selectors if profile else None)
        except ExtractionError as exc:
            print(f"branchnews: {path}: {exc.reason}", file=sys.stderr)
            failed += 1
            continue
        sys.stdout.write(dumps(record, indent=2 if args.pretty else None) + "\n")
    sys.stdout.flush()
    return exits.FAILED if failed else exits.OK


def cmd_reextract(args: argparse.Namespace) -> int:
    from branchnews.reextract import NotWarcError, reextract, warc_files

    missing = [w for w in args.warcs if not Path(w).exists()]
    if missing:
        print(f"branchnews: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return exits.USAGE
    if not warc_files(args.warcs):
        print(f"branchnews: no WARC files in {', '.join(args.warcs)}", file=sys.stderr)
        return exits.USAGE
    def show(report) -> None:
        bar.update(report.records, total=len(report.found) or None,
                   failed=report.skipped["extraction failed"],
                   note=f"{report.list_pages} list pages, {report.written} written")

    try:
        with console.current().progress("reextract", "articles") as bar:
            report = reextract(args.warcs, args.out, site=args.site, script=args.script,
                               on_progress=show)
    except (ProfileError, NotWarcError) as exc:
        print(f"branchnews: {exc}", file=sys.stderr)
        return exits.USAGE
    print(f"branchnews: {report.summary()} in {args.out}", file=sys.stderr)
    return exits.OK


def cmd_sample_site(args: argparse.Namespace) -> int:
    if args.sites is not None:  # N generated sites, one per loopback address
        from branchnews.sample_site.server import serve_fleet

        if args.sites < 1 or args.latency < 0:
            print("branchnews: --sites needs at least 1 site and --latency 0 ms or more", file=sys.stderr)
            return 2
        try:
            serve_fleet(args.sites, 20 if args.articles is None else args.articles, args.port,
                        latency=args.latency / 1000, profiles=args.profiles)
        except OSError as exc:
            print(f"branchnews: cannot serve a fleet on port {args.port}: {exc.strerror}", file=sys.stderr)
            return 1
        return 0
    if args.articles is not None:  # a generated site of N articles, rendered on request
        from branchnews.sample_site.server import serve_scaled

        serve = functools.partial(serve_scaled, articles=args.articles)
    else:
        from branchnews.sample_site.server import serve
    print(f"Serving the branchnews sample site at http://{args.host}:{args.port}/ (Ctrl-C stops)",
          file=sys.stderr)
    try:
        serve(args.host, args.port)
    except KeyboardInterrupt:
        pass
    return 0


def cmd_sites(args: argparse.Namespace) -> int:
    for name in available():
        try:
            profile = load_profile(name)
        except ProfileError as exc:  # one broken profile does not hide the others
            print(f"{name:24} (broken: {exc})")
            continue
        print(f"{name:24} {profile.description or '(no description)'}")
        print(f"{'':24} {', '.join(profile.start_urls)}")
    return 0


DESCRIPTION = """\
Crawl Chinese organisation and government news sites into clean JSON Lines datasets.

Run "branchnews COMMAND --help" for a command's options.
"""


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("branchnews")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


def _console_flags(parser: argparse.ArgumentParser, default) -> None:
    """``-v`` / ``-q``, taken before the command or after it (``branchnews -q crawl``,
    ``branchnews crawl -q``); a command's copy defaults to SUPPRESS so it keeps the top's."""
    from branchnews import console

    modes = parser.add_mutually_exclusive_group()
    modes.add_argument("-v", "--verbose", dest="console", action="store_const",
                       const=console.VERBOSE, default=default,
                       help="show the whole log: Scrapy's banners and stats, tracebacks")
    modes.add_argument("-q", "--quiet", dest="console", action="store_const",
                       const=console.QUIET, default=default,
                       help="show only errors and the final summary")


def build_parser() -> argparse.ArgumentParser:
    from branchnews import console
    from branchnews.sample_site.server import DEFAULT_PORT

    statuses = "\n".join(f"  {code:<3} {meaning}" for code, meaning in exits.MEANINGS.items())
    parser = argparse.ArgumentParser(prog="branchnews", description=DESCRIPTION,
                                     epilog=f"exit statuses:\n{statuses}",
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"branchnews {_version()}")
    _console_flags(parser, console.NORMAL)
    flags = argparse.ArgumentParser(add_help=False)
    _console_flags(flags, argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", title="commands")
    add_parser = sub.add_parser
    sub.add_parser = lambda *a, **kw: add_parser(*a, parents=[flags], **kw)

    from branchnews.crawl_command import add_arguments as add_crawl_arguments

    crawl = sub.add_parser("crawl", help="crawl a site profile, or a site from its URLs alone, "
                                         "into <out>/<site>/<date>.jsonl")
    add_crawl_arguments(crawl)

    extract = sub.add_parser("extract", help="print one JSON record per saved page")
    extract.add_argument("pages", nargs="+", metavar="PAGE", help="a saved HTML page (repeatable)")
    extract.add_argument("--url", help="the page's http(s) URL (resolves links, gives the id; "
                                       "default: the address the page gives for itself)")
    extract.add_argument("--pretty", action="store_true",
                         help="indent the JSON for reading (Chinese stays unescaped)")
    extract.add_argument("--site", help="apply this profile's selectors")
    extract.add_argument("--content-type", help="the Content-Type header the page was served with")
    extract.add_argument("--script", choices=("simplified", "traditional"), default="simplified",
                         help="script of the record's text (default: simplified)")
    extract.set_defaults(func=cmd_extract)

    sample = sub.add_parser("sample-site", help="serve the bundled sample site")
    sample.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port to listen on (default: {DEFAULT_PORT})")
    sample.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1)")
    sample.add_argument("--articles", type=int, metavar="N",
                        help="serve a generated site of N articles instead (rendered on request)")
    sample.add_argument("--sites", type=int, metavar="N",
                        help="serve N generated sites (default 20 articles each) on 127.0.0.2, "
                             "127.0.0.3, … at --port, printing each site's URL")
    sample.add_argument("--latency", type=float, default=0.0, metavar="MS",
                        help="with --sites: wait MS milliseconds before every answer")
    sample.add_argument("--profiles", type=Path, metavar="DIR",
                        help="with --sites: write a crawl profile per site and DIR/sites.txt "
                             "(branchnews crawl @DIR/sites.txt)")
    sample.set_defaults(func=cmd_sample_site)

    from branchnews.links_command import add_arguments as add_links_arguments

    links = sub.add_parser("links", help="print a saved page's role, listing, titles, dates and "
                                         "next pages as JSON")
    add_links_arguments(links)

    from branchnews.profile_command import add_arguments as add_profile_arguments

    proposed = sub.add_parser("profile", help="crawl a sample of a site by its pages' structure "
                                              "and write the profile it implies, for review")
    add_profile_arguments(proposed)

    sites = sub.add_parser("sites", help="list the bundled site profiles with their descriptions")
    sites.set_defaults(func=cmd_sites)

    from branchnews.evaluation.command import add_arguments as add_eval_arguments

    evaluate = sub.add_parser("eval", help="score branchnews, trafilatura and GNE on a labeled corpus")
    add_eval_arguments(evaluate)

    from branchnews.scheduling.command import add_arguments as add_schedule_arguments

    schedule = sub.add_parser("schedule", help="run the crawl jobs of a jobs file at their cron times")
    add_schedule_arguments(schedule)

    from branchnews.export import add_arguments as add_export_arguments

    export = sub.add_parser("export", help="write a dataset as Parquet, one file per site")
    add_export_arguments(export)

    from branchnews.stats import add_arguments as add_stats_arguments

    stats = sub.add_parser("stats", help="count and hash a dataset; --write its manifest and card")
    add_stats_arguments(stats)

    reextract = sub.add_parser("reextract", help="rebuild records offline from WARC captures")
    reextract.add_argument("warcs", nargs="+", metavar="WARC",
                           help="WARC files (.warc.gz) or folders holding them")
    reextract.add_argument("-o", "--out", required=True, metavar="DIR",
                           help="write DIR/<site>/<day>.jsonl")
    reextract.add_argument("--site", help="site profile name or .toml path (default: the one "
                                          "the WARC's warcinfo names)")
    reextract.add_argument("--script", choices=("simplified", "traditional"),
                           help="script of the records (default: the crawl's, from the warcinfo)")
    reextract.set_defaults(func=cmd_reextract)
    return parser


def main(argv: list[str] | None = None) -> int:
    from branchnews import console

    args = build_parser().parse_args(argv)
    with console.session(args.console):
        return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
