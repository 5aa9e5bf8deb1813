"""A story or a message with findings is never taken for small talk; questions and answers keep their intent."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_plugins.nlu.intent_from_findings import IntentFromFindings

FOUND = {"entity": "night_cramps", "value": "yes", "extractor": "FindingExtractor"}
STORY = " ".join(["word"] * 30)


@pytest.mark.parametrize(
    ("text", "intent", "entities", "expected"),
    [
        ("actually I do take diuretics, bendroflumethiazide", "nlu_fallback", [FOUND], "describe_symptoms"),
        ("bye, cramps at night again", "goodbye", [FOUND], "describe_symptoms"),
        (STORY, "ask_summary", [], "describe_symptoms"),
        ("summary please", "ask_summary", [], "ask_summary"),
        ("asdf qwer", "nlu_fallback", [], "nlu_fallback"),
        ("yes most nights", "affirm", [FOUND], "affirm"),
        ("what helps cramps at night", "ask_what_to_do", [FOUND], "ask_what_to_do"),
    ],
)
def test_intent_from_findings(text: str, intent: str, entities: list[dict[str, str]], expected: str) -> None:
    component = IntentFromFindings(
        "describe_symptoms", frozenset({"nlu_fallback", "goodbye", "ask_summary"}), story_words=25
    )
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.5}, "entities": entities})
    component.process([message])
    assert message.get("intent")["name"] == expected


@pytest.mark.parametrize(("asks", "expected"), [(False, "describe_symptoms"), (True, "ask_meaning")])
def test_a_question_that_asks_nothing_but_tells_findings_is_a_description(asks: bool, expected: str) -> None:
    component = IntentFromFindings("describe_symptoms", frozenset({"nlu_fallback"}), story_words=25)
    message = Message(
        data={
            "text": "actually I do take diuretics, bendroflumethiazide",
            "intent": {"name": "ask_meaning", "confidence": 0.8},
            "entities": [FOUND],
            "asks_something": asks,
        }
    )
    component.process([message])
    assert message.get("intent")["name"] == expected
