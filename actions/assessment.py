"""Gives the assessment once the form has the five answers: slots in, one engine call, responses and slots out."""

from __future__ import annotations

from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.engine_provider import get_engine
from bot.slots import findings_from_slots


def _lines(items: Any) -> str:
    return "\n".join(f"- {item}" for item in items)


class ActionGiveAssessment(Action):
    """Triage level first, then the likely cause and why, the relief plan, and what would make it urgent."""

    def name(self) -> str:
        return "action_give_assessment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        engine = get_engine()
        findings = findings_from_slots(engine.knowledge, tracker.current_slot_values())
        result = engine.assess(findings, date.today())
        escalation = result.escalation
        dispatcher.utter_message(
            response="utter_assessment_level", level_name=escalation.level_name, advice=escalation.advice
        )
        if escalation.reasons:
            dispatcher.utter_message(response="utter_assessment_reasons", reasons=" ".join(escalation.reasons))
        top = result.causes[0]
        dispatcher.utter_message(response="utter_likely_cause", name=top.name, explanation=top.explanation)
        if top.supporting:
            names = [engine.knowledge.findings[f].name for f in top.supporting]
            dispatcher.utter_message(response="utter_cause_evidence", supporting=", ".join(names))
        dispatcher.utter_message(response="utter_plan", steps=_lines(step.text for step in result.plan))
        if escalation.urgent_if:
            dispatcher.utter_message(response="utter_urgent_if", items=_lines(escalation.urgent_if))
        return [SlotSet("triage_level", result.level), SlotSet("likely_causes", list(result.likely_causes))]
