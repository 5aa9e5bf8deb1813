"""A conversation survives a server restart: it lives in the SQLite tracker store, not in the server's memory."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from tests.serving import start_serve, stop_serve

pytestmark = pytest.mark.rasa


def say(port: int, sender: str, text: str) -> str:
    answer = requests.post(
        f"http://localhost:{port}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
    )
    answer.raise_for_status()
    return "\n".join(reply.get("text", "") for reply in answer.json())


def test_an_assessment_interrupted_by_a_restart_finishes(trained_model: Path, tmp_path: Path) -> None:
    process, ports = start_serve(trained_model, tmp_path)
    try:
        opening = say(ports["RASA_PORT"], "restart-test", "my calves cramp most nights and I can see bulging veins")
        assert "safety check" in opening
        assert "water tablets" in say(ports["RASA_PORT"], "restart-test", "none of these")
        assert "drinking less" in say(ports["RASA_PORT"], "restart-test", "no")
    finally:
        stop_serve(process, ports)
    assert (tmp_path / "conversations.db").is_file()

    process, ports = start_serve(trained_model, tmp_path)
    try:
        assert "How active" in say(ports["RASA_PORT"], "restart-test", "no"), "the questions go on where they were"
        final = say(ports["RASA_PORT"], "restart-test", "I sit at a desk all day")
    finally:
        stop_serve(process, ports)
    assert "venous insufficiency" in final, "the assessment uses the answers given before the restart"
    assert "999" in final
