"""`make load`: 50 conversations at once, 20 messages each, through REST with the default SQLite store.

Half the people describe vein trouble, half a water-tablet side effect; each one's "why?" must name their own
likely cause and never the other group's (no cross-talk). Reports errors, cross-talk and latency percentiles;
exits 1 on any error or cross-talk. Nothing is timed in a test: this is a target to run, not a check in CI.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.load import LoadResult, say_with_replies
from benchmarks.servers import PYTHON, ROOT, BotServers

CONVERSATIONS = 50
VEINS = [
    "hi",
    "my legs ache and I can see bulging varicose veins, cramps most nights",
    "no water tablets",
    "no, I drink plenty",
    "I sit at a desk all day",
]
DIURETICS = [
    "hello",
    "I started furosemide last month and now I get cramps every night",
    "no visible veins",
    "no, I drink plenty",
    "I walk most days",
]
FOLLOW_UPS = [
    "why?",
    "what can I do now",
    "do compression stockings help?",
    "when should I see a doctor",
    "does stretching help",
    "is magnesium worth trying",
    "thanks",
    "what about painkillers",
    "can you summarise for my doctor",
    "why?",
    "what can I do today",
    "ok",
    "how long do cramps last",
    "thank you, bye",
    "why?",
]
OWN_CAUSE = {"veins": "venous insufficiency", "diuretics": "side effect of a medicine"}


def conversation(port: int, number: int) -> tuple[list[float], int, bool]:
    """Plays one person's 20 messages; returns latencies, errors, and whether a reply named the other cause."""
    group = "veins" if number % 2 == 0 else "diuretics"
    script = (VEINS if group == "veins" else DIURETICS) + FOLLOW_UPS
    other = OWN_CAUSE["diuretics" if group == "veins" else "veins"]
    times, errors, crossed = [], 0, False
    for text in script:
        try:
            seconds, replies = say_with_replies(port, f"load-{number}", text)
        except OSError:
            errors += 1
            continue
        times.append(seconds * 1000)
        if text == "why?" and (OWN_CAUSE[group] not in replies or other in replies):
            crossed = True
    return times, errors, crossed


def main() -> int:
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONWARNINGS": "ignore", "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "load.log"
        with BotServers(
            ROOT,
            ROOT / "models" / "legs.tar.gz",
            [PYTHON, "-m", "bot.serving.rasa_cli"],
            env,
            True,
            log,
            Path(folder) / "conversations.db",
        ) as servers:
            start = time.perf_counter()
            with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
                results = list(pool.map(lambda n: conversation(servers.port, n), range(CONVERSATIONS)))
            wall = time.perf_counter() - start
    load = LoadResult([t for times, _, _ in results for t in times], wall, sum(e for _, e, _ in results))
    crossed = sum(1 for _, _, c in results if c)
    ordered = sorted(load.latencies_ms)
    print(
        f"load: {CONVERSATIONS} conversations x {len(VEINS) + len(FOLLOW_UPS)} messages at once: "
        f"{len(ordered)} answered, {load.errors} errors, {crossed} conversations with another's cause; "
        f"latency median {statistics.median(ordered):.0f} ms, p95 {ordered[round(0.95 * (len(ordered) - 1))]:.0f} ms, "
        f"max {ordered[-1]:.0f} ms; {load.throughput:.1f} messages/s; peak memory Rasa {servers.rasa_peak_mb:.0f} MB"
    )
    return 0 if load.errors == 0 and crossed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
