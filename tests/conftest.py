"""Shared fixtures, each made once per session for every package that needs it: the knowledge base and engine; the
model (trained by `make train` only when its inputs changed); one in-process Agent with its action server; one
running `make serve` for every HTTP, socket.io, browser and Telegram test. Loading the model takes a core for
10 to 20 s, so a test loads its own only when it must (its docstring says why)."""

from __future__ import annotations

import asyncio
import fcntl
import os
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import pytest_asyncio

from bot.core.engine import Engine
from bot.core.knowledge_loader import load_knowledge
from bot.core.knowledge_types import KnowledgeBase
from bot.language.finding_matcher import FindingMatcher
from bot.language.lexicon import load_lexicon
from bot.language.message_guard import LanguageCheck
from bot.language.spacy_pipeline import PIPELINE_DIR, ensure_built

if TYPE_CHECKING:
    from tests.channels.fake_bot_api import FakeBotApi
    from tests.serving import Served

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "legs.tar.gz"
TEST_EMERGENCY_NUMBER = "999"
TODAY = date(2026, 11, 25)


@pytest.fixture(scope="session")
def event_loop_policy() -> asyncio.AbstractEventLoopPolicy:
    """uvloop's, which Sanic installs when a server starts in this process (the action server's thread): set from
    the start, a server starting later cannot swap the policy under the session's event loop. Every async test
    module marks `asyncio(loop_scope="session")`: a test on a loop of its own closes it and leaves the
    session-loop tests after it on that worker with none."""
    import uvloop

    return uvloop.EventLoopPolicy()


@pytest.fixture(scope="session")
def knowledge() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="session")
def language(knowledge: KnowledgeBase) -> LanguageCheck:
    """The language check exactly as the servers build it."""
    return LanguageCheck.from_lexicon(load_lexicon(knowledge))


@pytest.fixture(scope="session")
def engine(knowledge: KnowledgeBase) -> Engine:
    return Engine(knowledge, TEST_EMERGENCY_NUMBER)


def free_port() -> int:
    """A port nobody listens on right now (the OS picks it)."""
    return free_ports(1)[0]


def free_ports(count: int) -> list[int]:
    """`count` different free ports: each probe stays bound until all are picked, so the OS never hands out one
    twice (picked one by one, two could be the same port)."""
    with ExitStack() as stack:
        probes = [stack.enter_context(socket.socket()) for _ in range(count)]
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [int(probe.getsockname()[1]) for probe in probes]


SERVE_PORTS = ("RASA_PORT", "ACTION_PORT", "WEB_PORT")
"""The ports `make serve` listens on: Rasa, the action server and the web page."""


def serve_ports(servers: int = 1) -> list[dict[str, int]]:
    """Free ports for `servers` copies of `make serve`, every one different from every other."""
    ports = free_ports(len(SERVE_PORTS) * servers)
    return [
        dict(zip(SERVE_PORTS, ports[i : i + len(SERVE_PORTS)], strict=True))
        for i in range(0, len(ports), len(SERVE_PORTS))
    ]


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """`make train` (quick when the model is up to date), one worker at a time."""
    MODEL.parent.mkdir(exist_ok=True)
    with (MODEL.parent / ".train.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        subprocess.run(
            ["make", "-s", "train"], cwd=ROOT, check=True, env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
        )
    return MODEL


SHARED_BY = ("served", "agent")
"""The session fixtures that load the model, in the order their groups start: `make serve` takes longest."""


def worker_group(item: pytest.Item) -> str | None:
    """Which worker group a test joins under `pytest -n 2 --dist loadgroup` (make test): every test of the shared
    `make serve`, or of the shared Agent, on one worker, so each is started once; other Rasa tests by module (their
    module fixtures start servers); the rest anywhere."""
    fixtures = getattr(item, "fixturenames", ())
    shared = next((name for name in SHARED_BY if name in fixtures), None)
    if shared is not None:
        return shared
    if item.get_closest_marker("rasa") is not None:
        return item.nodeid.split("::")[0]
    return None


def _loop_scope(item: pytest.Item) -> str | None:
    """The event loop an async test runs on; None for a test that is not async."""
    marker = item.get_closest_marker("asyncio")
    if marker is None:
        return None
    return str(marker.kwargs.get("loop_scope", "function"))


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that load the model start first, `make serve`'s before the Agent's, so the two workers load them at
    once; tests that restart the shared `make serve` go last among its own (the sort is stable), so every other
    test sees it started once: one Telegram webhook set, whole logs."""

    def order(item: pytest.Item) -> tuple[int, bool]:
        group = worker_group(item)
        rank = SHARED_BY.index(group) if group in SHARED_BY else len(SHARED_BY) + (group is None)
        return rank, item.get_closest_marker("restarts_served") is not None

    on_own_loop = [item.nodeid for item in items if _loop_scope(item) not in (None, "session")]
    if on_own_loop:
        raise pytest.UsageError(f"mark these asyncio(loop_scope='session') (see event_loop_policy): {on_own_loop}")
    items.sort(key=order)
    for item in items:
        group = worker_group(item)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session")
def action_server_url() -> Iterator[str]:
    """The rasa-sdk action server on its own thread and event loop, as it would be in its own process."""
    from rasa_sdk.endpoint import create_app

    port = free_port()
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        app = create_app("actions")
        server = loop.run_until_complete(
            app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False)
        )
        assert server is not None
        loop.run_until_complete(server.startup())
        loop.run_until_complete(server.after_start())
        ready.set()
        loop.run_forever()
        server.close()

    thread = threading.Thread(target=serve, name="action-server", daemon=True)
    thread.start()
    assert ready.wait(timeout=60), "the action server did not start"
    yield f"http://127.0.0.1:{port}/webhook"
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=10)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def agent(trained_model: Path, action_server_url: str) -> Any:
    """The one in-process Agent; a test that needs other stores or another action server derives one from it
    (tests.conversation.helpers.agent_with) instead of loading the model again."""
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    from bot.rasa_patches import install

    install()  # as our tracker store and channels do in the servers

    endpoint = EndpointConfig(url=action_server_url, enable_selective_domain=True)  # as in endpoints.yml
    return Agent.load(str(trained_model), action_endpoint=endpoint)


@pytest.fixture(scope="session")
def fake_bot_api() -> Iterator[FakeBotApi]:
    from tests.channels.fake_bot_api import FakeBotApi
    from tests.serving import TELEGRAM_TOKEN

    api = FakeBotApi(TELEGRAM_TOKEN)
    api.start()
    yield api
    api.stop()


@pytest.fixture(scope="session")
def served(trained_model: Path, fake_bot_api: FakeBotApi, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The one `make serve` (Rasa, action server, web page), started at the first test that asks for it."""
    from tests.serving import Served

    stack = Served(trained_model, tmp_path_factory.mktemp("serve"), fake_bot_api)
    stack.start()
    yield stack
    stack.stop()


@pytest.fixture(scope="session")
def matcher(knowledge: KnowledgeBase) -> FindingMatcher:
    """The finding matcher built once per session on the locally built spaCy pipeline (no Rasa needed)."""
    import spacy

    ensure_built()
    return FindingMatcher(spacy.load(Path(PIPELINE_DIR)), load_lexicon(knowledge))
