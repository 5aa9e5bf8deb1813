"""Plays a scripted person against the assistant: answers each question from a table of truths."""

from __future__ import annotations

from typing import Any

from tests.conversation.conftest import Conversation

ANSWER_PAYLOADS = {"yes": "/affirm", "no": "/deny", "unknown": "/not_sure"}
EXERCISE_PAYLOADS = {
    "strenuous": '/inform{"exercise": "strenuous"}',
    "regular": '/inform{"exercise": "regular"}',
    "sedentary": '/inform{"exercise": "sedentary"}',
    "unknown": "/not_sure",
}
MAX_TURNS = 8


def payload_for(slot: str, truth: str) -> str:
    """The button a person who knows `truth` would press for the question about `slot`."""
    return EXERCISE_PAYLOADS[truth] if slot == "exercise" else ANSWER_PAYLOADS[truth]


async def play(conversation: Conversation, opening: str, answers: dict[str, str]) -> list[list[dict[str, Any]]]:
    """Sends the opening, then answers every question the form asks; returns the replies of each turn."""
    turns = [await conversation.say(opening)]
    for _ in range(MAX_TURNS):
        slots = await conversation.slots()
        asked = slots.get("requested_slot")
        if asked is None:
            break
        turns.append(await conversation.say(payload_for(asked, str(answers[asked]))))
    return turns


def texts(replies: list[dict[str, Any]]) -> str:
    return "\n".join(reply.get("text") or "" for reply in replies)
