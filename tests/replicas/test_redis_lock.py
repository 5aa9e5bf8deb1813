"""Our Redis lock waits without stalling the replica: while one message waits for its conversation's lock, the
other conversations on that replica go on, even while Redis is slow to answer."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest

from tests.replicas.stores import REDIS_SERVER, Redis

pytestmark = [pytest.mark.rasa, pytest.mark.asyncio(loop_scope="session")]
REDIS_PAUSE_MS = 300


@pytest.fixture(scope="module")
def redis_server() -> Iterator[Redis]:
    if not Path(REDIS_SERVER).is_file():
        pytest.skip("Debian's redis-server is not installed (make services installs it with apt-get)")
    server = Redis()
    server.start()
    yield server
    server.remove()


async def test_waiting_for_a_lock_never_stalls_other_conversations(redis_server: Redis) -> None:
    from rasa.utils.endpoints import EndpointConfig

    from bot.rasa_plugins.stores.redis_lock_store import AtomicRedisLockStore

    locks = AtomicRedisLockStore(
        EndpointConfig(url="127.0.0.1", port=redis_server.port, password=redis_server.password, db=1)
    )
    order: list[str] = []

    async def second_message() -> None:
        async with locks.lock("alice"):
            order.append("second message")

    loop = asyncio.get_running_loop()
    ticks: list[float] = []
    async with locks.lock("alice"):
        waiting = asyncio.create_task(second_message())
        await asyncio.sleep(0.05)  # it polls for the lock now
        redis_server.client().execute_command("CLIENT", "PAUSE", REDIS_PAUSE_MS)  # Redis answers nobody for a while
        end = loop.time() + 2 * REDIS_PAUSE_MS / 1000
        while loop.time() < end:  # another conversation on the same replica
            ticks.append(loop.time())
            await asyncio.sleep(0.01)
        order.append("first message")
    await asyncio.wait_for(waiting, timeout=10)
    assert order == ["first message", "second message"], "one message of a conversation at a time"
    longest_stall = max(later - earlier for earlier, later in pairwise(ticks))
    assert longest_stall < REDIS_PAUSE_MS / 1000 / 2, f"the event loop stood still for {longest_stall:.2f} s"
