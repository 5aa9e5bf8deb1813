"""The urgent-story detector as a Rasa component: retrained when its stories change, restorable from the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.rasa


def test_the_stories_are_part_of_the_training_fingerprint(tmp_path: Path) -> None:
    from bot.rasa_plugins.nlu.urgent_story_detector import UrgentStoryDetector

    stories = tmp_path / "stories.yml"
    stories.write_text("messages: []\n", encoding="utf-8")
    before = UrgentStoryDetector.fingerprint_addon({"corpus": str(stories)})
    stories.write_text("messages: [{text: my calf is swollen, red_flag: clot}]\n", encoding="utf-8")
    assert UrgentStoryDetector.fingerprint_addon({"corpus": str(stories)}) != before


def test_a_node_restored_from_the_cache_can_be_fingerprinted() -> None:
    """Rasa fingerprints a cached node with its cached output as config (seen on a fresh clone's training)."""
    from bot.rasa_plugins.nlu.urgent_story_detector import UrgentStoryDetector

    assert UrgentStoryDetector.fingerprint_addon({"output": object()})
