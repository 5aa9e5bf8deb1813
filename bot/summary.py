"""Writes the plain-text summary a person can show a doctor, in the wording of `knowledge/summary.yml`.

Kept apart from the engine's reasoning: it only lays out what the engine decided, so a change of layout can
never change a triage level or a ranking.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from bot.knowledge_types import KnowledgeBase

if TYPE_CHECKING:
    from bot.engine import Escalation, PlanStep, RankedCause, Status


TOLD = (("present", "told_present"), ("absent", "told_absent"), ("unknown", "told_unknown"))
"""Each status with the summary.yml heading its findings go under."""


def told(knowledge: KnowledgeBase, statuses: Mapping[str, Status]) -> dict[str, list[str]]:
    """The names of the findings said present, absent and unknown, in findings.yml order."""
    said = {finding_id: status.value for finding_id, status in statuses.items()}
    return {
        status: [finding.name for finding in knowledge.findings.values() if said.get(finding.id) == status]
        for status, _ in TOLD
    }


def noted(knowledge: KnowledgeBase, statuses: Mapping[str, Status]) -> str:
    """What a message was understood to say, one heading a line, for saying back before the next question."""
    names = told(knowledge, statuses)
    words = knowledge.wording
    return "\n".join(f"{words[heading]} {', '.join(names[status])}" for status, heading in TOLD if names[status])


def _block(heading: str, lines: Iterable[str], empty: str) -> list[str]:
    items = [f"- {line}" for line in lines]
    return [heading, *(items or [f"- {empty}"])]


def render_summary(
    knowledge: KnowledgeBase,
    statuses: Mapping[str, Status],
    escalation: Escalation,
    likely: Iterable[RankedCause],
    plan: Iterable[PlanStep],
    today: date,
) -> str:
    """The findings as told, the advice level and why, the likely causes, the advice and the safety net."""
    words = knowledge.wording
    names = told(knowledge, statuses)
    lines = [
        words["title"].format(date=f"{today.day} {today:%B %Y}"),
        words["disclaimer"],
        "",
        *(line for status, heading in TOLD for line in _block(words[heading], names[status], words["none"])),
        "",
        words["level"].format(level=escalation.level_name),
        escalation.advice,
        *(_block(words["reasons"], escalation.reasons, words["none"]) if escalation.reasons else []),
        "",
        *_block(
            words["causes"],
            (words["cause_line"].format(name=c.name, percent=round(c.share * 100)) for c in likely),
            words["none"],
        ),
        "",
        *_block(words["advice"], (step.text for step in plan), words["none"]),
    ]
    if escalation.urgent_if:
        lines += ["", *_block(words["urgent_if"], escalation.urgent_if, words["none"])]
    return "\n".join(lines)
