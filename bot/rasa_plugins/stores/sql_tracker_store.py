"""Our tracker store (named in endpoints.yml): Rasa's SQL store that forgets on request, with lighter reads and
counts, and SQLite set up for a server.

Being named in endpoints.yml, it is what every start loads (`rasa run`, `rasa shell`, Rasa's Docker image): it
installs `bot/rasa_patches.py`, and it deletes a conversation once it has saved the turn that asked to be
forgotten (`forget.py`).

Same table, same events, same filters and order as Rasa's `SQLTrackerStore` (a database written by either reads
in the other); what changes is the cost per message. Measured in-process on the benchmark conversation, stores
taking turns (median ms per message): in memory 15.6, Rasa's SQL store on SQLite 21.6, this store 17.7.
- Rasa builds an ORM object for every stored event only to read its JSON, counts the stored events with an ORM
  query before each save and adds each new event as an ORM object: here reads, counts and writes are Core
  statements (reading only the `data` column; the turn's new rows in one insert), built once. That took the
  store's part of a message from 4.1 to 1.8 ms for saves and from 1.9 to 1.4 ms for reads (SQLite, the
  benchmark conversation, 2026-12-02).
- SQLAlchemy 1.4 opens a SQLite file without a pool (a new connection, and the schema read again, per session):
  a QueuePool keeps connections. The write-ahead log with synchronous=NORMAL makes a commit one append instead
  of two syncs; after a power cut the last turns may be lost, never the file (SQLite's documentation).
PostgreSQL keeps Rasa's engine settings and gets the lighter statements.
It overrides Rasa's public methods only (read, read all sessions, save), none of the SQL store's private hooks.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.pool import QueuePool

from bot import rasa_patches
from bot.rasa_plugins.stores.forget import asked_to_forget, forget

EVENTS = SQLTrackerStore.SQLEvent.__table__
_SENDER = sa.bindparam("sender_id")
_SESSION_START = (
    sa.select(sa.func.max(EVENTS.c.timestamp))
    .where(EVENTS.c.sender_id == _SENDER, EVENTS.c.type_name == SessionStarted.type_name)
    .scalar_subquery()
)
_LATEST_SESSION = sa.and_(
    EVENTS.c.sender_id == _SENDER, sa.or_(EVENTS.c.timestamp >= _SESSION_START, _SESSION_START.is_(None))
)
"""Rasa's filter: the sender's events from the latest session start. The statements are built once (building
and keying them for SQLAlchemy's cache took a third of each save)."""
COUNT_LATEST_SESSION = sa.select(sa.func.count()).where(_LATEST_SESSION)
INSERT = EVENTS.insert()
READ_LATEST_SESSION = sa.select(EVENTS.c.data).where(_LATEST_SESSION).order_by(EVENTS.c.id)
READ_ALL_SESSIONS = sa.select(EVENTS.c.data).where(EVENTS.c.sender_id == _SENDER).order_by(EVENTS.c.id)


def _sqlite_pragmas(connection: Any, _: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _row(sender_id: str, event: Event) -> dict[str, Any]:
    """The `events` row Rasa's store writes for an event."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


class LeanSQLTrackerStore(SQLTrackerStore):  # type: ignore[misc]
    """`type: bot.rasa_plugins.stores.sql_tracker_store.LeanSQLTrackerStore` in endpoints.yml, with
    SQLTrackerStore's settings."""

    engine: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        rasa_patches.install()
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(url, poolclass=QueuePool)
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The conversation's latest session."""
        return self._read(sender_id, READ_LATEST_SESSION)

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        """The conversation with all its sessions."""
        return self._read(conversation_id, READ_ALL_SESSIONS)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Adds the turn's new events as Rasa's store does (rows alike, streamed to the event broker first); the
        turn that asked to be forgotten is saved, then the whole conversation deleted."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            stored = int(session.execute(COUNT_LATEST_SESSION, {"sender_id": tracker.sender_id}).scalar() or 0)
            rows = [_row(tracker.sender_id, event) for event in itertools.islice(tracker.events, stored, None)]
            if rows:
                session.execute(INSERT, rows)
            session.commit()
        if asked_to_forget(tracker):
            await forget(self, tracker.sender_id)

    def _read(self, sender_id: str, statement: Any) -> DialogueStateTracker | None:
        with self.engine.connect() as connection:
            rows = connection.execute(statement, {"sender_id": sender_id}).scalars().all()
        if not self.domain or not rows:
            return None
        return DialogueStateTracker.from_dict(sender_id, [json.loads(row) for row in rows], self.domain.slots)
