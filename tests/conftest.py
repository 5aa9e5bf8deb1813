"""Shared fixtures: the knowledge base is loaded once per session and the engine reuses it; the model is
trained (by `make train`, only when its inputs changed) once per session for every test that needs it."""

from __future__ import annotations

import os
import socket
import subprocess
from contextlib import ExitStack
from datetime import date
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.core.knowledge_loader import load_knowledge
from bot.core.knowledge_types import KnowledgeBase
from bot.language.lexicon import load_lexicon
from bot.language.message_guard import LanguageCheck

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "legs.tar.gz"
TEST_EMERGENCY_NUMBER = "999"
TODAY = date(2026, 11, 25)


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
    subprocess.run(["make", "-s", "train"], cwd=ROOT, check=True, env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"})
    return MODEL
