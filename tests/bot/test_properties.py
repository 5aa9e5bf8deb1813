"""Properties that must hold for every combination of findings, not just the cases we thought of."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.assessment import Status
from bot.core.engine import Engine
from bot.core.knowledge_loader import load_knowledge
from tests.conftest import TEST_EMERGENCY_NUMBER, TODAY

KNOWLEDGE = load_knowledge()
ENGINE = Engine(KNOWLEDGE, TEST_EMERGENCY_NUMBER)
FINDING_IDS = sorted(KNOWLEDGE.findings)
RED_FLAGS = sorted(f.id for f in KNOWLEDGE.findings.values() if f.kind == "red_flag")
STATUSES = st.sampled_from(list(Status))
FINDINGS = st.dictionaries(st.sampled_from(FINDING_IDS), STATUSES, max_size=len(FINDING_IDS))
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def rank(findings: dict[str, Status]) -> int:
    return KNOWLEDGE.levels[ENGINE.assess(findings, TODAY).level].rank


@SETTINGS
@given(FINDINGS, st.sampled_from(RED_FLAGS))
def test_adding_a_red_flag_never_lowers_the_level(findings: dict[str, Status], flag: str) -> None:
    assert rank(findings | {flag: Status.PRESENT}) <= rank(findings)


@SETTINGS
@given(FINDINGS, st.sampled_from(FINDING_IDS))
def test_denying_a_finding_never_raises_the_level(findings: dict[str, Status], finding: str) -> None:
    said_yes = findings | {finding: Status.PRESENT}
    assert rank(said_yes | {finding: Status.ABSENT}) >= rank(said_yes)
    assert rank(said_yes | {finding: Status.UNKNOWN}) >= rank(said_yes)


@SETTINGS
@given(FINDINGS)
def test_shares_sum_to_one_and_every_cause_is_ranked(findings: dict[str, Status]) -> None:
    result = ENGINE.assess(findings, TODAY)
    assert math.isclose(sum(cause.share for cause in result.causes), 1.0, abs_tol=1e-9)
    assert sorted(c.id for c in result.causes) == sorted(c.id for c in KNOWLEDGE.causes)
    shares = [cause.share for cause in result.causes]
    assert shares == sorted(shares, reverse=True)


@SETTINGS
@given(FINDINGS)
def test_any_combination_gives_a_complete_safe_answer(findings: dict[str, Status]) -> None:
    result = ENGINE.assess(findings, TODAY)
    present = {f for f, s in findings.items() if s is Status.PRESENT}
    assert result.level in KNOWLEDGE.levels
    assert result.likely_causes
    assert result.escalation.advice
    assert result.summary
    for step in result.plan:
        assert not KNOWLEDGE.steps[step.id].avoid_if & present, f"{step.id} is contraindicated"
    if not KNOWLEDGE.levels[result.level].self_help:
        first_aid = {s for rule in KNOWLEDGE.rules for s in rule.first_aid}
        assert {step.id for step in result.plan} <= first_aid


@SETTINGS
@given(FINDINGS)
def test_same_findings_same_answer(findings: dict[str, Status]) -> None:
    shuffled = dict(reversed(list(findings.items())))
    assert ENGINE.assess(findings, TODAY) == ENGINE.assess(shuffled, TODAY)
