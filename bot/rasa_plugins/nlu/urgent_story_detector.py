"""Rasa NLU component: a story that reads like those that needed urgent care adds the finding `finding`.

Trained at `rasa train` on the stories of the corpus named in `corpus` (bot/language/urgent_story_model.py), run
only on stories (`story_words` words or more: the corpus holds stories, and its model over-reads short typed
lines such as "should I see a doctor"). The finding it adds raises the level through its own triage rule, beside
whatever the finding matcher read; it never takes a finding away.

`threshold` was chosen on the development half alone, out of fold by site: at 0.8 it escalated 10 more of 201
red-flag stories on the message and sent 5 more of 250 calm ones to emergency care; then, measured once on the
test half, 3 more of 54 red flags and no calm message more (0.6: 13 and 10 on the development half).
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.core.assessment import Status
from bot.core.knowledge_loader import load_knowledge
from bot.core.slots import entities_for
from bot.language import urgent_story_model
from bot.language.finding_matcher import FoundFinding
from bot.language.urgent_story_model import UrgentStoryModel, read_corpus
from bot.rasa_plugins.nlu.finding_extractor import is_story
from bot.rasa_plugins.nlu.stored_model import StoredModelComponent, files_fingerprint

CORPUS, THRESHOLD, FINDING, STORY_WORDS = "corpus", "threshold", "finding", "story_words"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class UrgentStoryDetector(StoredModelComponent, EntityExtractorMixin):  # type: ignore[misc]
    """Adds the `finding` entity (present) to a story the model reads as urgent at `threshold` or above."""

    model_type = UrgentStoryModel

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            CORPUS: "tests/real_messages/dev.yml",
            THRESHOLD: 0.8,
            FINDING: "story_like_urgent_ones",
            STORY_WORDS: 25,
            "C": 10.0,
            "max_iter": 2000,
        }

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """The stories learnt from and the code that learns: a change to either retrains the model."""
        files = [Path(inspect.getfile(cls)), Path(urgent_story_model.__file__)]
        if CORPUS in config:  # a node restored from Rasa's cache is fingerprinted with its cached output as config
            files.append(Path(config[CORPUS]))
        return files_fingerprint(files)

    def __init__(
        self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, model: UrgentStoryModel
    ) -> None:
        """A finding the knowledge files do not define would escalate nothing: fail at start, not in use."""
        self.knowledge = load_knowledge()
        if config[FINDING] not in self.knowledge.findings:
            raise ValueError(f"{type(self).__name__}: finding '{config[FINDING]}' is not in findings.yml")
        super().__init__(config, model_storage, resource, model)

    def train(self, training_data: TrainingData) -> Resource:
        self.model.fit(*read_corpus(Path(self.config[CORPUS])))
        return self.store()

    def process(self, messages: list[Message]) -> list[Message]:
        texts = {id(message): str(message.get(TEXT) or "") for message in messages}
        stories = [message for message in messages if is_story(texts[id(message)], self.config[STORY_WORDS])]
        if not stories:
            return messages
        readings = self.model.probability([texts[id(message)] for message in stories])
        for message, probability in zip(stories, readings, strict=True):
            if probability >= float(self.config[THRESHOLD]):
                found = FoundFinding(self.config[FINDING], Status.PRESENT, 0, len(texts[id(message)]))
                entities = self.add_extractor_name(entities_for(self.knowledge, [found]))
                message.set(ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True)
        return messages
