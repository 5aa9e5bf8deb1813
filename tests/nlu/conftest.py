"""The finding matcher's readings as the NLU component sees them (no Rasa needed)."""

from __future__ import annotations

import pytest

from bot.language.finding_matcher import FindingMatcher


@pytest.fixture(scope="session")
def read(matcher: FindingMatcher):  # type: ignore[no-untyped-def]
    """Text in, {finding id: status} out, as the NLU component sees it (lower-cased by SpacyNLP)."""

    def read(text: str) -> dict[str, str]:
        return {f.finding: f.status.value for f in matcher.find(matcher.nlp(text.lower()))}

    return read
