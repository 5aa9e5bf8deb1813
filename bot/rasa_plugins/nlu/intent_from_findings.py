"""Rasa NLU component: a message that states findings, or tells a story, describes symptoms, whatever small-talk
intent it was given.

The intent classifier learns from short typed messages. A story a person tells over several sentences often sits
between intents (the FallbackClassifier then marks it `nlu_fallback`) or lands on a small-talk intent such as
goodbye; a correction such as "actually I do take diuretics, bendroflumethiazide" may fall back too. The person
would then be told "didn't get that", or get no assessment, about a message the finding matcher read well. A
message of `story_words` words or more is a story even where the matcher found nothing: nobody says goodbye or
asks for a summary in sixty words. And a message read as a question that asks nothing ("actually I do take
diuretics, bendroflumethiazide": the drug names are question words to a classifier that met them in "what is
bendroflumethiazide?") but states findings is a description too.
Runs after the FallbackClassifier; intents that ask or answer something (questions, yes / no, start over,
forget me) are never overridden.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_plugins.nlu.finding_extractor import ASKS_SOMETHING, FindingExtractor, is_story


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class IntentFromFindings(GraphComponent):  # type: ignore[misc]
    """Replaces an intent named in `overrides` by `intent` when our finding matcher found something in the message,
    or the message is a story."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"intent": "describe_symptoms", "overrides": ["nlu_fallback"], "story_words": 25}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> IntentFromFindings:
        return cls(config["intent"], frozenset(config["overrides"]), int(config["story_words"]))

    def __init__(self, intent: str, overrides: frozenset[str], story_words: int) -> None:
        self.intent = intent
        self.overrides = overrides
        self.story_words = story_words

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        extractor = FindingExtractor.__name__
        for message in messages:
            intent = message.get(INTENT) or {}
            findings = any(entity.get("extractor") == extractor for entity in message.get(ENTITIES, []))
            asks_nothing = message.get(ASKS_SOMETHING) is False
            if intent.get(INTENT_NAME_KEY) not in self.overrides and not (findings and asks_nothing):
                continue
            story = is_story(str(message.get(TEXT) or ""), self.story_words)
            if story or findings:
                told = {INTENT_NAME_KEY: self.intent, PREDICTED_CONFIDENCE_KEY: intent.get(PREDICTED_CONFIDENCE_KEY)}
                message.set(INTENT, told, add_to_output=True)
        return messages
