"""Quality gate: branchnews's per-field scores on the corpus must not fall below pinned floors.

``tests/eval/floors.json`` holds, per field, the score measured when it was last pinned,
rounded *down* to 3 decimals, and ``corpus_sha256`` (:func:`~.corpus.corpus_sha256`), so a
changed corpus cannot move scores without anyone noticing.

    python -m branchnews.evaluation.gate                      # check (exit 1 below a floor)
    python -m branchnews.evaluation.gate --update             # raise floors to today's scores
    python -m branchnews.evaluation.gate --update --allow-regression   # may lower them: say so
                                                              # in the commit message

``--update`` only ever moves a floor up, unless ``--allow-regression`` is given; then it
prints a loud warning. The file is replaced atomically.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Mapping
from pathlib import Path

from branchnews.evaluation.corpus import CorpusError, corpus_sha256, load, locate
from branchnews.evaluation.runner import FIELDS, EvalResult, evaluate
from branchnews.evaluation.tools import make_tool
from branchnews.pipelines.output import write_atomically

EPSILON = 1e-9     # float noise only: one page flipping moves a 25-page score by 0.04
REPO = Path(__file__).resolve().parents[2]
FLOORS = REPO / "tests" / "eval" / "floors.json"


def floor3(value: float) -> float:
    """*value* rounded down to 3 decimals (with a hair of slack for binary fractions)."""
    return math.floor(value * 1000 + 1e-6) / 1000


def find_corpus(explicit: str | None = None) -> Path:
    """``explicit``, else ``$BRANCHNEWS_CORPUS``, else ``<repo>/../shared/corpus``."""
    return locate(explicit, base=REPO)


def measure(root: Path, repeat: int = 1) -> EvalResult:
    """Score branchnews alone (no peers: fast) on the corpus at *root*."""
    return evaluate(load(root), [make_tool("branchnews")], repeat=repeat,
                    corpus_sha256=corpus_sha256(root))


def scores_of(result: EvalResult) -> dict[str, float]:
    tool = result.tools["branchnews"]
    return {name: s.value for name, s in tool.scores.items()
            if s is not None and s.value is not None}


def read_floors(path: Path = FLOORS) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def below_floor(scores: Mapping[str, float], floors: Mapping[str, float]) -> list[str]:
    """Fields whose score is under its floor (a pinned field that is no longer scored counts)."""
    return [name for name, floor in floors.items()
            if scores.get(name, -math.inf) + EPSILON < floor]


def report(scores: Mapping[str, float], floors: Mapping[str, float]) -> str:
    """Per-field table: score, floor, difference, status."""
    low = set(below_floor(scores, floors))
    lines = [f"{'field':<11} {'score':>7} {'floor':>7} {'diff':>8}"]
    for name in FIELDS:
        score, floor = scores.get(name), floors.get(name)
        if score is None and floor is None:
            continue
        diff = "" if score is None or floor is None else f"{score - floor:+.4f}"
        status = "BELOW FLOOR" if name in low else ""
        lines.append(f"{name:<11} {'—' if score is None else f'{score:.4f}':>7} "
                     f"{'—' if floor is None else f'{floor:.3f}':>7} {diff:>8}  {status}".rstrip())
    return "\n".join(lines)


def write_floors(path: Path, data: Mapping[str, object]) -> None:
    """Write *data* next to *path* and move it into place (readers never see half a file)."""
    write_atomically(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def updated_floors(old: Mapping[str, float], scores: Mapping[str, float], allow_regression: bool
                   ) -> tuple[dict[str, float], list[str]]:
    """New floors (never lower unless allowed) and the fields that would go down."""
    new, lowered = {}, []
    for name in FIELDS:
        if name not in scores:
            if name in old:
                lowered.append(name)
                if not allow_regression:
                    new[name] = old[name]
            continue
        measured = floor3(scores[name])
        previous = old.get(name)
        if previous is not None and measured < previous:
            lowered.append(name)
            new[name] = measured if allow_regression else previous
        else:
            new[name] = max(measured, previous) if previous is not None else measured
    return new, lowered


LOUD = """
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!!  QUALITY REGRESSION: floors LOWERED for: {fields}
!!  The commit that carries tests/eval/floors.json MUST say so in its message,
!!  with the reason (e.g. "eval: lower author floor 0.785 -> 0.714: <why>").
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m branchnews.evaluation.gate",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="corpus folder (default: $BRANCHNEWS_CORPUS, "
                                          "else <repo>/../shared/corpus)")
    parser.add_argument("--floors", type=Path, default=FLOORS,
                        help="floors file (default: tests/eval/floors.json)")
    parser.add_argument("--update", action="store_true",
                        help="re-pin floors to today's scores (only upward)")
    parser.add_argument("--allow-regression", action="store_true",
                        help="with --update: allow lowering floors (say so in the commit message)")
    args = parser.parse_args(argv)
    if args.allow_regression and not args.update:
        parser.error("--allow-regression only goes with --update")
    try:
        root = find_corpus(args.corpus)
        result = measure(root)
    except CorpusError as exc:
        print(f"gate: {exc}", file=sys.stderr)
        return 2
    scores = scores_of(result)
    try:
        pinned = read_floors(args.floors)
    except FileNotFoundError:
        pinned = {}
    old = pinned.get("floors", {})
    sha_ok = pinned.get("corpus_sha256") == result.corpus_sha256

    if not args.update:
        print(report(scores, old))
        if not pinned:
            print(f"\ngate: no floors pinned in {args.floors}; pin them with --update",
                  file=sys.stderr)
            return 1
        if not sha_ok:
            print(f"\ngate: corpus {root} does not match floors.json "
                  f"(sha256 {result.corpus_sha256} vs pinned {pinned.get('corpus_sha256')}); "
                  "re-pin with --update after checking the scores", file=sys.stderr)
            return 1
        failing = below_floor(scores, old)
        if failing:
            print(f"\ngate: below floor: {', '.join(failing)}", file=sys.stderr)
            return 1
        return 0

    if not sha_ok and pinned:
        print(f"gate: corpus changed (sha256 {pinned.get('corpus_sha256')} -> "
              f"{result.corpus_sha256}); re-pinning it", file=sys.stderr)
    new, lowered = updated_floors(old, scores, args.allow_regression)
    if lowered and not args.allow_regression:
        print(report(scores, old))
        print(f"\ngate: refusing to lower floors for {', '.join(lowered)}; fix the regression, or "
              "pass --allow-regression and say so in the commit message", file=sys.stderr)
        return 1
    write_floors(args.floors, {"corpus_sha256": result.corpus_sha256, "pages": result.pages,
                               "floors": new})
    print(report(scores, new))
    if lowered:
        print(LOUD.format(fields=", ".join(lowered)), file=sys.stderr)
    raised = [n for n in new if new[n] > old.get(n, -1)]
    print(f"\ngate: wrote {args.floors}; "
          + (f"raised: {', '.join(raised)}" if raised else "no change"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
