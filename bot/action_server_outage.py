"""When the action server cannot be reached, the person is told, with what to do if it is urgent: never silence.

Rasa logs a failed custom action and carries on without its events, so a message can go unanswered. Here the
first failure for each user message adds one reply (`utter_action_server_unavailable`, with the most urgent
safety-net line); later failures for the same message add nothing. Nothing is stored that would stop the
conversation going on once the action server is back.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import Any

logger = logging.getLogger(__name__)

RESPONSE = "utter_action_server_unavailable"
REMEMBERED_MESSAGES = 10_000


def install(urgent_warning: str) -> None:
    """Wraps Rasa's remote action call; `urgent_warning` is the engine's most urgent safety-net line."""
    from rasa.core.actions.action import ActionExecutionRejection, RemoteAction, create_bot_utterance
    from rasa.shared.exceptions import RasaException

    if getattr(RemoteAction, "_legs_outage_answered", False):
        return
    original = RemoteAction.run
    answered: OrderedDict[tuple[str, str | None], None] = OrderedDict()

    async def run(self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> list[Any]:
        try:
            return list(await original(self, output_channel, nlg, tracker, domain))
        except ActionExecutionRejection:
            raise  # a form rejecting an answer, not an outage
        except RasaException:
            message = (tracker.sender_id, tracker.latest_message.message_id if tracker.latest_message else None)
            if message in answered:
                return []
            answered[message] = None
            while len(answered) > REMEMBERED_MESSAGES:
                answered.popitem(last=False)
            logger.warning("The action server did not answer for '%s': told the person to try again", self.name())
            reply = await nlg.generate(RESPONSE, tracker, output_channel.name(), urgent_warning=urgent_warning)
            return [create_bot_utterance(reply)] if reply else []

    RemoteAction.run = run
    RemoteAction._legs_outage_answered = True
