"""The socket.io channel for the web page, with working session persistence and CORS for the page only.

Rasa 3.6.21's `SocketIOInput` calls `sio.enter_room(...)` without `await` (a coroutine since python-socketio
5.10, RasaHQ/rasa#13027), so with `session_persistence: true` replies go to a room nobody joined and the page
stays silent. It also builds its server with origin checks off. This subclass joins the room properly, so a
reloaded page keeps its conversation, and lets only the configured page origins connect. python-engineio
answers a long-polling body that is not UTF-8 with 200 and a logged traceback; `bot/rasa_patches.py` makes it a
400. Events that are not a message are ignored.

Replies go out as our page reads them (`WebChatOutput`): one `bot_uttered` event per bot message.
"""

from __future__ import annotations

import contextlib
import json
import logging
import uuid
from typing import Any

from rasa.core.channels.channel import UserMessage, decode_bearer_token
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.rasa_patches import StoreUnavailableError
from bot.rasa_plugins.channels.pictures import pictures
from bot.rasa_plugins.channels.screened import OnNewMessage, ScreenedInput

logger = logging.getLogger(__name__)


class WebChatOutput(SocketIOOutput):
    """One `bot_uttered` event per bot message: its whole text, its buttons, the drawings of its relief steps
    (file name, alt text, the list line they go with) and a summary marker for printing.

    Rasa's own output splits a text at blank lines into several bubbles, names buttons `quick_replies`, and
    passes a custom payload to `emit` as keyword arguments, so any key but `emit`'s own breaks the reply.
    """

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        payload = message.get("custom")
        custom: dict[str, Any] = payload if isinstance(payload, dict) else {}
        event: dict[str, Any] = {
            "text": message.get("text") or custom.get("text") or "",
            "buttons": [
                {"title": button["title"], "payload": button["payload"]} for button in message.get("buttons") or []
            ],
        }
        marks = custom.get("pictures")
        shown = [
            {"file": drawing.path.name, "alt": drawing.alt, "line": mark.get("line")}
            for mark in (marks if isinstance(marks, list) else [])
            if isinstance(mark, dict) and (drawing := pictures().get(str(mark.get("id")))) is not None
        ]
        if shown:
            event["pictures"] = shown
        if custom.get("document"):
            event["document"] = custom["document"]
        if event["text"] or event["buttons"]:
            await self._send_message(recipient_id, event)


class WebChatInput(ScreenedInput, SocketIOInput):
    """socket.io for our chat page: persistent sessions that reach the page, origins limited to the page's."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> WebChatInput:
        credentials = credentials or {}
        return cls(
            credentials.get("user_message_evt", "user_uttered"),
            credentials.get("bot_message_evt", "bot_uttered"),
            credentials.get("namespace"),
            credentials.get("session_persistence", True),
            credentials.get("socketio_path", "/socket.io"),
            credentials.get("jwt_key"),
            credentials.get("jwt_method", "HS256"),
            credentials.get("metadata_key", "metadata"),
            allowed_origins=list(credentials.get("cors_allowed_origins") or []),
        )

    def __init__(self, *args: Any, allowed_origins: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allowed_origins = allowed_origins or []

    def _authorised(self, auth: dict[str, Any] | None) -> bool:
        """Without a JWT key anyone on an allowed origin may chat; with one, the token must verify."""
        if not self.jwt_key:
            return True
        token = (auth or {}).get("token")
        return bool(token and decode_bearer_token(token, self.jwt_key, self.jwt_algorithm))

    def routes(self, on_new_message: OnNewMessage) -> Blueprint:
        """The socket.io server and its event handlers, mounted on Rasa's Sanic app."""
        # python-engineio reads [] as "allow every origin" and None as "same origin only": never pass [].
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=self.allowed_origins or None)
        webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: str, environ: dict[str, Any], auth: dict[str, Any] | None = None) -> bool:
            return self._authorised(auth)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            session_id = requested if isinstance(requested, str) and requested else uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any) -> None:
            if not isinstance(data, dict) or not isinstance(data.get("message", ""), str):
                logger.warning("socket.io: ignored a message that is not {'message': text, ...}")
                return
            if self.session_persistence:
                sender_id = data.get("session_id")
                if not isinstance(sender_id, str) or not sender_id:
                    logger.warning("socket.io: ignored a message without a session id (send session_request first)")
                    return
                # After a reconnect the page may send before its new session_request is handled: join here too,
                # so the reply reaches this socket.
                await sio.enter_room(sid, sender_id, namespace=self.namespace)
            else:
                sender_id = sid
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except json.JSONDecodeError:
                    metadata = {}
            message = UserMessage(
                data.get("message", ""),
                WebChatOutput(sio, self.bot_message_evt),
                sender_id,
                input_channel=self.name(),
                metadata=metadata if isinstance(metadata, dict) else {},
            )
            with contextlib.suppress(StoreUnavailableError):  # the person has been told; logged there
                await on_new_message(message)

        return webhook
