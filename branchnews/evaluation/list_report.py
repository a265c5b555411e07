"""Render list-page scores: one table (measures × tools), then each page, then misses."""

from __future__ import annotations

from collections.abc import Sequence

from branchnews.evaluation.lists import MEASURES, ListScores, PageScore

DASH = "—"


def _cell(scores: ListScores, measure: str) -> str:
    value = scores.value(measure)
    if value is None:
        return DASH
    pages = scores.pages
    if measure == "recall":
        return f"{sum(p.right for p in pages)}/{sum(p.expected for p in pages)} ({value:.3f})"
    if measure == "precision":
        return f"{sum(p.right for p in pages)}/{sum(p.returned for p in pages)} ({value:.3f})"
    hits = sum(1 for p in pages if p.pager_hit)
    return f"{hits}/{len(pages)} ({value:.3f})"


def _grid(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    out.insert(1, "  ".join("-" * w for w in widths))
    return out


def _page_cell(page: PageScore) -> str:
    pager = DASH if page.pager_hit is None else ("ok" if page.pager_hit else "MISS")
    text = f"{page.right}/{page.expected} of {page.returned}, pager {pager}"
    return text + (" (error)" if page.error else "")


def table(results: Sequence[ListScores], where: str, sha: str) -> str:
    head = ["measure"] + [f"{r.tool} {r.version}" for r in results]
    rows = [head] + [[m] + [_cell(r, m) for r in results] for m in MEASURES]
    lines = [f"{len(results[0].pages) if results else 0} list pages from {where} "
             f"(sha256 {sha[:12]}…)", "", *_grid(rows), ""]
    page_rows = [["page", "cms"] + [r.tool for r in results]]
    for i, page in enumerate(results[0].pages if results else []):
        page_rows.append([page.id, page.cms[:28]] + [_page_cell(r.pages[i]) for r in results])
    lines += _grid(page_rows)
    lines += ["", "recall: label links found / label links; precision: label links found / links",
              "returned; pagination: pages whose first labeled forward page is found (none "
              "labeled: none given); cells: found/labeled of returned."]
    for r in results:
        lines += [f"{r.tool}: {p.id}: {p.error}" for p in r.pages if p.error]
    return "\n".join(lines)


def details_text(scores: ListScores) -> str:
    """What one tool missed or added on each page."""
    lines = []
    for page in scores.pages:
        if not page.missed and not page.extra and page.pager_hit is not False:
            continue
        lines.append(f"{page.id}:")
        lines += [f"  missed  {u}" for u in page.missed]
        lines += [f"  extra   {u}" for u in page.extra]
        if page.pager_hit is False:
            lines.append(f"  pager   got {page.pager_got[:4]}")
    return "\n".join(lines) or f"{scores.tool}: nothing missed"


def as_json(results: Sequence[ListScores], where: str, sha: str) -> dict:
    return {"lists": where, "sha256": sha, "tools": {
        r.tool: {"version": r.version, "scores": r.values(), "pages": [
            {"id": p.id, "expected": p.expected, "returned": p.returned, "right": p.right,
             "pagination": p.pager_hit, "missed": p.missed, "extra": p.extra, "error": p.error}
            for p in r.pages]} for r in results}}
