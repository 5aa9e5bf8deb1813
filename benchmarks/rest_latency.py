"""Per-message latency through Rasa's REST channel with the action server, as a person's messages would go.

Starts the action server and `rasa run` on free local ports, plays a scripted conversation for several
people one message at a time, and prints the median and 95th percentile (no timing is asserted anywhere).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RASA = str(ROOT / ".venv" / "bin" / "rasa")
RASA_WITH_FIXES = [str(ROOT / ".venv" / "bin" / "python"), "-m", "bot.rasa_cli"]
SCRIPT = [
    "hi",
    "my calves cramp most nights and I can see bulging veins",
    "no I don't take water pills",
    "/deny",
    "I sit at a desk all day",
    "why?",
    "what can I do now",
    "do compression stockings help?",
]
PEOPLE = 10


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if process.poll() is not None:
            raise SystemExit(f"bench: {url} did not start (exit {process.returncode})")
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310 - a local URL we built
            return time.monotonic() - start
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"bench: {url} not ready after {seconds:.0f} s")


def say(port: int, sender: str, text: str) -> float:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        response.read()
    return time.perf_counter() - start


def main() -> int:
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "ignore"}
    action_port, rasa_port = free_port(), free_port()
    with tempfile.TemporaryDirectory() as scratch:
        endpoints = Path(scratch) / "endpoints.yml"
        endpoints.write_text(
            f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n  enable_selective_domain: true\n',
            encoding="utf-8",
        )
        log = open(Path(scratch) / "servers.log", "wb")  # noqa: SIM115 - closed in finally
        actions = subprocess.Popen(  # noqa: S603 - our own venv's rasa
            [RASA, "run", "actions", "--port", str(action_port)], cwd=ROOT, env=env, stdout=log, stderr=log
        )
        server = subprocess.Popen(  # noqa: S603
            [
                *RASA_WITH_FIXES,
                "run",
                "--model",
                "models/legs.tar.gz",
                "--port",
                str(rasa_port),
                "--endpoints",
                str(endpoints),
                "--credentials",
                "credentials.yml",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
        )
        try:
            wait_for(f"http://127.0.0.1:{action_port}/health", actions, 120)
            ready = wait_for(f"http://127.0.0.1:{rasa_port}/", server, 300)
            say(rasa_port, "warm-up", "hi")
            times = [say(rasa_port, f"person-{n}", text) * 1000 for n in range(PEOPLE) for text in SCRIPT]
        finally:
            for process in (server, actions):
                process.send_signal(signal.SIGINT)
            for process in (server, actions):
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
            log.close()
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"REST latency over {len(times)} messages ({PEOPLE} conversations, one at a time): "
        f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms; "
        f"server ready {ready:.0f} s after the action server"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
