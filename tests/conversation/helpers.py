"""Reading replies the way a person reads them, and agents that differ from the session's in one part."""

from __future__ import annotations

import copy
from typing import Any


def texts(replies: list[dict[str, Any]]) -> str:
    return "\n".join(reply.get("text") or "" for reply in replies)


def agent_with(agent: Any, *, tracker_store: Any = None, lock_store: Any = None, action_endpoint: Any = None) -> Any:
    """A new Agent on `agent`'s loaded model with other stores or another action server: what `Agent.load` with
    them would give, without loading the model again (its graph keeps no conversation state)."""
    from rasa.core.agent import Agent

    derived = Agent(
        domain=agent.domain,
        tracker_store=tracker_store,
        lock_store=lock_store,
        action_endpoint=action_endpoint or agent.action_endpoint,
    )
    derived.processor = copy.copy(agent.processor)
    derived.processor.tracker_store = derived.tracker_store
    derived.processor.lock_store = derived.lock_store
    derived.processor.action_endpoint = derived.action_endpoint
    return derived
