"""A per-conversation lock in Redis that two replicas cannot both hold.

Rasa 3.6.21's `RedisLockStore` issues a ticket by reading the conversation's lock, adding a ticket and writing it
back: two replicas that read at the same moment both write "ticket 0" and both go ahead, so one message's events
overwrite the other's (seen in `tests/replicas`: one message of eight sent at once was lost, now and then, with
Rasa's lock). Here the lock is one atomic `SET NX PX` (redis-py's `Lock`, released by a script that checks the
owner), with redis-py's asyncio client, so a message waiting for its turn never stalls the other conversations
of its replica; waiting replicas poll every 20 ms instead of Rasa's second. Waiters are not served in arrival
order, which Rasa's tickets promised but could not keep across replicas; each message is still handled alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import redis.asyncio
from rasa.core.lock_store import DEFAULT_SOCKET_TIMEOUT_IN_SECONDS, LOCK_LIFETIME, LockError, RedisLockStore
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import LockNotOwnedError

from bot import rasa_patches

POLL_SECONDS = 0.02


class AtomicRedisLockStore(RedisLockStore):  # type: ignore[misc]
    """`type: bot.rasa_plugins.stores.redis_lock_store.AtomicRedisLockStore` in endpoints.yml, with
    RedisLockStore's settings."""

    def __init__(self, endpoint_config: Any) -> None:
        rasa_patches.install()
        settings = endpoint_config.kwargs
        super().__init__(host=endpoint_config.url, **settings)  # Rasa's checks, and Sanic workers allowed
        self.red_async = redis.asyncio.Redis(
            host=endpoint_config.url,
            port=int(settings.get("port", 6379)),
            db=int(settings.get("db", 1)),
            username=settings.get("username"),
            password=settings.get("password"),
            ssl=bool(settings.get("use_ssl", False)),
            ssl_certfile=settings.get("ssl_certfile"),
            ssl_keyfile=settings.get("ssl_keyfile"),
            ssl_ca_certs=settings.get("ssl_ca_certs"),
            socket_timeout=settings.get("socket_timeout", DEFAULT_SOCKET_TIMEOUT_IN_SECONDS),
            # asyncio's pool hands out a connection Redis closed while restarting: one retry reconnects it
            retry=Retry(NoBackoff(), 1),
            retry_on_error=[redis.exceptions.ConnectionError],
        )

    @asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = POLL_SECONDS
    ) -> AsyncIterator[None]:
        """Held while one message of `conversation_id` is handled; LockError when not free within its lifetime."""
        held = self.red_async.lock(self.key_prefix + conversation_id, timeout=lock_lifetime)
        deadline = time.monotonic() + lock_lifetime
        while not await held.acquire(blocking=False):
            if time.monotonic() > deadline:
                raise LockError(f"The conversation stayed locked for {lock_lifetime:.0f} s")
            await asyncio.sleep(min(wait_time_in_seconds, POLL_SECONDS))
        try:
            yield
        finally:
            with contextlib.suppress(LockNotOwnedError):  # outlived its lifetime: another message holds it now
                await held.release()
