"""Runs after every user message (Rasa's slot-mapping validation): stores new findings and escalates red flags.

This is the one place every message passes through, inside the form or not, whatever its intent, so a red flag
is answered on the very message that shows it, before any routine question. A typed message that tells more
than the answer to the question asked is also said back (what it was understood to state), so a misreading can
be corrected in the next message.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction

from actions.engine_provider import assess, get_engine
from actions.wording import utter_escalation
from bot.engine import Status
from bot.slots import FINDINGS_SLOT, findings_from_entities, findings_from_slots
from bot.summary import noted

ANSWERING_INTENTS = frozenset({"describe_symptoms", "inform", "affirm", "deny", "not_sure", "correct_answer"})
"""Intents whose question mark the rules do not answer: the assessment's questions come first."""


class ActionValidateSlotMappings(ValidationAction):
    """Merges this message's findings into the `findings` slot, says them back, then checks the triage level."""

    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        knowledge = get_engine().knowledge
        new = findings_from_entities(knowledge, tracker.latest_message.get("entities", []))
        stored = dict(tracker.get_slot(FINDINGS_SLOT) or {})
        merged = stored | {f: s.value for f, s in new.items() if knowledge.findings[f].slot is None}
        events: list[EventType] = []
        if merged != stored:
            events.append(SlotSet(FINDINGS_SLOT, merged))
            tracker.slots[FINDINGS_SLOT] = merged
        result = assess(tracker)
        level = knowledge.levels[result.level]
        announced = tracker.get_slot("escalated_level")
        announce = level.announce and (announced is None or level.rank < knowledge.levels[announced].rank)
        text = str(tracker.latest_message.get("text") or "")
        if text and not text.startswith("/") and level.self_help:
            said = _said_this_message(tracker, new)
            requested = tracker.get_slot("requested_slot")
            if any(knowledge.findings[f].slot != requested for f in said):  # more than the answer asked for
                dispatcher.utter_message(response="utter_noted", noted=noted(knowledge, said))
            intent = (tracker.latest_message.get("intent") or {}).get("name")
            if "?" in text and intent in ANSWERING_INTENTS and not announce:
                dispatcher.utter_message(response="utter_answer_after_questions")
        if announce:
            utter_escalation(dispatcher, result)
            events += [SlotSet("escalated_level", level.id), SlotSet("triage_level", level.id)]
        return events


def _said_this_message(tracker: Tracker, new: dict[str, Status]) -> dict[str, Status]:
    """Everything this message stated: its findings and the answers its slot mappings took from it.

    Of a slot with levels only the level chosen is said back, not every level it rules out.
    """
    knowledge = get_engine().knowledge
    answers = findings_from_slots(knowledge, tracker.slots_to_validate())
    chosen = {f: s for f, s in answers.items() if knowledge.findings[f].value is None or s is not Status.ABSENT}
    return chosen | new
