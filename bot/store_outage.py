"""When the conversation store (or the replicas' lock store) cannot be reached, the person is told, and nothing is
made up.

Rasa wraps the tracker store in `FailSafeTrackerStore`, which on any error carries on with an empty conversation
kept in memory: the person's earlier answers (a red flag among them) vanish without a word, and the turn is saved
nowhere the next replica can see. Here a store error, after one retry (which also replaces a connection the
database dropped while it restarted), stops the turn instead: the person gets `utter_store_unavailable` with the
most urgent safety-net line, our channels answer with an error status (REST 503), nothing is written, and the
next message tries the store again. A lock that cannot be taken (Redis down, or another replica holding it
past its lifetime) is answered the same way. Logs name the error's type only: its text can hold conversation data.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

logger = logging.getLogger(__name__)

RESPONSE = "utter_store_unavailable"
T = TypeVar("T")


class StoreUnavailableError(Exception):
    """The tracker or lock store did not answer; the person has been told (raised for the channel's status)."""


async def _twice(operation: str, call: Callable[[], Awaitable[T]]) -> T:
    try:
        return await call()
    except Exception:
        try:
            return await call()
        except Exception as error:
            logger.error("The conversation store failed to %s (%s)", operation, type(error).__name__)
            raise StoreUnavailableError(operation) from None


def _strict_store_class() -> type:
    from rasa.core.tracker_store import FailSafeTrackerStore

    class StrictTrackerStore(FailSafeTrackerStore):  # type: ignore[misc]
        """Rasa's wrapper, raising `StoreUnavailableError` where Rasa fell back to an empty memory."""

        async def retrieve(self, sender_id: str) -> Any:
            return await _twice("read", lambda: self._tracker_store.retrieve(sender_id))

        async def retrieve_full_tracker(self, sender_id: str) -> Any:
            return await _twice("read", lambda: self._tracker_store.retrieve_full_tracker(sender_id))

        async def save(self, tracker: Any) -> None:
            await _twice("save", lambda: self._tracker_store.save(tracker))

        async def keys(self) -> Any:
            return await _twice("list", self._tracker_store.keys)

    return StrictTrackerStore


def install(urgent_warning: str) -> None:
    """Every agent gets the strict store; a message whose store fails is answered with RESPONSE, then re-raised."""
    from rasa.core.agent import Agent
    from rasa.core.lock_store import LockError
    from rasa.shared.core.trackers import DialogueStateTracker
    from redis.exceptions import RedisError

    if getattr(Agent, "_legs_store_outage_answered", False):
        return
    strict = _strict_store_class()
    original_create, original_handle = Agent._create_tracker_store, Agent.handle_message

    def create_tracker_store(store: Any, domain: Any) -> Any:
        return strict(original_create(store, domain)._tracker_store)

    async def handle_message(self: Agent, message: Any) -> Any:
        try:
            return await original_handle(self, message)
        except (StoreUnavailableError, LockError, RedisError) as error:
            if not isinstance(error, StoreUnavailableError):  # Rasa's LockError wraps the Redis error
                logger.error("The lock store failed (%s)", type(error).__name__)
            empty = DialogueStateTracker(message.sender_id, self.domain.slots)
            channel = message.output_channel
            reply = await self.nlg.generate(RESPONSE, empty, channel.name(), urgent_warning=urgent_warning)
            if reply:
                await channel.send_response(message.sender_id, reply)
            raise StoreUnavailableError("message") from None

    Agent._create_tracker_store = staticmethod(create_tracker_store)
    Agent.handle_message = handle_message
    Agent._legs_store_outage_answered = True
