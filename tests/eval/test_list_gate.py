"""branchnews's list-page quality on the labeled list pages must not fall below the pinned
floors, and must beat gerapy-auto-extractor's extract_list on recall and precision.

The pages are ``<repo>/../shared/lists`` (hash-pinned) plus any folders in
``$BRANCHNEWS_LISTS``, held to ``extra_floors``. Without the shared pages the tests are skipped,
except on CI (``CI=true``), where their absence fails: a gate that silently does not run is no
gate.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from branchnews.evaluation import gate, list_gate
from branchnews.evaluation.lists import (MEASURES, evaluate_lists, load_pages, locate_lists,
                                         lists_sha256, make_list_tool)

REPO = Path(__file__).resolve().parents[2]
FLOORS = Path(__file__).with_name("list_floors.json")


@pytest.fixture(scope="module")
def shared() -> Path:
    path = list_gate.shared_lists()
    if not (path / "labels.jsonl").is_file():
        message = f"the list gate needs the labeled list pages in {path}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def pinned() -> dict:
    return json.loads(FLOORS.read_text(encoding="utf-8"))


def test_floors_file_is_well_formed(pinned):
    assert re.fullmatch(r"[0-9a-f]{64}", pinned["lists_sha256"])
    for key in ("floors", "extra_floors"):
        assert set(pinned[key]) == set(MEASURES)
        for name, floor in pinned[key].items():
            assert 0.0 <= floor <= 1.0 and round(floor, 3) == floor, (key, name)


def test_shared_lists_are_the_pinned_ones(shared, pinned):
    assert lists_sha256([shared]) == pinned["lists_sha256"], (
        f"{shared} is not the set the floors were measured on: check the scores with "
        "`branchnews eval --lists --details`, then `python -m branchnews.evaluation.list_gate --update`")


def test_shared_lists_at_or_above_floors(shared, pinned):
    scores = list_gate.measure([shared])
    failing = gate.below_floor(scores, pinned["floors"])
    assert not failing, list_gate.report(scores, pinned["floors"])


def test_every_folder_at_or_above_the_targets(shared, pinned):
    roots = locate_lists(base=REPO)
    scores = list_gate.measure(roots)
    failing = gate.below_floor(scores, pinned["extra_floors"])
    assert not failing, f"{roots}:\n" + list_gate.report(scores, pinned["extra_floors"])


def test_above_gerapy_on_recall_and_precision(shared):
    pytest.importorskip("gerapy_auto_extractor")
    pages, _ = load_pages(locate_lists(base=REPO))
    ours, peer = evaluate_lists(pages, [make_list_tool("branchnews"), make_list_tool("gerapy")])
    for measure in ("recall", "precision"):
        assert ours.value(measure) > peer.value(measure), measure
