"""Deletes a person's conversation from a Rasa tracker store: on "forget me" in the chat, or by an admin.

Rasa's tracker stores have no delete. In the chat, our tracker store (`sql_tracker_store.py`, named in
endpoints.yml) deletes the conversation once it has saved the turn that asked for it (deleting earlier would let
that save write the whole conversation back); the reply has already confirmed it. The admin's command is
`bot/serving/forget.py`.
"""

from __future__ import annotations

from typing import Any

from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore, SQLTrackerStore

FORGET_INTENT = "forget_me"


async def forget(store: Any, sender_id: str) -> bool:
    """Deletes every stored event of `sender_id`; False when there was nothing stored."""
    if isinstance(store, InMemoryTrackerStore):
        return store.store.pop(sender_id, None) is not None
    if isinstance(store, SQLTrackerStore):
        with store.session_scope() as session:
            deleted = session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender_id).delete()
            session.commit()
        return bool(deleted)
    if isinstance(store, RedisTrackerStore):
        return bool(store.red.delete(store.key_prefix + sender_id))
    raise TypeError(f"deleting conversations from {type(store).__name__} is not supported")


def asked_to_forget(tracker: Any) -> bool:
    """Whether the turn being saved is the one that asked to be forgotten."""
    latest = tracker.latest_message
    return latest is not None and (latest.intent or {}).get("name") == FORGET_INTENT
