"""A manifest as plain text tables: what ``branchnews stats`` prints.

Aligned by display width, so columns of Chinese channel names (double-width characters) line
up in a terminal. Pure: a manifest dict in, text out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from branchnews.pipelines.card import percent
from branchnews.pipelines.summary import COVERAGE


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _is_number(text: str) -> bool:
    return text.replace(".", "", 1).replace("%", "", 1).isdigit()


def table(headers: list[str], rows: list[list[Any]]) -> str:
    """A plain text table, aligned for CJK (double-width) characters too."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [all(_is_number(row[i]) for row in cells[1:]) and len(cells) > 1
               for i in range(len(headers))]
    out = []
    for n, row in enumerate(cells):
        parts = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - _width(cell))
            parts.append(pad + cell if numeric[i] and n else cell + pad)
        out.append("  ".join(parts).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def render_tables(manifest: Mapping[str, Any]) -> str:
    """``branchnews stats`` output: the manifest as readable tables."""
    span = manifest["time_span"]
    dup = manifest["duplicates"]
    soft = manifest["generated_by"]
    blocks = [
        f"Dataset {manifest['dataset']}: {manifest['records']} records "
        f"({manifest['record_lines']} lines, {manifest['superseded_versions']} older versions"
        + (f", {manifest['damaged_lines']} damaged lines skipped" if manifest.get("damaged_lines")
           else "") + "), "
        f"schema {', '.join(manifest['schema_versions_found']) or manifest['schema_version']}",
        f"Fetched {span['fetched_first']} … {span['fetched_last']}; "
        f"published {span['published_first']} … {span['published_last']}",
        f"Reposts: {dup['duplicates']} in {dup['groups']} group(s), policy {dup['policy']}"
        + (f", {dup['dropped']} dropped" if dup.get("dropped") else "")
        + f"; crawl errors logged: {manifest['errors']}",
        f"Software: branchnews {soft.get('branchnews')}, Scrapy {soft.get('scrapy')}, "
        f"OpenCC {soft.get('opencc')}, Python {soft.get('python')}",
    ]
    blocks = ["\n".join(blocks)]
    sites = manifest["sites"]
    blocks.append(table(["site", "records", "reposts", "errors", "first fetched", "last fetched"],
                        [[name, s["records"], s["reposts"], s["errors"],
                          s["time_span"]["fetched_first"], s["time_span"]["fetched_last"]]
                         for name, s in sites.items()]))
    names = list(COVERAGE)
    blocks.append(table(["coverage"] + names,
                        [[name] + [percent(s["coverage"][k]) for k in names]
                         for name, s in sites.items()]
                        + ([["all"] + [percent(manifest["coverage"][k]) for k in names]]
                           if len(sites) > 1 else [])))
    for name, s in sites.items():
        blocks.append(table([f"channel ({name})", "records"], [[c, n] for c, n in s["channels"].items()]))
    years = sorted({y for s in sites.values() for y in s["years"]}, key=lambda y: (y == "unknown", y))
    blocks.append(table(["year"] + list(sites), [[y] + [s["years"].get(y, 0) for s in sites.values()]
                                                  for y in years]))
    if manifest["normalization"]:
        blocks.append(table(["normalisation step", "records"],
                            [[k, v] for k, v in manifest["normalization"].items()]))
    blocks.append(table(["file", "kind", "lines", "bytes", "sha256"],
                        [[f["path"], f["kind"], f.get("lines", ""), f["bytes"], f["sha256"][:16] + "…"]
                         for f in manifest["files"]]))
    return "\n\n".join(blocks) + "\n"
