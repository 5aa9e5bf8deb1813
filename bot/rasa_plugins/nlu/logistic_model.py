"""The model behind our classifiers without TensorFlow: a logistic regression over the featurizers' sparse
sentence features, each message scaled to unit length.

Unscaled n-gram counts let a story of 150 words outweigh any one-line training example, so it lands on whichever
intent's words it happens to repeat (Rasa's own `LogisticRegressionClassifier` read 81 of 486 real stories as
questions about medicines); scaled, a message is read by which words it has, not how many.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import skops.io
from rasa.nlu.featurizers.featurizer import Featurizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from scipy.sparse import csr_matrix, hstack, vstack
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

from bot.rasa_plugins.nlu.stored_model import files_fingerprint

REGULARISATION, ITERATIONS, FEATURIZERS = "C", "max_iter", "featurizers"
DEFAULTS: dict[str, Any] = {REGULARISATION: 300.0, ITERATIONS: 1000, FEATURIZERS: []}
"""`C` is inverse regularisation: on unit-length rows, scikit-learn's 1.0 spreads the probability so thinly that
plain messages fall below the fallback threshold (held-out intent accuracy 0.72 at 10, 0.95 at 100, 0.97 at 300)."""
MODEL_FILE = "model.skops"


class SparseFeatureComponent:
    """What our classifiers share as Rasa components (listed first among their bases): a sparse featurizer must
    run before them, and their code is part of Rasa's training fingerprint."""

    @staticmethod
    def required_components() -> list[type]:
        return [Featurizer]

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """A change to how features or the model are built retrains it (`files_fingerprint`)."""
        return files_fingerprint([Path(__file__), Path(inspect.getfile(cls))])


def sentence_features(messages: Sequence[Message], featurizers: Sequence[str] = ()) -> csr_matrix:
    """One row per message: the sentence-level sparse features of each featurizer named (all when none is),
    each scaled to unit length, so words and character n-grams weigh alike however many of each a message has."""
    blocks = []
    for group in [[name] for name in featurizers] or [[]]:
        rows = []
        for message in messages:
            _, sentence = message.get_sparse_features(TEXT, list(group))
            if sentence is None:
                raise ValueError("a message has no sparse features: put a sparse featurizer before this classifier")
            rows.append(csr_matrix(sentence.features))
        blocks.append(normalize(vstack(rows).tocsr()))
    return hstack(blocks).tocsr()


class LogisticModel:
    """A multinomial logistic regression that ranks labels for each message."""

    def __init__(self, config: dict[str, Any], classifier: LogisticRegression | None = None) -> None:
        self.featurizers: list[str] = list(config[FEATURIZERS])
        self.classifier = classifier or LogisticRegression(
            C=float(config[REGULARISATION]),
            max_iter=int(config[ITERATIONS]),
            class_weight="balanced",
            random_state=0,
        )

    def fit(self, messages: Sequence[Message], labels: Sequence[str]) -> None:
        self.classifier.fit(sentence_features(messages, self.featurizers), list(labels))

    def rank(self, messages: Sequence[Message]) -> list[list[tuple[str, float]]]:
        """For each message its labels, most likely first, with their probabilities."""
        probabilities = self.classifier.predict_proba(sentence_features(messages, self.featurizers))
        labels = [str(label) for label in self.classifier.classes_]
        return [
            sorted(zip(labels, map(float, row), strict=True), key=lambda pair: pair[1], reverse=True)
            for row in probabilities
        ]

    def save(self, folder: Path) -> None:
        skops.io.dump(self.classifier, folder / MODEL_FILE)

    @classmethod
    def load(cls, folder: Path, config: dict[str, Any]) -> LogisticModel:
        """Loads a saved model; only scikit-learn's and NumPy's own types are trusted, never arbitrary code."""
        path = folder / MODEL_FILE
        untrusted = skops.io.get_untrusted_types(file=path)
        if untrusted:
            raise ValueError(f"{path} holds types that are not trusted: {untrusted}")
        return cls(config, skops.io.load(path, trusted=[]))
