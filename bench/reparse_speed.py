"""What the browser-like re-parse costs: html5lib against libxml2 on the same pages.

The extractor re-parses a page with html5lib only where libxml2's tree lost content
(``crawler/pages/reparse.py``). This prints, on a labeled corpus, how many pages take that
path, the median parse time of each parser per page and their ratio, and the share of the whole
corpus's parse time the fallback adds (the peer is libxml2, measured in the same run).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import header, median  # noqa: E402

from branchnews.crawler.pages.decode import decode_html  # noqa: E402
from branchnews.crawler.pages.lines import parse_errors, parse_html  # noqa: E402
from branchnews.crawler.pages.reparse import browser_tree, misparsed  # noqa: E402


def _timed(fn, *args, passes: int) -> float:
    times = []
    for _ in range(passes):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", help="corpus folder (default: $BRANCHNEWS_CORPUS or ../shared/corpus)")
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args(argv)
    folder = Path(args.corpus or os.environ.get("BRANCHNEWS_CORPUS") or "../shared/corpus")
    pages = sorted((folder / "html").glob("*.html"))
    if not pages:
        print(f"reparse_speed: no pages in {folder / 'html'}", file=sys.stderr)
        return 2
    warnings.simplefilter("ignore")  # html5lib's DataLossWarning on xml:space and the like
    header("reparse_speed: html5lib re-parse vs libxml2 parse, per page")
    lxml_times, html5_times, taken = [], [], []
    for path in pages:
        text = decode_html(path.read_bytes(), {}).text
        lxml_times.append(_timed(parse_html, text, passes=args.passes))
        html5_times.append(_timed(browser_tree, text, passes=args.passes))
        root = parse_html(text)
        if misparsed(root, parse_errors(False)):
            taken.append(path.stem)
    total_lxml = sum(lxml_times)
    added = sum(t for t, p in zip(html5_times, pages) if p.stem in taken)
    print(f"corpus: {len(pages)} pages from {folder}; passes: {args.passes} (median per page)")
    print(f"libxml2 parse   median {1000 * median(lxml_times):7.2f} ms/page")
    print(f"html5lib parse  median {1000 * median(html5_times):7.2f} ms/page "
          f"({median(h / l for h, l in zip(html5_times, lxml_times)):.1f}x libxml2)")
    print(f"pages re-parsed: {len(taken)} of {len(pages)} ({', '.join(taken) or 'none'})")
    print(f"fallback adds {100 * added / total_lxml:.0f}% to the corpus's libxml2 parse time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
