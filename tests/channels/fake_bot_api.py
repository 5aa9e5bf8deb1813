"""A local stand-in for Telegram's Bot API: records each call and answers with JSON shaped like Telegram's.

aiogram posts form data (reply_markup as a JSON string), and uploads (sendPhoto, sendDocument) as multipart
form data; the fake decodes form, multipart and JSON bodies, keeps each uploaded file's name and bytes, checks
the bot token in the path like Telegram does (401 otherwise), and runs on its own thread and event loop.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.conftest import free_port

BOT_USER = {"id": 7000001, "is_bot": True, "first_name": "Leg cramp helper", "username": "legs_helper_bot"}


@dataclass(frozen=True)
class Upload:
    """A file sent with a call, as Telegram would receive it."""

    filename: str
    content: bytes


@dataclass
class Call:
    method: str
    fields: dict[str, Any]
    result: Any
    files: dict[str, Upload] = field(default_factory=dict)


@dataclass
class FakeBotApi:
    token: str
    calls: list[Call] = field(default_factory=list)
    port: int = field(default_factory=free_port)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._message_ids = itertools.count(100)
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _result(self, method: str, fields: dict[str, Any], files: dict[str, Upload]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in ("sendMessage", "editMessageReplyMarkup", "sendPhoto", "sendDocument"):
            chat = {"id": int(fields.get("chat_id", 0)), "type": "private", "first_name": "Test"}
            message = {"message_id": next(self._message_ids), "date": int(time.time()), "chat": chat, "from": BOT_USER}
            file_id = {"file_id": f"file-{message['message_id']}", "file_unique_id": f"u{message['message_id']}"}
            if method == "sendPhoto":
                return message | {"photo": [file_id | {"width": 800, "height": 600}], "caption": fields.get("caption")}
            if method == "sendDocument":
                name = files["document"].filename if "document" in files else "document"
                return message | {"document": file_id | {"file_name": name}}
            return message | {"text": fields.get("text", "")}
        return True

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        files: dict[str, Upload] = {}
        if request.content_type == "application/json":
            fields = dict(await request.json())
        else:
            fields = {}
            for key, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    files[key] = Upload(value.filename, value.file.read())
                else:
                    fields[key] = str(value)
        for name in ("reply_markup", "allowed_updates"):
            if isinstance(fields.get(name), str):
                fields[name] = json.loads(fields[name])
        method = request.match_info["method"]
        sent = method.removeprefix("send").lower()
        if method in ("sendPhoto", "sendDocument") and sent not in files and sent not in fields:
            description = f"Bad Request: there is no {sent} in the request"
            return web.json_response({"ok": False, "error_code": 400, "description": description}, status=400)
        result = self._result(method, fields, files)
        with self._lock:
            self.calls.append(Call(method, fields, result, files))
        return web.json_response({"ok": True, "result": result})

    def start(self) -> None:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        ready = threading.Event()

        def serve() -> None:
            asyncio.set_event_loop(self._loop)
            assert self._runner is not None
            self._loop.run_until_complete(self._runner.setup())
            self._loop.run_until_complete(web.TCPSite(self._runner, "127.0.0.1", self.port).start())
            ready.set()
            self._loop.run_forever()

        threading.Thread(target=serve, name="fake-bot-api", daemon=True).start()
        assert ready.wait(timeout=10), "the fake Bot API did not start"

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)

    def calls_of(self, method: str, chat_id: int | None = None) -> list[Call]:
        with self._lock:
            return [
                call
                for call in self.calls
                if call.method == method and (chat_id is None or str(call.fields.get("chat_id")) == str(chat_id))
            ]

    def wait_for(self, method: str, count: int, chat_id: int | None = None, timeout: float = 30.0) -> list[Call]:
        """The first `count` calls of `method` (to `chat_id`), waiting for them to arrive."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            calls = self.calls_of(method, chat_id)
            if len(calls) >= count:
                return calls
            time.sleep(0.05)
        raise AssertionError(f"expected {count} {method} call(s), got {self.calls_of(method, chat_id)}")
