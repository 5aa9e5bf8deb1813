"""The warning-sign question asked before the five assessment questions: which signs are still to be asked.

A sign is asked when pressing it would make the advice more urgent than what the person has already told us
gives, and they have not denied everything it covers. So a sign already told ("my leg is swollen") is not asked
again, "a fever with a red patch that spreads" is still asked of someone who told only of a fever, and once the
advice is an emergency only the signs that would call for an ambulance instead remain. With none left the
question is skipped.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from functools import lru_cache

from bot.core.assessment import Status
from bot.core.engine import Engine
from bot.core.knowledge_types import Finding, KnowledgeBase

SCREENING_SLOT = "warning_signs"


def warning_signs(knowledge: KnowledgeBase) -> list[Finding]:
    """The signs of the screening question, in findings.yml order."""
    return [finding for finding in knowledge.findings.values() if finding.slot == SCREENING_SLOT]


def sign_payload(value: str) -> str:
    """What a sign's button sends: the `warning_signs` value, as Rasa reads a typed intent with an entity."""
    return "/inform" + json.dumps({SCREENING_SLOT: value})


def signs_to_ask(engine: Engine, statuses: Mapping[str, Status], today: date) -> list[Finding]:
    """The signs that would raise the advice if pressed, and that the person has not denied."""
    return list(_signs_to_ask(engine, tuple(sorted(statuses.items())), today))


@lru_cache(maxsize=4096)
def _signs_to_ask(engine: Engine, told: tuple[tuple[str, Status], ...], today: date) -> tuple[Finding, ...]:
    """Remembered per set of answers: a form turn asks it several times, and each sign costs an assessment."""
    statuses = dict(told)
    rank = _level_rank(engine, statuses, today)
    return tuple(
        sign
        for sign in warning_signs(engine.knowledge)
        if not all(statuses.get(finding) is Status.ABSENT for finding in sign.covers)
        and _level_rank(engine, {**statuses, sign.id: Status.PRESENT}, today) < rank
    )


def _level_rank(engine: Engine, statuses: Mapping[str, Status], today: date) -> int:
    return engine.knowledge.levels[engine.assess(statuses, today).level].rank
