"""The dataset card: a ``README.md`` beside the data that says what is in it and how it was made.

Rendered from a manifest (:mod:`branchnews.pipelines.manifest`) and the JSON Schema: what every field means
(the schema's own descriptions), where the pages came from (sites, start URLs, time span), what
normalisation changed (records per step), the files with their hashes, and the known limits.
Pure: text in, text out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from branchnews.pipelines.files import SCHEMA_FILE
from branchnews.pipelines.record import FIELDS
from branchnews.pipelines.record_schema import schema
from branchnews.pipelines.summary import COVERAGE, NO_CHANNEL

STEPS = {
    "pinyin": "glued pinyin annotations removed (當(dāng)前 → 当前)",
    "gbk_scars": "`?` scars from a byte-level GBK edit rebuilt (?,F(xiàn)將 → 。现将)",
    "t2s": "traditional characters converted to simplified (OpenCC t2s)",
    "s2t": "simplified characters converted to traditional (OpenCC s2t)",
    "zhe": "著 → 着 where the particle was meant and OpenCC kept 著",
    "punctuation": "half-width , ; ! ? : ( ) in Chinese text made full-width (English, numbers, "
                   "times and URLs keep ASCII)",
    "whitespace": "NBSP, U+3000 and other exotic spaces made plain spaces; zero-width characters "
                  "and BOMs removed",
}
LIMITS = [
    "Articles are those linked from the start URLs' list pages (and their pagination) while the "
    "crawl ran; robots.txt was obeyed. Pages a site hides behind scripts, logins or WAF "
    "challenges are missing (challenge pages are logged as errors, never written as records).",
    "Fields are extracted by rules, not by hand; their accuracy is measured per field on a "
    "labeled corpus (`branchnews eval`, see the branchnews README) and is high but not 100%. "
    "A field the page does not show is null, never guessed.",
    "`published` is a date (`2017-09-14`) or, when the page shows a time, a Beijing-time "
    "date-time with `+08:00`; `fetched_at` and `updated_at` are UTC. `to_pandas()` and the "
    "explicit schemas give zoned timestamps that keep the offset; a bare date has no time of "
    "day, and readers that parse it put it at midnight (`to_pandas()`: Beijing time; the "
    "others: UTC, i.e. 08:00 `+08:00`). The Parquet export keeps the text.",
    f"A channel is the first breadcrumb item after the home item; `{NO_CHANNEL}` when the page "
    "shows no breadcrumb beyond 首页 (a record does not say which list page linked it).",
    "Repost detection is exact: the same normalised title and text under another URL. Near "
    "duplicates (an extra line, a different headline) are not detected.",
    "A changed article is written again with the same `id` and the next `version`; loaders that "
    "read JSON Lines directly see every version (`branchnews.load_dataset` keeps the latest).",
    "Text is normalised (see above); the page's original script is in `original_script`. The "
    "raw pages are kept in `warc/` when the crawl captured them (`branchnews reextract` "
    "rebuilds the records from them).",
]


def _type(prop: Mapping[str, Any]) -> str:
    if "$ref" in prop:
        return "section"
    if "const" in prop:
        return f"string (`{prop['const']}`)"
    if "enum" in prop:
        return "one of " + ", ".join(f"`{v}`" for v in prop["enum"])
    kind = prop.get("type")
    kinds = [kind] if isinstance(kind, str) else list(kind or [])
    nullable = "null" in kinds
    kinds = [k for k in kinds if k != "null"]
    text = kinds[0] if kinds else "any"
    if text == "array":
        items = prop.get("items", {})
        if "$ref" in items:
            inner = "section"
        elif items.get("type") == "object":
            inner = "object"
        elif "enum" in items:
            inner = "step"
        else:
            inner = _type(items)
        text = f"list of {inner}"
    return text + (" or null" if nullable else "")


def field_rows() -> list[tuple[str, str, str]]:
    """``(field, type, meaning)`` for every record field, nested ones as ``parent[].child``."""
    root = schema()
    rows = []

    def describe(name: str, prop: Mapping[str, Any]) -> str:
        text = prop.get("description", "")
        return text.replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")

    for name in FIELDS:
        prop = root["properties"][name]
        rows.append((name, _type(prop), describe(name, prop)))
        items = prop.get("items", {})
        if "$ref" in items:
            items = root["$defs"][items["$ref"].rsplit("/", 1)[-1]]
        for child, sub in items.get("properties", {}).items():
            if child == "subsections":
                sub_name = f"{name}[].subsections"
                rows.append((sub_name, "list of section", describe(sub_name, sub)))
                continue
            child_name = f"{name}[].{child}"
            rows.append((child_name, _type(sub), describe(child_name, sub)))
    return rows


def _md_table(headers: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join("" if c is None else str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def percent(value: float) -> str:
    """A share as the card and ``branchnews stats`` print it."""
    return f"{value * 100:.1f}%"


def render_card(manifest: Mapping[str, Any]) -> str:
    """The dataset card (Markdown) for a manifest."""
    sites = manifest["sites"]
    span = manifest["time_span"]
    dup = manifest["duplicates"]
    soft = manifest["generated_by"]
    total = manifest["records"]
    site_names = ", ".join(f"`{s}`" for s in sites) or "none"
    out = [
        f"# {manifest['dataset']}: a branchnews news dataset",
        "",
        f"{total} articles from {len(sites)} site(s) ({site_names}), crawled between "
        f"{span['fetched_first']} and {span['fetched_last']} (UTC) and published between "
        f"{span['published_first']} and {span['published_last']}. One article per line of "
        "JSON Lines (UTF-8, no `\\u` escapes) in `<site>/<YYYY-MM-DD>.jsonl` (crawl day), "
        f"schema version {manifest['schema_version']}: every field is defined in the JSON Schema "
        f"`{SCHEMA_FILE}` beside this card. This card, `manifest.json` and `{SCHEMA_FILE}` are "
        "generated; do not edit them by hand.",
        "",
        "## Load it",
        "",
        "Install branchnews (Python 3.11 or newer; `[data]` adds pandas, polars, DuckDB and "
        "Hugging Face `datasets`), then load this folder:",
        "",
        "```sh",
        "python3 -m pip install \"branchnews[data]\"",
        "```",
        "",
        "```python",
        "from branchnews import load_dataset",
        "",
        "ds = load_dataset(\"path/to/this/folder\")  # latest version per id, reposts marked",
        "df = ds.to_pandas()  # published: zoned timestamps at +08:00",
        "```",
        "",
        "Plain tools read the files too. Their type inference looks at a sample only, so pass "
        "branchnews' explicit schema for large files (`branchnews.pipelines.parquet`: `polars_schema()`, "
        "`duckdb_columns()`, `hf_features()`: they also keep the time fields' instants with "
        "their offsets), or read the Parquet export "
        "(`branchnews export DATASET --format parquet`), which keeps every field as written.",
        "",
        "## Where the pages came from",
        "",
        _md_table(["site", "records", "start URLs", "first fetched", "last fetched", "crawl errors"],
                  [[f"`{name}`", s["records"], "<br>".join(s.get("start_urls") or ["(unknown)"]),
                    s["time_span"]["fetched_first"], s["time_span"]["fetched_last"], s["errors"]]
                   for name, s in sites.items()]),
        "",
    ]
    for name, s in sites.items():
        out += [f"Channels of `{name}`:", "",
                _md_table(["channel", "records"], [[c, n] for c, n in s["channels"].items()]), ""]
    out += ["Records per year of publication:", "",
            _md_table(["year", "records"], [[y, n] for y, n in manifest["years"].items()]), ""]
    cov = manifest["coverage"]
    out += [
        "Field coverage (share of records with a value):", "",
        _md_table([f"`{name}`" for name in COVERAGE], [[percent(cov[name]) for name in COVERAGE]]),
        "",
        "## Fields",
        "",
        _md_table(["field", "type", "meaning"], [[f"`{n}`", t, d] for n, t, d in field_rows()]),
        "",
        "## Processing",
        "",
        "Each page was decoded like a browser would (charset from the HTTP header, `<meta>` and "
        "the bytes, with lies caught), stripped of page chrome, and read into the fields above. "
        "All text was then normalised; a record's `normalization` lists the steps that changed "
        "something in it:",
        "",
        _md_table(["step", "what it does", "records changed"],
                  [[f"`{k}`", v, manifest["normalization"].get(k, 0)] for k, v in STEPS.items()]),
        "",
        "Original script of the pages: " + (", ".join(
            f"{k} {v}" for k, v in manifest["original_script"].items()) or "none") + ".",
        "",
        f"Versions: {manifest['record_lines']} record lines hold {total} articles; "
        f"{manifest['superseded_versions']} lines are older versions of a changed article.",
        "",
        f"Reposts: {dup['duplicates']} records repeat the text of an earlier one "
        f"({dup['groups']} group(s)); policy `{dup['policy']}` "
        "(`duplicate_of` names the earliest record: earliest `published`, then `fetched_at`).",
        "",
    ]
    if manifest["warnings"]:
        out += ["Warnings on records: " + ", ".join(
            f"`{k}` {v}" for k, v in manifest["warnings"].items()) + ".", ""]
    out += ["## Known limits", ""]
    out += [f"- {text}" for text in LIMITS]
    no_date = manifest["warnings"].get("no_date", 0)
    if no_date:
        out.append(f"- {no_date} record(s) have no publish date (`no_date`).")
    if manifest["errors"]:
        out.append(f"- {manifest['errors']} page(s) failed during the crawl; see "
                   "`<site>/<day>.errors.jsonl` (URL, reason, status).")
    out += [
        "",
        "## Files",
        "",
        _md_table(["file", "kind", "lines", "bytes", "SHA-256"],
                  [[f"`{f['path']}`", f["kind"], f.get("lines", ""), f["bytes"], f"`{f['sha256']}`"]
                   for f in manifest["files"]]),
        "",
        f"Generated {manifest['generated_at']} by branchnews {soft.get('branchnews')} "
        f"(Scrapy {soft.get('scrapy')}, OpenCC {soft.get('opencc')}, Python {soft.get('python')}).",
        "",
    ]
    return "\n".join(out)
