"""Plays the real-message corpus (tests/real_messages/) through the assistant, one message per fresh conversation.

Each message is sent as the opening of a new conversation. What counts, as a person would notice it:
- a red flag is escalated on that very message when the level announced reaches the lowest acceptable one;
- by the end of the safety check, after the person presses the warning sign they have (or "None of these");
- a calm message is kept out of emergency care (the levels without self-help);
- the findings the message states are in the slots after it;
- a message that escalates nothing still gets the safety check, never a guess.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bot.core.assessment import Status
from bot.core.engine import Engine
from bot.core.knowledge_types import KnowledgeBase
from bot.core.screening import SCREENING_SLOT, sign_payload, warning_signs
from bot.core.slots import ESCALATED_LEVEL_SLOT, REQUESTED_SLOT, known_findings
from bot.language.urgent_story_model import CALM
from bot.serving.check import story_readers
from devtools.vignettes import Agent


@dataclass(frozen=True)
class RealMessage:
    id: str
    url: str
    text: str
    red_flag: str
    triage_at_least: str
    findings: Mapping[str, str]


@dataclass(frozen=True)
class RealResult:
    message: RealMessage
    first_level: str | None
    """The level announced on the message itself (None: nothing announced)."""
    screened_level: str | None
    """The level announced by the end of the safety check."""
    understood: Mapping[str, str]
    """Every finding the slots hold after the message, as {finding id: status}."""
    screening_asked: bool


def load_real_messages(path: Path) -> list[RealMessage]:
    """The messages of one half of the corpus (format of tests/real_messages/dev.yml)."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]
    return [
        RealMessage(
            id=str(item["id"]),
            url=str(item["url"]).strip(),
            text=str(item["text"]),
            red_flag=str(item["red_flag"]),
            triage_at_least=str(item["triage_at_least"]),
            findings={str(f): str(s) for f, s in (item.get("findings") or {}).items()},
        )
        for item in items
    ]


def screening_answer(
    knowledge: KnowledgeBase, message: RealMessage, signs_by_kind: Mapping[str, str], offered: Sequence[str]
) -> str:
    """The button the writer would press among the signs `offered`: one their message names, else their kind's."""
    present = {f for f, status in message.findings.items() if status == "present"}
    named = [sign.value for sign in warning_signs(knowledge) if present & set(sign.covers)]
    wanted = [] if message.red_flag == CALM else [*named, signs_by_kind[message.red_flag]]
    pressed = next((value for value in wanted if value in offered), None)
    return "/deny" if pressed is None else sign_payload(pressed)


async def play_real_message(
    agent: Agent, knowledge: KnowledgeBase, message: RealMessage, signs_by_kind: Mapping[str, str], sender_id: str
) -> RealResult:
    """Sends the message to a fresh conversation, then answers the safety check if it is asked."""
    replies = await agent.handle_text(message.text, sender_id=sender_id)
    slots = (await agent.tracker_store.retrieve(sender_id)).current_slot_values()
    first_level = slots.get(ESCALATED_LEVEL_SLOT)
    understood = {f: s.value for f, s in known_findings(knowledge, slots).items()}
    asked = slots.get(REQUESTED_SLOT) == SCREENING_SLOT
    screened_level = first_level
    if asked:
        buttons = [button["payload"] for reply in replies for button in reply.get("buttons") or []]
        offered = [value for payload in buttons for value in _sign_value(payload)]
        answer = screening_answer(knowledge, message, signs_by_kind, offered)
        await agent.handle_text(answer, sender_id=sender_id)
        screened_level = (await agent.tracker_store.retrieve(sender_id)).current_slot_values().get(ESCALATED_LEVEL_SLOT)
    return RealResult(message, first_level, screened_level, understood, asked)


def _sign_value(payload: str) -> list[str]:
    """The warning sign a button's payload presses, if it presses one."""
    prefix = "/inform"
    if not payload.startswith(prefix + "{"):
        return []
    value = json.loads(payload[len(prefix) :]).get(SCREENING_SLOT)
    return [value] if isinstance(value, str) else []


def _reaches(level: str | None, wanted: str, levels: Sequence[str]) -> bool:
    return level is not None and levels.index(level) <= levels.index(wanted)


def story_reader_finding(config: Path, half: Path) -> str | None:
    """The finding of the urgent-story detector that `config` (config.yml) trains on `half`, if it trains on it."""
    return next((r.finding for r in story_readers(config) if r.corpus.resolve() == half.resolve()), None)


def by_rules_alone(result: RealResult, engine: Engine, story_finding: str) -> str | None:
    """The level announced on the message had the urgent-story detector not read it: on the half it learnt from,
    its own readings are in-sample, so this is that half's measure of everything else."""
    if result.understood.get(story_finding) != Status.PRESENT.value:
        return result.first_level
    findings = {f: s for f, s in result.understood.items() if f != story_finding}
    level = engine.assess(findings, date.today()).escalation.level
    return level if engine.knowledge.levels[level].announce else None


def score(
    results: Sequence[RealResult], knowledge: KnowledgeBase, learnt_by_story_finding: str | None = None
) -> dict[str, Any]:
    """The counts a person would notice, with the messages behind every miss (by id, never by text). For the half
    the urgent-story detector learnt from, give its finding: the red flags escalated without it are counted too."""
    levels = list(knowledge.levels)
    emergency = {level.id for level in knowledge.levels.values() if not level.self_help}
    red = [r for r in results if r.message.red_flag != CALM]
    calm = [r for r in results if r.message.red_flag == CALM]
    stated = [(r, f, s) for r in results for f, s in r.message.findings.items()]
    assessment = [(r, f, s) for r, f, s in stated if knowledge.findings[f].kind == "assessment"]
    unescalated = [r for r in results if r.first_level is None or knowledge.levels[r.first_level].self_help]
    without_story_reader: dict[str, Any] = {}
    if learnt_by_story_finding is not None:
        engine = Engine(knowledge, "")
        missed = [
            r.message.id
            for r in red
            if not _reaches(by_rules_alone(r, engine, learnt_by_story_finding), r.message.triage_at_least, levels)
        ]
        without_story_reader = {
            "escalated_on_message_without_story_reader": len(red) - len(missed),
            "missed_without_story_reader": missed,
        }
    by_kind: dict[str, list[int]] = {}
    for r in red:
        counts = by_kind.setdefault(r.message.red_flag, [0, 0])
        counts[0] += _reaches(r.first_level, r.message.triage_at_least, levels)
        counts[1] += 1
    return {
        "messages": len(results),
        "red_flags": len(red),
        "escalated_on_message": sum(_reaches(r.first_level, r.message.triage_at_least, levels) for r in red),
        "escalated_by_safety_check": sum(_reaches(r.screened_level, r.message.triage_at_least, levels) for r in red),
        "by_kind": by_kind,
        **without_story_reader,
        "calm": len(calm),
        "calm_kept_out_of_emergency": sum(r.screened_level not in emergency for r in calm),
        "findings_stated": len(stated),
        "findings_understood": sum(r.understood.get(f) == s for r, f, s in stated),
        "assessment_findings_stated": len(assessment),
        "assessment_findings_understood": sum(r.understood.get(f) == s for r, f, s in assessment),
        "findings_contradicted": sum(f in r.understood and r.understood[f] != s for r, f, s in stated),
        "findings_unannotated": sum(f not in r.message.findings for r in results for f in r.understood),
        "not_escalated": len(unescalated),
        "safety_check_asked": sum(r.screening_asked for r in unescalated),
        "missed_red_flags": [
            r.message.id for r in red if not _reaches(r.first_level, r.message.triage_at_least, levels)
        ],
        "calm_sent_to_emergency": [r.message.id for r in calm if r.screened_level in emergency],
    }
