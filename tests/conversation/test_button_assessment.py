"""A person answers the five questions with the buttons and gets an assessment with triage and causes."""

from __future__ import annotations

import pytest

from tests.conversation.conftest import Conversation

pytestmark = [pytest.mark.rasa, pytest.mark.asyncio(loop_scope="session")]


def texts(replies: list[dict]) -> str:
    return "\n".join(reply.get("text", "") for reply in replies)


async def test_greeting_says_what_it_does_and_asks_the_first_question(conversation: Conversation) -> None:
    replies = await conversation.say("hi")
    assert "not a diagnosis" in texts(replies)
    buttons = [b["title"] for reply in replies for b in reply.get("buttons", [])]
    assert buttons == ["Yes", "No", "Not sure"]


async def test_buttons_lead_to_an_assessment(conversation: Conversation) -> None:
    await conversation.say("hello")
    for payload in ["/affirm", "/affirm", "/deny", "/deny"]:
        await conversation.say(payload)
    replies = await conversation.say('/inform{"exercise": "sedentary"}')
    answer = texts(replies)
    assert "Book an appointment" in answer
    assert "venous insufficiency" in answer
    assert "10 to 15 minutes" in answer
    slots = await conversation.slots()
    assert slots["triage_level"] == "consultation"
    assert slots["likely_causes"][0] == "venous_insufficiency"
    assert slots["exercise"] == "sedentary"
