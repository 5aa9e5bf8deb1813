"""domain.yml repeats what the knowledge files say (Rasa needs its slots and forms spelled out): they must agree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.core.knowledge_types import KnowledgeBase
from bot.core.screening import SCREENING_SLOT
from bot.core.slot_values import allowed_by_knowledge
from bot.core.slots import ESCALATED_LEVEL_SLOT, FINDINGS_SLOT, LIKELY_CAUSES_SLOT, TRIAGE_LEVEL_SLOT, UNCLEAR_SLOT
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def domain() -> dict[str, Any]:
    return dict(yaml.safe_load(Path(ROOT / "domain.yml").read_text(encoding="utf-8")))


def test_the_triage_levels_are_the_knowledge_levels(domain: dict[str, Any], knowledge: KnowledgeBase) -> None:
    assert domain["slots"][TRIAGE_LEVEL_SLOT]["values"] == list(knowledge.levels), "the same levels, most urgent first"


def test_the_form_asks_the_warning_signs_then_the_assessment_slots(
    domain: dict[str, Any], knowledge: KnowledgeBase
) -> None:
    required = domain["forms"]["assessment_form"]["required_slots"]
    assert required == [SCREENING_SLOT, *knowledge.assessment_slots()], "findings.yml order"


def test_each_finding_slot_takes_the_values_of_its_findings(domain: dict[str, Any], knowledge: KnowledgeBase) -> None:
    for slot, values in allowed_by_knowledge(knowledge).items():
        assert domain["slots"][slot]["type"] == "categorical", slot
        assert set(domain["slots"][slot]["values"]) == values, slot
        assert slot in domain["entities"], f"the finding extractor fills {slot} through an entity of that name"


def test_the_slots_the_code_names_are_in_the_domain(domain: dict[str, Any]) -> None:
    for slot in (FINDINGS_SLOT, TRIAGE_LEVEL_SLOT, LIKELY_CAUSES_SLOT, ESCALATED_LEVEL_SLOT, UNCLEAR_SLOT):
        assert slot in domain["slots"], slot
