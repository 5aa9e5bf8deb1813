"""Each cause comes first on the findings that point to it, with those findings given as the reasons."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from bot.core.knowledge_types import KnowledgeBase
from tests.conftest import TODAY

NO_ASSESSMENT_FLAGS = {
    "night_cramps": "absent",
    "visible_veins": "absent",
    "diuretics": "absent",
    "dehydration": "absent",
}

# cause id -> findings that point to it (a typical story for that cause)
STORIES: dict[str, dict[str, str]] = {
    "venous_insufficiency": {
        "visible_veins": "present",
        "heavy_legs": "present",
        "ankle_swelling": "present",
        "night_cramps": "present",
        "diuretics": "absent",
        "exercise_sedentary": "present",
    },
    "dehydration": {
        **NO_ASSESSMENT_FLAGS,
        "dehydration": "present",
        "fluid_loss": "present",
        "exercise_regular": "present",
    },
    "electrolyte_imbalance": {
        **NO_ASSESSMENT_FLAGS,
        "fluid_loss": "present",
        "muscle_weakness": "present",
        "palpitations": "present",
    },
    "medication": {**NO_ASSESSMENT_FLAGS, "diuretics": "present", "night_cramps": "present", "statin": "present"},
    "muscle_fatigue": {**NO_ASSESSMENT_FLAGS, "exercise_strenuous": "present", "cramp_with_exercise": "present"},
    "nerve_compression": {**NO_ASSESSMENT_FLAGS, "sciatica": "present", "numbness": "present"},
    "idiopathic": {
        **NO_ASSESSMENT_FLAGS,
        "night_cramps": "present",
        "age_over_60": "present",
        "exercise_regular": "present",
    },
}


def test_every_cause_has_a_story(knowledge: KnowledgeBase) -> None:
    assert {cause.id for cause in knowledge.causes} == set(STORIES)


@pytest.mark.parametrize("cause_id", sorted(STORIES))
def test_cause_ranks_first_on_its_story(engine: Engine, cause_id: str) -> None:
    result = engine.assess(STORIES[cause_id], TODAY)
    top = result.causes[0]
    assert top.id == cause_id
    assert result.likely_causes[0] == cause_id
    assert top.supporting, "the top cause must say which findings point to it"
    assert set(top.supporting) <= {f for f, s in STORIES[cause_id].items() if s in ("present", "absent")}


def test_denied_findings_count_against(engine: Engine) -> None:
    result = engine.assess({"visible_veins": "absent", "night_cramps": "present"}, TODAY)
    venous = next(c for c in result.causes if c.id == "venous_insufficiency")
    assert "visible_veins" in venous.opposing


def test_unknown_counts_like_not_asked(engine: Engine) -> None:
    asked = engine.assess({"night_cramps": "present", "visible_veins": "unknown"}, TODAY)
    not_asked = engine.assess({"night_cramps": "present"}, TODAY)
    assert [(c.id, c.share) for c in asked.causes] == [(c.id, c.share) for c in not_asked.causes]


def test_new_diuretic_with_night_cramps_points_to_the_medicine(engine: Engine) -> None:
    """dev08: never 'stop them', always a prescriber review."""
    result = engine.assess({"diuretics": "present", "night_cramps": "present", "visible_veins": "absent"}, TODAY)
    assert result.likely_causes[0] in ("medication", "electrolyte_imbalance")
    assert "medicine_review" in [step.id for step in result.plan]
    assert result.level == "consultation"


def test_arterial_signs_remove_compression_and_elevation(engine: Engine) -> None:
    result = engine.assess({"visible_veins": "present", "heavy_legs": "present", "claudication": "present"}, TODAY)
    steps = [step.id for step in result.plan]
    assert "compression_stockings" not in steps
    assert "elevate_legs" not in steps
    assert "calf_pump_exercise" in steps


def test_plan_is_ordered_and_unique(engine: Engine) -> None:
    result = engine.assess(STORIES["muscle_fatigue"] | {"dehydration": "present"}, TODAY)
    order = ["now", "today", "ongoing"]
    whens = [order.index(step.when) for step in result.plan]
    assert whens == sorted(whens)
    ids = [step.id for step in result.plan]
    assert len(ids) == len(set(ids))


def test_summary_for_a_doctor(engine: Engine) -> None:
    result = engine.assess(STORIES["venous_insufficiency"] | {"dehydration": "unknown"}, TODAY)
    text = result.summary
    assert "25 November 2026" in text
    assert "not a diagnosis" in text
    assert "bulging or twisted veins you can see" in text.split("Said no to:")[0]
    assert "taking water tablets (diuretics)" in text.split("Said no to:")[1].split("Not sure about:")[0]
    assert "not drinking enough" in text.split("Not sure about:")[1]
    assert "Book an appointment" in text
    assert "venous insufficiency" in text
    assert "10 to 15 minutes" in text


@pytest.mark.parametrize("cause_id", sorted(STORIES))
def test_what_makes_it_urgent_is_not_said_twice(engine: Engine, cause_id: str) -> None:
    """The safety net and the causes' own advice must not repeat each other in one answer."""
    items = engine.assess(STORIES[cause_id], TODAY).escalation.urgent_if

    def phrases(text: str) -> set[tuple[str, ...]]:
        words = text.lower().replace(",", "").split()
        return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}

    for index, first in enumerate(items):
        for second in items[index + 1 :]:
            assert not phrases(first) & phrases(second), f"{first!r} repeats {second!r}"


def test_a_summary_asked_early_lists_the_open_questions_and_gives_no_shares(engine: Engine) -> None:
    result = engine.assess({"night_cramps": "present", "diuretics": "absent"}, TODAY)
    text = result.summary
    open_questions = text.split("Not answered yet")[1].split("\n\n")[0]
    assert "bulging or twisted veins you can see" in open_questions
    assert "how active you are" in open_questions
    assert "cramps at night" not in open_questions, "an answered question is not listed"
    assert "%" not in text, "no cause's share until every question is answered"
