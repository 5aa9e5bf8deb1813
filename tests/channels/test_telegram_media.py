"""Telegram gets the relief plan's pictures as uploaded photos and the summary as a PDF, in-process against the
fake Bot API; a missing picture costs one warning and the text still goes out."""

from __future__ import annotations

import logging
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.knowledge_types import KnowledgeBase
from bot.rasa_plugins.channels.telegram import TelegramOutput
from bot.rasa_plugins.channels.telegram_media import summary_pdf
from bot.serving.pictures import ensure_built
from tests.channels.fake_bot_api import FakeBotApi

TOKEN = "123456:TEST-media"
CHAT = 6_000_001
PLAN = {
    "text": "What you can do:\n- During a cramp, stretch the muscle.\n- Drink regularly.\n- Raise your legs.",
    "custom": {"pictures": [{"id": "toes_up_stretch", "line": 0}, {"id": "legs_raised", "line": 2}]},
}


def pdf_text(pdf: bytes) -> str:
    """The text a PDF of ours shows, one line per text operator, from its compressed page streams."""
    shown = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            content = zlib.decompress(stream)
        except zlib.error:
            continue
        shown += [
            re.sub(rb"\\(.)", rb"\1", text).decode("latin-1") for text in re.findall(rb"\((.*?)(?<!\\)\) Tj", content)
        ]
    return "\n".join(shown)


@pytest.fixture(scope="module")
def api() -> Iterator[FakeBotApi]:
    fake = FakeBotApi(TOKEN)
    fake.start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def pngs(tmp_path_factory: pytest.TempPathFactory, knowledge: KnowledgeBase) -> Path:
    folder = tmp_path_factory.mktemp("pictures")
    ensure_built(knowledge, folder)
    return folder


@pytest.mark.asyncio(loop_scope="session")
async def test_a_plan_is_followed_by_its_pictures_with_their_alt_text(
    api: FakeBotApi, pngs: Path, knowledge: KnowledgeBase
) -> None:
    output = TelegramOutput(TOKEN, api.base_url, pictures_dir=pngs)
    await output.send_response(str(CHAT), {**PLAN, "custom": dict(PLAN["custom"])})
    await output.close()
    sent = [call for call in api.calls if str(call.fields.get("chat_id")) == str(CHAT)]
    assert [call.method for call in sent] == ["sendMessage", "sendPhoto", "sendPhoto"], "the text, then each picture"
    for call, picture_id in zip(sent[1:], ("toes_up_stretch", "legs_raised"), strict=True):
        assert call.fields["caption"] == knowledge.pictures[picture_id].alt
        assert call.files["photo"].content == (pngs / f"{picture_id}.png").read_bytes(), "uploaded, not a URL"


@pytest.mark.asyncio(loop_scope="session")
async def test_a_missing_png_is_one_warning_and_the_text_still_goes_out(
    api: FakeBotApi, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    chat = CHAT + 1
    output = TelegramOutput(TOKEN, api.base_url, pictures_dir=tmp_path / "never-built")
    with caplog.at_level(logging.WARNING):
        await output.send_response(str(chat), {**PLAN, "custom": dict(PLAN["custom"])})
    await output.close()
    assert [call.method for call in api.calls if str(call.fields.get("chat_id")) == str(chat)] == ["sendMessage"]
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "make setup" in warnings[0].getMessage()


@pytest.mark.asyncio(loop_scope="session")
async def test_a_summary_is_followed_by_the_same_summary_as_a_pdf(api: FakeBotApi) -> None:
    chat = CHAT + 2
    summary = "Leg symptom summary, 1 December 2026\nSaid yes to:\n- cramps at night or in bed"
    output = TelegramOutput(TOKEN, api.base_url)
    message = {"text": f"Here is a summary:\n\n{summary}", "custom": {"document": "summary"}, "summary": summary}
    await output.send_response(str(chat), message)
    await output.close()
    sent = [call for call in api.calls if str(call.fields.get("chat_id")) == str(chat)]
    assert [call.method for call in sent] == ["sendMessage", "sendDocument"]
    document = sent[1].files["document"]
    assert document.filename == "leg-summary.pdf"
    assert document.content.startswith(b"%PDF")
    assert pdf_text(document.content).splitlines() == summary.splitlines()


def test_the_pdf_takes_any_text_in_the_core_fonts() -> None:
    text = pdf_text(summary_pdf("Summary \u2013 today\nShe said \u201cit\u2019s worse\u201d \U0001f622 (at night)"))
    assert text.splitlines() == ["Summary - today", 'She said "it\'s worse" ? (at night)']
