"""Rasa fixes behave as Rasa does: replies are validated as strictly, events resolve to the same classes."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.rasa


def test_replies_are_still_validated() -> None:
    from jsonschema import ValidationError
    from rasa.core.actions.action import RemoteAction

    from bot.rasa_patches import install

    install()
    install()  # twice is harmless
    action = RemoteAction("action_give_assessment", None)
    assert action._validate_action_result({"events": [{"event": "slot", "name": "x", "value": 1}], "responses": []})
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": [{"no_event_key": 1}]})


def test_events_resolve_to_the_same_classes_and_unknown_names_still_fail() -> None:
    from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered

    from bot.rasa_patches import install

    install()
    assert Event.resolve_by_type("user") is UserUttered
    assert Event.resolve_by_type("slot") is SlotSet
    assert Event.resolve_by_type("user") is UserUttered, "a remembered class is the same class"
    assert Event.resolve_by_type("no_such_event", ActionExecuted) is ActionExecuted
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")
