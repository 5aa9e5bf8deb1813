"""Every custom action run directly with a real Tracker and CollectingDispatcher: slots in, responses and slots out."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.assessment import ActionGiveAssessment
from actions.followups import (
    ActionAdviseWhenToSeeDoctor,
    ActionExplainCauses,
    ActionGiveReliefSteps,
    ActionGiveSummary,
)
from actions.form_validation import ValidateAssessmentForm
from actions.red_flags import ActionValidateSlotMappings
from actions.screening import ActionAskWarningSigns
from bot.core.settings import load_settings
from tests.actions.conftest import MakeTracker

pytestmark = pytest.mark.asyncio(loop_scope="session")

VEINS = {"night_cramps": "yes", "visible_veins": "yes", "diuretics": "no", "dehydration": "no", "exercise": "sedentary"}


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [message["response"] for message in dispatcher.messages]


def slot_values(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}


async def test_assessment_sets_triage_and_causes(
    tracker: MakeTracker, dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    events = await ActionGiveAssessment().run(dispatcher, tracker(VEINS), domain)
    assert slot_values(events) == {"triage_level": "consultation", "likely_causes": ["venous_insufficiency"]}
    said = responses(dispatcher)
    assert said[0] == "utter_assessment_level"
    assert {"utter_likely_cause", "utter_cause_evidence", "utter_plan", "utter_urgent_if"} <= set(said)
    plan = next(m for m in dispatcher.messages if m["response"] == "utter_plan")
    assert "10 to 15 minutes" in plan["steps"]


async def test_assessment_after_an_escalation_only_stops_the_questions(
    tracker: MakeTracker, dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    slots = {"findings": {"chest_pain": "present"}, "escalated_level": "emergency_ambulance"}
    events = await ActionGiveAssessment().run(dispatcher, tracker(slots), domain)
    assert slot_values(events)["triage_level"] == "emergency_ambulance"
    assert responses(dispatcher) == ["utter_questions_stopped"]


async def test_red_flag_in_a_message_is_announced_once(
    tracker: MakeTracker, dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    entities = [{"entity": "finding", "value": "bleeding_vein", "role": "present"}]
    events = await ActionValidateSlotMappings().run(dispatcher, tracker(entities=entities), domain)
    assert slot_values(events) == {
        "findings": {"bleeding_vein": "present"},
        "escalated_level": "emergency",
        "triage_level": "emergency",
    }
    assert responses(dispatcher) == ["utter_escalation", "utter_first_aid"]
    again = CollectingDispatcher()
    slots = {"findings": {"bleeding_vein": "present"}, "escalated_level": "emergency"}
    await ActionValidateSlotMappings().run(again, tracker(slots), domain)
    assert again.messages == [], "said once, not on every later message"


@pytest.mark.parametrize(
    ("earlier", "payload", "kept"),
    [
        ("regular", {"exercise": "marathon"}, "regular"),
        (None, {"warning_signs": "nothing"}, None),
    ],
)
async def test_a_payload_value_its_slot_does_not_take_is_refused(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], earlier: str | None, payload: dict[str, str], kept: Any
) -> None:
    from rasa_sdk import Tracker

    ((slot, value),) = payload.items()
    text = f"/inform{{{slot!r}: {value!r}}}"
    latest = {"intent": {"name": "inform", "confidence": 1.0}, "entities": [{"entity": slot, "value": value}]}
    events = [
        *([{"event": "slot", "name": slot, "value": earlier}] if earlier else []),
        {"event": "user", "text": text, "parse_data": latest},
        {"event": "slot", "name": slot, "value": value},  # what Rasa's slot mapping extracted
    ]
    tracker = Tracker("tester", {slot: value}, {**latest, "text": text}, events, False, None, {}, "action_listen")
    result = await ActionValidateSlotMappings().run(dispatcher, tracker, domain)
    assert slot_values(result) == {slot: kept}, "the slot keeps what it held"
    assert dispatcher.messages == [], "nothing said back about a value nobody can give"


async def test_a_second_exercise_level_told_is_kept_beside_the_slot(
    tracker: MakeTracker, dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    """ "I run every week and did a marathon on Sunday": the slot takes the harder level, the weekly runs stay."""
    entities = [
        {"entity": "exercise", "value": "strenuous"},
        {"entity": "finding", "value": "exercise_regular", "role": "present"},
    ]
    events = await ActionValidateSlotMappings().run(
        dispatcher, tracker({"exercise": "strenuous"}, entities=entities), domain
    )
    assert slot_values(events)["findings"] == {"exercise_regular": "present"}


async def test_denied_red_flag_is_stored_and_not_announced(
    tracker: MakeTracker, dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    entities = [{"entity": "finding", "value": "chest_pain", "role": "absent"}]
    events = await ActionValidateSlotMappings().run(dispatcher, tracker(entities=entities), domain)
    assert slot_values(events) == {"findings": {"chest_pain": "absent"}}
    assert dispatcher.messages == []


async def test_form_stops_after_an_escalation(
    tracker: MakeTracker, dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    slots = {
        "escalated_level": "emergency",
        "requested_slot": "visible_veins",
        "night_cramps": "yes",
        "warning_signs": "none",
        "findings": {"dark_urine": "present"},
    }
    events = await ValidateAssessmentForm().run(dispatcher, tracker(slots), domain)
    assert slot_values(events)["requested_slot"] is None


async def test_after_an_emergency_only_the_signs_for_an_ambulance_are_asked(
    tracker: MakeTracker, dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    slots = {"escalated_level": "emergency", "findings": {"dark_urine": "present"}, "requested_slot": "warning_signs"}
    form_events = await ValidateAssessmentForm().run(dispatcher, tracker(slots), domain)
    assert slot_values(form_events).get("requested_slot", "warning_signs") == "warning_signs"
    await ActionAskWarningSigns().run(dispatcher, tracker(slots), domain)
    question = dispatcher.messages[-1]
    assert f"call {load_settings().emergency_number} now instead" in question["text"]
    titles = [button["title"] for button in question["buttons"]]
    assert "Chest pain or feeling short of breath" in titles
    assert "Dark brown pee" not in titles, "already told"
    assert "One leg swollen, red or warm" not in titles, "would not make it more urgent than it is"


async def test_form_gives_an_example_then_takes_unknown(
    tracker: MakeTracker, dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    first = await ValidateAssessmentForm().run(
        dispatcher, tracker({"requested_slot": "diuretics"}, intent="nlu_fallback"), domain
    )
    assert responses(dispatcher) == ["utter_reask_diuretics"]
    assert slot_values(first) == {"unclear_answers": 1.0}
    second = await ValidateAssessmentForm().run(
        CollectingDispatcher(),
        tracker({"requested_slot": "diuretics", "unclear_answers": 1.0}, intent="nlu_fallback"),
        domain,
    )
    assert slot_values(second) == {"diuretics": "unknown", "unclear_answers": 0.0}


async def test_form_leaves_digressions_to_their_rules(
    tracker: MakeTracker, dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    events = await ValidateAssessmentForm().run(
        dispatcher, tracker({"requested_slot": "diuretics"}, intent="ask_treatment"), domain
    )
    assert events == []
    assert dispatcher.messages == []


async def test_relief_steps_and_first_aid(
    tracker: MakeTracker, dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    await ActionGiveReliefSteps().run(dispatcher, tracker(VEINS), domain)
    assert responses(dispatcher) == ["utter_plan"]
    emergency = CollectingDispatcher()
    await ActionGiveReliefSteps().run(emergency, tracker({"findings": {"bleeding_vein": "present"}}), domain)
    assert responses(emergency) == ["utter_escalation", "utter_first_aid"]
    assert "press" in emergency.messages[1]["steps"].lower()


async def test_why_names_each_likely_cause_with_the_persons_answers(
    tracker: MakeTracker, dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    await ActionExplainCauses().run(dispatcher, tracker(VEINS), domain)
    causes = [m for m in dispatcher.messages if m["response"] == "utter_why_cause"]
    assert causes
    assert "venous insufficiency" in causes[0]["name"]
    evidence = next(m for m in dispatcher.messages if m["response"] == "utter_cause_evidence")
    lines = evidence["evidence"].splitlines()
    assert lines[:2] == ["What points to it:", "- You said yes: bulging or twisted veins you can see"]
    assert "What points away from it:" not in lines, "nothing the person said counts against poor vein flow"


@pytest.mark.parametrize(
    ("slots", "lines"),
    [
        pytest.param(
            {"night_cramps": "yes", "visible_veins": "no", "diuretics": "no", "dehydration": "no"},
            [
                "What points to it:",
                "- You said yes: cramps at night or in bed",
                "- You said no: bulging or twisted veins you can see",
                "- You said no: taking water tablets (diuretics)",
                "- You said no: not drinking enough or losing a lot of fluid",
            ],
            id="one answer a line, saying yes or no",
        ),
        pytest.param(
            {"night_cramps": "no", "visible_veins": "yes", "diuretics": "no", "dehydration": "no"},
            [
                "What points to it:",
                "- You said yes: bulging or twisted veins you can see",
                "What points away from it:",
                "- You said no: cramps at night or in bed",
            ],
            id="what points away has its own list",
        ),
    ],
)
async def test_evidence_is_a_list_of_the_persons_answers(
    tracker: MakeTracker,
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    slots: dict[str, str],
    lines: list[str],
) -> None:
    await ActionGiveAssessment().run(dispatcher, tracker(slots), domain)
    evidence = next(m for m in dispatcher.messages if m["response"] == "utter_cause_evidence")["evidence"]
    assert evidence.splitlines() == lines


async def test_when_to_see_a_doctor_and_the_summary(
    tracker: MakeTracker, dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    await ActionAdviseWhenToSeeDoctor().run(dispatcher, tracker(VEINS), domain)
    assert responses(dispatcher)[0] == "utter_when_to_see_doctor"
    summary = CollectingDispatcher()
    await ActionGiveSummary().run(summary, tracker(VEINS), domain)
    assert "Said yes to:" in summary.messages[0]["summary"]


async def test_nothing_known_yet_says_the_answer_is_general(
    tracker: MakeTracker, dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    await ActionGiveReliefSteps().run(dispatcher, tracker(), domain)
    assert responses(dispatcher)[0] == "utter_no_findings_yet"
