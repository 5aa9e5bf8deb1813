"""Turns parts of an assessment into the values that fill `domain.yml` response templates (no wording here), and
marks the replies a channel can show more of: the relief plan's pictures and the summary as a document.

The marks are the message's custom payload: `{"pictures": [{"id": <picture id>, "line": <0-based bullet line>}]}`
on a list of steps, `{"document": "summary"}` on the summary. Text-only channels (settings.yml) get neither.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.engine_provider import get_settings
from bot.core.assessment import Assessment, PlanStep, RankedCause, Status
from bot.core.knowledge_types import KnowledgeBase


def response_variant(domain: Mapping[str, Any], response: str, slots: Mapping[str, Any]) -> dict[str, Any]:
    """The variation of a domain response Rasa itself would choose: the first whose slot conditions all hold (a
    carer is asked about "your mum"), else the first without conditions."""
    variants: list[dict[str, Any]] = domain["responses"][response]
    for variant in variants:
        conditions = variant.get("condition") or []
        if conditions and all(slots.get(c["name"]) == c["value"] for c in conditions):
            return variant
    return next(variant for variant in variants if not variant.get("condition"))


def bullet_lines(items: Iterable[str]) -> str:
    """One "- item" line per item, as the chat channels show lists."""
    return "\n".join(f"- {item}" for item in items)


def plan_lines(plan: Iterable[PlanStep]) -> str:
    return bullet_lines(step.text for step in plan)


def shows_more_than_text(tracker: Tracker) -> bool:
    """Whether the person's latest message came through a channel that can show pictures and documents (Rasa's
    terminal would print the marks as raw JSON)."""
    return tracker.get_latest_input_channel() not in get_settings().text_only_channels


def picture_marks(plan: Sequence[PlanStep]) -> dict[str, Any] | None:
    """Each step's picture with the 0-based line of the step in `plan_lines`, so it is shown beside its step."""
    pictures = [{"id": step.picture, "line": line} for line, step in enumerate(plan) if step.picture]
    return {"pictures": pictures} if pictures else None


def summary_mark(tracker: Tracker) -> dict[str, Any] | None:
    """Marks the summary so a channel that can send files sends it as a document too."""
    return {"document": "summary"} if shows_more_than_text(tracker) else None


def utter_steps(dispatcher: CollectingDispatcher, tracker: Tracker, response: str, plan: Sequence[PlanStep]) -> None:
    """A list of steps (`utter_plan`, `utter_first_aid`) as one message, with its pictures where they can be shown."""
    marks = picture_marks(plan) if shows_more_than_text(tracker) else None
    dispatcher.utter_message(response=response, steps=plan_lines(plan), json_message=marks)


def reasons(assessment: Assessment) -> str:
    return " ".join(assessment.escalation.reasons)


def utter_evidence(
    dispatcher: CollectingDispatcher,
    knowledge: KnowledgeBase,
    cause: RankedCause,
    statuses: Mapping[str, Status],
    domain: Mapping[str, Any],
) -> None:
    """The person's own answers for and against a cause, one a line under a heading each, every line saying yes
    or no: names run together in one sentence read as a single list of lists."""
    responses = domain["responses"]
    answers = (("utter_evidence_yes", Status.PRESENT), ("utter_evidence_no", Status.ABSENT))
    blocks = []
    for heading, finding_ids in (("utter_evidence_for", cause.supporting), ("utter_evidence_against", cause.opposing)):
        lines = [
            responses[answer][0]["text"].format(name=knowledge.findings[finding_id].name)
            for answer, status in answers
            for finding_id in finding_ids
            if statuses.get(finding_id) is status
        ]
        if lines:
            blocks.append(f"{responses[heading][0]['text']}\n{bullet_lines(lines)}")
    if blocks:
        dispatcher.utter_message(response="utter_cause_evidence", evidence="\n".join(blocks))


def utter_escalation(dispatcher: CollectingDispatcher, tracker: Tracker, assessment: Assessment) -> None:
    """The urgent advice with its reasons, then the first aid to do while waiting for help."""
    dispatcher.utter_message(
        response="utter_escalation", advice=assessment.escalation.advice, reasons=reasons(assessment)
    )
    if assessment.plan:
        utter_steps(dispatcher, tracker, "utter_first_aid", assessment.plan)
