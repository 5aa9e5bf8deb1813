"""Plain `rasa run` and `rasa run actions` with the project's own endpoints.yml and credentials.yml, as Rasa's docs,
its Docker image and its helm chart start a bot: no launcher of ours, no PYTHONPATH. One server per test session.

Only the ports and the conversations file differ from the project's endpoints.yml (a copy in a temporary folder).
"""

from __future__ import annotations

import os
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, TEST_EMERGENCY_NUMBER, free_ports

RASA = str(ROOT / ".venv" / "bin" / "rasa")
START_TIMEOUT_S = 300


def _wait_until_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, OSError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"{url} did not start:\n{log.read_text(encoding='utf-8', errors='replace')[-3000:]}")
            time.sleep(0.5)


@dataclass
class PlainRasa:
    """The running servers: Rasa's URL, the SQLite conversations file, and the action server (stoppable)."""

    url: str
    database: Path
    action_port: int
    folder: Path
    env: dict[str, str]
    actions: subprocess.Popen[bytes] | None = field(default=None)

    def start_actions(self) -> None:
        log = self.folder / "actions.log"
        with log.open("ab") as sink:
            self.actions = subprocess.Popen(
                [RASA, "run", "actions", "--port", str(self.action_port)],
                cwd=ROOT,
                env=self.env,
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        _wait_until_ready(f"http://127.0.0.1:{self.action_port}/health", self.actions, log)

    def stop_actions(self) -> None:
        if self.actions is not None and self.actions.poll() is None:
            self.actions.terminate()
            self.actions.wait(timeout=30)


@pytest.fixture(scope="session")
def plain_rasa(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PlainRasa]:
    folder = tmp_path_factory.mktemp("plain-rasa")
    rasa_port, action_port = free_ports(2)
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints["action_endpoint"]["url"] = f"http://localhost:{action_port}/webhook"
    endpoints["tracker_store"]["db"] = str(folder / "conversations.db")
    (folder / "endpoints.yml").write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    env = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    env |= {"RASA_TELEMETRY_ENABLED": "false", "EMERGENCY_NUMBER": TEST_EMERGENCY_NUMBER}
    servers = PlainRasa(f"http://127.0.0.1:{rasa_port}", folder / "conversations.db", action_port, folder, env)
    servers.start_actions()
    log = folder / "rasa.log"
    command = [RASA, "run", "--enable-api", "-m", str(trained_model), "--endpoints", str(folder / "endpoints.yml")]
    command += ["--credentials", "credentials.yml", "--interface", "127.0.0.1", "--port", str(rasa_port)]
    with log.open("ab") as sink:
        rasa = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)
    try:
        _wait_until_ready(f"{servers.url}/webhooks/rest/", rasa, log)
        yield servers
    finally:
        rasa.terminate()
        rasa.wait(timeout=60)
        servers.stop_actions()
