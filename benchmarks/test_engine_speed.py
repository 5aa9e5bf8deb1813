"""How long one assessment takes (target: under 1 ms on the 2-core reference machine). Run with `make bench`."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.core.engine import Engine
from bot.core.knowledge_loader import load_knowledge

ENGINE = Engine(load_knowledge(), "112")
TYPICAL = {
    "night_cramps": "present",
    "visible_veins": "present",
    "diuretics": "absent",
    "dehydration": "unknown",
    "exercise_sedentary": "present",
    "exercise_regular": "absent",
    "exercise_strenuous": "absent",
    "ankle_swelling": "present",
    "heavy_legs": "present",
}
EVERYTHING = dict.fromkeys(ENGINE.knowledge.findings, "present")


def test_one_typical_assessment(benchmark: Any) -> None:
    result = benchmark(ENGINE.assess, TYPICAL, date(2026, 11, 25))
    assert result.level == "consultation"


def test_one_assessment_with_every_finding(benchmark: Any) -> None:
    result = benchmark(ENGINE.assess, EVERYTHING, date(2026, 11, 25))
    assert result.level == "emergency_ambulance"
