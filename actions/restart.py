"""Starting over: forget the answers, say so once, and ask the first question again."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, Restarted
from rasa_sdk.executor import CollectingDispatcher

ASSESSMENT_FORM = "assessment_form"


class ActionRestartAssessment(Action):
    """Rasa's own restart stops dead (nothing asks the first question again); this one begins the questions."""

    def name(self) -> str:
        return "action_restart_assessment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(response="utter_restart")
        return [Restarted(), FollowupAction(ASSESSMENT_FORM)]
