"""Fixes for defects in Rasa 3.6.21 that people would notice, applied in the process before Rasa runs.

1. Every custom-action call validates the action server's reply with `jsonschema.validate`, which first checks
   the (constant) response schema itself against the draft 2020-12 meta-schema: about 20 of the 25 ms each call
   took here, with two or three calls per message. We check replies against the same schema with a validator
   built once, raising the same error Rasa raises.
2. In `rasa shell`, Ctrl-C at a button menu makes questionary answer None, which Rasa slices as a string: the
   input task dies with AttributeError and the shell hangs without a prompt. A cancelled menu now ends the
   shell, as Ctrl-C at the text prompt does.
"""

from __future__ import annotations

from typing import Any


def _validate_replies_once() -> None:
    from jsonschema import exceptions, validators
    from rasa.core.actions.action import RemoteAction

    original = RemoteAction._validate_action_result
    schema = RemoteAction.action_response_format_spec()
    validator = validators.validator_for(schema)(schema)

    def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        if exceptions.best_match(validator.iter_errors(result)) is None:
            return True
        return bool(original(self, result))  # Rasa's own path: the same error, with its message

    RemoteAction._validate_action_result = validate_action_result


def _cancelled_menu_ends_shell() -> None:
    import rasa.cli.utils as cli_utils

    async def payload_from_button_question(button_question: Any) -> str | None:
        response = await button_question.ask_async()
        if response is None or response == cli_utils.FREE_TEXT_INPUT_PROMPT:
            return response  # type: ignore[no-any-return]
        return str(response[response.rfind("(") + 1 : response.rfind(")")])

    cli_utils.payload_from_button_question = payload_from_button_question


def apply() -> None:
    """Installs the fixes; safe to call more than once."""
    from rasa.core.actions.action import RemoteAction

    if getattr(RemoteAction, "_legs_fixed", False):
        return
    _validate_replies_once()
    _cancelled_menu_ends_shell()
    RemoteAction._legs_fixed = True
