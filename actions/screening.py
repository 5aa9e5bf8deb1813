"""Asks the warning-sign question: the signs not yet told about, one button each, as triage services ask."""

from __future__ import annotations

import json
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.engine_provider import get_engine
from actions.wording import bullet_lines
from bot.screening import SCREENING_SLOT, signs_to_ask
from bot.slots import known_findings


class ActionAskWarningSigns(Action):
    """Lists the remaining signs with a button each, then the domain's own buttons ("None of these", "Not sure").

    After a plain "yes" it asks which one, with the same buttons.
    """

    def name(self) -> str:
        return f"action_ask_{SCREENING_SLOT}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        knowledge = get_engine().knowledge
        signs = signs_to_ask(knowledge, known_findings(knowledge, tracker.current_slot_values()))
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        asked_before = tracker.get_slot("requested_slot") == SCREENING_SLOT
        response = "utter_ask_which_warning_sign" if asked_before and intent == "affirm" else "utter_ask_warning_signs"
        template = domain["responses"][response][0]
        buttons = [
            {
                "title": sign.name[0].upper() + sign.name[1:],
                "payload": "/inform" + json.dumps({SCREENING_SLOT: sign.value}),
            }
            for sign in signs
        ]
        dispatcher.utter_message(
            text=template["text"].format(signs=bullet_lines(sign.name for sign in signs)),
            buttons=buttons + list(template.get("buttons", [])),
        )
        return []
