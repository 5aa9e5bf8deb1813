"""Shared fixtures: the knowledge base is loaded once per session and the engine reuses it."""

from __future__ import annotations

from datetime import date

import pytest

from bot.engine import Engine
from bot.knowledge_loader import load_knowledge
from bot.knowledge_types import KnowledgeBase

TEST_EMERGENCY_NUMBER = "999"
TODAY = date(2026, 11, 25)


@pytest.fixture(scope="session")
def knowledge() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="session")
def engine(knowledge: KnowledgeBase) -> Engine:
    return Engine(knowledge, TEST_EMERGENCY_NUMBER)
