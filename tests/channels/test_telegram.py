"""Telegram end to end without network: real Update JSON posted to the running server, replies read from a
local fake of the Bot API. Covers the five ways Rasa 3.6.21's own connector fails."""

from __future__ import annotations

import copy
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
import requests

from bot.core.knowledge_types import KnowledgeBase
from bot.rasa_plugins.channels.pictures import png_path
from tests.channels.fake_bot_api import Call
from tests.channels.test_telegram_media import pdf_text
from tests.serving import TELEGRAM_SECRET, Served

pytestmark = pytest.mark.rasa

UPDATES = json.loads((Path(__file__).parent / "telegram_updates.json").read_text(encoding="utf-8"))
CHAT_IDS = itertools.count(5_000_001)
UNESCAPED_SPECIAL = re.compile(r"(?<!\\)[_\[\]()~`>#+\-=|{}.!]")


def update(kind: str, chat_id: int, **changes: Any) -> dict[str, Any]:
    """A documented update of `kind` for `chat_id`, with fields of its inner object replaced."""
    body = copy.deepcopy(UPDATES[kind])
    inner = body[kind if kind in body else "message"]
    for holder in (inner, inner.get("message", {})):
        if "chat" in holder:
            holder["chat"]["id"] = chat_id
    inner.update(changes)
    return body


def post(served: Served, body: Any, secret: str | None = TELEGRAM_SECRET, **kwargs: Any) -> requests.Response:
    headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return requests.post(served.telegram_webhook, data=data, headers=headers, timeout=60, **kwargs)


def plain(text: str) -> str:
    """What the person reads: MarkdownV2 escapes removed."""
    return re.sub(r"\\(.)", r"\1", text)


def sent_to(served: Served, chat_id: int) -> list[Call]:
    return served.telegram.calls_of("sendMessage", chat_id)


def last_keyboard(served: Served, chat_id: int) -> tuple[Call, list[dict[str, str]]]:
    with_keys = [call for call in sent_to(served, chat_id) if call.fields.get("reply_markup")]
    assert with_keys, "the question should come with buttons"
    call = with_keys[-1]
    return call, [key for row in call.fields["reply_markup"]["inline_keyboard"] for key in row]


def press(served: Served, chat_id: int, title: str) -> None:
    question, keys = last_keyboard(served, chat_id)
    data = next(key["callback_data"] for key in keys if key["text"] == title)
    body = update("callback_query", chat_id, id=f"press-{chat_id}-{title}", data=data)
    body["callback_query"]["message"]["message_id"] = question.result["message_id"]
    assert post(served, body).status_code == 200


def test_webhook_is_set_with_the_secret_when_the_server_starts(served: Served) -> None:
    served.telegram.wait_for("getMe", 1)
    (call,) = served.telegram.wait_for("setWebhook", 1)
    assert call.fields["url"] == "https://legs.example.org/webhooks/telegram/webhook"
    assert call.fields["secret_token"] == TELEGRAM_SECRET
    assert set(call.fields["allowed_updates"]) == {"message", "edited_message", "callback_query"}


def test_a_whole_assessment_with_button_presses(served: Served, knowledge: KnowledgeBase) -> None:
    chat_id = next(CHAT_IDS)
    assert post(served, update("message", chat_id, text="/start")).status_code == 200
    greeting = " ".join(plain(call.fields["text"]) for call in sent_to(served, chat_id))
    assert "not a diagnosis" in greeting
    _, keys = last_keyboard(served, chat_id)
    assert [key["text"] for key in keys][-2:] == ["None of these", "Not sure"], "the safety check comes first"
    assert len(keys) > 2, "one button per warning sign"
    press(served, chat_id, "None of these")
    _, keys = last_keyboard(served, chat_id)
    assert [key["text"] for key in keys] == ["Yes", "No", "Not sure"]

    for title in ("Yes", "Yes", "No", "No"):
        press(served, chat_id, title)
    _, keys = last_keyboard(served, chat_id)
    assert "Mostly sitting" in [key["text"] for key in keys], "the exercise question offers its own answers"
    press(served, chat_id, "Mostly sitting")

    answers = served.telegram.calls_of("answerCallbackQuery")
    assert {f"press-{chat_id}-{title}" for title in ("None of these", "Yes", "No", "Mostly sitting")} <= {
        call.fields["callback_query_id"] for call in answers
    }, "every press is answered, so the button stops spinning"
    cleared = served.telegram.calls_of("editMessageReplyMarkup", chat_id)
    assert len(cleared) == 6, "each answered question loses its keyboard"

    final = " ".join(plain(call.fields["text"]) for call in sent_to(served, chat_id)[-6:])
    assert "venous insufficiency" in final
    assert "10 to 15 minutes" in final
    assert "999" in final, "what would make it urgent, with the configured number"

    in_chat = [call for call in served.telegram.calls if str(call.fields.get("chat_id")) == str(chat_id)]
    plan = next(i for i, call in enumerate(in_chat) if plain(call.fields.get("text", "")).startswith("What you can do"))
    photos = in_chat[plan + 1 : plan + 6]
    assert [call.method for call in photos] == ["sendPhoto"] * 5, "the plan's pictures come right after it"
    shown = ["toes_up_stretch", "legs_raised", "compression_stocking", "calf_raises_walking", "wall_calf_stretch"]
    assert [call.fields["caption"] for call in photos] == [knowledge.pictures[p].alt for p in shown]
    assert [call.files["photo"].content for call in photos] == [png_path(p).read_bytes() for p in shown]
    assert "Get help sooner if" in plain(in_chat[plan + 6].fields["text"]), "and the rest of the answer after them"

    before = len(sent_to(served, chat_id))
    assert post(served, update("message", chat_id, text="can i have a summary for my gp")).status_code == 200
    (document,) = served.telegram.wait_for("sendDocument", 1, chat_id)
    pdf = document.files["document"]
    assert pdf.filename == "leg-summary.pdf"
    assert pdf.content.startswith(b"%PDF")
    summary = [line for call in sent_to(served, chat_id)[before:] for line in plain(call.fields["text"]).splitlines()]
    in_pdf = pdf_text(pdf.content).splitlines()
    assert in_pdf[0].startswith("Leg symptom summary")
    assert in_pdf[0] in summary
    assert "- bulging or twisted veins you can see" in in_pdf, "the same answers as the summary in the chat"
    assert "- bulging or twisted veins you can see" in summary


def test_every_reply_is_valid_markdown_v2(served: Served) -> None:
    chat_id = next(CHAT_IDS)
    post(served, update("message", chat_id, text="my left leg went cold, pale and numb an hour ago!"))
    replies = sent_to(served, chat_id)
    assert replies, "the red flag is answered"
    for call in replies:
        assert call.fields["parse_mode"] == "MarkdownV2"
        assert not UNESCAPED_SPECIAL.search(call.fields["text"].replace("*", "")), call.fields["text"]
    assert "999" in plain(replies[0].fields["text"]), "the emergency answer comes first"


@pytest.mark.parametrize("secret", [None, "wrong-secret", TELEGRAM_SECRET + "x"])
def test_a_wrong_or_missing_secret_is_refused(served: Served, secret: str | None) -> None:
    chat_id = next(CHAT_IDS)
    answer = post(served, update("message", chat_id, text="hi"), secret=secret)
    assert answer.status_code == 403
    assert sent_to(served, chat_id) == []


@pytest.mark.parametrize("kind", ["my_chat_member", "sticker_message"])
def test_updates_without_text_are_acknowledged_and_not_retried(served: Served, kind: str) -> None:
    chat_id = next(CHAT_IDS)
    answer = post(served, update(kind, chat_id))
    assert answer.status_code == 200, "a non-2xx answer makes Telegram resend the update for ever"
    assert sent_to(served, chat_id) == []


def test_an_edited_message_is_read_as_the_persons_new_words(served: Served) -> None:
    chat_id = next(CHAT_IDS)
    post(served, update("message", chat_id, text="hi"))
    before = len(sent_to(served, chat_id))
    edited = update("edited_message", chat_id, text="actually my leg is cold, pale and numb since this morning")
    assert post(served, edited).status_code == 200
    replies = sent_to(served, chat_id)[before:]
    assert replies, "the edit is answered"
    assert "999" in plain(replies[0].fields["text"]), "the red flag in the edit escalates"


@pytest.mark.parametrize("body", ["{not json", "[1, 2]", b"\xff\xfe"])
def test_a_body_that_is_not_an_update_gets_400(served: Served, body: str | bytes) -> None:
    assert post(served, body).status_code == 400
