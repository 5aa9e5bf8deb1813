"""What never reaches the NLU pipeline: empty and over-long messages, and the setting that bounds length."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.message_guard import EMPTY, TOO_LONG, screen
from bot.settings import SettingsError, load_settings


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
def test_a_bad_message_bound_is_named(value: str, tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="MAX_MESSAGE_CHARS"):
        load_settings(environ={"MAX_MESSAGE_CHARS": value})


def test_the_message_bound_comes_from_the_environment_first() -> None:
    assert load_settings(environ={"MAX_MESSAGE_CHARS": "3000"}).max_message_chars == 3000
    assert load_settings(environ={}).max_message_chars == 5000
