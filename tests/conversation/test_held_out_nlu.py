"""The held-out tests/test_nlu.yml (never trained on): intent accuracy and finding F1 stay at 0.95 or above."""

from __future__ import annotations

from typing import Any

import pytest

from devtools.nlu_evaluation import evaluate
from tests.conftest import ROOT

pytestmark = [pytest.mark.rasa, pytest.mark.asyncio(loop_scope="session")]
TARGET = 0.95


async def test_held_out_understanding(agent: Any) -> None:
    report = await evaluate(agent, ROOT / "tests" / "test_nlu.yml")
    assert report["intent_accuracy"] >= TARGET, report["intent_misses"][:10]
    assert report["finding_f1"] >= TARGET, report["finding_misses"][:10]
