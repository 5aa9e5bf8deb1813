"""Health data stays out of the logs, and "forget me" empties the conversation from the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import requests

from tests.serving import API_TOKEN, Served

pytestmark = pytest.mark.rasa

MARKER = "zebrafinch"


def say(served: Served, sender: str, text: str) -> list[dict[str, str]]:
    answer = requests.post(
        f"{served.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
    )
    answer.raise_for_status()
    return list(answer.json())


def test_no_message_text_or_slot_value_reaches_the_logs(served: Served) -> None:
    for text in (
        f"my calves cramp most nights near the {MARKER} cage and I can see bulging veins",
        f"no water pills, {MARKER}",
        "no",
        "I sit at a desk all day",
        "why?",
    ):
        say(served, "log-check", text)
    logs = "\n".join((served.run_folder / name).read_text(encoding="utf-8") for name in ("rasa.log", "actions.log"))
    assert MARKER not in logs
    for value in ("venous_insufficiency", "night_cramps", "bulging"):
        assert value not in logs, f"{value!r} is health data"


def test_forget_me_leaves_nothing_in_the_database(served: Served) -> None:
    say(served, "forget-check", "my calves cramp most nights")
    replies = say(served, "forget-check", "please delete my data")
    assert "deleted this conversation" in " ".join(reply.get("text", "") for reply in replies)
    with sqlite3.connect(served.run_folder / "conversations.db") as database:
        (count,) = database.execute("select count(*) from events where sender_id = ?", ("forget-check",)).fetchone()
    assert count == 0


def test_rasas_http_api_answers_only_with_the_token(served: Served) -> None:
    say(served, "api-check", "my calves cramp most nights")
    url = f"{served.rasa_url}/conversations/api-check/tracker"
    assert requests.get(url, timeout=30).status_code == 401
    assert requests.get(url, params={"token": "wrong-token-0123456789abcdef"}, timeout=30).status_code == 401
    answer = requests.get(url, params={"token": API_TOKEN}, timeout=30)
    assert answer.status_code == 200
    assert answer.json()["slots"]["night_cramps"] == "yes"


def test_the_api_token_is_on_no_command_line(served: Served) -> None:
    """Every user of the machine can read a process's command line (`ps`); the served Rasa has the token."""
    command_lines = []
    for path in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            command_lines.append(path.read_bytes())
        except OSError:  # the process has ended
            continue
    assert any(b"bot.serving.rasa_cli" in line for line in command_lines), "make serve's Rasa is running"
    assert not any(API_TOKEN.encode() in line for line in command_lines)
