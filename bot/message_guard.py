"""Screens every message before Rasa reads it, whatever channel it came through.

An empty message or one longer than `max_message_chars` never reaches the NLU pipeline or the tracker store:
it becomes an intent of its own (`/message_empty`, `/message_too_long`), which a rule answers with a clear
request and the emergency line. Rasa reads a `/intent` text without running the pipeline.
"""

from __future__ import annotations

from typing import Any

EMPTY = "/message_empty"
TOO_LONG = "/message_too_long"


def screen(text: str | None, max_chars: int) -> str | None:
    """The intent to handle instead of `text`, or None when the text can go to the pipeline as it is."""
    if text is None or not text.strip():
        return EMPTY
    if len(text) > max_chars:
        return TOO_LONG
    return None


def install(max_chars: int) -> None:
    """Screens each message at the one place every channel's messages pass: the processor."""
    from rasa.core.processor import MessageProcessor

    if getattr(MessageProcessor, "_legs_guarded", False):
        return
    original = MessageProcessor.handle_message

    async def handle_message(self: MessageProcessor, message: Any) -> Any:
        replacement = screen(message.text, max_chars)
        if replacement is not None:
            message.text = replacement
        return await original(self, message)

    MessageProcessor.handle_message = handle_message
    MessageProcessor._legs_guarded = True
