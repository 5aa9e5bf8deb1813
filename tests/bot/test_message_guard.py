"""What never reaches the NLU pipeline: empty and over-long messages, and the setting that bounds length."""

from __future__ import annotations

import pytest

from bot.core.settings import SettingsError, load_settings
from bot.language.message_guard import EMPTY, OTHER_LANGUAGE, TOO_LONG, LanguageCheck, screen


@pytest.mark.parametrize(
    ("text", "becomes"),
    [
        (None, EMPTY),
        ("", EMPTY),
        (" \n\t ", EMPTY),
        ("x" * 5001, TOO_LONG),
        ("x" * 5000, None),
        ("my calves cramp at night", None),
        ("🦵😖", None),
    ],
)
def test_screen(text: str | None, becomes: str | None) -> None:
    assert screen(text, 5000) == becomes


@pytest.mark.parametrize("value", ["0", "abc", "199", "20001"])
def test_a_bad_message_bound_is_named(value: str) -> None:
    with pytest.raises(SettingsError, match="MAX_MESSAGE_CHARS"):
        load_settings(environ={"MAX_MESSAGE_CHARS": value})


def test_the_message_bound_comes_from_the_environment_first() -> None:
    assert load_settings(environ={"MAX_MESSAGE_CHARS": "3000"}).max_message_chars == 3000
    assert load_settings(environ={}).max_message_chars == 5000


@pytest.mark.parametrize(
    "text",
    [
        "Tengo calambres en las piernas por la noche",
        "Ich habe Krampfadern und Schmerzen in den Beinen",
        "j'ai mal aux mollets tous les soirs",
        "mi fanno male le gambe la sera",
        "ik heb kramp in mijn kuiten s nachts",
        "Mam skurcze nóg w nocy od tygodnia",
        "У меня судороги в ногах ночью",  # noqa: RUF001 (Russian on purpose)
        "我晚上腿抽筋",
    ],
)
def test_other_languages_are_recognised(language: LanguageCheck, text: str) -> None:
    assert screen(text, 5000, language) == OTHER_LANGUAGE


@pytest.mark.parametrize(
    "text",
    [
        "r u a bot",
        "im on furosemide",
        "i dont know",
        "cant feel my foot n its gone white",
        "my calfs crampin bad most nites",
        "la la la my legs hurt",
        "I had DVT in Málaga last year",
        '/inform{"exercise": "regular"}',
        "no",
    ],
)
def test_english_however_typed_passes(language: LanguageCheck, text: str) -> None:
    assert screen(text, 5000, language) is None
