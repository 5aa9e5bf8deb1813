"""The reasoning engine: findings in, one immutable `Assessment` out. Pure Python, no Rasa, no I/O.

Triage is rule-based and monotone: a rule fires only on findings that are present, so an absent or unknown
finding can never raise the level, and the most urgent level reached wins. Causes are ranked by adding the
evidence weights of the knowledge tables to each cause's prior and normalising with a softmax, so shares sum
to 1 and each cause carries the findings that counted for and against it. The relief plan is the first aid of
the rules that fired plus, where self-help is safe at that level, the steps of the likely causes, with every
contraindicated step removed. The same inputs always give the same result.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType

from bot.core.assessment import Assessment, Escalation, FiredRule, PlanStep, RankedCause, Status
from bot.core.knowledge_types import WHEN_ORDER, Cause, KnowledgeBase, TriageRule
from bot.core.summary import render_summary


class Engine:
    """Assesses findings against one validated knowledge base, with the configured emergency number."""

    def __init__(self, knowledge: KnowledgeBase, emergency_number: str) -> None:
        self.knowledge = knowledge
        self.emergency_number = emergency_number
        self._last_level = list(knowledge.levels.values())[-1]
        self._causes_by_id = {cause.id: cause for cause in knowledge.causes}

    def _fill(self, text: str) -> str:
        return text.format(emergency_number=self.emergency_number)

    def emergency_warning(self) -> str:
        """The safety-net line of the most urgent level: what every page shows before anyone types."""
        order = list(self.knowledge.levels)
        item = min(self.knowledge.safety_net, key=lambda entry: order.index(entry.level))
        return self._fill(item.text)

    def medicine_answer(self) -> str:
        """What to say to any question about one's own medicines: never stop or change it alone, ask who can."""
        return self._fill(self.knowledge.guidance.medicine_question.text)

    def watch_for(self, newly_present: Iterable[str]) -> tuple[str, ...]:
        """What to watch for, for each known condition (a clot being treated) these newly told findings show."""
        told = frozenset(newly_present)
        return tuple(
            self._fill(fact.text)
            for condition in self.knowledge.guidance.known_conditions
            if condition.when_any & told
            for fact in condition.watch_for
        )

    def statuses(self, findings: Mapping[str, Status | str]) -> dict[str, Status]:
        """Checks ids and statuses; raises `ValueError` naming the first unknown one."""
        checked = {}
        for finding_id, status in findings.items():
            if finding_id not in self.knowledge.findings:
                raise ValueError(f"unknown finding id '{finding_id}'")
            try:
                checked[finding_id] = Status(status)
            except ValueError:
                raise ValueError(
                    f"finding '{finding_id}': status '{status}' is not present, absent or unknown"
                ) from None
        return checked

    def assess(self, findings: Mapping[str, Status | str], today: date) -> Assessment:
        """Triage, ranked causes, relief plan, escalation and doctor summary for these findings."""
        statuses = self.statuses(findings)
        present = frozenset(f for f, s in statuses.items() if s is Status.PRESENT)
        fired = sorted(
            (rule for rule in self.knowledge.rules if _fires(rule, present)),
            key=lambda rule: self.knowledge.levels[rule.level].rank,
        )
        level = self.knowledge.levels[fired[0].level] if fired else self._last_level
        causes = self._rank(statuses)
        likely = self._likely(causes)
        plan = self._plan(fired, likely, present, level.self_help)
        escalation = Escalation(
            level=level.id,
            level_name=level.name,
            advice=self._fill(level.advice),
            reasons=tuple(dict.fromkeys(self._fill(rule.reason) for rule in fired if rule.level == level.id)),
            urgent_if=self._urgent_if(level.rank, likely, fired),
        )
        fired_rules = tuple(FiredRule(rule.id, rule.level, self._fill(rule.reason)) for rule in fired)
        summary = render_summary(
            self.knowledge, statuses, escalation, [c for c in causes if c.id in likely], plan, today
        )
        return Assessment(MappingProxyType(statuses), level.id, fired_rules, causes, likely, plan, escalation, summary)

    def _rank(self, statuses: Mapping[str, Status]) -> tuple[RankedCause, ...]:
        scored = []
        for order, cause in enumerate(self.knowledge.causes):
            contributions = _contributions(cause, statuses)
            score = cause.prior + sum(weight for _, weight in contributions)
            scored.append((score, order, cause, contributions))
        top = max(score for score, *_ in scored)
        total = sum(math.exp(score - top) for score, *_ in scored)
        scored.sort(key=lambda item: (-item[0], item[1]))
        return tuple(
            RankedCause(
                id=cause.id,
                name=cause.name,
                explanation=cause.explanation.text,
                share=math.exp(score - top) / total,
                supporting=tuple(f for f, w in sorted(contributions, key=lambda fw: -fw[1]) if w > 0),
                opposing=tuple(f for f, w in sorted(contributions, key=lambda fw: fw[1]) if w < 0),
            )
            for score, _, cause, contributions in scored
        )

    def _likely(self, causes: tuple[RankedCause, ...]) -> tuple[str, ...]:
        ranking = self.knowledge.ranking
        named = [c.id for c in causes[: ranking.likely_max] if c.share >= ranking.likely_min_share]
        return tuple(named) or (causes[0].id,)

    def _plan(
        self, fired: list[TriageRule], likely: tuple[str, ...], present: frozenset[str], self_help: bool
    ) -> tuple[PlanStep, ...]:
        wanted: list[str] = [step for rule in fired for step in rule.first_aid]
        if self_help:
            wanted += self.knowledge.always
            wanted += [step for cause_id in likely for step in self._causes_by_id[cause_id].relief]
        steps = [self.knowledge.steps[step_id] for step_id in dict.fromkeys(wanted)]
        safe = [step for step in steps if not step.avoid_if & present]
        safe.sort(key=lambda step: WHEN_ORDER.index(step.when))
        return tuple(PlanStep(step.id, step.when, self._fill(step.text), step.picture) for step in safe)

    def _urgent_if(self, rank: int, likely: tuple[str, ...], fired: list[TriageRule]) -> tuple[str, ...]:
        levels = self.knowledge.levels
        texts = [item.text for item in self.knowledge.safety_net if levels[item.level].rank < rank]
        if not fired:
            texts += [fact.text for cause_id in likely for fact in self._causes_by_id[cause_id].see_doctor_if]
        return tuple(dict.fromkeys(self._fill(text) for text in texts))


def _fires(rule: TriageRule, present: frozenset[str]) -> bool:
    return rule.all_of <= present and (not rule.any_of or bool(rule.any_of & present))


def _contributions(cause: Cause, statuses: Mapping[str, Status]) -> list[tuple[str, float]]:
    """The weight each answered finding adds to this cause; unknown and unasked findings add nothing."""
    weights: Iterable[tuple[str, float]] = (
        (ev.finding, ev.present if statuses.get(ev.finding) is Status.PRESENT else ev.absent)
        for ev in cause.evidence
        if statuses.get(ev.finding) in (Status.PRESENT, Status.ABSENT)
    )
    return [(finding, weight) for finding, weight in weights if weight != 0]
