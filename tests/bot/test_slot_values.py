"""Values from outside (typed payloads, API events) only fill a slot with what the domain allows."""

from __future__ import annotations

from bot.slot_values import disallowed_slot_events, entities_with_allowed_values

ALLOWED = {"exercise": frozenset({"strenuous", "regular", "sedentary", "unknown"}), "findings": None}


def test_an_entity_with_a_value_its_slot_does_not_take_is_dropped() -> None:
    entities = [
        {"entity": "exercise", "value": "marathon"},
        {"entity": "exercise", "value": "regular"},
        {"entity": "finding", "value": "leg_swelling", "role": "present"},
        {"entity": "findings", "value": {"anything": "goes"}},
    ]
    assert entities_with_allowed_values(entities, ALLOWED) == entities[1:]


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
