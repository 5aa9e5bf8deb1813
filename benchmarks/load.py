"""Plays scripted conversations against a bot's REST channel and times every message.

With concurrency N, N conversations run at once (one thread each), each sending its next message only after
the previous reply arrived, as a person would; throughput is messages answered per second of wall time.
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass


@dataclass(frozen=True)
class LoadResult:
    latencies_ms: list[float]
    wall_s: float
    errors: int

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.wall_s


def say_with_replies(port: int, sender: str, text: str) -> tuple[float, str]:
    """Sends one message; returns the seconds until the whole reply arrived, and the replies' text."""
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - a local URL we built
        replies = json.loads(response.read())
    return time.perf_counter() - start, " ".join(str(reply.get("text", "")) for reply in replies)


def play(port: int | Sequence[int], script: list[str], conversations: int, concurrency: int, label: str) -> LoadResult:
    """`conversations` runs of `script`, `concurrency` at a time, each under its own sender id. Given several
    ports (replicas), conversation i goes to the i-th in turn, as a round-robin balancer with sticky sessions would
    send it."""
    ports = [port] if isinstance(port, int) else list(port)

    def conversation(number: int) -> tuple[list[float], int]:
        times, errors = [], 0
        for text in script:
            try:
                times.append(say_with_replies(ports[number % len(ports)], f"{label}-{number}", text)[0] * 1000)
            except OSError:
                errors += 1
        return times, errors

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(conversation, range(conversations)))
    wall = time.perf_counter() - start
    return LoadResult([t for times, _ in results for t in times], wall, sum(errors for _, errors in results))
