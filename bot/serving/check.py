"""Validates the knowledge files and settings before anything starts, with one clear line on failure.

`make` runs this before training or serving, so a broken file is reported as "knowledge file X, entry: problem"
instead of a traceback from inside the action server in the middle of someone's conversation.
"""

from __future__ import annotations

import sys

from bot.core.knowledge_loader import KnowledgeError, load_knowledge
from bot.core.settings import SettingsError, load_settings
from bot.language.lexicon import load_lexicon


def main() -> int:
    try:
        knowledge = load_knowledge()
        lexicon = load_lexicon(knowledge)
        settings = load_settings()
    except (KnowledgeError, SettingsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(
        f"check: {len(knowledge.findings)} findings, {len(knowledge.causes)} causes, {len(knowledge.rules)} triage "
        f"rules, {len(knowledge.steps)} relief steps, {len(lexicon.rules)} lexicon rules; emergency number "
        f"{settings.emergency_number}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
