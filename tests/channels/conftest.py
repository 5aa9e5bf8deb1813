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
API_TOKEN = "api-token-for-the-tests-0123456789"
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


def start_serve(
    model: Path, run_folder: Path, ports: dict[str, int] | None = None, **settings: str
) -> tuple[subprocess.Popen[bytes], dict[str, int]]:
    """`python -m bot.serve` (on free ports unless given) with its files in `run_folder`; returns once ready."""
    ports = ports or {"RASA_PORT": free_port(), "ACTION_PORT": free_port(), "WEB_PORT": free_port()}
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
            [sys.executable, "-m", "bot.serve"], cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT
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


@pytest.fixture(scope="session")
def served(trained_model: Path, fake_bot_api: FakeBotApi, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    run_folder = tmp_path_factory.mktemp("serve")
    process, ports = start_serve(
        trained_model,
        run_folder,
        TELEGRAM_TOKEN=TELEGRAM_TOKEN,
        TELEGRAM_WEBHOOK_URL="https://legs.example.org/webhooks/telegram/webhook",
        TELEGRAM_SECRET=TELEGRAM_SECRET,
        TELEGRAM_API_URL=fake_bot_api.base_url,
        RASA_API_TOKEN=API_TOKEN,
    )
    yield Served(
        page_url=f"http://localhost:{ports['WEB_PORT']}/",
        rasa_url=f"http://localhost:{ports['RASA_PORT']}",
        web_port=ports["WEB_PORT"],
        run_folder=run_folder,
        telegram=fake_bot_api,
    )
    stop_serve(process, ports)


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0
