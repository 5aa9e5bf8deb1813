"""Whole conversations in-process: one trained model and one action server per test session.

The model is (re)trained by `make train` only when data, config or NLU code changed; the rasa-sdk action server
runs on the test session's event loop, so a conversation exercises the real HTTP action call.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Awaitable, Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from tests.conftest import free_port

Say = Callable[[str], Awaitable[list[dict[str, Any]]]]


@pytest.fixture(scope="session")
def action_server_url() -> Iterator[str]:
    """The rasa-sdk action server on its own thread and event loop, as it would be in its own process."""
    from rasa_sdk.endpoint import create_app

    port = free_port()
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        app = create_app("actions")
        server = loop.run_until_complete(
            app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False)
        )
        assert server is not None
        loop.run_until_complete(server.startup())
        loop.run_until_complete(server.after_start())
        ready.set()
        loop.run_forever()
        server.close()

    thread = threading.Thread(target=serve, name="action-server", daemon=True)
    thread.start()
    assert ready.wait(timeout=60), "the action server did not start"
    yield f"http://127.0.0.1:{port}/webhook"
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=10)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def agent(trained_model: Path, action_server_url: str) -> Any:
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    from bot.rasa_patches import install

    install()  # as our tracker store and channels do in the servers

    endpoint = EndpointConfig(url=action_server_url, enable_selective_domain=True)  # as in endpoints.yml
    return Agent.load(str(trained_model), action_endpoint=endpoint)


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
