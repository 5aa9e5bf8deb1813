"""Start-up without Telegram: an unreachable Bot API is logged and the server goes on (Rasa's own stops)."""

from __future__ import annotations

import logging

import pytest

from bot.rasa_plugins.channels.telegram import TelegramInput, TelegramOutput, TelegramSettingsError
from tests.conftest import free_port


@pytest.mark.asyncio(loop_scope="session")
async def test_an_unreachable_bot_api_is_logged_not_fatal(caplog: pytest.LogCaptureFixture) -> None:
    output = TelegramOutput("123456:TEST", f"http://127.0.0.1:{free_port()}")
    with caplog.at_level(logging.WARNING):
        assert await output.register_webhook("https://legs.example.org/webhooks/telegram/webhook", "s3cret") is False
    await output.close()
    assert "could not set the webhook" in caplog.text


@pytest.mark.parametrize(
    ("credentials", "names"),
    [
        ({"access_token": "no-colon", "webhook_url": "https://a.example/w", "secret_token": "s"}, "TELEGRAM_TOKEN"),
        ({"access_token": "1:a", "webhook_url": "http://a.example/w", "secret_token": "s"}, "TELEGRAM_WEBHOOK_URL"),
        ({"access_token": "1:a", "webhook_url": "https://a.example/w", "secret_token": "has space"}, "TELEGRAM_SECRET"),
        ({"access_token": "1:a", "webhook_url": "https://a.example/w"}, "TELEGRAM_SECRET"),
    ],
)
def test_bad_credentials_name_the_setting(credentials: dict[str, str], names: str) -> None:
    with pytest.raises(TelegramSettingsError, match=names):
        TelegramInput.from_credentials(credentials)
