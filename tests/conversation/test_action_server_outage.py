"""The action server down: the person is told once, with what to do if it is urgent; when it is back the
conversation goes on."""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks.servers import start_action_server
from bot.core.settings import load_settings
from tests.conftest import free_port
from tests.conversation.helpers import agent_with, texts

pytestmark = [pytest.mark.rasa, pytest.mark.asyncio(loop_scope="session")]


async def test_an_unreachable_action_server_is_explained_and_the_chat_goes_on(agent: Any) -> None:
    from rasa.utils.endpoints import EndpointConfig

    port = free_port()
    endpoint = EndpointConfig(url=f"http://127.0.0.1:{port}/webhook", enable_selective_domain=True)
    agent = agent_with(agent, action_endpoint=endpoint)
    answer = texts(await agent.handle_text("my calves cramp most nights", sender_id="outage"))
    assert answer.count("can't finish the assessment right now") == 1, "told once, however many actions failed"
    assert load_settings().emergency_number in answer, "with what to do if it is urgent"

    actions = start_action_server(port)
    try:
        answer = texts(await agent.handle_text("I can see bulging veins too", sender_id="outage"))
        tracker = await agent.tracker_store.retrieve("outage")
    finally:
        actions.terminate()
        actions.wait(timeout=30)
    assert "can't finish" not in answer
    assert "safety check" in answer, "the questions go on once the action server is back"
    assert tracker.get_slot("visible_veins") == "yes"
