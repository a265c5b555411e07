"""List-page quality gate: branchnews's recall, precision and pagination on the labeled list
pages must not fall below the floors pinned in ``tests/eval/list_floors.json``.

The pages are ``<repo>/../shared/lists`` (its hash is pinned with ``floors``, so a changed set
cannot move scores unnoticed) and, together with them, every folder named in
``$BRANCHNEWS_LISTS`` (``os.pathsep``-separated). Those are not hashed: such folders grow while
pages are collected, so the whole set is held to ``extra_floors``, the targets the project set
itself (recall and precision 0.98, pagination 0.95), not to the pinned scores.

    python -m branchnews.evaluation.list_gate            # check (exit 1 below a floor)
    python -m branchnews.evaluation.list_gate --update   # raise floors to today's scores
    python -m branchnews.evaluation.list_gate --update --allow-regression   # may lower them:
                                                         # say so in the commit message
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from branchnews.evaluation.corpus import CorpusError
from branchnews.evaluation.gate import LOUD, REPO, below_floor, floor3, read_floors, write_floors
from branchnews.evaluation.lists import (DEFAULT_RELATIVE, ENV_VAR, MEASURES, evaluate_lists,
                                         load_pages, locate_lists, lists_sha256, make_list_tool)

FLOORS = REPO / "tests" / "eval" / "list_floors.json"
EXTRA_FLOORS = {"recall": 0.98, "precision": 0.98, "pagination": 0.95}


def shared_lists() -> Path:
    return REPO / DEFAULT_RELATIVE


def measure(roots) -> dict[str, float]:
    """branchnews alone (no peers) on the pages of *roots*."""
    pages, _ = load_pages(roots)
    (scores,) = evaluate_lists(pages, [make_list_tool("branchnews")])
    return scores.values()


def report(scores, floors) -> str:
    low = set(below_floor(scores, floors))
    lines = [f"{'measure':<11} {'score':>7} {'floor':>7}"]
    for name in MEASURES:
        score, floor = scores.get(name), floors.get(name)
        lines.append(f"{name:<11} {'—' if score is None else f'{score:.4f}':>7} "
                     f"{'—' if floor is None else f'{floor:.3f}':>7}"
                     + ("  BELOW FLOOR" if name in low else ""))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m branchnews.evaluation.list_gate",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--floors", type=Path, default=FLOORS)
    parser.add_argument("--update", action="store_true", help="re-pin floors (only upward)")
    parser.add_argument("--allow-regression", action="store_true",
                        help="with --update: allow lowering floors (say so in the commit message)")
    args = parser.parse_args(argv)
    shared = shared_lists()
    try:
        scores = measure([shared])
        roots = locate_lists(base=REPO)
    except CorpusError as exc:
        print(f"list gate: {exc}", file=sys.stderr)
        return 2
    try:
        pinned = read_floors(args.floors)
    except FileNotFoundError:
        pinned = {}
    old = pinned.get("floors", {})
    sha = lists_sha256([shared])
    if not args.update:
        print(report(scores, old))
        if pinned.get("lists_sha256") != sha:
            print(f"\nlist gate: {shared} is not the pinned set (sha256 {sha}); re-pin with "
                  "--update after checking the scores", file=sys.stderr)
            return 1
        failing = below_floor(scores, old) if old else ["no floors pinned"]
        if len(roots) > 1:
            extra = pinned.get("extra_floors", {})
            everything = measure(roots)
            print(f"\nwith {', '.join(map(str, roots[1:]))}:\n" + report(everything, extra))
            failing += [f"{n} (with ${ENV_VAR})" for n in below_floor(everything, extra)]
        if failing:
            print(f"\nlist gate: below floor: {', '.join(failing)}", file=sys.stderr)
            return 1
        return 0
    new = {name: floor3(scores[name]) for name in MEASURES if name in scores}
    lowered = [n for n in old if new.get(n, -1) < old[n]]
    if lowered and not args.allow_regression:
        print(report(scores, old))
        print(f"\nlist gate: refusing to lower floors for {', '.join(lowered)}", file=sys.stderr)
        return 1
    if not args.allow_regression:
        new = {n: max(v, old.get(n, v)) for n, v in new.items()}
    write_floors(args.floors, {"lists_sha256": sha, "pages": len(load_pages([shared])[0]),
                               "floors": new,
                               "extra_floors": pinned.get("extra_floors", EXTRA_FLOORS)})
    print(report(scores, new))
    if lowered:
        print(LOUD.format(fields=", ".join(lowered)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
