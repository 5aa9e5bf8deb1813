"""The REST channel, answering 400 for a body that is not `{"sender": text, "message": text}`.

Rasa 3.6.21's `RestInput` reads `request.json.get(...)`: a JSON array or number as the body raises and the
client gets a 500 (and an error in the log) instead of being told what to send.
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels.rest import RestInput
from sanic.exceptions import InvalidUsage
from sanic.request import Request

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


class CheckedRestInput(RestInput):
    """Rasa's REST channel with the body checked first."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    async def _extract_sender(self, req: Request) -> str | None:
        return str(_field(req, "sender", required=True))

    def _extract_message(self, req: Request) -> str | None:
        message = _field(req, "message", required=False)
        return None if message is None else str(message)

    def _extract_input_channel(self, req: Request) -> str:
        return str(_field(req, "input_channel", required=False) or self.name())
