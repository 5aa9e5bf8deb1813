"""Answers to follow-up questions, each from the same engine result the assessment gave."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.engine_provider import assess, get_engine
from actions.wording import bullet_lines, reasons, summary_mark, utter_escalation, utter_evidence, utter_steps
from bot.core.assessment import Assessment


def assess_noting_if_general(dispatcher: CollectingDispatcher, tracker: Tracker) -> Assessment:
    """The assessment, first saying it is general when it rests on nothing the person has told yet."""
    result = assess(tracker)
    if not result.findings:
        dispatcher.utter_message(response="utter_no_findings_yet")
    return result


class ActionGiveReliefSteps(Action):
    """ "What can I do?": the relief plan, first aid only when it is an emergency."""

    def name(self) -> str:
        return "action_give_relief_steps"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        result = assess_noting_if_general(dispatcher, tracker)
        if not get_engine().knowledge.levels[result.level].self_help:
            utter_escalation(dispatcher, tracker, result)
            return []
        utter_steps(dispatcher, tracker, "utter_plan", result.plan)
        return []


class ActionExplainCauses(Action):
    """ "Why?": each likely cause with its share and the person's own findings for and against it."""

    def name(self) -> str:
        return "action_explain_causes"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        result = assess_noting_if_general(dispatcher, tracker)
        knowledge = get_engine().knowledge
        if result.escalation.reasons:
            dispatcher.utter_message(
                response="utter_assessment_level", advice=result.escalation.advice, reasons=reasons(result)
            )
        for cause in (c for c in result.causes if c.id in result.likely_causes):
            dispatcher.utter_message(
                response="utter_why_cause",
                name=cause.name,
                percent=round(cause.share * 100),
                explanation=cause.explanation,
            )
            utter_evidence(dispatcher, knowledge, cause, result.findings, domain)
        return []


class ActionAdviseWhenToSeeDoctor(Action):
    """ "Should I see a doctor?": the level, its reasons and what would make it more urgent."""

    def name(self) -> str:
        return "action_advise_when_to_see_doctor"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        result = assess_noting_if_general(dispatcher, tracker)
        dispatcher.utter_message(
            response="utter_when_to_see_doctor",
            level_name=result.escalation.level_name,
            advice=result.escalation.advice,
            reasons=reasons(result),
        )
        if result.escalation.urgent_if:
            dispatcher.utter_message(response="utter_urgent_if", items=bullet_lines(result.escalation.urgent_if))
        return []


class ActionGiveSummary(Action):
    """ "A summary for my doctor": the engine's dated plain-text summary, marked to be sent as a document too."""

    def name(self) -> str:
        return "action_give_summary"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        result = assess_noting_if_general(dispatcher, tracker)
        dispatcher.utter_message(response="utter_summary", summary=result.summary, json_message=summary_mark(tracker))
        return []
