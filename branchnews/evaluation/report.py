"""Render an :class:`~branchnews.evaluation.runner.EvalResult`: table, JSON, per-page misses."""

from __future__ import annotations

from collections.abc import Mapping

from branchnews.evaluation import scoring
from branchnews.evaluation.runner import FIELDS, Check, EvalResult, FieldScore, ToolResult, misses

DASH = "—"
BASE = "branchnews"
DIFF_LINES = 6     # missing/extra paragraphs shown per page
CLIP = 90          # characters of a value shown in the details


def format_score(name: str, score: FieldScore | None) -> str:
    if score is None:
        return DASH
    if not score.total:
        return "0/0"
    if name == "body_f1":
        return f"{score.value:.3f} (n={score.total})"
    return f"{score.hits:g}/{score.total} ({100 * score.value:.1f}%)"


def _pps(tool: ToolResult) -> str:
    pps = tool.pages_per_second
    return f"{pps:.1f}" if pps else DASH


def _ratio(result: EvalResult, name: str) -> str:
    if name == BASE or BASE not in result.tools:
        return DASH
    ratio = result.ratio(name)
    return f"{ratio:.2f}×" if ratio else DASH


def table(result: EvalResult) -> str:
    """Fields as rows, tools as columns, then speed and the speed ratio branchnews/peer."""
    names = list(result.tools)
    head = ["field"] + [f"{n} {result.tools[n].version}" for n in names]
    rows = [[name] + [format_score(name, result.tools[n].scores.get(name)) for n in names]
            for name in FIELDS]
    rows.append(["pages failed"] + [str(len(result.tools[n].errors)) for n in names])
    rows.append(["pages/s"] + [_pps(result.tools[n]) for n in names])
    if BASE in result.tools and len(names) > 1:
        rows.append([f"{BASE} speed ×"] + [_ratio(result, n) for n in names])
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    fmt = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    sha = result.corpus_sha256[:12] + "…" if result.corpus_sha256 else "not hashed"
    lines = [f"{result.pages} pages from {result.corpus} (corpus sha256 {sha}); "
             f"speed: median of {result.repeat} pass{'es' if result.repeat != 1 else ''}",
             "", fmt(head), fmt(["-" * w for w in widths]), *map(fmt, rows)]
    lines += ["", "title, date: all pages (a null label is matched by no value); source, author,",
              "editor, body_first, body_last: pages whose label has one; body_f1: mean over pages",
              "of the bag-of-characters F1; speed ×: branchnews pages/s over the tool's."]
    for name in names:
        for page_id, message in result.tools[name].errors:
            lines.append(f"{name}: {page_id}: {message}")
    lines += [f"corpus: {w}" for w in result.warnings]
    return "\n".join(lines)


def _shorten(value: object, width: int) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _clip(value: object, width: int = CLIP) -> str:
    """A value as Python would show it (quotes tell '' from None), on one line, clipped."""
    return "None" if value is None else repr(_shorten(value, width))


def body_diff(got: str | None, expected: str | None) -> tuple[list[str], list[str]]:
    """Label paragraphs the tool lacks, and tool paragraphs the label lacks (folded containment)."""
    got_lines = [ln for ln in (got or "").splitlines() if ln.strip()]
    want_lines = [ln for ln in (expected or "").splitlines() if ln.strip()]
    got_all, want_all = scoring.fold(got), scoring.fold(expected)
    missing = [ln for ln in want_lines if scoring.fold(ln) not in got_all]
    extra = [ln for ln in got_lines if scoring.fold(ln) and scoring.fold(ln) not in want_all]
    return missing, extra


def _detail(check: Check) -> dict:
    item = {"id": check.page, "field": check.field, "score": round(check.score, 4),
            "got": check.got, "expected": check.expected}
    if check.note:
        item["note"] = check.note
    if check.field == "body_f1":
        # Whole bodies would drown the report: sizes, and the paragraphs that differ.
        item["got"] = None if check.got is None else f"{len(scoring.fold(check.got))} chars"
        item["expected"] = f"{len(scoring.fold(check.expected))} chars"
        item["missing"], item["extra"] = body_diff(check.got, check.expected)
    return item


def details(tool: ToolResult) -> list[dict]:
    """Every imperfect check of *tool* (and unscored values) as JSON-ready dicts."""
    out = [_detail(c) for c in misses(tool)]
    out += [{"id": c.page, "field": c.field, "got": c.got, "expected": None,
             "note": "label is null: not scored"} for c in tool.unscored]
    return out


def details_text(tool: ToolResult, notes: Mapping[str, object] | None = None) -> str:
    """Per-page misses, grouped by page, with what to look at for each.

    *notes* (page id → the label's ``notes``) are printed under each page id: they say what is
    tricky about the page, which is usually why it is missed.
    """
    notes = notes or {}
    items = details(tool)
    scored = [d for d in items if "score" in d]
    lines = [f"Misses for {tool.name}: {len(scored)} (id, field: got / expected)"]
    current = None
    for d in scored:
        if d["id"] != current:
            current = d["id"]
            lines.append("")
            lines.append(current)
            if notes.get(current):
                lines.append(f"  {'notes':<11} {_shorten(notes[current], 160)}")
        field = d["field"]
        if d["got"] is None and d.get("note") and field == "body_f1":
            lines.append(f"  {field:<11} {'error':<10} {d['note']}")
            continue
        if field == "body_f1":
            lines.append(f"  {field:<11} {d['score']:.3f} ({d.get('note', '')}); "
                         f"got {d['got']}, expected {d['expected']} (folded)")
            for key in ("missing", "extra"):
                for line in d[key][:DIFF_LINES]:
                    lines.append(f"  {'':<11} {key:<8} {_clip(line, 70)}")
                if len(d[key]) > DIFF_LINES:
                    lines.append(f"  {'':<11} {key:<8} … {len(d[key]) - DIFF_LINES} more")
            continue
        if d["got"] is None and d.get("note"):
            lines.append(f"  {field:<11} {'error':<10} {d['note']}")
        else:
            shown = {"body_first": "first para", "body_last": "last para"}.get(field, "got")
            lines.append(f"  {field:<11} {shown:<10} {_clip(d['got'])}")
        lines.append(f"  {'':<11} {'expected':<10} {_clip(d['expected'])}")
    extra = [d for d in items if "score" not in d]
    if extra:
        lines += ["", f"Values {tool.name} gave where the label is null (not scored):"]
        lines += [f"  {d['id']:<20} {d['field']:<8} {_clip(d['got'])}" for d in extra]
    return "\n".join(lines)


def as_json(result: EvalResult, with_details: bool = False) -> dict:
    tools = {}
    for name, tool in result.tools.items():
        # body_f1's "hits" is the sum of the pages' F1, its "value" their mean.
        scores = {f: (None if s is None else
                      {"hits": s.hits if f == "body_f1" else int(s.hits), "total": s.total,
                       "value": s.value})
                  for f, s in tool.scores.items()}
        tools[name] = {
            "version": tool.version,
            "scores": scores,
            "pages_per_second": tool.pages_per_second,
            "seconds": tool.seconds,
            "speed_ratio": None if name == BASE else result.ratio(name),
            "errors": [{"id": pid, "error": msg} for pid, msg in tool.errors],
        }
    out = {"corpus": result.corpus, "corpus_sha256": result.corpus_sha256, "pages": result.pages,
           "repeat": result.repeat, "fields": list(FIELDS),
           "speed_ratio_is": f"{BASE} pages/s over the tool's", "tools": tools,
           "warnings": result.warnings}
    if with_details and BASE in result.tools:
        out["details"] = details(result.tools[BASE])
    return out
