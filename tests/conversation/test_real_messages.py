"""Real messages people wrote on public pages (tests/real_messages/), one per fresh conversation.

The test half is never read to tune anything; these tests only hold the assistant to what it reached there, so
a change that reads real people worse fails. The development half is held to the same floors.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.core.knowledge_types import KnowledgeBase
from devtools.real_messages import RealResult, load_real_messages, play_real_message, score, story_reader_finding
from tests.conftest import ROOT

pytestmark = [pytest.mark.rasa, pytest.mark.asyncio(loop_scope="session")]
CORPUS = ROOT / "tests" / "real_messages"
FLOORS = yaml.safe_load((CORPUS / "floors.yml").read_text(encoding="utf-8"))


async def play(agent: Any, knowledge: KnowledgeBase, path: Path) -> list[RealResult]:
    kinds = yaml.safe_load((CORPUS / "kinds.yml").read_text(encoding="utf-8"))
    return [
        await play_real_message(agent, knowledge, message, kinds, f"real-{message.id}-{uuid.uuid4().hex[:8]}")
        for message in load_real_messages(path)
    ]


@pytest.mark.parametrize("half", ["dev", "test"])
async def test_real_messages(agent: Any, knowledge: KnowledgeBase, half: str) -> None:
    path = CORPUS / f"{half}.yml"
    report = score(await play(agent, knowledge, path), knowledge, story_reader_finding(ROOT / "config.yml", path))
    floors = FLOORS[half]
    assert report["safety_check_asked"] == report["not_escalated"], "a message that escalates nothing gets the check"
    for figure, whole in (
        ("escalated_on_message", "red_flags"),
        ("escalated_on_message_without_story_reader", "red_flags"),
        ("escalated_by_safety_check", "red_flags"),
        ("calm_kept_out_of_emergency", "calm"),
        ("findings_understood", "findings_stated"),
        ("assessment_findings_understood", "assessment_findings_stated"),
    ):
        if figure not in report:  # only the half the urgent-story detector learnt from has it
            continue
        reached = report[figure] / report[whole]
        assert reached >= floors[figure], f"{half}: {figure} {report[figure]}/{report[whole]} below {floors[figure]}"
