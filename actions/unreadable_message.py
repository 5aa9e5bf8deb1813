"""The answer to a message the guard kept from the pipeline: empty, over the length bound, or not English."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.engine_provider import get_engine
from bot.core.settings import load_settings

RESPONSES = {
    "message_too_long": "utter_message_too_long",
    "message_empty": "utter_message_empty",
    "message_other_language": "utter_message_other_language",
}


class ActionAnswerUnreadableMessage(Action):
    """Asks for the message again in a form we can read, with the emergency number in case it is urgent."""

    def name(self) -> str:
        return "action_answer_unreadable_message"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        dispatcher.utter_message(
            response=RESPONSES.get(str(intent), "utter_message_empty"),
            max_chars=load_settings().max_message_chars,
            emergency_number=get_engine().emergency_number,
        )
        return []
