"""One `python -m bot.serve` per test session, as `make serve` runs it, with Telegram pointed at a local fake.

Every channel test talks to that running server over HTTP, socket.io or a browser: the same processes, ports
and generated credentials a user gets.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.channels.fake_bot_api import FakeBotApi
from tests.conftest import ROOT, free_port

TELEGRAM_TOKEN = "123456:TEST-token_for_the_fake"
TELEGRAM_SECRET = "test-secret_0123456789"
START_TIMEOUT_S = 300


@dataclass(frozen=True)
class Served:
    page_url: str
    rasa_url: str
    web_port: int
    run_folder: Path
    telegram: FakeBotApi

    @property
    def telegram_webhook(self) -> str:
        return f"{self.rasa_url}/webhooks/telegram/webhook"


@pytest.fixture(scope="session")
def fake_bot_api() -> Iterator[FakeBotApi]:
    api = FakeBotApi(TELEGRAM_TOKEN)
    api.start()
    yield api
    api.stop()


@pytest.fixture(scope="session")
def served(trained_model: Path, fake_bot_api: FakeBotApi, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    rasa_port, action_port, web_port = free_port(), free_port(), free_port()
    run_folder = tmp_path_factory.mktemp("serve")
    env = {
        **os.environ,
        "RASA_PORT": str(rasa_port),
        "ACTION_PORT": str(action_port),
        "WEB_PORT": str(web_port),
        "SERVE_RUN_DIR": str(run_folder),
        "MODEL": str(trained_model),
        "EMERGENCY_NUMBER": "999",
        "TELEGRAM_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_WEBHOOK_URL": "https://legs.example.org/webhooks/telegram/webhook",
        "TELEGRAM_SECRET": TELEGRAM_SECRET,
        "TELEGRAM_API_URL": fake_bot_api.base_url,
    }
    output = run_folder / "serve.out"
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.serve"], cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + START_TIMEOUT_S
    while "serve: ready" not in output.read_text(encoding="utf-8", errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"make serve did not start:\n{output.read_text(encoding='utf-8', errors='replace')[-3000:]}")
        time.sleep(0.5)
    yield Served(
        page_url=f"http://localhost:{web_port}/",
        rasa_url=f"http://localhost:{rasa_port}",
        web_port=web_port,
        run_folder=run_folder,
        telegram=fake_bot_api,
    )
    process.send_signal(signal.SIGINT)  # what Ctrl-C sends: everything it started must stop
    try:
        exit_code = process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("make serve did not stop on Ctrl-C within 60 s")
    assert exit_code == 0
    still_open = [port for port in (rasa_port, action_port, web_port) if _listening(port)]
    assert not still_open, f"Ctrl-C left servers running on ports {still_open}"


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0
