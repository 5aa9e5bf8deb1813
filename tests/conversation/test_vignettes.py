"""Typed-in cases with the triage and causes a clinician expects, played through whole conversations.

Our own cases are in tests/vignettes.yml; the shared development set (../shared/vignettes-dev.yml) runs too when
it is there, and is skipped in a clone that does not have it.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from bot.core.knowledge_types import KnowledgeBase
from bot.core.settings import load_settings
from devtools.vignettes import Vignette, load_vignettes, play_vignette
from tests.conftest import ROOT

pytestmark = [pytest.mark.rasa, pytest.mark.asyncio(loop_scope="session")]
OWN = ROOT / "tests" / "vignettes.yml"
SHARED = ROOT.parent / "shared" / "vignettes-dev.yml"


def cases(path: Path) -> list[Any]:
    if not path.is_file():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{path} is not here"), id=path.stem)]
    return [pytest.param(case, id=case.id) for case in load_vignettes(path)]


async def check(agent: Any, knowledge: KnowledgeBase, case: Vignette) -> None:
    result = await play_vignette(agent, case, f"vignette-{case.id}-{uuid.uuid4().hex[:8]}")
    assert result.triage_right, f"{case.id}: {result.triage}, expected {case.triage}"
    assert not result.under_triaged(list(knowledge.levels))
    assert result.top_cause_right is not False, f"{case.id}: {result.causes}, expected first {case.top_cause}"
    number = load_settings().emergency_number
    assert result.escalated_first(number) is not False, f"{case.id}: first reply must escalate: {result.first_reply}"


@pytest.mark.parametrize("case", cases(OWN))
async def test_own_vignette(agent: Any, knowledge: KnowledgeBase, case: Vignette) -> None:
    await check(agent, knowledge, case)


@pytest.mark.parametrize("case", cases(SHARED))
async def test_shared_dev_vignette(agent: Any, knowledge: KnowledgeBase, case: Vignette) -> None:
    await check(agent, knowledge, case)
