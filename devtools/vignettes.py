"""Plays vignettes (typed-in cases with the triage and causes a clinician expects) through whole conversations.

A scripted person sends the opening and answers every question the assistant asks from the case's table of
truths, pressing the button a person would press. The tests assert on the results; `make eval` reports them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml

from bot.core.screening import SCREENING_SLOT, sign_payload
from bot.core.slots import ESCALATED_LEVEL_SLOT, LIKELY_CAUSES_SLOT, REQUESTED_SLOT, TRIAGE_LEVEL_SLOT

ANSWER_PAYLOADS = {"yes": "/affirm", "no": "/deny", "unknown": "/not_sure"}
EXERCISE_PAYLOADS = {
    "strenuous": '/inform{"exercise": "strenuous"}',
    "regular": '/inform{"exercise": "regular"}',
    "sedentary": '/inform{"exercise": "sedentary"}',
    "unknown": "/not_sure",
}
MAX_TURNS = 10
NO_WARNING_SIGN = "no"
"""The warning-sign answer of a case that gives none: its red flags, if any, are in its opening."""


class Agent(Protocol):
    """What we use of `rasa.core.agent.Agent`."""

    async def handle_text(self, text: str, sender_id: str) -> Any: ...

    @property
    def tracker_store(self) -> Any: ...


@dataclass(frozen=True)
class Vignette:
    id: str
    opening: str
    answers: dict[str, str]
    triage: tuple[str, ...]
    top_cause: tuple[str, ...]
    immediate: bool


@dataclass(frozen=True)
class VignetteResult:
    vignette: Vignette
    triage: str | None
    causes: tuple[str, ...]
    turns: int
    first_level: str | None
    """The level announced on the opening itself."""
    first_reply: str
    replies: tuple[str, ...]
    """The text of every reply, in order: what the person read."""

    @property
    def triage_right(self) -> bool:
        return self.triage in self.vignette.triage

    def under_triaged(self, levels: Sequence[str]) -> bool:
        """Less urgent than every acceptable level (`levels` runs from most to least urgent)."""
        least_urgent_accepted = max(levels.index(level) for level in self.vignette.triage)
        return self.triage not in levels or levels.index(self.triage) > least_urgent_accepted

    @property
    def top_cause_right(self) -> bool | None:
        if not self.vignette.top_cause:
            return None
        return bool(self.causes) and self.causes[0] in self.vignette.top_cause

    def escalated_first(self, emergency_number: str) -> bool | None:
        """For a red-flag opening: its level announced on that message, first thing, with the emergency number."""
        if not self.vignette.immediate:
            return None
        return self.first_level in self.vignette.triage and emergency_number in self.first_reply


def _said(value: Any) -> str:
    """YAML reads an unquoted yes/no as a boolean."""
    return {True: "yes", False: "no"}.get(value, str(value)) if isinstance(value, bool) else str(value)


def _levels(value: Any) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value or ())


def load_vignettes(path: Path) -> list[Vignette]:
    """The cases of a vignette file (format of tests/vignettes.yml)."""
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))["vignettes"]
    return [
        Vignette(
            id=str(case["id"]),
            opening=str(case["opening"]),
            answers={slot: _said(value) for slot, value in case["answers"].items()},
            triage=_levels(case["expect"]["triage"]),
            top_cause=_levels(case["expect"].get("top_cause")),
            immediate=bool(case["expect"].get("immediate", False)),
        )
        for case in cases
    ]


def payload_for(slot: str, truth: str) -> str:
    """The button a person who knows `truth` would press for the question about `slot`."""
    if slot == SCREENING_SLOT:
        return ANSWER_PAYLOADS[truth] if truth in ANSWER_PAYLOADS else sign_payload(truth)
    return EXERCISE_PAYLOADS[truth] if slot == "exercise" else ANSWER_PAYLOADS[truth]


async def play_vignette(agent: Agent, vignette: Vignette, sender_id: str) -> VignetteResult:
    """Sends the opening, answers every question the form asks, and reads the outcome from the slots."""
    replies = list(await agent.handle_text(vignette.opening, sender_id=sender_id))
    first_reply = str(replies[0].get("text") or "") if replies else ""
    texts = [str(reply["text"]) for reply in replies if reply.get("text")]
    first_level = (await agent.tracker_store.retrieve(sender_id)).current_slot_values().get(ESCALATED_LEVEL_SLOT)
    turns = 1
    for _ in range(MAX_TURNS):
        slots = (await agent.tracker_store.retrieve(sender_id)).current_slot_values()
        asked = slots.get(REQUESTED_SLOT)
        if asked is None:
            break
        truth = vignette.answers.get(asked, NO_WARNING_SIGN) if asked == SCREENING_SLOT else vignette.answers[asked]
        answered = await agent.handle_text(payload_for(asked, truth), sender_id=sender_id)
        texts += [str(reply["text"]) for reply in answered if reply.get("text")]
        turns += 1
    slots = (await agent.tracker_store.retrieve(sender_id)).current_slot_values()
    causes = tuple(slots.get(LIKELY_CAUSES_SLOT) or ())
    return VignetteResult(vignette, slots.get(TRIAGE_LEVEL_SLOT), causes, turns, first_level, first_reply, tuple(texts))
