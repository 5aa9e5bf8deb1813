"""Slot values the domain allows, checked where values come from outside: message entities and API events.

Rasa keeps whatever value a typed button payload (`/inform{"exercise": "marathon"}`) or an HTTP API slot event
carries, even for a categorical slot with a fixed list of values; the engine would then read "marathon" as
"none of the activity levels". `bot/rasa_fixes.py` drops such entities from parsed messages (the form then asks
again, as for any answer that fits nowhere) and refuses such API events with a 400.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

AllowedValues = Mapping[str, frozenset[str] | None]
"""Slot name to the values it may take (None: any value)."""


def allows(allowed: AllowedValues, slot: str, value: Any) -> bool:
    """Whether `slot` exists and may hold `value` (clearing a slot with None is always allowed)."""
    if slot not in allowed:
        return False
    values = allowed[slot]
    return value is None or values is None or (isinstance(value, str) and value in values)


def entities_with_allowed_values(entities: Iterable[Mapping[str, Any]], allowed: AllowedValues) -> list[Any]:
    """The entities, less those that would fill a slot with a value it does not allow."""
    return [
        entity
        for entity in entities
        if entity.get("entity") not in allowed or allows(allowed, str(entity["entity"]), entity.get("value"))
    ]


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
