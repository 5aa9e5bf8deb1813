"""Two replicas on PostgreSQL and Redis: conversations whose messages alternate between the replicas end with the
right slots and triage, concurrent messages of one person are taken one at a time, and either store going away
is explained to the person and survived."""

from __future__ import annotations

import asyncio
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from devtools.vignettes import Vignette, load_vignettes, play_vignette
from tests.conftest import ROOT
from tests.replicas.conftest import Deployment
from tests.serving import API_TOKEN

pytestmark = pytest.mark.rasa

VIGNETTES = load_vignettes(ROOT / "tests" / "vignettes.yml")
AT_ONCE = 4
EMERGENCY_NUMBER = "999"  # what tests.serving.start_serve configures


@dataclass(frozen=True)
class Reply:
    status: int
    text: str


def post(rasa_url: str, sender: str, text: str) -> Reply:
    answer = requests.post(f"{rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=120)
    return Reply(answer.status_code, "\n".join(reply.get("text") or "" for reply in answer.json()))


def tracker(rasa_url: str, sender: str) -> dict[str, Any]:
    answer = requests.get(f"{rasa_url}/conversations/{sender}/tracker", params={"token": API_TOKEN}, timeout=60)
    answer.raise_for_status()
    return dict(answer.json())


def count(deployment: Deployment, query: str) -> int:
    """A count read straight from PostgreSQL."""
    engine = sa.create_engine(deployment.postgres.url)
    try:
        with engine.connect() as database:
            return int(database.execute(sa.text(query)).scalar() or 0)
    finally:
        engine.dispose()


@dataclass
class RemoteTracker:
    slots: dict[str, Any]

    def current_slot_values(self) -> dict[str, Any]:
        return self.slots


class AlternatingReplicas:
    """`devtools.vignettes.Agent` over REST: each message of a conversation goes to the other replica than the one
    before, and the conversation is read back from the replica that did not take the last message."""

    def __init__(self, rasa_urls: tuple[str, str]) -> None:
        self.rasa_urls = rasa_urls
        self.sent: Counter[str] = Counter()

    def _next(self, sender_id: str) -> str:
        return self.rasa_urls[self.sent[sender_id] % 2]

    async def handle_text(self, text: str, sender_id: str) -> list[dict[str, str]]:
        reply = await asyncio.to_thread(post, self._next(sender_id), sender_id, text)
        self.sent[sender_id] += 1
        assert reply.status == 200, reply.text
        return [{"text": reply.text}]

    @property
    def tracker_store(self) -> AlternatingReplicas:
        return self

    async def retrieve(self, sender_id: str) -> RemoteTracker:
        return RemoteTracker((await asyncio.to_thread(tracker, self._next(sender_id), sender_id))["slots"])


@pytest.mark.asyncio(loop_scope="session")
async def test_conversations_alternating_replicas_end_with_the_right_triage(deployment: Deployment) -> None:
    replicas = AlternatingReplicas(deployment.rasa_urls)
    gate = asyncio.Semaphore(AT_ONCE)

    async def play(case: Vignette) -> Any:
        async with gate:
            return await play_vignette(replicas, case, sender_id=f"replicas-{case.id}")

    results = await asyncio.gather(*(play(case) for case in VIGNETTES))
    wrong = [
        (r.vignette.id, r.triage, r.causes[:1]) for r in results if not r.triage_right or r.top_cause_right is False
    ]
    assert not wrong, "triage or top cause wrong when the replicas took turns"
    crossed = [result for result in results if result.turns > 1]  # red flags are answered on the first message
    assert len(crossed) >= len(results) // 2, "most conversations went back and forth between the replicas"
    stored = count(deployment, "select count(distinct sender_id) from events where sender_id like 'replicas-%'")
    assert stored == len(VIGNETTES), "every conversation is in PostgreSQL"


@pytest.mark.parametrize("person", range(4))  # a fresh conversation each: the race is likeliest at the start
def test_concurrent_messages_of_one_person_are_taken_one_at_a_time(deployment: Deployment, person: int) -> None:
    sender = f"same-person-{person}"
    texts = [
        "hi",
        "my calves cramp most nights",
        "what can I do right now",
        "does stretching help",
        "when should I see a doctor",
        "do compression stockings help?",
        "how long do cramps last",
        "thanks",
    ]
    locks = deployment.redis.client()
    lock_writes_before = locks.info("commandstats").get("cmdstat_set", {}).get("calls", 0)
    with ThreadPoolExecutor(max_workers=len(texts)) as pool:
        replies = list(pool.map(lambda n: post(deployment.rasa_urls[n % 2], sender, texts[n]), range(len(texts))))
    assert all(reply.status == 200 and reply.text for reply in replies), "every message answered"
    lock_writes = locks.info("commandstats")["cmdstat_set"]["calls"] - lock_writes_before
    assert lock_writes >= len(texts), "each message took the conversation's lock in Redis"

    events = tracker(deployment.rasa_urls[0], sender)["events"]
    said = Counter(event["text"] for event in events if event["event"] == "user")
    assert said == Counter(texts), "no message lost or stored twice"
    turns = [
        event["event"]
        for event in events
        if event["event"] == "user" or (event["event"] == "action" and event["name"] == "action_listen")
    ]
    assert turns == ["action", *["user", "action"] * len(texts)], "each turn finished before the next began"


@pytest.mark.asyncio(loop_scope="session")
async def test_forget_me_and_the_admin_command_delete_from_postgresql(
    deployment: Deployment, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.serving.forget import main

    replica_a, replica_b = deployment.rasa_urls
    for sender in ("forget-chat", "forget-admin"):
        post(replica_a, sender, "my calves cramp most nights")
    assert "deleted this conversation" in post(replica_b, "forget-chat", "please delete my data").text
    monkeypatch.setenv("PROFILE", "production")
    monkeypatch.setenv("DATABASE_URL", deployment.postgres.url)
    monkeypatch.setenv("REDIS_URL", deployment.redis.url)
    # on a thread, as from a shell: the command's asyncio.run must not end the session loop of this worker
    assert await asyncio.to_thread(main, ["forget-admin"]) == 0
    left = count(deployment, "select count(*) from events where sender_id in ('forget-chat', 'forget-admin')")
    assert left == 0


@pytest.mark.parametrize("store", ["postgres", "redis"])
def test_a_store_going_away_is_explained_and_survived(deployment: Deployment, store: str) -> None:
    """The database (conversations) or Redis (locks) stops mid-conversation, then comes back."""
    replica_a, replica_b = deployment.rasa_urls
    sender = f"{store}-outage"
    service = deployment.postgres if store == "postgres" else deployment.redis
    assert "safety check" in post(replica_a, sender, "my calves cramp most nights").text
    assert "veins" in post(replica_a, sender, "none of these").text
    service.stop()
    try:
        during = post(replica_b, sender, "I can see bulging veins too")
        alive = requests.get(replica_b, timeout=30).status_code
    finally:
        service.start()
    assert during.status == 503
    assert "can't reach my notes" in during.text
    assert EMERGENCY_NUMBER in during.text, "with what to do if it is urgent"
    assert alive == 200, "the replica keeps running"

    after = post(replica_a, sender, "I can see bulging veins too")
    assert after.status == 200
    assert "water tablets" in after.text, "the questions go on from where they were"
    slots = tracker(replica_b, sender)["slots"]
    assert slots["night_cramps"] == "yes", "nothing said before was lost"
    assert slots["visible_veins"] == "yes"
