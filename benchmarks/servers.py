"""Starts a Rasa server (and optionally our action server) for a benchmark and measures what it costs.

Start-up is timed from launch to the first answer on `/`; peak memory is the kernel's high-water mark of each
process's resident set (VmHWM in /proc/<pid>/status), read just before the process is stopped.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.serving.serve_settings import tracker_store_endpoint

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory in MB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def wait_until_ready(url: str, process: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"bench: {url} did not start (exit {process.returncode})")
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310 - a local URL we built
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"bench: {url} not ready after {seconds:.0f} s")


def start_action_server(
    port: int, env: dict[str, str] | None = None, cwd: Path = ROOT, sink: Any = subprocess.DEVNULL
) -> subprocess.Popen[bytes]:
    """Our rasa-sdk action server on `port`, returned once it answers its health check."""
    process = subprocess.Popen(  # noqa: S603 - our own venv
        [PYTHON, "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)],
        cwd=cwd,
        env=env,
        stdout=sink,
        stderr=sink,
    )
    wait_until_ready(f"http://127.0.0.1:{port}/health", process, 120)
    return process


@dataclass
class BotServers:
    """One bot's servers: `rasa run` on `model` in `project`, plus the action server when `actions` is set.

    Without `tracker_db` conversations are kept in memory (Rasa's default, as the starter bot has them); with it,
    in our default SQLite store.
    """

    project: Path
    model: Path
    rasa_command: list[str]
    env: dict[str, str]
    actions: bool
    log: Path
    tracker_db: Path | None = None
    port: int = field(default_factory=free_port)
    action_port: int = field(default_factory=free_port)
    ready_s: float = 0.0
    rasa_peak_mb: float = 0.0
    actions_peak_mb: float | None = None
    _processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def __enter__(self) -> BotServers:
        sink = self.log.open("ab")
        command = [*self.rasa_command, "run", "--model", str(self.model), "--port", str(self.port)]
        if self.actions:
            endpoints = self.log.with_suffix(".endpoints.yml")
            config: dict[str, object] = {
                "action_endpoint": {
                    "url": f"http://127.0.0.1:{self.action_port}/webhook",
                    "enable_selective_domain": True,
                }
            }
            if self.tracker_db:
                config["tracker_store"] = tracker_store_endpoint(None, self.tracker_db)
            endpoints.write_text(yaml.safe_dump(config), encoding="utf-8")
            command += ["--endpoints", str(endpoints)]
            self._processes["actions"] = start_action_server(self.action_port, self.env, self.project, sink)
        start = time.monotonic()
        self._processes["rasa"] = subprocess.Popen(  # noqa: S603 - our own venv
            command, cwd=self.project, env=self.env, stdout=sink, stderr=sink
        )
        wait_until_ready(f"http://127.0.0.1:{self.port}/", self._processes["rasa"], 300)
        self.ready_s = time.monotonic() - start
        return self

    def __exit__(self, *_: object) -> None:
        self.rasa_peak_mb = peak_rss_mb(self._processes["rasa"].pid)
        if "actions" in self._processes:
            self.actions_peak_mb = peak_rss_mb(self._processes["actions"].pid)
        for process in self._processes.values():
            process.send_signal(signal.SIGINT)
        for process in self._processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
