"""Rasa's own story test on tests/test_stories.yml, failing on any wrong prediction (intent or action)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.rasa, pytest.mark.asyncio(loop_scope="session")]


async def test_stories_predict_every_intent_and_action(agent: Any, tmp_path: Path) -> None:
    from rasa.core.test import test

    result = await test(
        str(ROOT / "tests" / "test_stories.yml"),
        agent,
        out_directory=str(tmp_path),
        fail_on_prediction_errors=False,
        disable_plotting=True,
        successes=False,
    )
    failed = (tmp_path / "failed_test_stories.yml").read_text(encoding="utf-8") if result["report"] else ""
    assert result["report"]["conversation_accuracy"]["accuracy"] == 1.0, failed
