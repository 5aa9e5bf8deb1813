"""A response selector without TensorFlow, in place of Rasa's `ResponseSelector`.

Rasa's is a DIET network, run on every message though its answer is used only when the intent is its retrieval
intent. This one picks among one retrieval intent's answers ("ask_treatment/compression_stockings", ...) with the
logistic model (bot/rasa_plugins/nlu/logistic_model.py), only for messages read as that intent, and writes the
same `response_selector` output, so Rasa's retrieval actions (`utter_ask_treatment`) and ours read it unchanged.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RETRIEVAL_INTENTS,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
)
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RESPONSE_KEY, PREDICTED_CONFIDENCE_KEY
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.shared.utils.io import dump_obj_as_json_to_file, read_json_file

from bot.rasa_plugins.nlu.logistic_model import DEFAULTS, LogisticModel, SparseFeatureComponent
from bot.rasa_plugins.nlu.stored_model import StoredModelComponent

RETRIEVAL_INTENT = "retrieval_intent"
RANKING_LENGTH = "ranking_length"
RETRIEVAL_INTENTS_FILE = "retrieval_intents.json"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class RetrievalResponseSelector(SparseFeatureComponent, StoredModelComponent):
    """Selects one retrieval intent's answer for the messages read as that intent; others pass unchanged."""

    model_type = LogisticModel

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**DEFAULTS, RETRIEVAL_INTENT: None, RANKING_LENGTH: 10}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: LogisticModel,
        retrieval_intents: list[str] | None = None,
    ) -> None:
        if not config.get(RETRIEVAL_INTENT):
            raise ValueError(f"{type(self).__name__} needs `{RETRIEVAL_INTENT}` in config.yml: the intent it answers")
        super().__init__(config, model_storage, resource, model)
        self.retrieval_intents = list(retrieval_intents or [])
        self.retrieval_intent: str = config[RETRIEVAL_INTENT]

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> RetrievalResponseSelector:
        """The model, then the retrieval intents saved beside it."""
        component = super().load(config, model_storage, resource, execution_context, **kwargs)
        with model_storage.read_from(resource) as folder:
            component.retrieval_intents = read_json_file(folder / RETRIEVAL_INTENTS_FILE)
        return component

    def train(self, training_data: TrainingData) -> Resource:
        """Learns the retrieval intent's examples, each labelled with its answer ("ask_treatment/quinine")."""
        examples = [
            example
            for example in training_data.intent_examples
            if example.get(INTENT) == self.retrieval_intent and example.get(INTENT_RESPONSE_KEY)
        ]
        if not examples:
            raise ValueError(f"no training examples of the retrieval intent `{self.retrieval_intent}`")
        self.model.fit(examples, [example.get(INTENT_RESPONSE_KEY) for example in examples])
        self.retrieval_intents = sorted(training_data.retrieval_intents)
        resource = self.store()
        with self._storage.write_to(resource) as folder:
            dump_obj_as_json_to_file(folder / RETRIEVAL_INTENTS_FILE, self.retrieval_intents)
        return resource

    def process(self, messages: list[Message]) -> list[Message]:
        asked = [m for m in messages if (m.get(INTENT) or {}).get(INTENT_NAME_KEY) == self.retrieval_intent]
        for message, ranking in zip(asked, self.model.rank(asked) if asked else [], strict=True):
            ranked = [{INTENT_RESPONSE_KEY: key, PREDICTED_CONFIDENCE_KEY: p} for key, p in ranking]
            best = ranked[0]
            properties = message.get(RESPONSE_SELECTOR_PROPERTY_NAME, {})
            properties[RESPONSE_SELECTOR_RETRIEVAL_INTENTS] = self.retrieval_intents
            properties[self.retrieval_intent] = {
                RESPONSE_SELECTOR_PREDICTION_KEY: {
                    **best,
                    RESPONSE_SELECTOR_UTTER_ACTION_KEY: f"utter_{best[INTENT_RESPONSE_KEY]}",
                },
                RESPONSE_SELECTOR_RANKING_KEY: ranked[: self.config[RANKING_LENGTH]],
            }
            message.set(RESPONSE_SELECTOR_PROPERTY_NAME, properties, add_to_output=True)
        return messages
