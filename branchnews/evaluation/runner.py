"""Run the tools over the corpus in one process, time them, and score every page.

Scoring rules per field (what a "hit" is; folding is in :mod:`.scoring`):

========== ============================== ===================================================
field      pages counted                  hit when
========== ============================== ===================================================
title      all                            folded title equal (null label: tool gives none)
date       all                            same ``YYYY-MM-DD`` (null label: tool gives none)
source     label not null                 same set of folded names
author     label not null                 same set of folded names
editor     label not null                 same set of folded names
body_first label not null                 the folded sentence occurs in the folded body
body_last  label not null                 the folded sentence occurs in the folded body
body_f1    label ``body`` not null        (mean of per-page bag-of-characters F1)
========== ============================== ===================================================

A page a tool crashes on, or whose file is missing, scores zero on every field for that tool
and is listed in the tool's errors; the run goes on.

Timing: each tool gets one untimed warm-up call (imports, dictionaries), then all pages are
extracted ``repeat`` times; pages/s is the page count over the *median* pass. Scores come from
the first pass. Inputs are prepared (read, and decoded for GNE) before timing.
"""

from __future__ import annotations

import gc
import logging
import statistics
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from branchnews.evaluation import scoring
from branchnews.evaluation.corpus import Corpus, CorpusPage
from branchnews.evaluation.tools import Extracted, Tool

FIELDS = ("title", "date", "source", "author", "editor", "body_first", "body_last", "body_f1")
# Which tool capability each scored field needs.
NEEDS = {"title": "title", "date": "date", "source": "source", "author": "author",
         "editor": "editor", "body_first": "body", "body_last": "body", "body_f1": "body"}
# Fields scored on every page (a null label must be matched by no value at all).
ALL_PAGES = frozenset({"title", "date"})
LABEL_KEY = {"body_f1": "body"}


@dataclass(frozen=True, slots=True)
class Check:
    """One field of one page for one tool."""

    page: str
    field: str
    score: float          # 1.0 / 0.0, or the page's F1 for body_f1
    got: object
    expected: object
    note: str = ""

    @property
    def hit(self) -> bool:
        return self.score >= 1.0


@dataclass(frozen=True, slots=True)
class FieldScore:
    hits: float           # sum of page scores (the F1 sum for body_f1)
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass(slots=True)
class ToolResult:
    name: str
    version: str
    scores: dict[str, FieldScore | None]           # None: the tool has no such field
    seconds: list[float]
    pages_timed: int
    checks: list[Check] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    unscored: list[Check] = field(default_factory=list)  # a value where the label is null

    @property
    def pages_per_second(self) -> float | None:
        if not self.seconds or not self.pages_timed:
            return None
        median = statistics.median(self.seconds)
        return self.pages_timed / median if median > 0 else None


@dataclass(slots=True)
class EvalResult:
    corpus: str
    corpus_sha256: str | None
    pages: int
    repeat: int
    tools: dict[str, ToolResult]
    warnings: list[str] = field(default_factory=list)

    def ratio(self, peer: str, base: str = "branchnews") -> float | None:
        """How many times faster *base* is than *peer* (pages/s over pages/s)."""
        if base not in self.tools or peer not in self.tools:
            return None
        a, b = self.tools[base].pages_per_second, self.tools[peer].pages_per_second
        return a / b if a and b else None


@contextmanager
def _quiet() -> Iterator[None]:
    """Peers log and warn per page; that noise would bury the table."""
    previous = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logging.disable(previous)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def run_tool(tool: Tool, pages: Sequence[CorpusPage], repeat: int = 3,
             after_pass: Callable[[], None] = lambda: None,
             ) -> tuple[dict[str, Extracted | None], dict[str, str], list[float], int]:
    """Extract every page *repeat* times (``after_pass`` is called between passes, outside
    the timing, for a progress display).

    Returns the first pass's results, the errors per page, the time of each pass and how many
    pages were timed (pages without an input are not).
    """
    errors: dict[str, str] = {}
    inputs: list[tuple[str, object]] = []
    for page in pages:
        if page.body is None:
            errors[page.id] = page.error or "page not readable"
            continue
        try:
            inputs.append((page.id, tool.prepare(page)))
        except Exception as exc:  # a tool failing on one page is that page's miss
            errors[page.id] = f"preparing input: {_describe(exc)}"
    results: dict[str, Extracted | None] = {page.id: None for page in pages}
    seconds: list[float] = []
    with _quiet():
        if inputs:
            try:
                tool.extract(inputs[0][1])
            except Exception:
                pass
        for n in range(max(1, repeat)):
            gc.collect()
            start = time.perf_counter()
            for page_id, data in inputs:
                try:
                    out = tool.extract(data)
                except Exception as exc:
                    if n == 0:
                        errors[page_id] = _describe(exc)
                    continue
                if n == 0:
                    results[page_id] = out
            seconds.append(time.perf_counter() - start)
            after_pass()
    return results, errors, seconds, len(inputs)


def _label(page: CorpusPage, name: str) -> object:
    value = page.label.get(LABEL_KEY.get(name, name))
    return value if value not in ("", []) else None


def _tool_value(out: Extracted, name: str) -> object:
    if name in ("body_first", "body_last", "body_f1"):
        return out.text
    return getattr(out, name)


def _first_last(out: Extracted, name: str) -> str | None:
    """The tool's own first/last paragraph, shown next to a missed sentence."""
    if not out.paragraphs:
        return None
    return out.paragraphs[0] if name == "body_first" else out.paragraphs[-1]


def _given(out: Extracted, name: str) -> object:
    value = getattr(out, name)
    return value if value not in ("", None) else None


def score_page(page: CorpusPage, out: Extracted | None, error: str | None,
               fields: frozenset[str]) -> tuple[list[Check], list[Check]]:
    """Scored checks for one page, and values given where the label is null (not scored)."""
    checks, unscored = [], []
    for name in FIELDS:
        if NEEDS[name] not in fields:
            continue
        expected = _label(page, name)
        if expected is None and name not in ALL_PAGES:
            if out is not None and name in ("source", "author", "editor") and _given(out, name):
                unscored.append(Check(page.id, name, 0.0, _given(out, name), None))
            continue
        if out is None:
            checks.append(Check(page.id, name, 0.0, None, expected, error or "no result"))
            continue
        got = _tool_value(out, name)
        note = ""
        if name == "title":
            score = float(scoring.titles_equal(got, expected))
        elif name == "date":
            score = float(scoring.dates_equal(got, expected))
        elif name in ("source", "author", "editor"):
            score = float(scoring.names_equal(got, expected))
        elif name in ("body_first", "body_last"):
            score = float(scoring.contains_sentence(got, expected))
            got = _first_last(out, name)
        else:
            prf = scoring.char_prf(got, expected)
            score = prf.f1
            note = f"P {prf.precision:.3f} R {prf.recall:.3f}"
        checks.append(Check(page.id, name, score, got, expected, note))
    return checks, unscored


def evaluate(corpus: Corpus, tools: Sequence[Tool], repeat: int = 3,
             corpus_sha256: str | None = None,
             on_progress: Callable[[int, int, str], None] = lambda done, total, tool: None,
             ) -> EvalResult:
    """Score every tool on every page of *corpus* in this one run; ``on_progress(passes done,
    passes in all, tool)`` after each pass over the corpus, for a progress display."""
    result = EvalResult(str(corpus.root), corpus_sha256, len(corpus.pages), repeat, {},
                        list(corpus.warnings))
    passes, done = len(tools) * max(1, repeat), 0
    for tool in tools:
        def after_pass(tool: str = tool.name) -> None:
            nonlocal done
            done += 1
            on_progress(done, passes, tool)

        outputs, errors, seconds, timed = run_tool(tool, corpus.pages, repeat, after_pass)
        tr = ToolResult(tool.name, tool.version, {}, seconds, timed,
                        errors=[(pid, msg) for pid, msg in errors.items()])
        for page in corpus.pages:
            checks, unscored = score_page(page, outputs[page.id], errors.get(page.id), tool.fields)
            tr.checks += checks
            tr.unscored += unscored
        for name in FIELDS:
            if NEEDS[name] not in tool.fields:
                tr.scores[name] = None
                continue
            mine = [c for c in tr.checks if c.field == name]
            tr.scores[name] = FieldScore(sum(c.score for c in mine), len(mine))
        result.tools[tool.name] = tr
    return result


def misses(result: ToolResult, f1_below: float = 1.0) -> list[Check]:
    """Checks that are not perfect, in corpus order, fields in table order."""
    order = {name: i for i, name in enumerate(FIELDS)}
    out = [c for c in result.checks
           if (c.score < f1_below if c.field == "body_f1" else not c.hit)]
    pages = list(dict.fromkeys(c.page for c in result.checks))
    rank = {pid: i for i, pid in enumerate(pages)}
    return sorted(out, key=lambda c: (rank[c.page], order[c.field]))

