"""What `make serve` starts, read from environment variables (and `.env`), checked before anything starts.

Secrets such as the Telegram token only ever come from the environment; the Rasa credentials and endpoints
files the server needs are written from these settings into build/serve/ at each start.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
MIN_API_TOKEN_CHARS = 24
ENV_LINE = re.compile(r"\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*")


class ServeSettingsError(Exception):
    """A serving setting is missing or invalid; the message names the variable."""


@dataclass(frozen=True)
class TelegramSettings:
    token: str
    webhook_url: str
    secret: str
    api_base_url: str | None


@dataclass(frozen=True)
class ServeSettings:
    interface: str
    rasa_port: int
    action_port: int
    web_port: int
    web_origins: tuple[str, ...]
    socket_url: str | None
    model: Path
    run_folder: Path
    tracker_db: Path
    api_token: str | None
    telegram: TelegramSettings | None

    @property
    def page_url(self) -> str:
        loopback_or_any = ("127.0.0.1", "0.0.0.0", "::", "::1")  # noqa: S104 (names, not a binding)
        host = "localhost" if self.interface in loopback_or_any else self.interface
        return f"http://{host}:{self.web_port}/"


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines of a .env file (quotes stripped, comments and blank lines skipped)."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = ENV_LINE.fullmatch(line)
        if match is None:
            raise ServeSettingsError(f"{path} line {number} should be KEY=value")
        value = match.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[match.group(1)] = value
    return values


def environment_with_env_file(environ: Mapping[str, str], path: Path = ROOT / ".env") -> dict[str, str]:
    """The process environment over the .env file: a variable set in the shell wins."""
    return {**read_env_file(path), **environ}


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, str(default)).strip()
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise ServeSettingsError(f"{name} should be a port number from 1 to 65535, got {raw!r}")
    return int(raw)


def _telegram(env: Mapping[str, str]) -> TelegramSettings | None:
    token = env.get("TELEGRAM_TOKEN", "").strip()
    if not token:
        return None
    missing = [name for name in ("TELEGRAM_WEBHOOK_URL", "TELEGRAM_SECRET") if not env.get(name, "").strip()]
    if missing:
        raise ServeSettingsError(f"TELEGRAM_TOKEN is set, so {' and '.join(missing)} must be set too (.env.example)")
    return TelegramSettings(
        token=token,
        webhook_url=env["TELEGRAM_WEBHOOK_URL"].strip(),
        secret=env["TELEGRAM_SECRET"].strip(),
        api_base_url=env.get("TELEGRAM_API_URL", "").strip() or None,
    )


def _api_token(env: Mapping[str, str]) -> str | None:
    token = env.get("RASA_API_TOKEN", "").strip()
    if token and len(token) < MIN_API_TOKEN_CHARS:
        raise ServeSettingsError(
            f"RASA_API_TOKEN should be at least {MIN_API_TOKEN_CHARS} characters (openssl rand -hex 32)"
        )
    return token or None


def load_serve_settings(env: Mapping[str, str]) -> ServeSettings:
    """Validated settings; raises `ServeSettingsError` naming the first bad variable."""
    rasa_port, action_port, web_port = (
        _port(env, "RASA_PORT", 5005),
        _port(env, "ACTION_PORT", 5055),
        _port(env, "WEB_PORT", 8080),
    )
    if len({rasa_port, action_port, web_port}) != 3:
        raise ServeSettingsError("RASA_PORT, ACTION_PORT and WEB_PORT should be three different ports")
    default_origins = f"http://localhost:{web_port},http://127.0.0.1:{web_port}"
    origins = tuple(origin.strip().rstrip("/") for origin in env.get("WEB_ORIGINS", default_origins).split(","))
    for origin in origins:
        if not re.fullmatch(r"https?://[^/\s]+", origin):
            raise ServeSettingsError(f"WEB_ORIGINS should list page origins like http://localhost:8080, got {origin!r}")
    model = Path(env.get("MODEL", str(ROOT / "models" / "legs.tar.gz")))
    if not model.is_file():
        raise ServeSettingsError(f"the trained model {model} is missing: run `make train`")
    return ServeSettings(
        interface=env.get("SERVE_INTERFACE", "127.0.0.1").strip(),
        rasa_port=rasa_port,
        action_port=action_port,
        web_port=web_port,
        web_origins=origins,
        socket_url=env.get("WEB_SOCKET_URL", "").strip() or None,
        model=model,
        run_folder=Path(env.get("SERVE_RUN_DIR", str(ROOT / "build" / "serve"))),
        tracker_db=Path(env.get("TRACKER_DB", str(ROOT / "build" / "conversations.db"))),
        api_token=_api_token(env),
        telegram=_telegram(env),
    )


def credentials(settings: ServeSettings) -> dict[str, object]:
    """Rasa's credentials: our REST, socket.io (for the page) and, when set, Telegram connectors."""
    channels: dict[str, object] = {
        "bot.channels.rest.CheckedRestInput": None,
        "bot.channels.socketio.WebChatInput": {
            "user_message_evt": "user_uttered",
            "bot_message_evt": "bot_uttered",
            "session_persistence": True,
            "cors_allowed_origins": list(settings.web_origins),
        },
    }
    if settings.telegram is not None:
        channels["bot.channels.telegram.TelegramInput"] = {
            "access_token": settings.telegram.token,
            "webhook_url": settings.telegram.webhook_url,
            "secret_token": settings.telegram.secret,
            "api_base_url": settings.telegram.api_base_url,
        }
    return channels


def endpoints(settings: ServeSettings, base: Path = ROOT / "endpoints.yml") -> dict[str, object]:
    """The project's endpoints.yml with the action server on the configured port and the configured database."""
    data = yaml.safe_load(base.read_text(encoding="utf-8")) or {}
    data["action_endpoint"] = {
        **data.get("action_endpoint", {}),
        "url": f"http://localhost:{settings.action_port}/webhook",
    }
    data["tracker_store"] = {**data.get("tracker_store", {}), "db": str(settings.tracker_db)}
    return dict(data)


def write_server_files(settings: ServeSettings, folder: Path) -> tuple[Path, Path]:
    """credentials.yml (may hold the Telegram token) and the conversation database are the owner's only."""
    folder.mkdir(parents=True, exist_ok=True)
    settings.tracker_db.parent.mkdir(parents=True, exist_ok=True)
    settings.tracker_db.touch(mode=0o600, exist_ok=True)
    credentials_file, endpoints_file = folder / "credentials.yml", folder / "endpoints.yml"
    credentials_file.touch(mode=0o600, exist_ok=True)
    os.chmod(credentials_file, 0o600)
    credentials_file.write_text(yaml.safe_dump(credentials(settings), sort_keys=False), encoding="utf-8")
    endpoints_file.write_text(yaml.safe_dump(endpoints(settings), sort_keys=False), encoding="utf-8")
    return credentials_file, endpoints_file


def rasa_command(settings: ServeSettings, credentials_file: Path, endpoints_file: Path) -> list[str]:
    """`rasa run` with our fixes; Rasa's HTTP API only when a token is set, and then only with that token."""
    command = [
        sys.executable, "-m", "bot.rasa_cli", "run",
        "--model", str(settings.model),
        "--credentials", str(credentials_file),
        "--endpoints", str(endpoints_file),
        "--interface", settings.interface,
        "--port", str(settings.rasa_port),
    ]  # fmt: skip
    if settings.api_token:
        command += ["--enable-api", "--auth-token", settings.api_token]
    return command
