"""One `python -m bot.serving.serve` per test session, as `make serve` runs it, with Telegram pointed at a local fake.

Every channel test talks to that running server over HTTP, socket.io or a browser: the same processes, ports
and generated credentials a user gets.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.channels.fake_bot_api import FakeBotApi
from tests.serving import start_serve, stop_serve

TELEGRAM_TOKEN = "123456:TEST-token_for_the_fake"
TELEGRAM_SECRET = "test-secret_0123456789"
API_TOKEN = "api-token-for-the-tests-0123456789"


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
