"""The faster check of action-server replies accepts and rejects exactly what Rasa's own check does."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.rasa


def test_replies_are_still_validated() -> None:
    from jsonschema import ValidationError
    from rasa.core.actions.action import RemoteAction

    from bot.rasa_fixes import apply

    apply()
    apply()  # twice is harmless
    action = RemoteAction("action_give_assessment", None)
    assert action._validate_action_result({"events": [{"event": "slot", "name": "x", "value": 1}], "responses": []})
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": [{"no_event_key": 1}]})
