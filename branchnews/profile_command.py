"""``branchnews profile URL…``: crawl a sample of a site by its pages' structure, as
``branchnews crawl URL…`` does, and write the profile that crawl implies, for review.

The crawl runs into a temporary folder (no dataset, WARC or manifest is kept); what it read is
in its walk's :class:`~branchnews.crawler.learning.SeenPages`, from which
:func:`~branchnews.crawler.learning.learn_links` induces the ``[links]`` regexes. The proposed
profile also says, as comments, the charsets seen, the CMS family when one is recognised, and
the field coverage on the sampled articles: what a reviewer needs to judge it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import tomllib
from pathlib import Path

from branchnews import exits
from branchnews.crawler.profiles import ProfileError, profile_from_dict, url_profile
from branchnews.pipelines.output import write_atomically

DEFAULT_PAGES = 500  # pages the sample crawl fetches at most
# What a sample crawl does not keep: its raw captures and the dataset's manifest.
NOT_KEPT = (("DOWNLOADER_MIDDLEWARES", "branchnews.crawler.warc.WarcMiddleware", "BRANCHNEWS_WARC"),
            ("ITEM_PIPELINES", "branchnews.pipelines.scrapy_pipelines.ManifestPipeline",
             "BRANCHNEWS_MANIFEST"))
# Documents and assets are never pages to crawl, whatever a site's URLs look like.
DENY = r"(?i)\.(?:pdf|docx?|xlsx?|pptx?|zip|rar|7z|wps|txt|png|jpe?g|gif|bmp|webp|mp4|mp3|css|js)(?:\?.*)?$"


def _toml_string(text: str) -> str:
    """A TOML string: a literal one when it can be (a regex reads as written), else basic."""
    if "'" not in text and not any(ord(c) < 32 for c in text):
        return f"'{text}'"
    return json.dumps(text, ensure_ascii=False)


def _strings(values) -> str:
    return "[" + ", ".join(_toml_string(v) for v in values) + "]"


def _patterns(name: str, values: list[str]) -> list[str]:
    return [f"{name} = ["] + [f"    {_toml_string(v)}," for v in values] + ["]"]


def profile_text(profile, learned, *, charsets, family, coverage, articles: int, pages: int) -> str:
    """The proposed profile as TOML: what was learned, and comments for the reviewer."""
    description = "learned from " + " ".join(profile.start_urls) + (
        f"; CMS family {family}" if family else "")
    lines = [
        f"# Proposed by branchnews profile from a crawl of {pages} pages by their structure:",
        f"# {len(learned.articles)} article links, {len(learned.lists)} list pages on the way "
        f"to them, {len(learned.others)} other pages.",
        "# Review before use: the [links] regexes are induced from the URLs seen.",
        "# charsets seen: " + (", ".join(f"{c} ({n} pages)" for c, n in charsets.most_common())
                               or "none"),
        f"# CMS family: {family or 'not recognised'}",
        f"# field coverage on the {articles} sampled articles:",
        *(f"#   {field}: {share:.0%}" for field, share in coverage.items()),
        f"name = {_toml_string(profile.name)}",
        f"description = {_toml_string(description)}",
        f"start_urls = {_strings(profile.start_urls)}",
        f"allowed_domains = {_strings(profile.allowed_domains)}",
    ]
    if profile.within:
        lines.append(f"within = {_strings(profile.within)}")
    lines += ["", "[links]", *_patterns("article", learned.article), *_patterns("list", learned.list),
              *_patterns("deny", [DENY])]
    return "\n".join(lines) + "\n"



def _settings(args: argparse.Namespace, out: str):
    """A crawl's settings (``-s`` included) into ``out``, keeping no captures, within budget."""
    from branchnews.crawl_command import crawl_settings

    settings = crawl_settings(argparse.Namespace(**{**vars(args), "out": out, "script": None,
                                                    "redis": None}))
    for table, component, switch in NOT_KEPT:
        settings.set(switch, False, priority="cmdline")
        settings.set(table, {**settings.getdict(table), component: None}, priority="cmdline")
    settings.set("CLOSESPIDER_PAGECOUNT", args.pages, priority="cmdline")
    return settings


def cmd_profile(args: argparse.Namespace) -> int:
    from branchnews.crawl_command import failure, run_crawler
    from branchnews.crawler.learning import cms_family, learn_links
    from branchnews.pipelines.scrapy_pipelines import COVERAGE_FIELDS

    def fail(why: str, status: int = exits.FAILED) -> int:
        print(f"branchnews: {why}", file=sys.stderr)
        return status

    try:
        profile = url_profile(args.urls, args.name, args.within)
    except ProfileError as exc:
        return fail(str(exc), exits.USAGE)
    if args.pages < 1:
        return fail(f"--pages {args.pages}: give at least 1", exits.USAGE)
    output = None if args.output in (None, "-") else Path(args.output)
    if output is not None and not output.parent.is_dir():
        return fail(f"{output}: no folder {output.parent}/ to write the profile into", exits.USAGE)
    with tempfile.TemporaryDirectory(prefix="branchnews-profile-") as tmp:
        crawler = run_crawler(_settings(args, tmp), {"urls": ",".join(args.urls),
                                                    "dataset": profile.name, "within": args.within})
    stats = crawler.stats.get_stats()
    if stats.get("finish_reason") == "closespider_pagecount":  # the sample's budget, not a failure
        stats = {**stats, "finish_reason": "finished"}
    if why := failure(stats):
        return fail(f"profile of {args.urls[0]} failed: {why}")
    walk = crawler.spider.walk
    articles = sorted(walk.requested)
    if not articles:
        return fail(f"profile of {args.urls[0]}: no article found in {len(walk.seen.roles)} "
                    "pages read; nothing to learn a profile from")
    learned = learn_links(walk.seen, articles)
    extracted = int(stats.get("branchnews/articles", 0) or 0)
    coverage = {f: (int(stats.get(f"branchnews/coverage/{f}", 0) or 0) / extracted if extracted else 0.0)
                for f in COVERAGE_FIELDS}
    text = profile_text(profile, learned, charsets=walk.seen.charsets(),
                        family=cms_family(articles), coverage=coverage, articles=extracted,
                        pages=int(stats.get("downloader/response_count", 0) or 0))
    profile_from_dict(tomllib.loads(text), source="<proposed profile>")  # it loads as written
    if output is None:
        sys.stdout.write(text)
    else:
        try:
            write_atomically(output, text)
        except OSError as exc:
            return fail(f"cannot write {output}: {exc.strerror or exc}", exits.FAILED)
        print(f"branchnews: proposed profile of {profile.name} in {output} ({len(articles)} "
              f"article links, {len(learned.lists)} list pages); review it, then: branchnews "
              f"crawl {output}", file=sys.stderr)
    return exits.OK


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("urls", nargs="+", metavar="URL", help="http(s) start URLs of one site")
    parser.add_argument("--name", metavar="NAME",
                        help="the profile's (and its dataset's) name (default: the host name)")
    parser.add_argument("--within", metavar="PREFIX",
                        help="crawl and learn only under this path (/news/) or URL prefix")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the profile to FILE (default, or -: standard output)")
    parser.add_argument("--pages", type=int, default=DEFAULT_PAGES, metavar="N",
                        help=f"fetch at most N pages for the sample (default {DEFAULT_PAGES})")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="set a Scrapy setting, as scrapy crawl -s does")
    parser.set_defaults(func=cmd_profile)
