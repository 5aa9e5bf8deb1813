"""The finding matcher built once per session on the locally built spaCy pipeline (no Rasa needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.knowledge_types import KnowledgeBase
from bot.language.finding_matcher import FindingMatcher
from bot.language.lexicon import load_lexicon
from bot.language.spacy_pipeline import PIPELINE_DIR, ensure_built


@pytest.fixture(scope="session")
def matcher(knowledge: KnowledgeBase) -> FindingMatcher:
    import spacy

    ensure_built()
    return FindingMatcher(spacy.load(Path(PIPELINE_DIR)), load_lexicon(knowledge))


@pytest.fixture(scope="session")
def read(matcher: FindingMatcher):  # type: ignore[no-untyped-def]
    """Text in, {finding id: status} out, as the NLU component sees it (lower-cased by SpacyNLP)."""

    def read(text: str) -> dict[str, str]:
        return {f.finding: f.status.value for f in matcher.find(matcher.nlp(text.lower()))}

    return read
