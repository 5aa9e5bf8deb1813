"""Answers to general questions asked at any point: what a word means, and about one's own medicines."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.engine_provider import assess, get_engine
from actions.wording import bullet_lines

MEANING_INTENT = "ask_meaning"


class ActionAnswerMeaning(Action):
    """ "What is a varicose vein?": the answer the response selector chose, with the emergency number filled in.

    Rasa's own retrieval action fills a response only from slots, and the emergency number is a setting.
    """

    def name(self) -> str:
        return "action_answer_meaning"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        selected = (tracker.latest_message.get("response_selector") or {}).get(MEANING_INTENT) or {}
        response = (selected.get("response") or {}).get("utter_action")
        if response in domain.get("responses", {}):
            dispatcher.utter_message(response=response, emergency_number=get_engine().emergency_number)
        else:
            dispatcher.utter_message(response="utter_default")
        return []


class ActionAnswerMedicineQuestion(Action):
    """ "Should I stop my tablets?": never stop or change one alone, ask who prescribed it; what makes it urgent."""

    def name(self) -> str:
        return "action_answer_medicine_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(response="utter_medicine_question", advice=get_engine().medicine_answer())
        urgent_if = assess(tracker).escalation.urgent_if
        if urgent_if:
            dispatcher.utter_message(response="utter_urgent_if", items=bullet_lines(urgent_if))
        return []
