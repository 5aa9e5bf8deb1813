"""What the slots say a person told: a slot with levels states its own and denies only those above it."""

from __future__ import annotations

from bot.core.assessment import Status
from bot.core.knowledge_types import KnowledgeBase
from bot.core.slots import entities_for, findings_from_entities, known_findings


def test_an_exercise_level_denies_the_harder_levels_only(knowledge: KnowledgeBase) -> None:
    def told(level: str) -> dict[str, Status]:
        return {f: s for f, s in known_findings(knowledge, {"exercise": level}).items() if f.startswith("exercise")}

    assert told("strenuous") == {"exercise_strenuous": Status.PRESENT}, "training hard says nothing of a desk job"
    assert told("regular") == {"exercise_strenuous": Status.ABSENT, "exercise_regular": Status.PRESENT}
    assert told("sedentary") == {
        "exercise_strenuous": Status.ABSENT,
        "exercise_regular": Status.ABSENT,
        "exercise_sedentary": Status.PRESENT,
    }


def test_a_level_kept_beside_the_slot_is_overruled_by_a_later_answer(knowledge: KnowledgeBase) -> None:
    stored = {"findings": {"exercise_regular": "present"}}
    assert known_findings(knowledge, {**stored, "exercise": "strenuous"})["exercise_regular"] is Status.PRESENT
    assert known_findings(knowledge, {**stored, "exercise": "sedentary"})["exercise_regular"] is Status.ABSENT


def test_two_levels_found_fill_the_slot_with_the_harder_and_keep_the_other(knowledge: KnowledgeBase) -> None:
    class Found:
        def __init__(self, finding: str) -> None:
            self.finding, self.status, self.start, self.end = finding, Status.PRESENT, 0, 5

    entities = entities_for(knowledge, [Found("exercise_regular"), Found("exercise_strenuous")])
    assert {"entity": "exercise", "value": "strenuous", "start": 0, "end": 5} in entities
    assert findings_from_entities(knowledge, entities) == {
        "exercise_strenuous": Status.PRESENT,
        "exercise_regular": Status.PRESENT,
    }
