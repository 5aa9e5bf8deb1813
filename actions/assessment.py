"""Gives the assessment when the form ends: slots in, one engine call, responses and slots out."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.engine_provider import assess, get_engine
from actions.wording import bullet_lines, reasons, utter_escalation, utter_evidence, utter_steps
from bot.core.slots import ESCALATED_LEVEL_SLOT, LIKELY_CAUSES_SLOT, TRIAGE_LEVEL_SLOT


class ActionGiveAssessment(Action):
    """What to do first, then the likely cause and why, the relief plan, and what would make it urgent.

    After an emergency was announced it adds only what is still useful: the questions stop and a summary is
    offered, so nobody is kept chatting instead of getting help.
    """

    def name(self) -> str:
        return "action_give_assessment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        knowledge = get_engine().knowledge
        result = assess(tracker)
        slots = [SlotSet(TRIAGE_LEVEL_SLOT, result.level), SlotSet(LIKELY_CAUSES_SLOT, list(result.likely_causes))]
        if not knowledge.levels[result.level].self_help:
            if tracker.get_slot(ESCALATED_LEVEL_SLOT) != result.level:
                utter_escalation(dispatcher, tracker, result)
                slots.append(SlotSet(ESCALATED_LEVEL_SLOT, result.level))
            dispatcher.utter_message(response="utter_questions_stopped")
            return slots
        dispatcher.utter_message(
            response="utter_assessment_level", advice=result.escalation.advice, reasons=reasons(result)
        )
        top = result.causes[0]
        dispatcher.utter_message(response="utter_likely_cause", name=top.name, explanation=top.explanation)
        utter_evidence(dispatcher, knowledge, top, result.findings, domain)
        others = [c.name for c in result.causes if c.id in result.likely_causes[1:]]
        if others:
            dispatcher.utter_message(response="utter_other_causes", names=bullet_lines(others))
        utter_steps(dispatcher, tracker, "utter_plan", result.plan)
        if result.escalation.urgent_if:
            dispatcher.utter_message(response="utter_urgent_if", items=bullet_lines(result.escalation.urgent_if))
        dispatcher.utter_message(response="utter_follow_up_options")
        return slots
