"""Asks the warning-sign question: the signs not yet told about, one button each, as triage services ask."""

from __future__ import annotations

from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.engine_provider import get_engine
from actions.wording import bullet_lines, response_variant
from bot.core.screening import SCREENING_SLOT, sign_payload, signs_to_ask
from bot.core.slots import ESCALATED_LEVEL_SLOT, known_findings


class ActionAskWarningSigns(Action):
    """Lists the remaining signs with a button each, then the domain's own buttons ("None of these", "Not sure").

    After a plain "yes" it asks which one, with the same buttons; after an emergency it asks only about the signs
    that would make it more urgent, worded as such.
    """

    def name(self) -> str:
        return f"action_ask_{SCREENING_SLOT}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        engine = get_engine()
        slots = tracker.current_slot_values()
        signs = signs_to_ask(engine, known_findings(engine.knowledge, slots), date.today())
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        level = tracker.get_slot(ESCALATED_LEVEL_SLOT)
        if intent == "affirm":
            response = "utter_ask_which_warning_sign"
        elif level is not None and not engine.knowledge.levels[level].self_help:
            response = "utter_ask_more_urgent_signs"
        else:
            response = "utter_ask_warning_signs"
        template = response_variant(domain, response, slots)
        buttons = [
            {
                "title": sign.name[0].upper() + sign.name[1:],
                "payload": sign_payload(str(sign.value)),
            }
            for sign in signs
        ]
        dispatcher.utter_message(
            text=template["text"].format_map(
                {
                    **slots,
                    "signs": bullet_lines(sign.name for sign in signs),
                    "emergency_number": engine.emergency_number,
                }
            ),
            buttons=buttons + list(template.get("buttons", [])),
        )
        return []
