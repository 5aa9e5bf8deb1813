"""The REST channel: 400 for a body that is not `{"sender": text, "message": text}`, 503 when the store is down.

Rasa 3.6.21's `RestInput` reads `request.json.get(...)`: a JSON array or number as the body raises and the
client gets a 500 (and an error in the log) instead of being told what to send. And it answers every failure
with 200 and no replies, logging the person's message: here a conversation store outage is a 503 carrying the
reply that says so (`bot/rasa_patches.py`), and any other failure is Sanic's 500, without the message text.
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.utils.endpoints import bool_arg
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

from bot.rasa_patches import StoreUnavailableError
from bot.rasa_plugins.channels.screened import OnNewMessage, ScreenedInput

USAGE = 'the body should be JSON like {"sender": "<conversation id>", "message": "<text>"}'


def _field(request: Request, name: str, required: bool) -> Any:
    body = request.json
    if not isinstance(body, dict):
        raise InvalidUsage(USAGE)
    value = body.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise InvalidUsage(USAGE)
    return value


class CheckedRestInput(ScreenedInput, RestInput):
    """Rasa's REST channel with the body checked first, each message screened, and failures given their status."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    async def _sender(self, req: Request) -> str | None:
        return str(_field(req, "sender", required=True))

    def _text(self, req: Request) -> str | None:
        message = _field(req, "message", required=False)
        return None if message is None else str(message)

    def _input_channel(self, req: Request) -> str:
        return str(_field(req, "input_channel", required=False) or self.name())

    def routes(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = Blueprint("custom_webhook_CheckedRestInput", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse | ResponseStream:
            sender_id = await self._sender(request)
            text = self._text(request)
            input_channel = self._input_channel(request)
            metadata = self.get_metadata(request)
            if bool_arg(request, "stream", default=False):
                replies = self.stream_response(on_new_message, text, sender_id, input_channel, metadata)
                return response.stream(replies, content_type="text/event-stream")
            collector = CollectingOutputChannel()
            message = UserMessage(text, collector, sender_id, input_channel=input_channel, metadata=metadata)
            try:
                await on_new_message(message)
            except StoreUnavailableError:
                return response.json(collector.messages, status=503)
            return response.json(collector.messages)

        return webhook
