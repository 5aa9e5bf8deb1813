"""What Telegram shows: escaped MarkdownV2, split long texts, commands and button data within limits."""

from __future__ import annotations

import pytest

from bot.rasa_plugins.channels.telegram import callback_data, typed_text
from bot.rasa_plugins.channels.telegram_text import escape_markdown_v2, split_message, to_markdown_v2


def test_every_special_character_is_shown_as_typed() -> None:
    text = r"Raise it 10-15 min (above heart level)! 1.5 l/day; a_b *c* [d] ~e~ `f` >g #h +i =j |k {l}"
    escaped = escape_markdown_v2(text)
    assert escaped.count("\\") == sum(text.count(ch) for ch in "_*[]()~`>#+-=|{}.!\\")
    assert escaped.replace("\\", "") == text


def test_bold_stays_bold_and_its_inside_is_escaped() -> None:
    assert to_markdown_v2("**Call 999 now.** Then rest.") == r"*Call 999 now\.* Then rest\."


def test_long_texts_split_at_paragraphs_within_the_limit() -> None:
    paragraphs = ["a" * 30, "b" * 30, "c" * 70]
    chunks = split_message("\n\n".join(paragraphs), limit=64)
    assert chunks == ["a" * 30 + "\n\n" + "b" * 30, "c" * 64, "c" * 6]
    assert all(len(chunk) <= 64 for chunk in chunks)


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("/start", "/greet"),
        ("/start@legs_helper_bot", "/greet"),
        ("/help", "help"),
        ('/inform{"diuretics": true}', 'inform{"diuretics": true}'),
        ("my calves cramp at night", "my calves cramp at night"),
    ],
)
def test_typed_slashes_are_words_not_intents(typed: str, read_as: str) -> None:
    assert typed_text(typed) == read_as


def test_button_data_over_64_bytes_falls_back_to_the_title() -> None:
    assert callback_data({"title": "Yes", "payload": "/affirm"}) == "/affirm"
    long_payload = '/inform{"exercise": "' + "x" * 60 + '"}'
    assert callback_data({"title": "Mostly sitting", "payload": long_payload}) == "Mostly sitting"
