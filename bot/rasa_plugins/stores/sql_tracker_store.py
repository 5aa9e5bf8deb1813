"""Our tracker store (named in endpoints.yml): Rasa's SQL store that forgets on request, with lighter reads and
counts, and SQLite set up for a server.

Being named in endpoints.yml, it is what every start loads (`rasa run`, `rasa shell`, Rasa's Docker image): it
installs `bot/rasa_patches.py`, and it deletes a conversation once it has saved the turn that asked to be
forgotten (`forget.py`).

Same table, same events, same filters and order as Rasa's `SQLTrackerStore` (a database written by either reads
in the other); what changes is the cost per message. Measured in-process on the benchmark conversation, stores
taking turns (median ms per message): in memory 15.6, Rasa's SQL store on SQLite 21.6, this store 17.7.
- Rasa builds an ORM object for every stored event only to read its JSON, and counts the stored events with an
  ORM query before each save: here both are single Core statements (reading only the `data` column).
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
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.pool import QueuePool

from bot import rasa_patches
from bot.rasa_plugins.stores.forget import asked_to_forget, forget


def _sqlite_pragmas(connection: Any, _: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


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
        return self._read(sender_id, all_sessions=False)

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        """The conversation with all its sessions."""
        return self._read(conversation_id, all_sessions=True)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Adds the turn's new events as Rasa's store does (rows alike, streamed to the event broker first); the
        turn that asked to be forgotten is saved, then the whole conversation deleted."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            counted = sa.select(sa.func.count()).where(self._conversation(tracker.sender_id, all_sessions=False))
            stored = int(session.execute(counted).scalar() or 0)
            for event in itertools.islice(tracker.events, stored, None):
                data = event.as_dict()
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()
        if asked_to_forget(tracker):
            await forget(self, tracker.sender_id)

    def _conversation(self, sender_id: str, all_sessions: bool) -> Any:
        """Rasa's filter: the sender's events, from the latest session start unless all sessions are wanted."""
        events = self.SQLEvent.__table__
        if all_sessions:
            return events.c.sender_id == sender_id
        session_start = (
            sa.select(sa.func.max(events.c.timestamp))
            .where(events.c.sender_id == sender_id, events.c.type_name == SessionStarted.type_name)
            .scalar_subquery()
        )
        return sa.and_(
            events.c.sender_id == sender_id,
            sa.or_(events.c.timestamp >= session_start, session_start.is_(None)),
        )

    def _read(self, sender_id: str, all_sessions: bool) -> DialogueStateTracker | None:
        events = self.SQLEvent.__table__
        statement = sa.select(events.c.data).where(self._conversation(sender_id, all_sessions)).order_by(events.c.id)
        with self.engine.connect() as connection:
            rows = connection.execute(statement).scalars().all()
        if not self.domain or not rows:
            return None
        return DialogueStateTracker.from_dict(sender_id, [json.loads(row) for row in rows], self.domain.slots)
