"""`python -m bot.serving.serve` started and stopped as a user does with `make serve` (on free ports): the one stack
every HTTP, socket.io, browser and Telegram test shares, and the replicas of the production-profile tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.channels.fake_bot_api import FakeBotApi
from tests.conftest import ROOT, serve_ports

START_TIMEOUT_S = 300
TELEGRAM_TOKEN = "123456:TEST-token_for_the_fake"
TELEGRAM_SECRET = "test-secret_0123456789"
API_TOKEN = "api-token-for-the-tests-0123456789"


def start_serve(
    model: Path, run_folder: Path, ports: dict[str, int] | None = None, **settings: str
) -> tuple[subprocess.Popen[bytes], dict[str, int]]:
    """`python -m bot.serving.serve` (on free ports unless given) with its files in `run_folder`; returns once ready."""
    ports = ports or serve_ports()[0]
    env = {
        **os.environ,
        **{name: str(port) for name, port in ports.items()},
        "SERVE_RUN_DIR": str(run_folder),
        "TRACKER_DB": str(run_folder / "conversations.db"),
        "MODEL": str(model),
        "EMERGENCY_NUMBER": "999",
        **settings,
    }
    output = run_folder / f"serve-{len(list(run_folder.glob('serve-*.out')))}.out"
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.serving.serve"], cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + START_TIMEOUT_S
    while "serve: ready" not in output.read_text(encoding="utf-8", errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"make serve did not start:\n{output.read_text(encoding='utf-8', errors='replace')[-3000:]}")
        time.sleep(0.5)
    return process, ports


def stop_serve(process: subprocess.Popen[bytes], ports: dict[str, int]) -> None:
    """What Ctrl-C does: everything `make serve` started must stop."""
    process.send_signal(signal.SIGINT)
    try:
        exit_code = process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("make serve did not stop on Ctrl-C within 60 s")
    assert exit_code == 0
    still_open = [port for port in ports.values() if _listening(port)]
    assert not still_open, f"Ctrl-C left servers running on ports {still_open}"


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Served:
    """The session's one `make serve`, with Telegram pointed at a local fake Bot API and the HTTP API on a token.

    Tests keep apart by sender id. `stop` and `start` are Ctrl-C and `make serve` again on the same ports and files,
    for the restart tests (marked `restarts_served`, run last so every other test sees a stack started once).
    """

    model: Path
    run_folder: Path
    telegram: FakeBotApi
    ports: dict[str, int] = field(default_factory=lambda: serve_ports()[0])
    process: subprocess.Popen[bytes] | None = None

    @property
    def page_url(self) -> str:
        return f"http://localhost:{self.web_port}/"

    @property
    def rasa_url(self) -> str:
        return f"http://localhost:{self.ports['RASA_PORT']}"

    @property
    def web_port(self) -> int:
        return self.ports["WEB_PORT"]

    @property
    def telegram_webhook(self) -> str:
        return f"{self.rasa_url}/webhooks/telegram/webhook"

    def start(self) -> None:
        self.process, _ = start_serve(
            self.model,
            self.run_folder,
            self.ports,
            TELEGRAM_TOKEN=TELEGRAM_TOKEN,
            TELEGRAM_WEBHOOK_URL="https://legs.example.org/webhooks/telegram/webhook",
            TELEGRAM_SECRET=TELEGRAM_SECRET,
            TELEGRAM_API_URL=self.telegram.base_url,
            RASA_API_TOKEN=API_TOKEN,
        )

    def stop(self) -> None:
        if self.process is not None:
            stop_serve(self.process, self.ports)
            self.process = None
