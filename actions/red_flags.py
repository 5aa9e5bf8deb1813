"""Runs after every user message (Rasa's slot-mapping validation): stores new findings and escalates red flags.

This is the one place every message passes through, inside the form or not, whatever its intent, so a red flag
is answered on the very message that shows it, before any routine question.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction

from actions.engine_provider import assess, get_engine
from actions.wording import utter_escalation
from bot.slots import FINDINGS_SLOT, findings_from_entities


class ActionValidateSlotMappings(ValidationAction):
    """Merges this message's findings into the `findings` slot, then checks the triage level."""

    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        knowledge = get_engine().knowledge
        entities = tracker.latest_message.get("entities", [])
        new = findings_from_entities(knowledge, entities)
        stored = dict(tracker.get_slot(FINDINGS_SLOT) or {})
        merged = stored | {f: s.value for f, s in new.items() if knowledge.findings[f].slot is None}
        events: list[EventType] = []
        if merged != stored:
            events.append(SlotSet(FINDINGS_SLOT, merged))
            tracker.slots[FINDINGS_SLOT] = merged
        result = assess(tracker)
        level = knowledge.levels[result.level]
        announced = tracker.get_slot("escalated_level")
        more_urgent = announced is None or level.rank < knowledge.levels[announced].rank
        if not level.self_help and more_urgent:
            utter_escalation(dispatcher, result)
            events += [SlotSet("escalated_level", level.id), SlotSet("triage_level", level.id)]
        return events
