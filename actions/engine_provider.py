"""The one engine the action server uses, and the assessment of what a tracker's person has told so far."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from rasa_sdk import Tracker

from bot.core.assessment import Assessment
from bot.core.engine import Engine
from bot.core.knowledge_loader import load_knowledge
from bot.core.settings import Settings, load_settings
from bot.core.slots import known_findings


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Read once per process, like the knowledge; `make check` has already validated them."""
    return load_settings()


@lru_cache(maxsize=1)
def get_engine() -> Engine:
    """Loads once per process; `make check` has already validated the files before the server starts."""
    return Engine(load_knowledge(), get_settings().emergency_number)


def assess(tracker: Tracker) -> Assessment:
    """The engine's answer for every finding in the tracker's slots."""
    engine = get_engine()
    return engine.assess(known_findings(engine.knowledge, tracker.current_slot_values()), date.today())
