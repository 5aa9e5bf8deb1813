"""Deletes a person's conversation from the tracker store: on "forget me" in the chat, or by an admin.

Rasa's tracker stores have no delete. In the chat, our tracker store (`bot/sql_tracker_store.py`, named in
endpoints.yml) deletes the conversation once it has saved the turn that asked for it (deleting earlier would let
that save write the whole conversation back); the reply has already confirmed it. The admin command:
`python -m bot.forget SENDER_ID [--endpoints FILE]` (`make forget SENDER=...`) reads the same settings as
`make serve` (TRACKER_DB, or PROFILE=production's DATABASE_URL) unless given an endpoints file.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from typing import Any

FORGET_INTENT = "forget_me"


async def forget(store: Any, sender_id: str) -> bool:
    """Deletes every stored event of `sender_id`; False when there was nothing stored."""
    from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore, SQLTrackerStore

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Delete one person's conversation from the tracker store.")
    parser.add_argument("sender_id", help="the conversation's sender id (Telegram chat id, web session id, ...)")
    parser.add_argument(
        "--endpoints", help="an endpoints file naming the tracker store (default: the store `make serve` uses)"
    )
    args = parser.parse_args(argv)
    from rasa.core.tracker_store import TrackerStore
    from rasa.utils.endpoints import EndpointConfig, read_endpoint_config

    from bot.serve_settings import (
        ServeSettingsError,
        environment_with_env_file,
        production_stores,
        tracker_db,
        tracker_store_endpoint,
    )

    if args.endpoints:
        config = read_endpoint_config(args.endpoints, "tracker_store")
    else:
        env = environment_with_env_file(os.environ)
        try:
            config = EndpointConfig.from_dict(tracker_store_endpoint(production_stores(env), tracker_db(env)))
        except ServeSettingsError as error:
            print(f"forget: {error}", file=sys.stderr)
            return 2
    store = TrackerStore.create(config)
    if asyncio.run(forget(store, args.sender_id)):
        print(f"forget: deleted the conversation of {args.sender_id}")
        return 0
    print(f"forget: no stored conversation for {args.sender_id}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
