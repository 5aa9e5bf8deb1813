"""Where a message's time goes: plays the benchmark conversation in-process under cProfile.

`python -m benchmarks.profile_message [N]` starts the action server, loads the trained model with Rasa's
fixes applied, plays N conversations and prints the functions with the most cumulative and own time.
"""

from __future__ import annotations

import asyncio
import cProfile
import logging
import pstats
import signal
import sys
import time

from benchmarks.compare_starter import OUR_SCRIPT
from benchmarks.servers import ROOT, free_port, start_action_server


async def play(conversations: int, action_url: str) -> float:
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig
    from rasa.utils.log_utils import configure_structlog

    from bot.rasa_patches import install

    configure_structlog(logging.INFO)  # as `rasa run` does: unfiltered, Rasa's debug events took 3% of the profile
    install()
    agent = Agent.load(
        str(ROOT / "models" / "legs.tar.gz"),
        action_endpoint=EndpointConfig(url=action_url, enable_selective_domain=True),
    )
    await agent.handle_text("hi", sender_id="warm-up")
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    for number in range(conversations):
        for text in OUR_SCRIPT:
            await agent.handle_text(text, sender_id=f"profile-{number}")
    profiler.disable()
    elapsed = time.perf_counter() - start
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)
    return elapsed / (conversations * len(OUR_SCRIPT)) * 1000


def main() -> int:
    conversations = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    port = free_port()
    actions = start_action_server(port)
    try:
        per_message = asyncio.run(play(conversations, f"http://127.0.0.1:{port}/webhook"))
    finally:
        actions.send_signal(signal.SIGINT)
        actions.wait(timeout=30)
    print(f"profiled: {per_message:.1f} ms per message in-process (profiler overhead included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
