"""A broken lexicon stops loading with one message naming the entry and the problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.core.knowledge_loader import KNOWLEDGE_DIR, KnowledgeError
from bot.core.knowledge_types import KnowledgeBase
from bot.language.lexicon import load_lexicon


@pytest.mark.parametrize(
    ("old", "new", "entry", "problem"),
    [
        ("all: [night], unless", "all: [nights], unless", "rule 1, all", "unknown concept id 'nights'"),
        ("findings: [night_cramps], all", "findings: [night_cramp], all", "rule 1, findings", "unknown finding id"),
        ("all: [vein], said: none}", "all: [vein], said: maybe}", "rule 8, said", "'maybe' is not one of"),
        ('negation_before: ["no", not,', "negation_before: [no, not,", "cues, negation_before", "quote words"),
        (
            "  age_over_60: {kind: age, at_least: 60}",
            "  age_over_60: {kind: age}",
            "number 'age_over_60'",
            "missing field 'at_least'",
        ),
    ],
)
def test_broken_lexicon(tmp_path: Path, knowledge: KnowledgeBase, old: str, new: str, entry: str, problem: str) -> None:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    path = target / "lexicon.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(KnowledgeError) as raised:
        load_lexicon(knowledge, target)
    assert raised.value.file == "lexicon.yml"
    assert raised.value.entry.startswith(entry)
    assert problem in raised.value.problem
