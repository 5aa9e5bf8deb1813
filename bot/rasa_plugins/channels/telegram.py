"""Telegram channel that can serve: Rasa 3.6.21's `TelegramInput` fails in five ways seen on this machine.

Its output Bot is bound to a closed event loop by `asyncio.run(set_webhook())` at start-up ("Event loop is
closed" on every update), an offline `setWebhook` ends `rasa run`, updates without a message raise (and are
retried forever), pressed buttons are never answered, and the secret-token header is never checked. Here the
Bot is created lazily inside the server's loop, the webhook is registered after the server starts (a failure
is logged, not fatal), every update gets a 200 unless its secret is wrong (403) or it is not JSON (400),
buttons are an inline keyboard whose presses are answered, and texts go out as escaped MarkdownV2. A relief plan
is followed by its pictures and a summary by a PDF of it (`pictures.py`, `telegram_media.py`).
"""

from __future__ import annotations

import contextlib
import hmac
import io
import json
import logging
import re
from pathlib import Path
from typing import Any

from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from aiogram.utils.exceptions import TelegramAPIError
from aiohttp import ClientError
from rasa.core.channels.channel import OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.rasa_patches import StoreUnavailableError
from bot.rasa_plugins.channels.pictures import PICTURE_PNG_DIR, pictures, png_path
from bot.rasa_plugins.channels.screened import OnNewMessage, ScreenedInput
from bot.rasa_plugins.channels.telegram_media import SUMMARY_FILE_NAME, summary_pdf
from bot.rasa_plugins.channels.telegram_text import TELEGRAM_MESSAGE_LIMIT, split_message, to_markdown_v2

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 (a header name, not a secret)
# Telegram allows 1-256 characters from this set in a webhook secret.
SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,256}")
CALLBACK_DATA_LIMIT = 64
SHORT_BUTTON_TITLE = 12
TELEGRAM_COMMAND = re.compile(r"/([A-Za-z0-9_]+)(@\w+)?")
UPDATES_WANTED = ["message", "edited_message", "callback_query"]


class TelegramSettingsError(ValueError):
    """A Telegram credential is missing or malformed; the message names it."""


class TelegramOutput(OutputChannel):
    """Sends the assistant's replies through the Bot API (real, or a local fake in tests)."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    def __init__(
        self, access_token: str, api_base_url: str | None = None, pictures_dir: Path = PICTURE_PNG_DIR
    ) -> None:
        self.access_token = access_token
        self.server = TelegramAPIServer.from_base(api_base_url) if api_base_url else TELEGRAM_PRODUCTION
        self.pictures_dir = pictures_dir
        self._bot: Bot | None = None

    @property
    def bot(self) -> Bot:
        """Created on first use, inside the server's event loop, so its HTTP session lives in that loop."""
        if self._bot is None:
            self._bot = Bot(self.access_token, server=self.server)
        return self._bot

    async def close(self) -> None:
        if self._bot is not None:
            await self._bot.session.close()
            self._bot = None

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for chunk in split_message(text, TELEGRAM_MESSAGE_LIMIT // 2):
            await self.bot.send_message(recipient_id, to_markdown_v2(chunk), parse_mode="MarkdownV2")

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Short titles share one row (Yes / No / Not sure); longer ones get a row each."""
        keys = [InlineKeyboardButton(button["title"], callback_data=callback_data(button)) for button in buttons]
        keyboard = InlineKeyboardMarkup()
        if all(len(button["title"]) <= SHORT_BUTTON_TITLE for button in buttons):
            keyboard.row(*keys)
        else:
            for key in keys:
                keyboard.row(key)
        await self.bot.send_message(recipient_id, to_markdown_v2(text), parse_mode="MarkdownV2", reply_markup=keyboard)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self.bot.send_photo(recipient_id, image)

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        """A custom payload comes after its message's text (Rasa sends that first): a relief plan's pictures as
        photos, the summary (the message's `summary` variable) as a PDF; of other payloads, their text if any."""
        text = json_message.get("text")
        if isinstance(text, str) and text:
            await self.send_text_message(recipient_id, text)
        marks = json_message.get("pictures")
        if isinstance(marks, list):
            await self.send_pictures(recipient_id, [str(mark.get("id")) for mark in marks if isinstance(mark, dict)])
        summary = kwargs.get("summary")
        if json_message.get("document") == "summary" and isinstance(summary, str):
            await self.send_summary(recipient_id, summary)

    async def send_pictures(self, recipient_id: str, picture_ids: list[str]) -> None:
        """Each picture as an uploaded PNG with its alt text as the caption.

        Pictures only add to the steps' text: a missing copy (set-up not run) or a failed upload is one warning,
        and the replies after them still go out.
        """
        drawings = pictures()
        shown = [drawings[picture_id] for picture_id in picture_ids if picture_id in drawings]
        try:
            photos = [(picture, png_path(picture.id, self.pictures_dir).read_bytes()) for picture in shown]
        except OSError as error:
            logger.warning("Telegram: a picture's PNG copy is missing (%s); `make setup` renders them", error)
            return
        try:
            for picture, png in photos:
                await self.bot.send_photo(
                    recipient_id, InputFile(io.BytesIO(png), filename=f"{picture.id}.png"), caption=picture.alt
                )
        except (TelegramAPIError, ClientError, OSError) as error:
            logger.warning("Telegram: could not send a picture (%s)", type(error).__name__)

    async def send_summary(self, recipient_id: str, summary: str) -> None:
        """The summary as a PDF to keep or forward; the same text has just been sent as a message."""
        document = InputFile(io.BytesIO(summary_pdf(summary)), filename=SUMMARY_FILE_NAME)
        try:
            await self.bot.send_document(recipient_id, document)
        except (TelegramAPIError, ClientError, OSError) as error:
            logger.warning("Telegram: could not send the summary document (%s)", type(error).__name__)

    async def answer_button(self, callback_query_id: str, chat_id: int, message_id: Any) -> None:
        """Stops the button's spinner and removes the keyboard so the same question cannot be answered twice.

        A failure here is logged only: the person's answer is still processed.
        """
        try:
            await self.bot.answer_callback_query(callback_query_id)
            if isinstance(message_id, int):
                await self.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
        except (TelegramAPIError, ClientError, OSError) as error:
            logger.warning("Telegram: could not answer a button press (%s)", type(error).__name__)

    async def register_webhook(self, url: str, secret: str) -> bool:
        """Tells Telegram where to post updates, with the secret it must send back; False if it failed."""
        try:
            me = await self.bot.get_me()
            await self.bot.request(
                "setWebhook",
                {"url": url, "secret_token": secret, "allowed_updates": json.dumps(UPDATES_WANTED)},
            )
        except (TelegramAPIError, ClientError, OSError) as error:
            logger.warning(
                "Telegram: could not set the webhook (%s). Updates will not arrive until it is set; "
                "POST /webhooks/telegram/set_webhook once the Bot API is reachable.",
                error,
            )
            return False
        logger.info("Telegram: webhook set for @%s", me.username)
        return True


def callback_data(button: dict[str, Any]) -> str:
    """The button's payload, or its title when the payload is over Telegram's 64-byte limit (NLU reads titles)."""
    payload = str(button.get("payload") or button["title"])
    if len(payload.encode("utf-8")) <= CALLBACK_DATA_LIMIT:
        return payload
    logger.warning("Telegram: button payload over %d bytes, sending its title instead", CALLBACK_DATA_LIMIT)
    return str(button["title"])[:CALLBACK_DATA_LIMIT]


def typed_text(text: str) -> str:
    """What a typed message means: /start greets; other commands and leading slashes are words, not intents."""
    command = TELEGRAM_COMMAND.fullmatch(text.strip())
    if command and command.group(1).lower() == "start":
        return "/greet"
    if command:
        return command.group(1).replace("_", " ")
    return text.lstrip("/")


class TelegramInput(ScreenedInput):
    """Receives Telegram updates on /webhooks/telegram/webhook."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TelegramInput:
        credentials = credentials or {}
        token = str(credentials.get("access_token") or "")
        webhook_url = str(credentials.get("webhook_url") or "")
        secret = str(credentials.get("secret_token") or "")
        if ":" not in token:
            raise TelegramSettingsError("TELEGRAM_TOKEN should be the bot token from BotFather, like 123456:ABC-...")
        if not webhook_url.startswith("https://"):
            raise TelegramSettingsError("TELEGRAM_WEBHOOK_URL should be the public https:// address of the webhook")
        if not SECRET_PATTERN.fullmatch(secret):
            raise TelegramSettingsError("TELEGRAM_SECRET should be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return cls(token, webhook_url, secret, credentials.get("api_base_url"))

    def __init__(self, access_token: str, webhook_url: str, secret_token: str, api_base_url: str | None) -> None:
        self.webhook_url = webhook_url
        self.secret_token = secret_token
        self.output = TelegramOutput(access_token, api_base_url)

    def get_output_channel(self) -> TelegramOutput:
        return self.output

    def _secret_matches(self, request: Request) -> bool:
        given = request.headers.get(SECRET_HEADER, "")
        return hmac.compare_digest(given.encode("utf-8"), self.secret_token.encode("utf-8"))

    def routes(self, on_new_message: OnNewMessage) -> Blueprint:
        """Health, webhook registration and the update endpoint; the webhook is set once the server runs."""
        webhook = Blueprint("telegram_webhook", __name__)

        @webhook.listener("after_server_start")
        async def set_webhook_on_start(*_: Any) -> None:
            await self.output.register_webhook(self.webhook_url, self.secret_token)

        @webhook.listener("before_server_stop")
        async def close_session(*_: Any) -> None:
            await self.output.close()

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/set_webhook", methods=["POST"])
        async def set_webhook(request: Request) -> HTTPResponse:
            if not self._secret_matches(request):
                return response.json({"error": "wrong or missing secret token"}, status=403)
            done = await self.output.register_webhook(self.webhook_url, self.secret_token)
            return response.json({"webhook_set": done}, status=200 if done else 502)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self._secret_matches(request):
                return response.json({"error": "wrong or missing secret token"}, status=403)
            try:
                update = json.loads(request.body)
            except (json.JSONDecodeError, UnicodeDecodeError):
                return response.json({"error": "the body should be a Telegram Update in JSON"}, status=400)
            if not isinstance(update, dict):
                return response.json({"error": "the body should be a Telegram Update in JSON"}, status=400)
            message = await self._user_message(update)
            if message is not None:
                text, chat_id = message
                # On a store outage the person has been told: 200, or Telegram would send the update again.
                with contextlib.suppress(StoreUnavailableError):
                    await on_new_message(UserMessage(text, self.output, str(chat_id), input_channel=self.name()))
            return response.json({"ok": True})

        return webhook

    async def _user_message(self, update: dict[str, Any]) -> tuple[str, int] | None:
        """The text and chat of an update we answer; None for updates we only acknowledge."""
        query = update.get("callback_query")
        if isinstance(query, dict):
            origin = _mapping(query.get("message"))
            chat_id = _mapping(origin.get("chat")).get("id")
            data = query.get("data")
            if not isinstance(chat_id, int) or not isinstance(data, str):
                return None
            await self.output.answer_button(str(query.get("id", "")), chat_id, origin.get("message_id"))
            return data, chat_id
        message = _mapping(update.get("message") or update.get("edited_message"))
        text = message.get("text")
        chat_id = _mapping(message.get("chat")).get("id")
        if not isinstance(text, str) or not isinstance(chat_id, int):
            logger.debug("Telegram: acknowledged an update without a text message (%s)", ", ".join(update))
            return None
        return typed_text(text), chat_id


def _mapping(value: Any) -> dict[str, Any]:
    """A JSON object from an update, or an empty one when the field is absent or not an object."""
    return value if isinstance(value, dict) else {}
