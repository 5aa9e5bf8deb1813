"""Validation for the assessment form: stops it after an escalation, and handles answers that fit nowhere.

The form first asks about the warning signs not yet told about (skipped when there are none left), then only
the assessment slots still empty. A plain "yes" to the warning signs is met by asking which one. An answer
that fills nothing is met once with an example of what fits, and the second time the slot is taken as unknown,
so nobody is stuck in a loop.
Questions and other digressions are left to their rules, after which the form resumes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.engine_provider import get_engine
from bot.core.screening import SCREENING_SLOT, signs_to_ask
from bot.core.slots import ESCALATED_LEVEL_SLOT, REQUESTED_SLOT, UNCLEAR_SLOT, UNKNOWN, known_findings

ANSWER_INTENTS = frozenset(
    {"affirm", "deny", "not_sure", "inform", "describe_symptoms", "correct_answer", "nlu_fallback"}
)
"""Intents that try to answer the question; anything else is a digression handled by a rule."""


class ValidateAssessmentForm(FormValidationAction):
    def name(self) -> str:
        return "validate_assessment_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[str]:
        """After an emergency only the signs that would make it more urgent; no warning-sign question with none left."""
        engine = get_engine()
        statuses = known_findings(engine.knowledge, tracker.current_slot_values())
        screening = tracker.get_slot(SCREENING_SLOT) is None and bool(signs_to_ask(engine, statuses, date.today()))
        if _escalated(tracker):
            return [SCREENING_SLOT] if screening else []
        if tracker.get_slot(SCREENING_SLOT) is None and not screening:
            return [slot for slot in domain_slots if slot != SCREENING_SLOT]
        return list(domain_slots)

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        events: list[EventType] = await super().run(dispatcher, tracker, domain)
        if _escalated(tracker) and not await self.required_slots([], dispatcher, tracker, domain):
            return [*events, SlotSet(UNCLEAR_SLOT, 0.0)]  # a validated slot: Rasa then ends the form, no rejection
        requested = tracker.get_slot(REQUESTED_SLOT)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if requested is None or intent not in ANSWER_INTENTS:
            return events
        # a value the slot validation action refused comes as None: no answer, met like any that fits nowhere
        filled = {slot for slot, value in tracker.slots_to_validate().items() if value is not None} - {UNCLEAR_SLOT}
        if requested in filled:
            return [*events, SlotSet(UNCLEAR_SLOT, 0.0)] if tracker.get_slot(UNCLEAR_SLOT) else events
        if filled:
            return events  # told us something else useful: just ask again
        return [*events, *_not_answered(dispatcher, tracker, requested, intent)]

    async def _accept_as_read(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """An answer is kept as the slot mapping read it (the categorical slots admit nothing else).

        Named per slot because rasa-sdk logs a warning for every answered slot without a `validate_<slot>`.
        """
        return {}

    validate_warning_signs = validate_night_cramps = validate_visible_veins = _accept_as_read
    validate_diuretics = validate_dehydration = validate_exercise = _accept_as_read


def _not_answered(dispatcher: CollectingDispatcher, tracker: Tracker, requested: str, intent: str) -> list[EventType]:
    """A message that fills nothing: a "yes" to the warning signs is asked which one; else an example, then unknown.

    Every branch sets a slot, so Rasa never rejects the form and drops the question.
    """
    unclear = float(tracker.get_slot(UNCLEAR_SLOT) or 0)
    if requested == SCREENING_SLOT and intent == "affirm":
        return [SlotSet(UNCLEAR_SLOT, unclear)]  # the question comes again as "which one?"
    if unclear >= 1:
        return [SlotSet(requested, UNKNOWN), SlotSet(UNCLEAR_SLOT, 0.0)]
    dispatcher.utter_message(response=f"utter_reask_{requested}")
    return [SlotSet(UNCLEAR_SLOT, 1.0)]


def _escalated(tracker: Tracker) -> bool:
    level = tracker.get_slot(ESCALATED_LEVEL_SLOT)
    return level is not None and not get_engine().knowledge.levels[level].self_help
