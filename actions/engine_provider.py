"""The one engine the action server uses, built on first use from the knowledge files and settings."""

from __future__ import annotations

from functools import lru_cache

from bot.engine import Engine
from bot.knowledge_loader import load_knowledge
from bot.settings import load_settings


@lru_cache(maxsize=1)
def get_engine() -> Engine:
    """Loads once per process; `make check` has already validated the files before the server starts."""
    return Engine(load_knowledge(), load_settings().emergency_number)
