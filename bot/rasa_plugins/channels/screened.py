"""The base of our channels: every message is screened before Rasa reads it, and Rasa's fixes are installed.

An empty message, one over the length bound and one in another language are replaced by the intent that
answers them (`bot/language/message_guard.py`), so their text never reaches the NLU pipeline or the tracker store. This
sits in the channel, Rasa's extension point for incoming messages, so it holds however Rasa is started; a new
channel gets it by deriving from `ScreenedInput` and defining `routes`. Building the routes is also where a
channel named in credentials.yml first runs, so it installs `bot/rasa_patches.py` there.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint

from bot import rasa_patches
from bot.language.message_guard import configured_guard

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class ScreenedInput(InputChannel):  # type: ignore[misc]
    """An input channel whose routes only ever hand Rasa screened messages."""

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        rasa_patches.install()
        guard = configured_guard()

        async def screened(message: UserMessage) -> Any:
            message.text = guard.text_to_read(message.text)
            return await on_new_message(message)

        return self.routes(screened)

    def routes(self, on_new_message: OnNewMessage) -> Blueprint:
        """The channel's Sanic routes, handing each message to `on_new_message`."""
        raise NotImplementedError
