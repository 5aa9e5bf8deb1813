"""Bad input on the web page's socket: malformed events are ignored, invalid UTF-8 is refused, and the same
conversation goes on; nothing of it reaches the stored conversation."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
import requests
import socketio

from tests.serving import API_TOKEN, Served

pytestmark = pytest.mark.rasa

SESSION = "socket-bad-input"


def connect(served: Served, replies: list[dict[str, Any]]) -> socketio.Client:
    client = socketio.Client(reconnection=False)
    confirmed = threading.Event()
    client.on("bot_uttered", replies.append)
    client.on("session_confirm", lambda _: confirmed.set())
    client.connect(served.rasa_url, headers={"Origin": served.page_url.rstrip("/")}, transports=["polling"])
    client.emit("session_request", {"session_id": SESSION})
    assert confirmed.wait(timeout=30), "the session is confirmed"
    return client


def stored_user_texts(served: Served) -> list[str]:
    answer = requests.get(f"{served.rasa_url}/conversations/{SESSION}/tracker", params={"token": API_TOKEN}, timeout=30)
    answer.raise_for_status()
    return [event.get("text") for event in answer.json()["events"] if event["event"] == "user"]


def test_malformed_events_are_ignored_and_the_chat_goes_on(served: Served) -> None:
    replies: list[dict[str, Any]] = []
    client = connect(served, replies)
    try:
        for bad in (
            "just a string",
            42,
            ["a", "list"],
            {"message": 42, "session_id": SESSION},
            {"message": "no session id"},
            {"message": "", "session_id": ["not", "text"]},
            {"message": b"\xff\xfe\xfd", "session_id": SESSION},
        ):
            client.emit("user_uttered", bad)
        client.emit("user_uttered", {"message": "hi", "session_id": SESSION})
        deadline = time.monotonic() + 60
        while not replies and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1)  # any reply to a bad event would have come by now too
    finally:
        client.disconnect()
    assert "not a diagnosis" in " ".join(reply.get("text", "") for reply in replies), "the greeting arrives"
    assert stored_user_texts(served) == ["hi"], "no bad event reached the conversation"


def test_invalid_utf8_on_the_socket_transport_is_refused(served: Served) -> None:
    url = f"{served.rasa_url}/socket.io/"
    headers = {"Origin": served.page_url.rstrip("/")}
    handshake = requests.get(url, params={"EIO": "4", "transport": "polling"}, headers=headers, timeout=30)
    session_id = handshake.text[handshake.text.index("{") :].split('"sid":"')[1].split('"')[0]
    answer = requests.post(
        url,
        params={"EIO": "4", "transport": "polling", "sid": session_id},
        data=b'42["user_uttered",{"message":"\xff\xfe"}]',
        headers={**headers, "Content-Type": "text/plain;charset=UTF-8"},
        timeout=30,
    )
    assert 400 <= answer.status_code < 500
    replies: list[dict[str, Any]] = []
    client = connect(served, replies)
    client.disconnect()
