"""Values from outside (typed payloads, API events) only fill a slot with what it takes."""

from __future__ import annotations

from bot.core.knowledge_types import KnowledgeBase
from bot.core.slot_values import allowed_by_knowledge, disallowed_slot_events, refused_values

ALLOWED = {"exercise": frozenset({"strenuous", "regular", "sedentary", "unknown"}), "findings": None}


def test_a_candidate_value_its_slot_does_not_take_is_refused() -> None:
    candidates = {"exercise": "marathon", "findings": {"anything": "goes"}, "person": "mum"}
    assert refused_values(candidates, ALLOWED) == {"exercise": "marathon"}
    assert refused_values({"exercise": "regular"}, ALLOWED) == {}
    assert refused_values({"exercise": None}, ALLOWED) == {}, "clearing a slot is always allowed"


def test_the_slots_that_carry_findings_take_their_answers(knowledge: KnowledgeBase) -> None:
    allowed = allowed_by_knowledge(knowledge)
    assert allowed["night_cramps"] == {"yes", "no", "unknown"}
    assert allowed["exercise"] == {"strenuous", "regular", "sedentary", "unknown"}
    assert {"none", "unknown", "chest_breath"} <= allowed["warning_signs"]
    assert "yes" not in allowed["warning_signs"], "a sign is named, never just affirmed"


def test_api_slot_events_are_checked_by_name_and_value() -> None:
    events = [
        {"event": "slot", "name": "exercise", "value": "marathon"},
        {"event": "slot", "name": "shoe_size", "value": "42"},
        {"event": "slot", "name": "exercise", "value": None},
        {"event": "slot", "name": "exercise", "value": "sedentary"},
        {"event": "user", "text": "hi"},
        "not an event",
    ]
    problems = disallowed_slot_events(events, ALLOWED)
    assert len(problems) == 2
    assert "'marathon'" in problems[0]
    assert "sedentary" in problems[0], "says what the slot takes"
    assert "shoe_size" in problems[1]
