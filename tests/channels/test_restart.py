"""A conversation survives a server restart: it lives in the SQLite tracker store, not in the server's memory."""

from __future__ import annotations

import pytest
import requests

from tests.serving import Served

pytestmark = [pytest.mark.rasa, pytest.mark.restarts_served]


def say(served: Served, sender: str, text: str) -> str:
    answer = requests.post(
        f"{served.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
    )
    answer.raise_for_status()
    return "\n".join(reply.get("text", "") for reply in answer.json())


def test_an_assessment_interrupted_by_a_restart_finishes(served: Served) -> None:
    """Restarts the shared `make serve` (Ctrl-C, then start on the same ports and files), so it runs last."""
    opening = say(served, "restart-test", "my calves cramp most nights and I can see bulging veins")
    assert "safety check" in opening
    assert "water tablets" in say(served, "restart-test", "none of these")
    assert "drinking less" in say(served, "restart-test", "no")
    served.stop()
    assert (served.run_folder / "conversations.db").is_file()

    served.start()
    assert "How active" in say(served, "restart-test", "no"), "the questions go on where they were"
    final = say(served, "restart-test", "I sit at a desk all day")
    assert "venous insufficiency" in final, "the assessment uses the answers given before the restart"
    assert "999" in final
