"""Translates between Rasa slot values and the engine's findings, using the slots named in findings.yml.

Yes/no slots carry one finding; a slot with levels (exercise) carries one finding per level, so "regular"
makes the regular finding present and the other levels absent. "unknown" leaves them unknown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.engine import Status
from bot.knowledge_types import KnowledgeBase

YES, NO, UNKNOWN = "yes", "no", "unknown"


def findings_from_slots(knowledge: KnowledgeBase, slots: Mapping[str, Any]) -> dict[str, Status]:
    """The findings the filled slots state; empty slots state nothing."""
    findings: dict[str, Status] = {}
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
        else:
            findings[finding.id] = Status.PRESENT if value == finding.value else Status.ABSENT
    return findings
