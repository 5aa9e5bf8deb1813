"""Whole conversations in-process on the session's one Agent (tests/conftest.py) and its real action server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import pytest


class Conversation:
    """One person's conversation: say things, read replies and slots."""

    def __init__(self, agent: Any) -> None:
        self.agent = agent
        self.sender = f"test-{uuid.uuid4().hex[:12]}"
        self.turns: list[list[dict[str, Any]]] = []
        """Every turn's replies so far, so a test can check the whole conversation (never stuck, never alarmed)."""

    async def say(self, text: str) -> list[dict[str, Any]]:
        """Says `text` as our channels hand it to Rasa: screened first (bot/rasa_plugins/channels/screened.py)."""
        from bot.language.message_guard import configured_guard

        screened = configured_guard().text_to_read(text)
        replies = list(await self.agent.handle_text(screened, sender_id=self.sender))
        self.turns.append(replies)
        return replies

    async def slots(self) -> dict[str, Any]:
        tracker = await self.agent.tracker_store.retrieve(self.sender)
        return dict(tracker.current_slot_values())

    async def parse(self, text: str) -> dict[str, Any]:
        return dict(await self.agent.parse_message(text))


DID_NOT_GET = "didn't"
"""In every "didn't get that" reply ("Sorry, I didn't catch that", "I didn't get any words there")."""


@pytest.fixture
def conversation(agent: Any) -> Iterator[Conversation]:
    """A fresh conversation; afterwards, whatever the test checked, it must never have been stuck: no two turns
    in a row answered with "didn't get that"."""
    talk = Conversation(agent)
    yield talk
    stuck = [any(DID_NOT_GET in (reply.get("text") or "") for reply in turn) for turn in talk.turns]
    assert not any(a and b for a, b in pairwise(stuck)), "two 'didn't get that' replies in a row"
