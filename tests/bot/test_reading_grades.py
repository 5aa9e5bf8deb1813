"""Every text a person can see reads at school grade 8 or below, half of them at grade 6 or below, measured with
the one formula of devtools/readability.py; and that formula counts what people read."""

from __future__ import annotations

import statistics

import pytest
import yaml

from bot.core.knowledge_types import KnowledgeBase
from devtools.readability import grade, sentences, syllables
from devtools.reading_grades import DOMAIN, MAX_GRADE, MAX_MEDIAN, over, visible_texts


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("cramp", 1),
        ("make", 1),
        ("people", 2),
        ("makes", 1),
        ("closed", 1),
        ("confused", 2),
        ("twisted", 2),
        ("bulges", 2),
        ("muscles", 2),
        ("diuretics", 4),
        ("potassium", 4),
        ("radio", 3),
        ("usual", 3),
        ("being", 2),
        ("infection", 3),
        ("specialist", 3),
    ],
)
def test_syllables_are_counted_as_people_say_them(word: str, count: int) -> None:
    assert syllables(word) == count


def test_each_line_of_a_list_is_a_sentence() -> None:
    assert sentences("What you can do:\n- Rest the leg\n- Drink water.") == 3
    assert sentences("One sentence. Then another one") == 2
    assert sentences("") == 1


def test_a_list_reads_easier_as_lines_than_run_together() -> None:
    items = ["cramps at night or in bed", "bulging or twisted veins you can see", "taking water tablets (diuretics)"]
    one_line = "You said yes to: " + ", ".join(items) + "."
    as_lines = "You said yes to:\n" + "\n".join(f"- {item}" for item in items)
    assert grade(as_lines) < grade(one_line)


def test_every_response_and_knowledge_text_reads_at_grade_8_or_below(knowledge: KnowledgeBase) -> None:
    domain = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))
    texts = visible_texts(knowledge, domain)
    assert {where.split(" [")[0] for where, _ in texts} >= set(domain["responses"]), "every response is read"
    assert over(texts) == [], f"reads above grade {MAX_GRADE:.0f}"
    assert statistics.median(grade(text) for _, text in texts) <= MAX_MEDIAN
