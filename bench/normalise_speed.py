"""Normalisation speed: ``Normalizer().normalize`` vs a bare ``opencc.OpenCC("t2s").convert``.

    python bench/normalise_speed.py [CORPUS_DIR] [--passes 7]

Two inputs, characters per second on each:

* **corpus**: every page of the labeled corpus, as the fragments ``parse_article`` hands the
  normaliser (recorded, untimed, by running ``parse_article`` with a recording Normalizer).
  One ``normalize`` call per page.
* **damaged**: the seed-style damaged texts of ``tests/pipelines/data/*.txt`` (traditional, glued
  pinyin ``當(dāng)前``, GBK scars), one call per file with its lines as fragments. This is the
  normaliser's slow path (repairs, script detection).

Corpus pages are repeated 10 times and damaged files 200 times, so a pass is long enough to time.

The peer converts the same characters with one ``OpenCC("t2s").convert`` call per page / file
(fragments joined with the normaliser's own separator). Both objects are built before timing;
each pass times both, in alternating order; the rate is characters over the median pass.
Target: Normalizer ≥ 0.5× bare OpenCC.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from _common import header, median  # noqa: E402

import opencc  # noqa: E402

from branchnews.evaluation import corpus as corpus_mod  # noqa: E402
from branchnews.crawler.pages.article import Page, parse_article  # noqa: E402
from branchnews.pipelines.normalize import Normalizer  # noqa: E402
from branchnews.pipelines.normalize.charsets import FRAGMENT_SEPARATOR  # noqa: E402

TARGET = 0.5
DAMAGED_REPEAT = 200
CORPUS_REPEAT = 10


class _Recorder(Normalizer):
    """A Normalizer that keeps what ``parse_article`` asks it to normalise."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[list[str]] = []

    def normalize(self, texts):
        self.seen.append(list(texts))
        return super().normalize(texts)


def page_fragments(body: bytes, url: str) -> list[str]:
    """The fragments ``parse_article`` hands the normaliser for this page (one call per article)."""
    recorder = _Recorder()
    parse_article(Page(url, body, {}), normalizer=recorder)
    return recorder.seen[0]


def measure(name: str, docs: list[list[str]], passes: int) -> float:
    normalizer = Normalizer()
    converter = opencc.OpenCC("t2s")
    joined = [FRAGMENT_SEPARATOR.join(d) for d in docs]
    chars = sum(len(j) for j in joined)
    for d, j in zip(docs, joined):  # warm-up: dictionaries, regex caches
        normalizer.normalize(d)
        converter.convert(j)

    def run_normalizer() -> float:
        start = time.perf_counter()
        for d in docs:
            normalizer.normalize(d)
        return time.perf_counter() - start

    def run_opencc() -> float:
        start = time.perf_counter()
        for j in joined:
            converter.convert(j)
        return time.perf_counter() - start

    times: dict[str, list[float]] = {"normalizer": [], "opencc": []}
    for n in range(max(5, passes)):
        order = (("normalizer", run_normalizer), ("opencc", run_opencc))
        for label, fn in (order if n % 2 == 0 else order[::-1]):
            gc.collect()
            times[label].append(fn())
    rate = {k: chars / median(v) for k, v in times.items()}
    ratio = rate["normalizer"] / rate["opencc"]
    best = min(times["opencc"]) / min(times["normalizer"])  # (noise only adds time)
    print(f"{name:8} {len(docs):5d} docs {chars:9d} chars  Normalizer {rate['normalizer'] / 1e6:7.2f} M chars/s  "
          f"bare OpenCC t2s {rate['opencc'] / 1e6:7.2f} M chars/s  ratio {ratio:.2f}x "
          f"(target >= {TARGET}x: {'meets' if ratio >= TARGET else 'MISSES'}; best passes {best:.2f}x)")
    return ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?")
    parser.add_argument("--passes", type=int, default=7)
    args = parser.parse_args(argv)
    header("normalise_speed: Normalizer vs bare OpenCC t2s, characters per second")
    print(f"opencc {getattr(opencc, '__version__', '?')}; passes {max(5, args.passes)} (order alternating)")

    root = corpus_mod.locate(args.corpus, base=REPO)
    pages = [p for p in corpus_mod.load(root).pages if p.body is not None]
    corpus_docs = [page_fragments(p.body, p.url) for p in pages]
    measure("corpus", corpus_docs * CORPUS_REPEAT, args.passes)

    files = sorted(p for p in (REPO / "tests" / "pipelines" / "data").glob("*.txt")
                   if not p.name.endswith(".expected.txt"))
    damaged = [[ln for ln in f.read_text("utf-8").splitlines() if ln.strip()] for f in files]
    measure("damaged", damaged * DAMAGED_REPEAT, args.passes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
