"""Our SQL tracker store reads and writes exactly what Rasa's does, and keeps the SQLite file private.

Async tests on the session's loop: `asyncio.run` would leave this worker without a current loop for the next
async test."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

pytestmark = [pytest.mark.rasa, pytest.mark.asyncio(loop_scope="session")]


async def test_conversations_read_the_same_through_either_store(tmp_path: Path) -> None:
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.rasa_plugins.stores.sql_tracker_store import LeanSQLTrackerStore

    domain = Domain.from_dict({"slots": {"night_cramps": {"type": "text", "mappings": [{"type": "custom"}]}}})
    database = tmp_path / "conversations.db"
    database.touch(mode=0o600)
    ours = LeanSQLTrackerStore(domain, dialect="sqlite", db=str(database))
    rasas = SQLTrackerStore(domain, dialect="sqlite", db=str(database))
    first_session = [ActionExecuted("action_session_start", timestamp=1), SessionStarted(timestamp=2)]
    first_session += [UserUttered("my calves cramp", timestamp=3), SlotSet("night_cramps", "yes", timestamp=4)]
    tracker = DialogueStateTracker.from_events("alice", first_session, domain.slots)
    await ours.save(tracker)
    await ours.save(tracker)
    tracker = await ours.retrieve("alice")  # as Rasa reads a conversation before each turn
    assert len(tracker.events) == len(first_session), "saving again adds nothing twice"
    for event in (ActionExecuted("action_session_start", timestamp=10), SessionStarted(timestamp=11)):
        tracker.update(event)
    tracker.update(UserUttered("hi again", timestamp=12))
    await ours.save(tracker)

    for method in ("retrieve", "retrieve_full_tracker"):
        read_by_ours = await getattr(ours, method)("alice")
        read_by_rasa = await getattr(rasas, method)("alice")
        assert read_by_ours.events == read_by_rasa.events, method
    assert len((await ours.retrieve("alice")).events) == 2, "from the latest session start only"
    assert (await ours.retrieve("nobody")) is None

    with ours.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    for path in tmp_path.iterdir():
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, f"{path.name} holds conversations too"


async def test_the_turn_that_asks_to_be_forgotten_is_saved_then_deleted(tmp_path: Path) -> None:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.rasa_plugins.stores.sql_tracker_store import LeanSQLTrackerStore

    store = LeanSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "conversations.db"))
    for sender in ("alice", "bob"):
        await store.save(DialogueStateTracker.from_events(sender, [UserUttered("my calves cramp")]))
    asked = [UserUttered("delete my data", {"name": "forget_me"}), ActionExecuted("utter_conversation_forgotten")]
    tracker = await store.retrieve("alice")
    for event in [*asked, BotUttered("Done: I have deleted this conversation")]:
        tracker.update(event)
    await store.save(tracker)
    assert (await store.retrieve("alice")) is None
    assert (await store.retrieve("bob")) is not None, "nobody else's"
