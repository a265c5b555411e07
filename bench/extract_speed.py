"""Extraction speed (decoding + extraction + normalisation) on the labeled corpus, vs trafilatura and GNE.

    python bench/extract_speed.py [CORPUS_DIR] [--passes 7] [--profile]

One process, the same pages, the tool adapters of ``branchnews.evaluation.tools`` (what each tool is
asked to do is documented there: branchnews runs ``parse_article`` *with* its Normalizer). Each pass
extracts every page once with every tool, the tools' order rotating from pass to pass so that noise
on this shared machine hits them alike; pages/s is the page count over the tool's median pass.
The result that matters is the ratio, measured in the same run.

Targets: branchnews ≥ 3× GNE, ≥ 8× trafilatura. ``--profile`` adds a cProfile of branchnews over
the corpus (top functions by own time and by cumulative time); ``--phases`` times
``parse_article``'s phases without a profiler.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import header, median, spread  # noqa: E402

from branchnews.evaluation import corpus as corpus_mod  # noqa: E402
from branchnews.evaluation.tools import TOOL_NAMES, make_tool  # noqa: E402

TARGETS = {"gne": 3.0, "trafilatura": 8.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", help="corpus folder (default: $BRANCHNEWS_CORPUS or ../shared/corpus)")
    parser.add_argument("--passes", type=int, default=7)
    parser.add_argument("--profile", action="store_true", help="cProfile branchnews and print the hotspots")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--phases", action="store_true",
                        help="time parse_article's phases without a profiler (wrapped module functions)")
    args = parser.parse_args(argv)

    root = corpus_mod.locate(args.corpus, base=Path(__file__).resolve().parents[1])
    corpus = corpus_mod.load(root)
    pages = [p for p in corpus.pages if p.body is not None]
    header("extract_speed: pages/s with normalisation, vs trafilatura and GNE")
    print(f"corpus: {len(pages)} pages, {sum(len(p.body) for p in pages) / 1024:.0f} KiB")

    logging_off()
    tools = [make_tool(name) for name in TOOL_NAMES]
    inputs = {t.name: [t.prepare(p) for p in pages] for t in tools}  # untimed (GNE: decoding)
    for t in tools:  # warm-up: imports, dictionaries, caches
        for x in inputs[t.name]:
            t.extract(x)
    seconds: dict[str, list[float]] = {t.name: [] for t in tools}
    for n in range(max(5, args.passes)):
        order = tools[n % len(tools):] + tools[: n % len(tools)]
        for t in order:
            gc.collect()
            start = time.perf_counter()
            for x in inputs[t.name]:
                t.extract(x)
            seconds[t.name].append(time.perf_counter() - start)

    rate = {name: len(pages) / median(s) for name, s in seconds.items()}
    print(f"{'tool':12} {'version':10} {'pages/s (median)':>17} {'pass seconds min–max':>22}")
    for t in tools:
        print(f"{t.name:12} {t.version:10} {rate[t.name]:17.1f} {spread(seconds[t.name]):>22}")
    print(f"passes: {max(5, args.passes)} (order rotated each pass)")
    for peer, target in TARGETS.items():
        ratio = rate["branchnews"] / rate[peer]
        verdict = "meets" if ratio >= target else "MISSES"
        print(f"ratio branchnews/{peer}: {ratio:.2f}x (target >= {target:g}x: {verdict})")
    # Noise from other processes only ever adds time, so the fastest passes are the steadier
    # comparison on a shared machine; the medians above are the ones the targets are read on.
    print("best-pass ratio " + ", ".join(
        f"branchnews/{peer}: {min(seconds[peer]) / min(seconds['branchnews']):.2f}x" for peer in TARGETS))

    if args.phases:
        phases(tools[0], inputs["branchnews"], max(5, args.passes))
    if args.profile:
        profile_branchnews(tools[0], inputs["branchnews"], args.top)
    return 0


# parse_article's phases: names looked up at call time in the module that calls them, so wrapping
# the module attributes times each phase without a profiler's per-call overhead.
PHASES = {
    "article": {"decode_html": "decode", "parse_html": "lxml parse", "prune": "prune",
                "walk_page": "walk (texts, lines)", "normalise_pages": "normalise",
                "credit_lines": "credit lines", "labeled_fields": "labels", "body_texts": "body texts",
                "publish_date": "date", "find_breadcrumb": "breadcrumb", "split_sections": "sections"},
    "layout": {"find_body": "find_body", "find_headline": "find_headline", "body_lines": "body_lines"},
}


def phases(tool, inputs, passes: int) -> None:
    import importlib

    from branchnews.crawler.pages.lines import PageText

    modules = {name: importlib.import_module(f"branchnews.crawler.pages.{name}") for name in PHASES}
    spent: dict[str, float] = {label: 0.0 for names in PHASES.values() for label in names.values()}
    originals = {(mod, name): getattr(modules[mod], name) for mod, names in PHASES.items() for name in names}

    def timed(fn, label):
        def wrapper(*a, **k):
            start = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[label] += time.perf_counter() - start
        return wrapper

    for (mod, name), fn in originals.items():
        setattr(modules[mod], name, timed(fn, PHASES[mod][name]))
    lines_method = PageText.lines
    spent["lines from the walk"] = 0.0
    PageText.lines = timed(lines_method, "lines from the walk")
    try:
        start = time.perf_counter()
        for _ in range(passes):
            for x in inputs:
                tool.extract(x)
        total = time.perf_counter() - start
    finally:
        for (mod, name), fn in originals.items():
            setattr(modules[mod], name, fn)
        PageText.lines = lines_method
    n = passes * len(inputs)
    print(f"\n## parse_article phases (no profiler; {passes} passes): {1000 * total / n:.2f} ms/page in all")
    for label, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"{label:19} {1000 * seconds / n:6.2f} ms/page {100 * seconds / total:5.1f}%")
    rest = total - sum(spent.values())
    print(f"{'(the rest)':19} {1000 * rest / n:6.2f} ms/page {100 * rest / total:5.1f}%")


def logging_off() -> None:
    import logging

    logging.disable(logging.WARNING)  # trafilatura / GNE chatter is not part of the work measured
    warnings.simplefilter("ignore")


def profile_branchnews(tool, inputs, top: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(3):
        for x in inputs:
            tool.extract(x)
    profiler.disable()
    for key, title in (("tottime", "own time"), ("cumulative", "cumulative time")):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.strip_dirs().sort_stats(key).print_stats(top)
        print(f"\n## cProfile of branchnews, 3 passes, top {top} by {title}")
        text = out.getvalue()
        print(text[text.find("   ncalls"):].rstrip())


if __name__ == "__main__":
    raise SystemExit(main())
