"""Translates between Rasa slot values and the engine's findings, using the slots named in findings.yml.

Yes/no slots carry one finding; a slot with levels (exercise) carries one finding per level, so "regular"
makes the regular finding present and the other levels absent. "unknown" leaves them unknown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from bot.core.assessment import Status
from bot.core.knowledge_types import Finding, KnowledgeBase

YES, NO, UNKNOWN = "yes", "no", "unknown"


class FoundFinding(Protocol):
    """A finding read in a message, where (character offsets) and how: what the language package's matcher
    finds, named here so the core needs nothing of that package."""

    @property
    def finding(self) -> str: ...
    @property
    def status(self) -> Status: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def findings_from_slots(knowledge: KnowledgeBase, slots: Mapping[str, Any]) -> dict[str, Status]:
    """The findings the filled slots state; empty slots state nothing.

    A slot with levels (exercise, most strenuous first in findings.yml) states its level and denies the levels
    above it ("regular, moderate activity" is no hard exercise), but says nothing of those below: someone who
    trains hard may also run every week, or sit at a desk all day.
    """
    findings: dict[str, Status] = {}
    above: dict[str, bool] = {}
    for finding in knowledge.findings.values():
        if finding.slot is None:
            continue
        value = slots.get(finding.slot)
        if value is None:
            continue
        if value == UNKNOWN:
            findings[finding.id] = Status.UNKNOWN
        elif finding.value is None:
            if value in (YES, NO):
                findings[finding.id] = Status.PRESENT if value == YES else Status.ABSENT
        elif value == finding.value:
            findings[finding.id] = Status.PRESENT
            above[finding.slot] = False
        elif above.setdefault(finding.slot, True):
            findings[finding.id] = Status.ABSENT
    return findings


FINDING_ENTITY = "finding"
"""The entity for findings without a slot of their own; its role is present, absent or unknown."""


def entities_for(knowledge: KnowledgeBase, found: Iterable[FoundFinding]) -> list[dict[str, Any]]:
    """Rasa entities for found findings: slot findings fill their slot, the rest travel as `finding` entities.

    A slot with levels (exercise) gets one value: the first present level in findings.yml order, so "I walk and
    play football" reads as the more strenuous level; any further present level travels as a `finding` entity,
    kept beside the slot (the slot denies only the levels above its own).
    """
    entities: list[dict[str, Any]] = []
    filled_levels: set[str] = set()
    order = list(knowledge.findings)
    for item in sorted(found, key=lambda f: order.index(f.finding)):
        finding = knowledge.findings[item.finding]
        span = {"start": item.start, "end": item.end}
        if finding.slot is not None and finding.value is None:
            value = {Status.PRESENT: YES, Status.ABSENT: NO, Status.UNKNOWN: UNKNOWN}[item.status]
            entities.append({"entity": finding.slot, "value": value, **span})
        elif finding.slot is not None and item.status is Status.PRESENT and finding.slot not in filled_levels:
            filled_levels.add(finding.slot)
            entities.append({"entity": finding.slot, "value": finding.value, **span})
        else:
            entities.append({"entity": FINDING_ENTITY, "value": finding.id, "role": item.status.value, **span})
    return entities


def findings_from_entities(knowledge: KnowledgeBase, entities: Iterable[Mapping[str, Any]]) -> dict[str, Status]:
    """The findings a message's entities state (the inverse of `entities_for`), ignoring anything unknown."""
    by_slot_value = {(f.slot, f.value or YES): f.id for f in knowledge.findings.values() if f.slot}
    statuses = {YES: Status.PRESENT, NO: Status.ABSENT, UNKNOWN: Status.UNKNOWN}
    findings: dict[str, Status] = {}
    for entity in entities:
        name, value = str(entity.get("entity")), str(entity.get("value"))
        if name == FINDING_ENTITY and value in knowledge.findings and entity.get("role") in Status._value2member_map_:
            findings[value] = Status(entity["role"])
        elif (name, value) in by_slot_value:
            findings[by_slot_value[(name, value)]] = Status.PRESENT
        elif (name, YES) in by_slot_value and value in statuses:
            findings[by_slot_value[(name, YES)]] = statuses[value]
    return findings


SUBJECT_SLOT, SOMEONE_ELSE = "subject", "someone_else"
"""The `subject` slot's value when the assessment is for someone other than the person typing."""


def person_entities(relation: str, pronoun: str, start: int, end: int) -> list[dict[str, Any]]:
    """The entities that fill `subject`, `person` and `person_pronoun`: the replies then speak of that person."""
    span = {"start": start, "end": end}
    return [
        {"entity": SUBJECT_SLOT, "value": SOMEONE_ELSE, **span},
        {"entity": "person", "value": relation, **span},
        {"entity": "person_pronoun", "value": pronoun, **span},
    ]


FINDINGS_SLOT = "findings"
"""The slot holding every finding without a slot of its own, and the levels told beside a slot's level, as
{finding id: status}."""


def stored_beside_slots(
    knowledge: KnowledgeBase, findings: Mapping[str, Status], slots: Mapping[str, Any]
) -> dict[str, str]:
    """Of a message's findings, those the `findings` slot keeps: all without a slot, and the levels of a slot with
    levels other than the one the slot holds (a yes / no slot's answer is the slot itself)."""

    def kept(finding: Finding) -> bool:
        return finding.slot is None or (finding.value is not None and slots.get(finding.slot) != finding.value)

    return {f: s.value for f, s in findings.items() if kept(knowledge.findings[f])}


TRIAGE_LEVEL_SLOT, LIKELY_CAUSES_SLOT = "triage_level", "likely_causes"
"""The assessment's level and its causes, most likely first (ids from bot/knowledge)."""
ESCALATED_LEVEL_SLOT = "escalated_level"
"""The most urgent level already announced, so an escalation is said once and again only if it gets worse."""
UNCLEAR_SLOT = "unclear_answers"
"""How many answers in a row did not fit the question being asked."""
REQUESTED_SLOT = "requested_slot"
"""Rasa's slot naming the question the form is asking."""


def known_findings(knowledge: KnowledgeBase, slots: Mapping[str, Any]) -> dict[str, Status]:
    """Everything the person has told so far: the assessment slots plus the stored other findings."""
    stored = slots.get(FINDINGS_SLOT) or {}
    findings = {f: Status(s) for f, s in stored.items() if f in knowledge.findings and s in Status._value2member_map_}
    return findings | findings_from_slots(knowledge, slots)
