"""Runs after every user message (Rasa's slot-mapping validation): stores new findings and escalates red flags.

This is the one place every message passes through, inside the form or not, whatever its intent, so a red flag
is answered on the very message that shows it, before any routine question. A typed message that tells more
than the answer to the question asked is also said back (what it was understood to state), so a misreading can
be corrected in the next message; an answer that changes an earlier one is said back as a change. A condition
already being treated (a clot) gets what to watch for on the message that first tells it.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction

from actions.engine_provider import assess, get_engine
from actions.wording import bullet_lines, utter_escalation
from bot.core.assessment import Status
from bot.core.slot_values import allowed_by_knowledge, refused_values
from bot.core.slots import (
    ESCALATED_LEVEL_SLOT,
    FINDINGS_SLOT,
    REQUESTED_SLOT,
    SUBJECT_SLOT,
    TRIAGE_LEVEL_SLOT,
    findings_from_entities,
    findings_from_slots,
    stored_beside_slots,
)
from bot.core.summary import answer_name, noted, question_name

ANSWERING_INTENTS = frozenset({"describe_symptoms", "inform", "affirm", "deny", "not_sure", "correct_answer"})
"""Intents whose question mark the rules do not answer: the assessment's questions come first."""


class ActionValidateSlotMappings(ValidationAction):
    """Merges this message's findings into the `findings` slot, says them back, then checks the triage level."""

    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        knowledge = get_engine().knowledge
        events = _refuse_values_the_slots_do_not_take(tracker)
        new = findings_from_entities(knowledge, tracker.latest_message.get("entities", []))
        stored = dict(tracker.get_slot(FINDINGS_SLOT) or {})
        merged = stored | stored_beside_slots(knowledge, new, tracker.slots)
        if merged != stored:
            events.append(SlotSet(FINDINGS_SLOT, merged))
            tracker.slots[FINDINGS_SLOT] = merged
        result = assess(tracker)
        level = knowledge.levels[result.level]
        announced = tracker.get_slot(ESCALATED_LEVEL_SLOT)
        announce = level.announce and (announced is None or level.rank < knowledge.levels[announced].rank)
        if level.self_help:
            _say_back(dispatcher, tracker, new, stored, announce)
        if announce:
            utter_escalation(dispatcher, tracker, result)
            events += [SlotSet(ESCALATED_LEVEL_SLOT, level.id), SlotSet(TRIAGE_LEVEL_SLOT, level.id)]
        return events


def _refuse_values_the_slots_do_not_take(tracker: Tracker) -> list[EventType]:
    """A typed payload (`/inform{"exercise": "marathon"}`) can give a slot any value: such a value is refused, the
    slot keeping what it held (Rasa takes this action's SlotSet over the extracted one), before anything here
    reads the tracker. A refused answer to the question asked leaves it unanswered, so the form asks it again."""
    before = _slots_before_this_message(tracker)
    refused = refused_values(tracker.slots_to_validate(), allowed_by_knowledge(get_engine().knowledge))
    for event in reversed(tracker.events):  # this message's slot candidates, which Rasa appends last
        if event.get("event") != "slot":
            break
        if event["name"] in refused:
            event["value"] = before.get(event["name"])
    for slot in refused:
        tracker.slots[slot] = before.get(slot)
    return [SlotSet(slot, before.get(slot)) for slot in refused]


def _say_back(
    dispatcher: CollectingDispatcher, tracker: Tracker, new: dict[str, Status], stored: dict[str, str], announce: bool
) -> None:
    """Whom it is about, changed answers, what a typed message told beyond the question, what to watch for, and a
    question's wait."""
    engine = get_engine()
    knowledge = engine.knowledge
    before = _slots_before_this_message(tracker)
    if tracker.get_slot(SUBJECT_SLOT) is not None and before.get(SUBJECT_SLOT) is None:
        dispatcher.utter_message(response="utter_about_someone_else")
    changed = _changed_answers(tracker, before, knowledge.assessment_slots())
    for slot, (was, now) in changed.items():
        dispatcher.utter_message(
            response="utter_answer_changed",
            about=question_name(knowledge, slot),
            before=answer_name(knowledge, slot, was),
            now=answer_name(knowledge, slot, now),
        )
    text = str(tracker.latest_message.get("text") or "")
    if not text or text.startswith("/"):
        return
    said = {f: s for f, s in _said_this_message(tracker, new).items() if knowledge.findings[f].slot not in changed}
    requested = tracker.get_slot(REQUESTED_SLOT)
    if any(knowledge.findings[f].slot != requested for f in said):  # more than the answer asked for
        dispatcher.utter_message(response="utter_noted", noted=noted(knowledge, said))
    told_now = [f for f, s in new.items() if s is Status.PRESENT and stored.get(f) != Status.PRESENT.value]
    watch_for = engine.watch_for(told_now)
    if watch_for:
        dispatcher.utter_message(response="utter_watch_for", items=bullet_lines(watch_for))
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if "?" in text and intent in ANSWERING_INTENTS and not announce:
        dispatcher.utter_message(response="utter_answer_after_questions")


def _slots_before_this_message(tracker: Tracker) -> dict[str, Any]:
    """The slot values as they were before the latest message (since the last restart)."""
    before: dict[str, Any] = {}
    latest_user = max((i for i, e in enumerate(tracker.events) if e.get("event") == "user"), default=-1)
    for event in tracker.events[:latest_user]:
        if event.get("event") == "slot":
            before[event["name"]] = event.get("value")
        elif event.get("event") in ("restart", "session_started"):
            before.clear()
    return before


def _changed_answers(tracker: Tracker, before: dict[str, Any], slots: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """The answers to the assessment `slots` this message changed, as {slot: (before, now)}; a first answer is no
    change."""
    return {
        slot: (str(before[slot]), str(value))
        for slot, value in tracker.slots_to_validate().items()
        if slot in slots and before.get(slot) is not None and value is not None and before[slot] != value
    }


def _said_this_message(tracker: Tracker, new: dict[str, Status]) -> dict[str, Status]:
    """Everything this message stated: its findings and the answers its slot mappings took from it.

    Of a slot with levels only the level chosen is said back, not every level it rules out.
    """
    knowledge = get_engine().knowledge
    answers = findings_from_slots(knowledge, tracker.slots_to_validate())
    chosen = {f: s for f, s in answers.items() if knowledge.findings[f].value is None or s is not Status.ABSENT}
    return chosen | new
