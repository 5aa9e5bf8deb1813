"""Bad input on the REST channel: a clear answer or a 4xx, and the server goes on serving everyone."""

from __future__ import annotations

import pytest
import requests

from tests.serving import API_TOKEN, Served

pytestmark = pytest.mark.rasa


def post(served: Served, data: bytes | str, content_type: str = "application/json") -> requests.Response:
    return requests.post(
        f"{served.rasa_url}/webhooks/rest/webhook", data=data, headers={"Content-Type": content_type}, timeout=60
    )


def texts(answer: requests.Response) -> str:
    return " ".join(reply.get("text", "") for reply in answer.json())


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"{not json", "application/json"),
        (b'{"sender": "x", "message": "\\xff\\xfe"', "application/json"),
        (b"\xff\xfe\xfd", "application/json"),
        (b"hello", "text/plain"),
        (b"[1, 2, 3]", "application/json"),
        (b'{"message": "hi"}', "application/json"),
        (b'{"sender": "x", "message": 42}', "application/json"),
    ],
)
def test_a_body_that_is_not_a_message_gets_a_4xx(served: Served, body: bytes, content_type: str) -> None:
    answer = post(served, body, content_type)
    assert 400 <= answer.status_code < 500, answer.text


def test_a_100_kb_message_is_answered_and_the_server_goes_on(served: Served) -> None:
    huge = '{"sender": "huge", "message": "' + "my legs cramp at night " * 4500 + '"}'
    answer = post(served, huge)
    assert answer.status_code == 200
    assert "longer than I can read" in texts(answer)
    follow_up = post(served, '{"sender": "huge-after", "message": "hi"}')
    assert "not a diagnosis" in texts(follow_up), "everyone else is still served"


def test_html_and_script_are_never_echoed(served: Served) -> None:
    answer = post(served, '{"sender": "html", "message": "<script>alert(1)</script><img src=x onerror=alert(2)>"}')
    assert answer.status_code == 200
    assert "<script" not in answer.text
    assert "onerror" not in answer.text


@pytest.mark.parametrize(
    "event",
    [
        {"event": "slot", "name": "visible_veins", "value": "purple"},
        {"event": "slot", "name": "shoe_size", "value": "42"},
    ],
)
def test_the_api_refuses_slot_values_the_domain_does_not_allow(served: Served, event: dict[str, str]) -> None:
    post(served, '{"sender": "api-slots", "message": "my calves cramp most nights"}')
    url = f"{served.rasa_url}/conversations/api-slots/tracker"
    before = requests.get(url, params={"token": API_TOKEN}, timeout=30).json()
    answer = requests.post(f"{url}/events", params={"token": API_TOKEN}, json=event, timeout=30)
    assert answer.status_code == 400
    assert event["name"] in answer.json()["message"]
    after = requests.get(url, params={"token": API_TOKEN}, timeout=30).json()
    assert after["events"] == before["events"], "the conversation is untouched"


def test_the_api_takes_a_slot_value_the_domain_allows(served: Served) -> None:
    event = {"event": "slot", "name": "visible_veins", "value": "yes"}
    url = f"{served.rasa_url}/conversations/api-slots-ok/tracker"
    answer = requests.post(f"{url}/events", params={"token": API_TOKEN}, json=event, timeout=30)
    assert answer.status_code == 200
    assert answer.json()["slots"]["visible_veins"] == "yes"
