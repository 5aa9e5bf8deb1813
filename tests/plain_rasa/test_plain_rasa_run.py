"""Under plain `rasa run` with our files every safety and privacy promise holds, as a person would notice it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from tests.conftest import ROOT, TEST_EMERGENCY_NUMBER, free_port
from tests.plain_rasa.conftest import PlainRasa

pytestmark = pytest.mark.rasa


def say(servers: PlainRasa, sender: str, text: str) -> str:
    answer = requests.post(
        f"{servers.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=120
    )
    answer.raise_for_status()
    return " ".join(reply.get("text", "") for reply in answer.json())


def stored_events(servers: PlainRasa, sender: str) -> list[str]:
    with sqlite3.connect(servers.database) as database:
        rows = database.execute("select data from events where sender_id = ?", (sender,)).fetchall()
    return [data for (data,) in rows]


def slots(servers: PlainRasa, sender: str) -> dict[str, object]:
    answer = requests.get(f"{servers.url}/conversations/{sender}/tracker", timeout=60)
    answer.raise_for_status()
    return dict(answer.json()["slots"])


def test_forget_me_deletes_the_conversation_from_the_store(plain_rasa: PlainRasa) -> None:
    say(plain_rasa, "forget", "my calves cramp most nights and I can see bulging veins")
    assert stored_events(plain_rasa, "forget"), "kept while the conversation goes on"
    assert "deleted this conversation" in say(plain_rasa, "forget", "please delete my data")
    assert stored_events(plain_rasa, "forget") == [], "no event of that person is left in the store"
    assert "safety check" in say(plain_rasa, "forget", "hi"), "writing again starts afresh"


def test_a_100_kb_message_gets_the_shorten_it_answer(plain_rasa: PlainRasa) -> None:
    huge = "my legs cramp at night " * 4500
    answer = say(plain_rasa, "huge", huge)
    assert "longer than I can read" in answer
    assert TEST_EMERGENCY_NUMBER in answer
    assert all(len(data) < 5000 for data in stored_events(plain_rasa, "huge")), "its text is never stored"


def test_a_payload_with_a_value_its_slot_does_not_take_is_refused(plain_rasa: PlainRasa) -> None:
    say(plain_rasa, "payload", "hi")
    say(plain_rasa, "payload", '/inform{"exercise": "regular"}')
    say(plain_rasa, "payload", '/inform{"exercise": "marathon"}')
    assert slots(plain_rasa, "payload")["exercise"] == "regular", "the answer given before stays"
    answer = say(plain_rasa, "payload", '/inform{"warning_signs": "nothing"}')
    assert slots(plain_rasa, "payload")["warning_signs"] is None, "an unknown sign never counts as 'none of these'"
    assert "safety check" in answer, "the question is asked again"


def test_the_http_api_refuses_a_slot_value_the_domain_does_not_allow(plain_rasa: PlainRasa) -> None:
    say(plain_rasa, "api", "my calves cramp most nights")
    url = f"{plain_rasa.url}/conversations/api/tracker"
    before = requests.get(url, timeout=60).json()["events"]
    answer = requests.post(f"{url}/events", json={"event": "slot", "name": "exercise", "value": "marathon"}, timeout=60)
    assert answer.status_code == 400
    assert "exercise" in answer.json()["message"]
    assert requests.get(url, timeout=60).json()["events"] == before, "the conversation is untouched"


def test_a_stopped_action_server_gets_the_outage_answer(plain_rasa: PlainRasa) -> None:
    plain_rasa.stop_actions()
    try:
        answer = say(plain_rasa, "outage", "my calves cramp most nights")
    finally:
        plain_rasa.start_actions()
    assert answer.count("can't finish the assessment right now") == 1, "told once, however many actions failed"
    assert TEST_EMERGENCY_NUMBER in answer, "with what to do if it is urgent"
    assert "safety check" in say(plain_rasa, "outage", "I can see bulging veins too"), "and it goes on when back"


@pytest.mark.parametrize(
    "channels",
    [
        None,  # our credentials.yml: our channels install the fixes, before the server starts
        "rest:\n",  # Rasa's own channel, as `rasa shell` has it: our tracker store installs them, inside start-up
    ],
)
def test_another_rasa_version_stops_start_up_with_one_line(tmp_path: Path, channels: str | None) -> None:
    credentials = ROOT / "credentials.yml"
    if channels is not None:
        credentials = tmp_path / "credentials.yml"
        credentials.write_text(channels, encoding="utf-8")
    argv = ["rasa", "run", "--credentials", str(credentials), "--endpoints", "endpoints.yml"]
    argv += ["--interface", "127.0.0.1", "--port", str(free_port())]
    started = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys, rasa; rasa.__version__ = '3.7.0'; sys.argv = {argv!r}; "
            "from rasa.__main__ import main; main()",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert started.returncode == 1
    assert "Traceback" not in started.stderr + started.stdout
    line = "error: bot/rasa_patches.py changes Rasa 3.6.21's internals and cannot apply to Rasa 3.7.0"
    assert started.stderr.count(line) == 1, started.stderr[-2000:]
