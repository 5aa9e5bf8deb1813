"""Writes the plain-text summary a person can show a doctor, in the wording of `knowledge/summary.yml`.

Kept apart from the engine's reasoning: it only lays out what the engine decided, so a change of layout can
never change a triage level or a ranking.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from bot.core.assessment import Escalation, PlanStep, RankedCause, Status
from bot.core.knowledge_types import KnowledgeBase

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
    """What a message was understood to say, for saying back before the next question: each heading with findings,
    then one finding a line (names that hold commas of their own run together when listed in one line)."""
    names = told(knowledge, statuses)
    words = knowledge.wording
    return "\n".join(
        line
        for status, heading in TOLD
        if names[status]
        for line in _block(words[heading], names[status], words["none"])
    )


def question_name(knowledge: KnowledgeBase, slot: str) -> str:
    """What an assessment question asks about: its finding's name, or for a slot with levels its own name."""
    findings = [f for f in knowledge.findings.values() if f.kind == "assessment" and f.slot == slot]
    return findings[0].name if findings[0].value is None else knowledge.wording[f"question_{slot}"]


def answer_name(knowledge: KnowledgeBase, slot: str, value: str) -> str:
    """An answer as a person reads it: yes, no, not sure, or the name of the level chosen."""
    levels = {f.value: f.name for f in knowledge.findings.values() if f.slot == slot and f.value is not None}
    return levels.get(value) or knowledge.wording[f"answer_{value}"]


def unanswered(knowledge: KnowledgeBase, statuses: Mapping[str, Status]) -> list[str]:
    """The assessment questions not answered yet, by name, in findings.yml order."""
    told_slots = {knowledge.findings[f].slot for f in statuses}
    return [question_name(knowledge, slot) for slot in knowledge.assessment_slots() if slot not in told_slots]


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
    """The findings as told, the advice level and why, the likely causes, the advice and the safety net.

    While an assessment question is unanswered the causes are left out, and the open questions listed instead:
    shares worked out on half the answers would read as a finished verdict.
    """
    words = knowledge.wording
    names = told(knowledge, statuses)
    missing = unanswered(knowledge, statuses)
    causes = (
        _block(words["unanswered"], missing, words["none"])
        if missing
        else _block(
            words["causes"],
            (words["cause_line"].format(name=c.name, percent=round(c.share * 100)) for c in likely),
            words["none"],
        )
    )
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
        *causes,
        "",
        *_block(words["advice"], (step.text for step in plan), words["none"]),
    ]
    if escalation.urgent_if:
        lines += ["", *_block(words["urgent_if"], escalation.urgent_if, words["none"])]
    return "\n".join(lines)
