"""The admin command deletes one person's conversation from a SQL tracker store, and only theirs.

The command runs its own event loop (`asyncio.run`), so the tests run it on a thread of its own: on this thread
it would leave the session's async tests without a current loop."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytestmark = [pytest.mark.rasa, pytest.mark.asyncio(loop_scope="session")]


async def test_the_admin_command_deletes_one_conversation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.serving.forget import main

    database = tmp_path / "conversations.db"
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {database}\n", encoding="utf-8")
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(database))
    for sender in ("alice", "bob"):
        await store.save(DialogueStateTracker.from_events(sender, [UserUttered("my legs cramp")]))

    command = ["alice", "--endpoints", str(endpoints)]
    assert await asyncio.to_thread(main, command) == 0
    assert "deleted the conversation of alice" in capsys.readouterr().out
    assert (await store.retrieve("alice")) is None
    assert (await store.retrieve("bob")) is not None, "nobody else's"
    assert await asyncio.to_thread(main, command) == 1, "nothing left to delete says so"


async def test_the_admin_command_finds_the_store_make_serve_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.serving.forget import main

    database = tmp_path / "elsewhere.db"
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(database))
    await store.save(DialogueStateTracker.from_events("carol", [UserUttered("my legs cramp")]))
    monkeypatch.setenv("TRACKER_DB", str(database))
    assert await asyncio.to_thread(main, ["carol"]) == 0
    assert (await store.retrieve("carol")) is None


async def test_the_admin_command_names_a_bad_setting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.serving.forget import main

    monkeypatch.setenv("PROFILE", "production")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert await asyncio.to_thread(main, ["carol"]) == 2
    assert "DATABASE_URL" in capsys.readouterr().err
