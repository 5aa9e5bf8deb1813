"""The conversation store or the lock store unreachable: the person is told, with what to do if it is urgent,
nothing is made up or lost, and the conversation goes on when the store is back."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.settings import load_settings
from bot.rasa_patches import StoreUnavailableError
from tests.conftest import free_port
from tests.conversation.helpers import agent_with, texts

pytestmark = [pytest.mark.rasa, pytest.mark.asyncio(loop_scope="session")]


def _flaky_store() -> Any:
    from rasa.core.tracker_store import InMemoryTrackerStore

    class FlakyStore(InMemoryTrackerStore):  # type: ignore[misc]
        """Fails while `down`, or for the next `failures` calls, as a database that went away would."""

        down = False
        failures = 0

        def _maybe_fail(self) -> None:
            if self.down or self.failures:
                self.failures = max(0, self.failures - 1)
                raise ConnectionError("server closed the connection unexpectedly")

        async def retrieve(self, sender_id: str) -> Any:
            self._maybe_fail()
            return await super().retrieve(sender_id)

        async def save(self, tracker: Any) -> None:
            self._maybe_fail()
            await super().save(tracker)

    return FlakyStore(None)


async def _say_during_outage(agent: Any, text: str, sender: str) -> str:
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

    collector = CollectingOutputChannel()
    with pytest.raises(StoreUnavailableError):
        await agent.handle_message(UserMessage(text, collector, sender))
    return texts(collector.messages)


async def test_a_database_outage_is_explained_and_the_conversation_goes_on_after(agent: Any) -> None:
    store = _flaky_store()
    agent = agent_with(agent, tracker_store=store)
    await agent.handle_text("my calves cramp most nights", sender_id="db-outage")

    store.down = True
    answer = await _say_during_outage(agent, "I can see bulging veins too", "db-outage")
    assert "can't reach my notes" in answer
    assert load_settings().emergency_number in answer, "with what to do if it is urgent"
    assert "safety check" not in answer, "no answer made up from an empty conversation"

    store.down = False
    answer = texts(await agent.handle_text("I can see bulging veins too", sender_id="db-outage"))
    slots = (await agent.tracker_store.retrieve("db-outage")).current_slot_values()
    assert "safety check" in answer, "the questions go on from where they were"
    assert slots["night_cramps"] == "yes", "the answers before the outage are kept"
    assert slots["visible_veins"] == "yes"


async def test_a_dropped_database_connection_is_retried_unnoticed(agent: Any) -> None:
    store = _flaky_store()
    agent = agent_with(agent, tracker_store=store)
    store.failures = 1
    answer = texts(await agent.handle_text("my calves cramp most nights", sender_id="db-blip"))
    assert "can't reach my notes" not in answer
    assert "safety check" in answer


async def test_an_unreachable_lock_store_is_explained(agent: Any) -> None:
    from rasa.utils.endpoints import EndpointConfig

    from bot.rasa_plugins.stores.redis_lock_store import AtomicRedisLockStore

    locks = AtomicRedisLockStore(EndpointConfig(url="127.0.0.1", port=free_port(), socket_timeout=1))
    agent = agent_with(agent, lock_store=locks)
    answer = await _say_during_outage(agent, "my calves cramp most nights", "lock-outage")
    assert "can't reach my notes" in answer
    assert load_settings().emergency_number in answer
