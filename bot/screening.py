"""The warning-sign question asked before the five assessment questions: which signs are still to be asked.

A sign is answered once any finding it covers is present (it has been escalated already) or every finding it
covers has been denied; the question lists only the others, and is skipped when none are left.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.engine import Status
from bot.knowledge_types import Finding, KnowledgeBase

SCREENING_SLOT = "warning_signs"


def warning_signs(knowledge: KnowledgeBase) -> list[Finding]:
    """The signs of the screening question, in findings.yml order."""
    return [finding for finding in knowledge.findings.values() if finding.slot == SCREENING_SLOT]


def signs_to_ask(knowledge: KnowledgeBase, statuses: Mapping[str, Status]) -> list[Finding]:
    """The signs the person has not yet told us about."""
    return [sign for sign in warning_signs(knowledge) if not _answered(sign, statuses)]


def _answered(sign: Finding, statuses: Mapping[str, Status]) -> bool:
    said = [statuses.get(finding) for finding in sign.covers]
    return Status.PRESENT in said or all(status is Status.ABSENT for status in said)
