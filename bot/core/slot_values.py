"""The values each slot may take, checked where values come from outside the NLU: typed payloads and API events.

Rasa keeps whatever value a typed button payload (`/inform{"exercise": "marathon"}`) or an HTTP API slot event
carries, even for a categorical slot with a fixed list of values; the engine would then read "marathon" as
"none of the activity levels", and any unknown warning sign as "none of these". The slot validation action
(`actions/red_flags.py`) refuses such payload values with the values below (from the knowledge files, which a
test compares with domain.yml); Rasa's HTTP API refuses such events with a 400 (`bot/rasa_patches.py`, with the
domain's values).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bot.core.knowledge_types import KnowledgeBase
from bot.core.screening import SCREENING_SLOT
from bot.core.slots import NO, UNKNOWN, YES

AllowedValues = Mapping[str, frozenset[str] | None]
"""Slot name to the values it may take (None: any value)."""
NONE_OF_THESE = "none"
"""The warning-sign question's answer "None of these": every sign absent."""


def allowed_by_knowledge(knowledge: KnowledgeBase) -> dict[str, frozenset[str]]:
    """The values of the slots that carry findings: yes, no or unknown for one finding; for a slot with levels
    each level or unknown (and "none" of the warning signs)."""
    values: dict[str, set[str]] = {}
    for finding in knowledge.findings.values():
        if finding.slot is not None:
            values.setdefault(finding.slot, {UNKNOWN}).update([finding.value] if finding.value else [YES, NO])
    if SCREENING_SLOT in values:
        values[SCREENING_SLOT].add(NONE_OF_THESE)
    return {slot: frozenset(taken) for slot, taken in values.items()}


def allows(allowed: AllowedValues, slot: str, value: Any) -> bool:
    """Whether `slot` exists and may hold `value` (clearing a slot with None is always allowed)."""
    if slot not in allowed:
        return False
    values = allowed[slot]
    return value is None or values is None or (isinstance(value, str) and value in values)


def refused_values(candidates: Mapping[str, Any], allowed: AllowedValues) -> dict[str, Any]:
    """The candidate slot values their slot does not take (slots without a list of values take anything)."""
    return {slot: value for slot, value in candidates.items() if slot in allowed and not allows(allowed, slot, value)}


def disallowed_slot_events(events: Iterable[Any], allowed: AllowedValues) -> list[str]:
    """One line per `slot` event that names an unknown slot or a value its slot does not allow."""
    problems = []
    for event in events:
        if not isinstance(event, Mapping) or event.get("event") != "slot":
            continue
        name, value = str(event.get("name")), event.get("value")
        if name not in allowed:
            problems.append(f"there is no slot {name!r}")
        elif not allows(allowed, name, value):
            problems.append(f"slot {name!r} takes one of {sorted(allowed[name] or ())}, not {value!r}")
    return problems
