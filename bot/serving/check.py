"""Validates the knowledge files and settings before anything starts, with one clear line on failure.

`make` runs this before training or serving, so a broken file is reported as "knowledge file X, entry: problem"
instead of a traceback from inside the action server in the middle of someone's conversation.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.core.knowledge_loader import KnowledgeError, load_knowledge
from bot.core.settings import SettingsError, load_settings
from bot.language.lexicon import load_lexicon
from bot.language.urgent_story_model import CorpusError, read_corpus

CONFIG = Path("config.yml")


@dataclass(frozen=True)
class StoryReader:
    """An urgent-story detector config.yml names: the stories it learns from at training, and the finding it adds."""

    corpus: Path
    finding: str


def story_readers(config: Path = CONFIG) -> list[StoryReader]:
    """The urgent-story detectors of config.yml's pipeline (its steps with a `corpus`)."""
    pipeline = yaml.safe_load(config.read_text(encoding="utf-8")).get("pipeline") or []
    return [
        StoryReader(config.parent / str(step["corpus"]), str(step["finding"])) for step in pipeline if "corpus" in step
    ]


def main() -> int:
    try:
        knowledge = load_knowledge()
        lexicon = load_lexicon(knowledge)
        settings = load_settings()
        stories = sum(len(read_corpus(reader.corpus)[0]) for reader in story_readers())
    except (KnowledgeError, SettingsError, CorpusError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(
        f"check: {len(knowledge.findings)} findings, {len(knowledge.causes)} causes, {len(knowledge.rules)} triage "
        f"rules, {len(knowledge.steps)} relief steps, {len(lexicon.rules)} lexicon rules, {stories} stories to "
        f"learn from; emergency number {settings.emergency_number}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
