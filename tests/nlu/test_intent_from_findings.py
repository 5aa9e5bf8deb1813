"""A story or a message with findings is never taken for small talk, and keeps its findings whatever its intent;
questions and answers keep their intent."""

from __future__ import annotations

import pytest
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.training_data.message import Message

from bot.language.finding_matcher import FindingMatcher
from bot.language.spacy_pipeline import PIPELINE_DIR
from bot.rasa_plugins.nlu.finding_extractor import FindingExtractor
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


@pytest.fixture(scope="module")
def extractor() -> FindingExtractor:
    return FindingExtractor(
        {
            **FindingExtractor.get_default_config(),
            "only_red_flags_for_intents": ["out_of_scope"],
            "only_red_flags_asked_for_intents": ["ask_what_to_do"],
        }
    )


@pytest.fixture(scope="module")
def spacy_model(matcher: FindingMatcher) -> SpacyModel:
    """What SpacyNLP hands the extractor: the locally built pipeline."""
    return SpacyModel(model=matcher.nlp, model_name=str(PIPELINE_DIR))


def _read(extractor: FindingExtractor, spacy_model: SpacyModel, text: str, intent: str) -> dict[str, str]:
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.6}})
    extractor.process([message], spacy_model)
    return {e["value"]: e.get("role", "") for e in message.get("entities", []) if e["entity"] == "finding"}


def test_a_short_message_about_something_else_keeps_only_red_flags(
    extractor: FindingExtractor, spacy_model: SpacyModel
) -> None:
    assert _read(extractor, spacy_model, "my dog has sciatica and I can't breathe", "out_of_scope") == {
        "breathless": "present"
    }


def test_a_story_keeps_its_findings_whatever_its_intent(extractor: FindingExtractor, spacy_model: SpacyModel) -> None:
    story = (
        "It's a bizarre pain, is sciatica. The best way I can describe it is like toothache in your leg. It's such a "
        "strange feeling that I refused to acknowledge it and ended up limping to a variety of places."
    )
    assert _read(extractor, spacy_model, story, "out_of_scope").get("sciatica") == "present"


def test_a_story_with_a_question_keeps_what_it_tells(extractor: FindingExtractor, spacy_model: SpacyModel) -> None:
    story = "When I run marathons I always cramp up badly by about mile 20. How can I figure out what to do?"
    assert _read(extractor, spacy_model, story, "ask_what_to_do").get("cramp_with_exercise") == "present"
