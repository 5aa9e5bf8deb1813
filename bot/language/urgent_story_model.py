"""A statistical reader beside the finding matcher: how likely a story someone wrote is one that needed urgent care.

The matcher reads what a story states, phrase by phrase; a story spread over many sentences can show a red flag
in no phrase the lexicon knows (a calf sore since a flight, told in one sentence, and breathlessness on the stairs
three sentences later). This model learns from whole stories that people wrote on public pages, each annotated with
whether it shows a red flag (tests/real_messages/dev.yml), their words and character n-grams weighted by TF-IDF,
in a logistic regression. It names no condition (which kind of red flag it guesses is right for 7 stories in 10),
so it only ever adds the one reading "this story is like those that needed urgent care".
No Rasa here: the Rasa component (bot/rasa_plugins/nlu/urgent_story_detector.py) trains, stores and runs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED

import numpy
import skops.io
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

MODEL_FILE = "urgent_story_model.skops"
TERMS_SUFFIX = "_terms.npy"
TRUSTED_TYPES = ["scipy.sparse._csr.csr_matrix"]
"""Beyond what skops trusts by default, the one type the pipeline holds: TF-IDF keeps its weights as a sparse matrix."""
CALM = "none"
"""The corpus's `red_flag` value of a story that shows none."""


class CorpusError(ValueError):
    """The corpus file is missing or not in the format of tests/real_messages/dev.yml."""


def read_corpus(path: Path) -> tuple[list[str], list[bool]]:
    """Each story's text and whether it shows a red flag, from a corpus file (`messages:` with `text`, `red_flag`)."""
    try:
        messages = yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]
        texts = [str(message["text"]) for message in messages]
        urgent = [str(message["red_flag"]) != CALM for message in messages]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as error:
        reason = " ".join(str(error).split())  # YAML's messages run over several lines
        raise CorpusError(f"{path}: cannot read the stories to learn from ({reason})") from error
    if len(set(urgent)) < 2:
        raise CorpusError(f"{path}: needs stories with a red flag and stories without one")
    return texts, urgent


class UrgentStoryModel:
    """Word and character n-grams (TF-IDF, sublinear counts) into a class-balanced logistic regression."""

    def __init__(self, config: dict[str, Any], pipeline: Pipeline | None = None) -> None:
        self.pipeline = pipeline or Pipeline(
            [
                (
                    "ngrams",
                    FeatureUnion(
                        [
                            ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)),
                            (
                                "characters",
                                TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True),
                            ),
                        ]
                    ),
                ),
                (
                    "regression",
                    LogisticRegression(
                        C=float(config["C"]), class_weight="balanced", max_iter=int(config["max_iter"]), random_state=0
                    ),
                ),
            ]
        )

    def fit(self, texts: Sequence[str], urgent: Sequence[bool]) -> None:
        """Fits the pipeline, then drops the n-grams each vectorizer left out (kept only for inspection, they were
        most of the saved model's size)."""
        self.pipeline.fit([text.lower() for text in texts], list(urgent))
        for _, vectorizer in self._vectorizers():
            vectorizer.stop_words_ = None

    def probability(self, texts: Sequence[str]) -> list[float]:
        """For each text, the probability that it is a story that needed urgent care."""
        column = list(self.pipeline.classes_).index(True)
        return [float(row[column]) for row in self.pipeline.predict_proba([text.lower() for text in texts])]

    def _vectorizers(self) -> list[tuple[str, TfidfVectorizer]]:
        return list(self.pipeline.named_steps["ngrams"].transformer_list)

    def save(self, folder: Path) -> None:
        """The pipeline in skops, each vocabulary beside it as a plain array of its n-grams in column order: skops
        writes a dictionary entry by entry, which took 19 MB of JSON and 70 MB of memory to load."""
        vocabularies = {name: vectorizer.vocabulary_ for name, vectorizer in self._vectorizers()}
        for name, vectorizer in self._vectorizers():
            terms = vectorizer.get_feature_names_out().astype(str)  # an object array cannot be saved without pickle
            numpy.save(folder / f"{name}{TERMS_SUFFIX}", terms, allow_pickle=False)
            vectorizer.vocabulary_ = {}
        try:
            skops.io.dump(self.pipeline, folder / MODEL_FILE, compression=ZIP_DEFLATED)
        finally:
            for name, vectorizer in self._vectorizers():
                vectorizer.vocabulary_ = vocabularies[name]

    @classmethod
    def load(cls, folder: Path, config: dict[str, Any]) -> UrgentStoryModel:
        """Loads a saved model, trusting scikit-learn's and NumPy's own types only, never arbitrary code."""
        path = folder / MODEL_FILE
        untrusted = [name for name in skops.io.get_untrusted_types(file=path) if name not in TRUSTED_TYPES]
        if untrusted:
            raise ValueError(f"{path} holds types that are not trusted: {untrusted}")
        model = cls(config, skops.io.load(path, trusted=TRUSTED_TYPES))
        for name, vectorizer in model._vectorizers():
            terms = numpy.load(folder / f"{name}{TERMS_SUFFIX}", allow_pickle=False)
            vectorizer.vocabulary_ = {str(term): column for column, term in enumerate(terms)}
        return model
