"""Every distinct reply of the vignette conversations (ours and the shared development ones) reads at school
grade 8 or below, and half of them at grade 6 or below: the texts as people get them, slots and lists filled."""

from __future__ import annotations

import statistics
from typing import Any

import pytest

from devtools.readability import grade
from devtools.reading_grades import MAX_GRADE, MAX_MEDIAN, conversation_replies, over

pytestmark = [pytest.mark.rasa, pytest.mark.asyncio(loop_scope="session")]


async def test_every_reply_of_the_vignette_conversations_reads_at_grade_8_or_below(agent: Any) -> None:
    replies = await conversation_replies(agent)
    assert len(replies) > 50, "whole conversations: questions, assessments, plans and warnings"
    assert over(("reply", reply) for reply in replies) == [], f"reads above grade {MAX_GRADE:.0f}"
    assert statistics.median(grade(reply) for reply in replies) <= MAX_MEDIAN
