"""Floor arithmetic of the quality gate (no corpus needed)."""

import pytest

from branchnews.evaluation import gate


@pytest.mark.parametrize(("value", "floor"), [
    (0.0, 0.0),
    (1.0, 1.0),
    (22 / 25, 0.88),          # 0.88 exactly, despite binary fractions
    (21 / 22, 0.954),
    (11 / 14, 0.785),
    (0.98579, 0.985),
    (0.9999999, 0.999),
])
def test_floor3_rounds_down(value, floor):
    assert gate.floor3(value) == floor


@pytest.mark.parametrize(("scores", "floors", "failing"), [
    ({"title": 0.96}, {"title": 0.96}, []),
    ({"title": 0.96 - 1e-12}, {"title": 0.96}, []),     # float noise is not a regression
    ({"title": 0.92}, {"title": 0.96}, ["title"]),
    ({"title": 1.0, "date": 0.5}, {"title": 0.96, "date": 0.6}, ["date"]),
    ({}, {"editor": 0.5}, ["editor"]),                    # a pinned field no longer scored
    ({"editor": 0.5}, {}, []),                            # an unpinned field is not gated
])
def test_below_floor(scores, floors, failing):
    assert gate.below_floor(scores, floors) == failing


@pytest.mark.parametrize(("old", "scores", "allow", "new", "lowered"), [
    # first pin: measured values rounded down
    ({}, {"title": 0.96, "body_f1": 0.98579}, False, {"title": 0.96, "body_f1": 0.985}, []),
    # up: raised
    ({"title": 0.88}, {"title": 0.96}, False, {"title": 0.96}, []),
    # down without permission: kept, and reported
    ({"title": 0.96}, {"title": 0.88}, False, {"title": 0.96}, ["title"]),
    # down with permission: lowered, and reported
    ({"title": 0.96}, {"title": 0.88}, True, {"title": 0.88}, ["title"]),
    # a field that disappeared: kept unless allowed
    ({"editor": 0.5}, {}, False, {"editor": 0.5}, ["editor"]),
    ({"editor": 0.5}, {}, True, {}, ["editor"]),
])
def test_updated_floors_only_go_up(old, scores, allow, new, lowered):
    assert gate.updated_floors(old, scores, allow) == (new, lowered)
