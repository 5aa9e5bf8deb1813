"""Rasa NLU component: runs the finding matcher on each message and adds its findings as entities.

A thin graph-component adapter around `FindingMatcher` (which knows nothing of Rasa). It reuses the spaCy doc
that `SpacyNLP` already made, and SpacyNLP's loaded pipeline for its lemma tables (loading it a second time cost
21 MB of the Rasa server's memory). It trains nothing: its knowledge is the lexicon, validated when the component
is created.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.core.knowledge_loader import load_knowledge
from bot.core.slots import entities_for, person_entities
from bot.language.experiencer import ExperiencerFinder
from bot.language.finding_matcher import FindingMatcher
from bot.language.lexicon import load_lexicon

ASKS_SOMETHING = "asks_something"
"""Set on a message read as a question that states findings: whether any clause of it asks (`IntentFromFindings`
reads it: a "question" that asks nothing is a description)."""


def is_story(text: str, story_words: int) -> bool:
    """A message of `story_words` words or more: nobody says goodbye or asks for a summary in sixty words."""
    return len(text.split()) >= story_words


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False, model_from="SpacyNLP")
class FindingExtractor(GraphComponent, EntityExtractorMixin):  # type: ignore[misc]
    """Adds `finding` entities (role present / absent / unknown), the assessment slots' entities, and whom the
    message is about when that is someone else (`subject`, `person`, `person_pronoun`).

    For intents named in `only_red_flags_for_intents` (a message about something else: "my cat is sick") it keeps
    red flags only. For those in `only_red_flags_asked_for_intents` (questions) it keeps only red flags among the
    findings the message asks about: "what causes varicose veins?" fills no slot (a question is no report; the
    form asks instead), but what the same message tells outright ("my calf cramped for 20 minutes, stretching did
    nothing") is kept. An emergency is never dropped. A message of `story_words` words or more read as about
    something else is still a story about the person's legs (`IntentFromFindings` makes it a description), so it
    keeps all its findings.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "only_red_flags_for_intents": [],
            "only_red_flags_asked_for_intents": [],
            "story_words": 25,
        }

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> FindingExtractor:
        return cls(config)

    def __init__(self, config: dict[str, Any]) -> None:
        self.knowledge = load_knowledge()
        self.lexicon = load_lexicon(self.knowledge)
        self._matcher: FindingMatcher | None = None
        self.experiencer = ExperiencerFinder(self.lexicon.people)
        self.only_red_flags_for = set(config["only_red_flags_for_intents"])
        self.only_red_flags_asked_for = set(config["only_red_flags_asked_for_intents"])
        self.story_words = int(config["story_words"])

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def matcher(self, model: SpacyModel) -> FindingMatcher:
        """The matcher on SpacyNLP's pipeline, built on the first message (the pipeline comes with each call)."""
        if self._matcher is None or self._matcher.nlp is not model.model:
            self._matcher = FindingMatcher(model.model, self.lexicon)
        return self._matcher

    def process(self, messages: list[Message], model: SpacyModel) -> list[Message]:
        matcher = self.matcher(model)
        for message in messages:
            text = message.get(TEXT) or ""
            doc = message.get(SPACY_DOCS[TEXT]) or matcher.nlp(text.lower())
            found = matcher.find(doc)
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if found and intent in self.only_red_flags_for and not is_story(text, self.story_words):
                found = [f for f in found if self.knowledge.findings[f.finding].kind == "red_flag"]
            elif found and intent in self.only_red_flags_asked_for:
                asked = matcher.asked(doc)
                message.set(ASKS_SOMETHING, bool(asked))
                found = [
                    f
                    for f in found
                    if self.knowledge.findings[f.finding].kind == "red_flag"
                    or not any(start <= f.start < end for start, end in asked)
                ]
            person = self.experiencer.find(text)
            if not found and person is None:
                continue
            entities = entities_for(self.knowledge, found)
            if person is not None:
                entities += person_entities(person.relation, person.pronoun, person.start, person.end)
            entities = self.add_extractor_name(entities)
            message.set(ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True)
        return messages
