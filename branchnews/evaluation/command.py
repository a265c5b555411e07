"""``branchnews eval``: score branchnews and its peers on the labeled corpus, in one run."""

from __future__ import annotations

import argparse
import json
import sys

from branchnews import console
from branchnews.evaluation.corpus import ENV_VAR, CorpusError, corpus_sha256, load, locate
from branchnews.evaluation.lists import ENV_VAR as LIST_ENV
from branchnews.evaluation.lists import LIST_TOOLS
from branchnews.evaluation.tools import TOOL_NAMES, ToolUnavailable, make_tool


def _tool_list(value: str) -> list[str]:
    names = [n.strip() for n in value.split(",") if n.strip()]
    unknown = [n for n in names if n not in TOOL_NAMES and n not in LIST_TOOLS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown tool(s) {', '.join(unknown) or '(none given)'}; "
                                         f"choose from {','.join(TOOL_NAMES)} (articles) or "
                                         f"{','.join(LIST_TOOLS)} (--lists)")
    return list(dict.fromkeys(names))


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``eval`` subcommand's arguments; ``branchnews/cli.py`` calls this."""
    parser.add_argument("corpus", nargs="?", metavar="CORPUS_DIR",
                        help=f"labeled corpus folder (default: ${ENV_VAR}, else ../shared/corpus)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--repeat", type=_positive, default=3, metavar="N",
                        help="timed passes over all pages per tool; the median counts (default: 3)")
    parser.add_argument("--tools", type=_tool_list, default=None, metavar="LIST",
                        help=f"comma-separated tools to run (default: {','.join(TOOL_NAMES)}; "
                             f"with --lists: {','.join(LIST_TOOLS)})")
    parser.add_argument("--lists", nargs="*", metavar="DIR",
                        help=f"score list pages instead (article links, pagination) from these "
                             f"folders (none given: ../shared/lists and ${LIST_ENV})")
    parser.add_argument("--details", action="store_true",
                        help="also print every page branchnews misses (id, field, got, expected)")
    parser.set_defaults(func=run)


def run_lists(args: argparse.Namespace) -> int:
    from branchnews.evaluation import list_report
    from branchnews.evaluation.lists import (ToolUnavailable as ListToolUnavailable,
                                             evaluate_lists, load_pages, locate_lists,
                                             lists_sha256, make_list_tool)

    names = args.tools or list(LIST_TOOLS)
    wrong = [n for n in names if n not in LIST_TOOLS]
    if wrong:
        print(f"branchnews eval: --lists scores {','.join(LIST_TOOLS)}, not {','.join(wrong)}",
              file=sys.stderr)
        return 2
    try:
        roots = locate_lists(args.lists or ())
        pages, warnings = load_pages(roots)
        sha = lists_sha256(roots)
    except CorpusError as exc:
        print(f"branchnews eval: {exc}", file=sys.stderr)
        return 2
    tools = []
    for name in names:
        try:
            tools.append(make_list_tool(name))
        except ListToolUnavailable as exc:
            print(f"branchnews eval: {exc}; install the eval extra (pip install -e '.[eval]') "
                  f"or leave it out with --tools", file=sys.stderr)
            return 2
    results = evaluate_lists(pages, tools)
    where = ", ".join(map(str, roots))
    if args.json:
        json.dump(list_report.as_json(results, where, sha), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print(list_report.table(results, where, sha))
    for warning in warnings:
        print(f"lists: {warning}")
    if args.details:
        print()
        for scores in results:
            if scores.tool == "branchnews":
                print(list_report.details_text(scores))
    return 0


def run(args: argparse.Namespace) -> int:
    from branchnews.evaluation import report

    if args.lists is not None:
        return run_lists(args)
    args.tools = args.tools or list(TOOL_NAMES)
    wrong = [n for n in args.tools if n not in TOOL_NAMES]
    if wrong:
        print(f"branchnews eval: {','.join(wrong)} scores list pages: add --lists", file=sys.stderr)
        return 2
    from branchnews.evaluation.runner import evaluate

    try:
        root = locate(args.corpus)
        corpus = load(root)
        sha = corpus_sha256(root)
    except CorpusError as exc:
        print(f"branchnews eval: {exc}", file=sys.stderr)
        return 2
    tools = []
    for name in args.tools:
        try:
            tools.append(make_tool(name))
        except ToolUnavailable as exc:
            print(f"branchnews eval: {exc}; install the eval extra (pip install -e '.[eval]') "
                  f"or leave it out with --tools", file=sys.stderr)
            return 2
    with console.current().progress("eval", "passes") as bar:
        result = evaluate(corpus, tools, repeat=args.repeat, corpus_sha256=sha,
                          on_progress=lambda done, total, tool: bar.update(
                              done, total=total, note=f"{len(corpus.pages)} pages, {tool}"))
    if args.json:
        json.dump(report.as_json(result, with_details=args.details), sys.stdout, ensure_ascii=False,
                  indent=2)
        sys.stdout.write("\n")
        return 0
    print(report.table(result))
    if args.details:
        if "branchnews" in result.tools:
            print()
            notes = {page.id: page.label.get("notes") for page in corpus.pages}
            print(report.details_text(result.tools["branchnews"], notes))
        else:
            print("\n--details lists branchnews's misses; add branchnews to --tools",
                  file=sys.stderr)
    return 0
