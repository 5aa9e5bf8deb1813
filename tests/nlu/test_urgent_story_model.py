"""The statistical story reader: learns from the development half only, and fails clearly on a broken corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.language.urgent_story_model import CorpusError, UrgentStoryModel, read_corpus
from bot.serving.check import story_readers
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "real_messages"
SETTINGS = {"C": 10.0, "max_iter": 2000}


def detector_corpus() -> Path:
    (reader,) = story_readers(ROOT / "config.yml")
    return reader.corpus


def test_the_detector_learns_from_the_development_half_never_the_test_half() -> None:
    assert detector_corpus().resolve() == (CORPUS / "dev.yml").resolve()


@pytest.fixture(scope="module")
def model() -> UrgentStoryModel:
    fitted = UrgentStoryModel(SETTINGS)
    fitted.fit(*read_corpus(detector_corpus()))
    return fitted


def test_a_saved_model_reads_as_the_trained_one(model: UrgentStoryModel, tmp_path: Path) -> None:
    texts, _ = read_corpus(CORPUS / "dev.yml")
    model.save(tmp_path)
    loaded = UrgentStoryModel.load(tmp_path, SETTINGS)
    assert loaded.probability(texts[:20]) == pytest.approx(model.probability(texts[:20]))


def test_the_saved_model_is_small(model: UrgentStoryModel, tmp_path: Path) -> None:
    """The vectorizers' left-out n-grams are dropped: kept, they made the model file 36 MB."""
    model.save(tmp_path)
    assert sum(path.stat().st_size for path in tmp_path.iterdir()) < 3_000_000


def test_a_missing_corpus_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="nowhere.yml"):
        read_corpus(tmp_path / "nowhere.yml")


def test_a_corpus_without_both_kinds_of_story_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "calm.yml"
    path.write_text(yaml.safe_dump({"messages": [{"text": "my calves cramp at night", "red_flag": "none"}]}))
    with pytest.raises(CorpusError, match="with a red flag and stories without"):
        read_corpus(path)


def test_a_message_without_its_fields_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.yml"
    path.write_text(yaml.safe_dump({"messages": [{"words": "my calves cramp"}]}))
    with pytest.raises(CorpusError, match="cannot read"):
        read_corpus(path)
