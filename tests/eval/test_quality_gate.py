"""branchnews's extraction quality on the labeled corpus must not fall below the pinned floors.

The corpus is ``$BRANCHNEWS_CORPUS``, else ``<repo>/../shared/corpus``. Without it the test is
skipped, except on CI (``CI=true``), where a missing corpus fails: a gate that silently does
not run is no gate. Only branchnews is scored here (no peers, one pass): a few seconds.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from branchnews.evaluation import gate
from branchnews.evaluation.corpus import CorpusError, corpus_sha256, locate
from branchnews.evaluation.runner import FIELDS

REPO = Path(__file__).resolve().parents[2]
FLOORS = Path(__file__).with_name("floors.json")
REPIN = ("check the scores with `branchnews eval {corpus} --details`, then re-pin with "
         "`python -m branchnews.evaluation.gate --update` (floors only go up; lowering one needs "
         "--allow-regression and a commit message that says so)")


@pytest.fixture(scope="module")
def corpus() -> Path:
    try:
        return locate(base=REPO)
    except CorpusError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the quality gate needs the labeled corpus on CI: {exc}")
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def pinned() -> dict:
    return json.loads(FLOORS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scores(corpus) -> dict[str, float]:
    return gate.scores_of(gate.measure(corpus))


def test_floors_file_is_well_formed(pinned):
    assert re.fullmatch(r"[0-9a-f]{64}", pinned["corpus_sha256"])
    assert set(pinned["floors"]) == set(FIELDS)
    for name, floor in pinned["floors"].items():
        assert 0.0 <= floor <= 1.0, name
        assert round(floor, 3) == floor, f"{name}: floors are rounded down to 3 decimals"


def test_corpus_is_the_pinned_one(corpus, pinned):
    sha = corpus_sha256(corpus)
    assert sha == pinned["corpus_sha256"], (
        f"the corpus at {corpus} is not the one the floors were measured on "
        f"(sha256 {sha}, pinned {pinned['corpus_sha256']}): " + REPIN.format(corpus=corpus))


def test_every_field_at_or_above_its_floor(corpus, pinned, scores):
    floors = pinned["floors"]
    failing = gate.below_floor(scores, floors)
    assert not failing, (
        f"branchnews fell below its floor on {', '.join(failing)}:\n\n"
        + gate.report(scores, floors)
        + f"\n\nSee the pages with `branchnews eval {corpus} --details --tools branchnews`.")
