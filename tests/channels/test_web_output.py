"""What the web page's socket receives for each bot message: one event with the whole text, its buttons, the
drawings of its steps (file, alt text, list line) and the summary marker; a payload it cannot use is dropped,
never sent on to break the page or the reply."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.knowledge_types import KnowledgeBase

pytestmark = [pytest.mark.rasa, pytest.mark.asyncio(loop_scope="session")]


class RecordingSocket:
    """Stands in for python-socketio's server: keeps what would be emitted."""

    def __init__(self) -> None:
        self.emitted: list[tuple[str, Any, str]] = []

    async def emit(self, event: str, data: Any = None, room: str = "", **_: Any) -> None:
        self.emitted.append((event, data, room))


async def sent(message: dict[str, Any]) -> list[tuple[str, Any, str]]:
    from bot.rasa_plugins.channels.socketio import WebChatOutput

    socket = RecordingSocket()
    await WebChatOutput(socket, "bot_uttered").send_response("session-1", message)
    return socket.emitted


async def test_a_plan_is_one_event_with_its_drawings(knowledge: KnowledgeBase) -> None:
    text = "What you can do:\n\n- Stretch the muscle.\n- Drink regularly.\n- Raise your legs."
    emitted = await sent(
        {"text": text, "custom": {"pictures": [{"id": "toes_up_stretch", "line": 0}, {"id": "legs_raised", "line": 2}]}}
    )
    assert len(emitted) == 1, "one bubble, not one per paragraph and another for the payload"
    event, data, room = emitted[0]
    assert (event, room) == ("bot_uttered", "session-1")
    assert data["text"] == text
    stretch, legs = knowledge.pictures["toes_up_stretch"], knowledge.pictures["legs_raised"]
    assert data["pictures"] == [
        {"file": stretch.path.name, "alt": stretch.alt, "line": 0},
        {"file": legs.path.name, "alt": legs.alt, "line": 2},
    ]


async def test_buttons_and_the_summary_marker_travel_with_their_text() -> None:
    buttons = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
    ((_, question, _),) = await sent({"text": "Do the cramps come at night?", "buttons": buttons})
    assert question["buttons"] == buttons
    ((_, summary, _),) = await sent({"text": "Here is a summary", "custom": {"document": "summary"}})
    assert summary["document"] == "summary"


@pytest.mark.parametrize(
    "custom",
    [
        {"pictures": [{"id": "no_such_drawing", "line": 0}]},
        {"pictures": ["legs_raised"]},
        {"pictures": "legs_raised"},
        {"pictures": None},
        "not a payload",
        {"room": "someone"},
    ],
)
async def test_a_payload_it_cannot_use_is_dropped(custom: Any) -> None:
    emitted = await sent({"text": "What you can do:\n- Rest.", "custom": custom})
    assert len(emitted) == 1
    _, data, room = emitted[0]
    assert room == "session-1", "a payload never redirects the reply to another conversation"
    assert set(data) == {"text", "buttons"}, "only what the page can show"


async def test_a_message_with_nothing_to_show_sends_nothing() -> None:
    assert await sent({"custom": {"pictures": []}}) == []
