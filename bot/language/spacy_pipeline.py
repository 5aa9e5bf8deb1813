"""Builds the spaCy pipeline that Rasa's `SpacyNLP` loads, from code and installed packages only.

No English model can be downloaded here, so we save blank English plus a lookup lemmatizer (its tables come
from the `spacy-lookups-data` package) to `build/spacy/en_legs`, with a table of the English words common enough
never to be taken for a misspelling (`KNOWN_WORDS`). The build is skipped when the saved pipeline
was made by the same code and package versions, so set-up stays quick and repeatable.
"""

from __future__ import annotations

import hashlib
import sys
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

PIPELINE_DIR = Path(__file__).resolve().parents[2] / "build" / "spacy" / "en_legs"
FINGERPRINT_FILE = PIPELINE_DIR.with_suffix(".fingerprint")
KNOWN_WORDS = "known_words"
"""The vocabulary lookups table of words the finding matcher never corrects, with their log probabilities."""
KNOWN_WORD_LOG_PROB = -15.0
"""A word at least this common in the web text behind spaCy's `lexeme_prob` counts is a word someone meant, not
a misspelling: about 49,000 words, among them "forever" (no "fever"), "overweight" (no "overnight") and
"soreness" (no "shortness"), while "swolen" and "diahrea" (about -18) are still corrected."""


def fingerprint() -> str:
    """Identifies what the pipeline is made of: this builder and the spaCy packages' versions."""
    parts = [
        Path(__file__).read_text(encoding="utf-8"),
        metadata.version("spacy"),
        metadata.version("spacy-lookups-data"),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def build() -> Language:
    """Blank English with a lookup lemmatizer, so "cramping" and "cramped" both match "cramp"."""
    import spacy  # imported here: spaCy pulls in TensorFlow, which the up-to-date check does not need

    nlp = spacy.blank("en")
    nlp.meta["name"] = "legs"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = "Blank English with lookup lemmas, built locally for the leg-cramp assistant"
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    from spacy.util import load_language_data, registry

    counts: dict[str, float] = load_language_data(registry.lookups.get("en")["lexeme_prob"])  # type: ignore[assignment]
    known = {word: prob for word, prob in counts.items() if prob >= KNOWN_WORD_LOG_PROB and word.isalpha()}
    nlp.vocab.lookups.add_table(KNOWN_WORDS, known)
    return nlp


def ensure_built(target: Path = PIPELINE_DIR) -> bool:
    """Builds the pipeline unless an identical one is already on disk; returns whether it built."""
    stamp = target.with_suffix(".fingerprint")
    wanted = fingerprint()
    if target.is_dir() and stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    build().to_disk(target)
    stamp.write_text(wanted, encoding="utf-8")
    return True


if __name__ == "__main__":
    built = ensure_built()
    print(f"setup: spaCy pipeline {'built' if built else 'up to date'} at {PIPELINE_DIR}", file=sys.stderr)
