"""What the engine reads and hands out: a finding's status, and the immutable records of one assessment.

Apart from the engine so that the summary, the slots, the matcher and the actions can name these types without
importing the engine (the summary is part of the engine's work, so importing the engine from it was a cycle).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum


class Status(str, Enum):
    """What the person said about a finding."""

    PRESENT = "present"
    ABSENT = "absent"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class FiredRule:
    """A triage rule the findings met, with its reason already worded for the person."""

    id: str
    level: str
    reason: str


@dataclass(frozen=True)
class RankedCause:
    """A cause with its share of the evidence and the finding ids that counted for and against it."""

    id: str
    name: str
    explanation: str
    share: float
    supporting: tuple[str, ...]
    opposing: tuple[str, ...]


@dataclass(frozen=True)
class PlanStep:
    """One relief step, grouped as now, today or ongoing, with the id of its picture if it has one."""

    id: str
    when: str
    text: str
    picture: str | None


@dataclass(frozen=True)
class Escalation:
    """What to do now, why, and what would make it more urgent."""

    level: str
    level_name: str
    advice: str
    reasons: tuple[str, ...]
    urgent_if: tuple[str, ...]


@dataclass(frozen=True)
class Assessment:
    """The whole answer for one set of findings (`findings`: what was told, as checked statuses)."""

    findings: Mapping[str, Status]
    level: str
    fired_rules: tuple[FiredRule, ...]
    causes: tuple[RankedCause, ...]
    likely_causes: tuple[str, ...]
    plan: tuple[PlanStep, ...]
    escalation: Escalation
    summary: str
