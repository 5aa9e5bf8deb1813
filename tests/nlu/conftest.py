"""The finding matcher's readings as the NLU component sees them (no Rasa needed)."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from bot.core.knowledge_types import KnowledgeBase
from bot.language.finding_matcher import FindingMatcher
from tests.conftest import TODAY


@pytest.fixture(scope="session")
def read(matcher: FindingMatcher):  # type: ignore[no-untyped-def]
    """Text in, {finding id: status} out, as the NLU component sees it (lower-cased by SpacyNLP)."""

    def read(text: str) -> dict[str, str]:
        return {f.finding: f.status.value for f in matcher.find(matcher.nlp(text.lower()))}

    return read


@pytest.fixture(scope="session")
def level_of(read, engine: Engine):  # type: ignore[no-untyped-def]
    """Text in, the triage level the engine reaches on what the matcher reads in it out."""

    def level_of(text: str) -> str:
        return engine.assess(read(text), TODAY).level

    return level_of


@pytest.fixture(scope="session")
def rank(knowledge: KnowledgeBase):  # type: ignore[no-untyped-def]
    """A level's place from most urgent (0) down: `rank(reached) <= rank(wanted)` is urgent enough."""
    return list(knowledge.levels).index
