"""Profiles for a served fleet of sample sites: the bundled ``sample`` profile pointed at one
fleet address each, named after it, without the proxy (each site is its own host).

    branchnews sample-site --sites 20 --profiles fleet/   # fleet/sample-127-0-0-2.toml …, fleet/sites.txt
    branchnews crawl @fleet/sites.txt

Written as TOML files, so a fleet crawl names its sites as any crawl does (a path each, or one
``@FILE`` listing them), in this process or in a scheduled one.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["site_name", "site_profile_text", "write_profiles"]

# The sample profile's own identity, replaced for each fleet site; its link rules and settings stay.
_IDENTITY = re.compile(r"^(?:name|description|start_urls|allowed_domains|proxy)\s*=.*$\n?", re.M)


def site_name(url: str) -> str:
    """``http://127.0.0.2:8931/`` → ``sample-127-0-0-2`` (the dataset folder and the lock)."""
    return "sample-" + (urlsplit(url).hostname or "").replace(".", "-").replace(":", "-")


def site_profile_text(url: str) -> str:
    """The TOML profile of the fleet site served at ``url``."""
    sample = resources.files("branchnews.crawler.profiles").joinpath("sample.toml").read_text("utf-8")
    host = urlsplit(url).hostname
    head = (f"name = {json.dumps(site_name(url))}\n"
            f"description = {json.dumps(f'Fleet sample site at {url} (branchnews sample-site --sites)')}\n"
            f"start_urls = [{json.dumps(url)}]\n"
            f"allowed_domains = [{json.dumps(host)}]\n")
    rules = _IDENTITY.sub("", sample).lstrip()
    while rules.startswith("#"):  # the sample's own header: how to serve that one site
        rules = rules.partition("\n")[2]
    return head + rules


def write_profiles(folder: Path, urls: list[str]) -> Path:
    """One profile per site in ``folder`` and ``sites.txt`` listing them (for ``crawl @FILE``)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for url in urls:
        path = folder / f"{site_name(url)}.toml"
        path.write_text(site_profile_text(url), encoding="utf-8")
        paths.append(path.resolve())
    listing = folder / "sites.txt"
    listing.write_text("".join(f"{p}\n" for p in paths), encoding="utf-8")
    return listing
