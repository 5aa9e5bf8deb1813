"""Screens every message before Rasa reads it: our channels' base (`bot/rasa_plugins/channels/screened.py`) and, for
`rasa shell`, `bot/rasa_patches.py` put each message through `configured_guard()`.

An empty message, one longer than `max_message_chars`, or one in another language never reaches the NLU
pipeline or the tracker store: it becomes an intent of its own (`/message_empty`, `/message_too_long`,
`/message_other_language`), which a rule answers with a clear request and the emergency number. Rasa reads a
`/intent` text without running the pipeline.

Another language is recognised by its common words: at least two stop words of one of the languages below that
are not English words we know, and more of them than English ones; or mostly letters outside the Latin
alphabets. On the held-out and training messages (1,100+, typos and slang included) this flags no English
message and every test sentence in the languages listed.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.core.knowledge_loader import load_knowledge
from bot.core.settings import load_settings
from bot.language.lexicon import Lexicon, load_lexicon

EMPTY = "/message_empty"
TOO_LONG = "/message_too_long"
OTHER_LANGUAGE = "/message_other_language"
OTHER_LANGUAGES = ("es", "de", "fr", "it", "pt", "nl", "pl", "tr", "da", "sv", "nb")
WORD = re.compile(r"[^\W\d_]{2,}")
MIN_WORDS = 3
MIN_FOREIGN_WORDS = 2


def _stop_words(code: str) -> frozenset[str]:
    """spaCy's stop words for language `code`, from its `stop_words.py` alone (it imports nothing): importing it as
    `spacy.lang.<code>.stop_words` first imports spaCy and that language's tokenizer exceptions, 8 s for the
    twelve languages, none of which the check uses."""
    spacy = importlib.util.find_spec("spacy")  # finds the package without importing it
    if spacy is None or not spacy.submodule_search_locations:
        raise ModuleNotFoundError("spaCy is not installed")
    path = Path(next(iter(spacy.submodule_search_locations))) / "lang" / code / "stop_words.py"
    spec = importlib.util.spec_from_file_location(f"_stop_words_{code}", path)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"no spaCy stop words for {code!r} at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


def _latin(letter: str) -> bool:
    return letter.isascii() or "\u00c0" <= letter <= "\u024f"


@dataclass(frozen=True)
class LanguageCheck:
    english: frozenset[str]
    others: dict[str, frozenset[str]]

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon) -> LanguageCheck:
        """English: spaCy's stop words and every word of the lexicon's concepts and cues; others: spaCy's stop
        words for each language."""
        english = set(_stop_words("en"))
        phrases = [phrase for group in (*lexicon.concepts.values(), *lexicon.cues.values()) for phrase in group]
        english.update(word for phrase in phrases for word in WORD.findall(phrase.lower()))
        others = {code: _stop_words(code) - english for code in OTHER_LANGUAGES}
        return cls(frozenset(english), others)

    def is_other_language(self, text: str) -> bool:
        letters = [character for character in text if character.isalpha()]
        if letters and sum(map(_latin, letters)) < len(letters) / 2:
            return True
        words = WORD.findall(text.lower())
        if len(words) < MIN_WORDS:
            return False
        english = sum(word in self.english for word in words)
        foreign = max(sum(word in stop_words for word in words) for stop_words in self.others.values())
        return foreign >= MIN_FOREIGN_WORDS and foreign > english


def screen(text: str | None, max_chars: int, language: LanguageCheck | None = None) -> str | None:
    """The intent to handle instead of `text`, or None when the text can go to the pipeline as it is."""
    if text is None or not text.strip():
        return EMPTY
    if len(text) > max_chars:
        return TOO_LONG
    if language is not None and not text.startswith("/") and language.is_other_language(text):
        return OTHER_LANGUAGE
    return None


@dataclass(frozen=True)
class MessageGuard:
    """The screen with this deployment's length bound (bot/core/settings.yml or MAX_MESSAGE_CHARS) and language
    check."""

    max_chars: int
    language: LanguageCheck

    def text_to_read(self, text: str | None) -> str:
        """What Rasa should read for `text`: the text itself, or the intent that answers it."""
        return screen(text, self.max_chars, self.language) or str(text)


@cache
def configured_guard() -> MessageGuard:
    """Built once per process; raises `KnowledgeError` or `SettingsError` naming a bad file or setting."""
    return MessageGuard(load_settings().max_message_chars, LanguageCheck.from_lexicon(load_lexicon(load_knowledge())))
