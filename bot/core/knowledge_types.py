"""The typed, immutable form of the knowledge files: what the loader builds and the engine reads.

Every record keeps the id it has in the YAML and the source of its facts, so any answer can be traced back to a
public reference. Nothing here reads files or knows about Rasa.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

WHEN_ORDER = ("now", "today", "ongoing")
"""The groups of a relief plan, in the order a person needs them."""
FINDING_KINDS = ("assessment", "red_flag", "context")


@dataclass(frozen=True)
class Source:
    """A public reference a fact rests on."""

    id: str
    title: str
    url: str


@dataclass(frozen=True)
class Fact:
    """A sentence shown to people, with the source that backs it."""

    text: str
    source: str


@dataclass(frozen=True)
class Finding:
    """Something a person can tell us; `slot`/`value` name the Rasa slot that carries it, if any.

    A warning sign of the screening question `covers` the detailed findings that answer it too.
    """

    id: str
    name: str
    kind: str
    slot: str | None
    value: str | None
    covers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """How much one finding, present or absent, counts for (positive) or against (negative) a cause."""

    finding: str
    present: float
    absent: float
    source: str


@dataclass(frozen=True)
class Cause:
    """A possible reason for the cramps, with its evidence table and what to do about it."""

    id: str
    name: str
    explanation: Fact
    prior: float
    evidence: tuple[Evidence, ...]
    relief: tuple[str, ...]
    see_doctor_if: tuple[Fact, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Level:
    """A triage level; `rank` 0 is the most urgent; without `self_help` the plan is first aid only.

    `announce`: said on the very message that reaches it, before any further question.
    """

    id: str
    name: str
    advice: str
    self_help: bool
    announce: bool
    rank: int


@dataclass(frozen=True)
class TriageRule:
    """Raises the level when all of `all_of` and (if given) one of `any_of` are present."""

    id: str
    level: str
    all_of: frozenset[str]
    any_of: frozenset[str]
    reason: str
    first_aid: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Picture:
    """A line drawing of a relief step: the SVG file, and the sentence that says what the person in it does.

    `alt` is the picture's alternative text and its caption, so someone who cannot see it loses nothing.
    """

    id: str
    path: Path
    alt: str


@dataclass(frozen=True)
class ReliefStep:
    """A self-help step; left out when any `avoid_if` finding is present; `picture` names the drawing of it."""

    id: str
    when: str
    text: str
    avoid_if: frozenset[str]
    source: str
    picture: str | None


@dataclass(frozen=True)
class SafetyNetItem:
    """What would make it more urgent: shown when the person's level is less urgent than `level`."""

    level: str
    text: str
    source: str


@dataclass(frozen=True)
class Ranking:
    """How many causes are named as likely, and how big a share each needs."""

    likely_min_share: float
    likely_max: int


@dataclass(frozen=True)
class KnownCondition:
    """A condition a person may already be treated for, and what they should watch for once they tell it."""

    id: str
    when_any: frozenset[str]
    watch_for: tuple[Fact, ...]


@dataclass(frozen=True)
class Guidance:
    """Answers that are not a triage level: a question about one's own medicines, and known conditions."""

    medicine_question: Fact
    known_conditions: tuple[KnownCondition, ...]


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything the engine needs, validated: every id referenced anywhere exists.

    `levels` is ordered from most to least urgent; the last one applies when no rule fires.
    """

    sources: Mapping[str, Source]
    findings: Mapping[str, Finding]
    causes: tuple[Cause, ...]
    levels: Mapping[str, Level]
    rules: tuple[TriageRule, ...]
    safety_net: tuple[SafetyNetItem, ...]
    steps: Mapping[str, ReliefStep]
    always: tuple[str, ...]
    pictures: Mapping[str, Picture]
    ranking: Ranking
    wording: Mapping[str, str]
    guidance: Guidance

    def assessment_slots(self) -> tuple[str, ...]:
        """The slots of the assessment questions, in findings.yml order (a slot with levels once)."""
        return tuple(dict.fromkeys(f.slot for f in self.findings.values() if f.kind == "assessment" and f.slot))
