"""The real-message corpus keeps its split and its annotation vocabulary, however it grows."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
import yaml

from bot.core.knowledge_types import KnowledgeBase
from devtools.real_messages import CALM, RealMessage, load_real_messages
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "real_messages"
HALVES = {half: load_real_messages(CORPUS / f"{half}.yml") for half in ("dev", "test")}


def site(message: RealMessage) -> str:
    host = (urlparse(message.url).hostname or "").lower()
    return host.removeprefix("www.")


def test_the_halves_share_no_site() -> None:
    """Split by site, so the development half cannot teach the matcher one site's way of writing."""
    dev, test = ({site(m) for m in HALVES[half]} for half in ("dev", "test"))
    assert "" not in dev | test, "every message keeps the address of its page"
    assert not dev & test


def test_ids_are_unique_across_the_corpus() -> None:
    ids = [m.id for messages in HALVES.values() for m in messages]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("half", HALVES)
def test_annotations_use_the_knowledge_vocabulary(knowledge: KnowledgeBase, half: str) -> None:
    kinds = {CALM, *yaml.safe_load((CORPUS / "kinds.yml").read_text(encoding="utf-8"))}
    for message in HALVES[half]:
        assert message.red_flag in kinds, message.id
        assert message.triage_at_least in knowledge.levels, message.id
        assert set(message.findings) <= set(knowledge.findings), message.id
        assert set(message.findings.values()) <= {"present", "absent", "unknown"}, message.id


def test_the_test_half_is_large_enough_to_measure() -> None:
    test = HALVES["test"]
    red = [m for messages in HALVES.values() for m in messages if m.red_flag != CALM]
    assert len(test) >= 100
    assert len(red) >= 80
