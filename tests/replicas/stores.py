"""PostgreSQL and Redis from Debian's packages (`make services`), each started for the test session on loopback
with its data in a temporary folder, a password, and stop/start for the outage tests.

PostgreSQL refuses to run as root: when the tests run as root, its commands run as Debian's `postgres` user.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import redis

from tests.conftest import free_port

POSTGRES_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
REDIS_SERVER = shutil.which("redis-server") or "/usr/sbin/redis-server"
USER = "legs"


def missing() -> str | None:
    """Why the services cannot run here, or None."""
    if not POSTGRES_BIN or not Path(REDIS_SERVER).is_file():
        return "Debian's postgresql and redis-server are not installed (make services installs them with apt-get)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser, so PostgreSQL cannot be started"
    return None


def _private_folder(prefix: str) -> Path:
    """A fresh folder under /tmp (pytest's folders are closed to other users, and postgres is one when root)."""
    return Path(tempfile.mkdtemp(prefix=prefix))


@dataclass
class Postgres:
    """One PostgreSQL cluster with a `legs` database owned by a password-protected `legs` role."""

    folder: Path = field(default_factory=lambda: _private_folder("legs-postgres-"))
    port: int = field(default_factory=free_port)
    password: str = field(default_factory=lambda: secrets.token_urlsafe(16))

    @property
    def url(self) -> str:
        return f"postgresql://{USER}:{self.password}@127.0.0.1:{self.port}/{USER}"

    def _run(self, *command: str) -> None:
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        binary = str(POSTGRES_BIN[-1].parent / command[0])
        env = {**os.environ, "PGPASSWORD": self.password}
        subprocess.run([*as_postgres, binary, *command[1:]], check=True, capture_output=True, env=env)

    def create(self) -> None:
        password_file = self.folder / "password"
        password_file.write_text(self.password, encoding="utf-8")
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
            shutil.chown(password_file, "postgres", "postgres")
        self._run(
            "initdb", "-D", str(self.folder / "data"), "-U", USER, "-A", "scram-sha-256", f"--pwfile={password_file}"
        )
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", USER, USER)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl", "-D", str(self.folder / "data"), "-l", str(self.folder / "log"), "-o", options, "-w", "start"
        )

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class Redis:
    """One Redis server that keeps nothing on disk (locks are short-lived) and wants a password."""

    folder: Path = field(default_factory=lambda: _private_folder("legs-redis-"))
    port: int = field(default_factory=free_port)
    password: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://:{self.password}@127.0.0.1:{self.port}/1"

    def start(self) -> None:
        options = {"port": str(self.port), "bind": "127.0.0.1", "save": "", "appendonly": "no"}
        options |= {"dir": str(self.folder), "requirepass": self.password}
        self.process = subprocess.Popen(
            [REDIS_SERVER, *(part for name, value in options.items() for part in (f"--{name}", value))],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = self.client()
        deadline = time.monotonic() + 30
        while True:
            try:
                client.ping()
                return
            except redis.exceptions.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, password=self.password, db=1, socket_timeout=5)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
