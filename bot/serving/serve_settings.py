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
from urllib.parse import unquote, urlsplit

import yaml

from bot.serving.rasa_cli import TOKEN_VARIABLE

ROOT = Path(__file__).resolve().parents[2]
MIN_API_TOKEN_CHARS = 24
SQL_STORE = "bot.rasa_plugins.stores.sql_tracker_store.LeanSQLTrackerStore"
LOCK_STORE = "bot.rasa_plugins.stores.redis_lock_store.AtomicRedisLockStore"
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
class ProductionStores:
    """PROFILE=production: conversations in PostgreSQL, per-conversation locks in Redis, shared by replicas."""

    tracker_store: dict[str, object]
    lock_store: dict[str, object]


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
    production: ProductionStores | None
    action_url: str | None
    api_token: str | None
    telegram: TelegramSettings | None

    @property
    def store_description(self) -> str:
        """Where conversations go, without passwords."""
        if self.production is None:
            return f"SQLite ({self.tracker_db})"
        pg, redis = self.production.tracker_store, self.production.lock_store
        return f"PostgreSQL ({pg['url']}:{pg['port']}/{pg['db']}), locked in Redis ({redis['url']}:{redis['port']})"

    @property
    def action_webhook(self) -> str:
        """The action server Rasa calls: ACTION_SERVER_URL, else the one `make serve` starts on ACTION_PORT."""
        return self.action_url or f"http://localhost:{self.action_port}/webhook"

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


def _url_parts(
    env: Mapping[str, str], name: str, schemes: tuple[str, ...], example: str
) -> tuple[str, int | None, str, str | None, str | None]:
    """host, port, path (without its slash), user and password of a URL setting, or an error naming it."""
    raw = env.get(name, "").strip()
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        parts, port = urlsplit(""), None
    if parts.scheme not in schemes or not parts.hostname:
        raise ServeSettingsError(f"{name} should be a URL like {example}, got {raw!r}" if raw else f"{name} is not set")
    user, password = (unquote(value) if value else None for value in (parts.username, parts.password))
    return parts.hostname, port, parts.path.lstrip("/"), user, password


def production_stores(env: Mapping[str, str]) -> ProductionStores | None:
    """PROFILE=production's stores from DATABASE_URL and REDIS_URL; None for the embedded SQLite default."""
    profile = env.get("PROFILE", "embedded").strip() or "embedded"
    if profile == "embedded":
        return None
    if profile != "production":
        raise ServeSettingsError(
            f"PROFILE should be embedded (SQLite) or production (PostgreSQL and Redis), got {profile!r}"
        )
    pg_example = "postgresql://legs:password@db.example.org:5432/legs"
    host, port, database, user, password = _url_parts(env, "DATABASE_URL", ("postgresql", "postgres"), pg_example)
    if not database:
        raise ServeSettingsError(f"DATABASE_URL should name the database, like {pg_example}")
    redis_host, redis_port, redis_db, _, redis_password = _url_parts(
        env, "REDIS_URL", ("redis",), "redis://:password@cache.example.org:6379/1"
    )
    if redis_db and not redis_db.isdigit():
        raise ServeSettingsError(f"REDIS_URL should end with a database number like /1, got /{redis_db}")
    tracker_store = {"type": SQL_STORE, "dialect": "postgresql", "url": host, "port": port or 5432, "db": database}
    tracker_store |= {key: value for key, value in (("username", user), ("password", password)) if value}
    lock_store: dict[str, object] = {"type": LOCK_STORE, "url": redis_host, "port": redis_port or 6379}
    lock_store |= {"db": int(redis_db or 1), "key_prefix": "legs"}
    if redis_password:
        lock_store["password"] = redis_password
    return ProductionStores(tracker_store, lock_store)


def _action_url(env: Mapping[str, str]) -> str | None:
    raw = env.get("ACTION_SERVER_URL", "").strip()
    if raw and not re.fullmatch(r"https?://[^/\s]+/webhook", raw):
        raise ServeSettingsError(
            f"ACTION_SERVER_URL should look like http://actions.example.org:5055/webhook, got {raw!r}"
        )
    return raw or None


def _api_token(env: Mapping[str, str]) -> str | None:
    token = env.get(TOKEN_VARIABLE, "").strip()
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
        tracker_db=tracker_db(env),
        production=production_stores(env),
        action_url=_action_url(env),
        api_token=_api_token(env),
        telegram=_telegram(env),
    )


def credentials(settings: ServeSettings) -> dict[str, object]:
    """Rasa's credentials: our REST, socket.io (for the page) and, when set, Telegram connectors."""
    channels: dict[str, object] = {
        "bot.rasa_plugins.channels.rest.CheckedRestInput": None,
        "bot.rasa_plugins.channels.socketio.WebChatInput": {
            "user_message_evt": "user_uttered",
            "bot_message_evt": "bot_uttered",
            "session_persistence": True,
            "cors_allowed_origins": list(settings.web_origins),
        },
    }
    if settings.telegram is not None:
        channels["bot.rasa_plugins.channels.telegram.TelegramInput"] = {
            "access_token": settings.telegram.token,
            "webhook_url": settings.telegram.webhook_url,
            "secret_token": settings.telegram.secret,
            "api_base_url": settings.telegram.api_base_url,
        }
    return channels


def endpoints(settings: ServeSettings, base: Path = ROOT / "endpoints.yml") -> dict[str, object]:
    """The project's endpoints.yml with the configured action server and stores (SQLite, or PostgreSQL + Redis)."""
    data = yaml.safe_load(base.read_text(encoding="utf-8")) or {}
    data["action_endpoint"] = {**data.get("action_endpoint", {}), "url": settings.action_webhook}
    data["tracker_store"] = tracker_store_endpoint(settings.production, settings.tracker_db, base)
    if settings.production is not None:
        data["lock_store"] = settings.production.lock_store
    return dict(data)


def tracker_db(env: Mapping[str, str]) -> Path:
    return Path(env.get("TRACKER_DB", str(ROOT / "build" / "conversations.db")))


def tracker_store_endpoint(
    production: ProductionStores | None, database: Path, base: Path = ROOT / "endpoints.yml"
) -> dict[str, object]:
    """Where conversations are kept: PostgreSQL in production, else endpoints.yml's SQLite store at `database`."""
    if production is not None:
        return production.tracker_store
    data = yaml.safe_load(base.read_text(encoding="utf-8")) or {}
    return {**data.get("tracker_store", {}), "db": str(database)}


def write_server_files(settings: ServeSettings, folder: Path) -> tuple[Path, Path]:
    """credentials.yml (the Telegram token), endpoints.yml (database passwords) and the SQLite conversations
    are the owner's only."""
    folder.mkdir(parents=True, exist_ok=True)
    if settings.production is None:
        settings.tracker_db.parent.mkdir(parents=True, exist_ok=True)
        settings.tracker_db.touch(mode=0o600, exist_ok=True)
    files = {folder / "credentials.yml": credentials(settings), folder / "endpoints.yml": endpoints(settings)}
    for path, content in files.items():
        path.touch(mode=0o600, exist_ok=True)
        os.chmod(path, 0o600)
        path.write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
    credentials_file, endpoints_file = files
    return credentials_file, endpoints_file


def rasa_command(settings: ServeSettings, credentials_file: Path, endpoints_file: Path) -> list[str]:
    """`rasa run`; Rasa's HTTP API only when a token is set, and then only with that token, which `bot.serving.rasa_cli`
    reads from RASA_API_TOKEN in the environment `make serve` gives it (never on the command line, where `ps`
    shows it)."""
    command = [
        sys.executable, "-m", "bot.serving.rasa_cli", "run",
        "--model", str(settings.model),
        "--credentials", str(credentials_file),
        "--endpoints", str(endpoints_file),
        "--interface", settings.interface,
        "--port", str(settings.rasa_port),
    ]  # fmt: skip
    if settings.api_token:
        command.append("--enable-api")
    return command


def server_environments(settings: ServeSettings, env: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """The environments of the action server and of Rasa: only Rasa gets the HTTP API token."""
    actions = {name: value for name, value in env.items() if name != TOKEN_VARIABLE}
    actions |= {"RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(ROOT)}
    return actions, actions | ({TOKEN_VARIABLE: settings.api_token} if settings.api_token else {})
