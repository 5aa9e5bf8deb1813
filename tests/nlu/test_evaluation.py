"""The scores `make eval` reports: per-intent precision and recall from (expected, predicted) pairs."""

from __future__ import annotations

import pytest

from devtools.nlu_evaluation import intent_scores


def test_per_intent_and_weighted_scores() -> None:
    pairs = [("greet", "greet"), ("greet", "greet"), ("greet", "thank"), ("thank", "thank"), ("deny", "greet")]
    scores = intent_scores(pairs)
    assert scores["greet"]["precision"] == pytest.approx(2 / 3)
    assert scores["greet"]["recall"] == pytest.approx(2 / 3)
    assert scores["thank"]["precision"] == pytest.approx(1 / 2)
    assert scores["thank"]["recall"] == 1.0
    assert scores["deny"]["recall"] == 0.0
    assert scores["weighted average"]["support"] == len(pairs)
    assert scores["weighted average"]["recall"] == pytest.approx(3 / 5), "weighted recall is accuracy"
