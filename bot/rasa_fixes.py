"""Fixes for defects in Rasa 3.6.21 that people would notice, applied in the process before Rasa runs.

Every custom-action call validates the action server's reply with `jsonschema.validate`, which first checks
the (constant) response schema itself against the draft 2020-12 meta-schema: about 20 of the 25 ms each call
took here, with two or three calls per message. We check replies against the same schema with a validator built
once, raising the same error Rasa raises.
"""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Installs the fixes; safe to call more than once."""
    from jsonschema import exceptions, validators
    from rasa.core.actions.action import RemoteAction

    if getattr(RemoteAction, "_legs_fixed", False):
        return
    original = RemoteAction._validate_action_result
    schema = RemoteAction.action_response_format_spec()
    validator = validators.validator_for(schema)(schema)

    def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        if exceptions.best_match(validator.iter_errors(result)) is None:
            return True
        return bool(original(self, result))  # Rasa's own path: the same error, with its message

    RemoteAction._validate_action_result = validate_action_result
    RemoteAction._legs_fixed = True
