"""The admin's command to delete one person's conversation from the tracker store (in the chat, "forget me" does
it: `bot/rasa_plugins/stores/forget.py`).

`python -m bot.serving.forget SENDER_ID [--endpoints FILE]` (`make forget SENDER=...`) reads the same settings as
`make serve` (TRACKER_DB, or PROFILE=production's DATABASE_URL) unless given an endpoints file.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Delete one person's conversation from the tracker store.")
    parser.add_argument("sender_id", help="the conversation's sender id (Telegram chat id, web session id, ...)")
    parser.add_argument(
        "--endpoints", help="an endpoints file naming the tracker store (default: the store `make serve` uses)"
    )
    args = parser.parse_args(argv)
    from rasa.core.tracker_store import TrackerStore
    from rasa.utils.endpoints import EndpointConfig, read_endpoint_config

    from bot.rasa_plugins.stores.forget import forget
    from bot.serving.serve_settings import (
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
