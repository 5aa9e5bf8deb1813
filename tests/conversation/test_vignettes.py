"""Typed-in cases with the triage and causes a clinician expects, played through whole conversations.

Our own cases are in tests/vignettes.yml; the shared development set (../shared/vignettes-dev.yml) runs too when
it is there, and is skipped in a clone that does not have it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.settings import load_settings
from tests.conftest import ROOT
from tests.conversation.conftest import Conversation
from tests.conversation.helpers import play

pytestmark = [pytest.mark.rasa, pytest.mark.asyncio(loop_scope="session")]
OWN = ROOT / "tests" / "vignettes.yml"
SHARED = ROOT.parent / "shared" / "vignettes-dev.yml"
SAID = {True: "yes", False: "no"}


def load(path: Path) -> list[Any]:
    if not path.is_file():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{path} is not here"), id=path.stem)]
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))["vignettes"]
    return [pytest.param(case, id=case["id"]) for case in cases]


def as_list(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


async def check(conversation: Conversation, case: dict[str, Any]) -> None:
    answers = {slot: SAID.get(value, value) for slot, value in case["answers"].items()}
    expect = case["expect"]
    turns = await play(conversation, case["opening"], answers)
    slots = await conversation.slots()
    assert slots["triage_level"] in as_list(expect["triage"]), f"{case['id']}: {slots['triage_level']}"
    if "top_cause" in expect:
        assert slots["likely_causes"][0] in as_list(expect["top_cause"]), f"{case['id']}: {slots['likely_causes']}"
    if expect.get("immediate"):
        assert len(turns) == 1, f"{case['id']}: a routine question came before the emergency answer"
        first = turns[0][0]["text"]
        assert load_settings().emergency_number in first, f"{case['id']}: first reply must escalate: {first}"


@pytest.mark.parametrize("case", load(OWN))
async def test_own_vignette(conversation: Conversation, case: dict[str, Any]) -> None:
    await check(conversation, case)


@pytest.mark.parametrize("case", load(SHARED))
async def test_shared_dev_vignette(conversation: Conversation, case: dict[str, Any]) -> None:
    await check(conversation, case)
