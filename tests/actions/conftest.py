"""Fixtures for action tests: the domain as the action server receives it, a tracker builder and a dispatcher."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from tests.conftest import ROOT

MakeTracker = Callable[..., Tracker]


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    return dict(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8")))


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def tracker() -> MakeTracker:
    """A real rasa-sdk Tracker with the given slots and latest message (through `channel`, when given)."""

    def make(
        slots: dict[str, Any] | None = None,
        intent: str = "describe_symptoms",
        entities: list[dict[str, Any]] | None = None,
        text: str = "",
        channel: str | None = None,
    ) -> Tracker:
        latest = {"intent": {"name": intent, "confidence": 1.0}, "entities": entities or [], "text": text}
        said = [{"event": "user", "text": text, "parse_data": latest, "input_channel": channel}] if channel else []
        return Tracker("tester", slots or {}, latest, said, False, None, {}, "action_listen")

    return make
