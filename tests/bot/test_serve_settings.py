"""`make serve` settings: defaults that work, one clear message per mistake, secrets only in owner-only files."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.serving.rasa_cli import with_api_token
from bot.serving.serve_settings import (
    LOCK_STORE,
    SQL_STORE,
    ServeSettingsError,
    environment_with_env_file,
    load_serve_settings,
    rasa_command,
    read_env_file,
    server_environments,
    write_server_files,
)
from tests.conftest import ROOT

TELEGRAM = {
    "TELEGRAM_TOKEN": "123456:ABC-def",
    "TELEGRAM_WEBHOOK_URL": "https://legs.example.org/webhooks/telegram/webhook",
    "TELEGRAM_SECRET": "s3cret-value",
}

PRODUCTION = {
    "PROFILE": "production",
    "DATABASE_URL": "postgresql://legs:p%40ss@db.example.org:6543/legs",
    "REDIS_URL": "redis://:r3dis@cache.example.org/2",
}


@pytest.fixture
def model(tmp_path: Path) -> str:
    path = tmp_path / "model.tar.gz"
    path.write_bytes(b"model")
    return str(path)


def test_defaults_serve_the_page_on_loopback_without_telegram(model: str) -> None:
    settings = load_serve_settings({"MODEL": model})
    assert (settings.rasa_port, settings.action_port, settings.web_port) == (5005, 5055, 8080)
    assert settings.interface == "127.0.0.1"
    assert settings.web_origins == ("http://localhost:8080", "http://127.0.0.1:8080")
    assert settings.page_url == "http://localhost:8080/"
    assert settings.telegram is None


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"RASA_PORT": "abc"}, "RASA_PORT"),
        ({"WEB_PORT": "70000"}, "WEB_PORT"),
        ({"ACTION_PORT": "5005"}, "three different ports"),
        ({"WEB_ORIGINS": "localhost:8080"}, "WEB_ORIGINS"),
        ({"TELEGRAM_TOKEN": "123456:ABC"}, "TELEGRAM_WEBHOOK_URL and TELEGRAM_SECRET"),
        ({**TELEGRAM, "TELEGRAM_SECRET": " "}, "TELEGRAM_SECRET"),
        ({"MODEL": "/nowhere/model.tar.gz"}, "make train"),
        ({"RASA_API_TOKEN": "short"}, "RASA_API_TOKEN"),
        ({"PROFILE": "prod"}, "PROFILE"),
        ({"PROFILE": "production", **{k: v for k, v in PRODUCTION.items() if k != "DATABASE_URL"}}, "DATABASE_URL"),
        ({**PRODUCTION, "DATABASE_URL": "mysql://db/legs"}, "DATABASE_URL"),
        ({**PRODUCTION, "DATABASE_URL": "postgresql://db.example.org"}, "DATABASE_URL should name the database"),
        ({**PRODUCTION, "REDIS_URL": ""}, "REDIS_URL is not set"),
        ({**PRODUCTION, "REDIS_URL": "redis://cache:port"}, "REDIS_URL"),
        ({**PRODUCTION, "REDIS_URL": "redis://cache/locks"}, "database number"),
        ({"ACTION_SERVER_URL": "actions:5055"}, "ACTION_SERVER_URL"),
    ],
)
def test_each_mistake_names_its_variable(model: str, env: dict[str, str], named: str) -> None:
    with pytest.raises(ServeSettingsError, match=named):
        load_serve_settings({"MODEL": model, **env})


def test_telegram_goes_into_owner_only_credentials(model: str, tmp_path: Path) -> None:
    settings = load_serve_settings({"MODEL": model, "TRACKER_DB": str(tmp_path / "db" / "talks.db"), **TELEGRAM})
    credentials_file, endpoints_file = write_server_files(settings, tmp_path / "run")
    credentials = yaml.safe_load(credentials_file.read_text(encoding="utf-8"))
    assert credentials["bot.rasa_plugins.channels.telegram.TelegramInput"]["secret_token"] == "s3cret-value"
    assert credentials["bot.rasa_plugins.channels.socketio.WebChatInput"]["session_persistence"] is True
    assert stat.S_IMODE(credentials_file.stat().st_mode) == 0o600, "the token is readable by its owner only"
    endpoints = yaml.safe_load(endpoints_file.read_text(encoding="utf-8"))
    assert endpoints["action_endpoint"]["url"] == "http://localhost:5055/webhook"
    assert endpoints["tracker_store"] == {
        "type": SQL_STORE,
        "dialect": "sqlite",
        "db": str(tmp_path / "db" / "talks.db"),
    }
    assert stat.S_IMODE((tmp_path / "db" / "talks.db").stat().st_mode) == 0o600, "conversations are health data"


def test_env_file_is_read_and_the_shell_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text('# comment\n\nexport RASA_PORT=6005\nTELEGRAM_SECRET="quoted value"\nWEB_PORT=9090\n')
    assert read_env_file(env_file) == {"RASA_PORT": "6005", "TELEGRAM_SECRET": "quoted value", "WEB_PORT": "9090"}
    merged = environment_with_env_file({"WEB_PORT": "9191"}, env_file)
    assert merged["WEB_PORT"] == "9191"
    assert merged["RASA_PORT"] == "6005"


def test_a_broken_env_file_line_is_named(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("RASA_PORT=6005\nthis is not a setting\n")
    with pytest.raises(ServeSettingsError, match="line 2"):
        read_env_file(env_file)


def test_serve_with_a_bad_setting_says_one_line_and_starts_nothing() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot.serving.serve"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "RASA_PORT": "not-a-port", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "serve: RASA_PORT should be a port number from 1 to 65535, got 'not-a-port'"
    ]


def test_rasas_http_api_is_off_unless_a_token_is_set(model: str, tmp_path: Path) -> None:
    files = (tmp_path / "credentials.yml", tmp_path / "endpoints.yml")
    assert "--enable-api" not in rasa_command(load_serve_settings({"MODEL": model}), *files)
    env = {"MODEL": model, "RASA_API_TOKEN": "t" * 32}
    settings = load_serve_settings(env)
    command = rasa_command(settings, *files)
    assert command[-1] == "--enable-api"
    assert "t" * 32 not in command, "a command line is visible to every user (ps)"
    actions_env, rasa_env = server_environments(settings, env)
    assert rasa_env["RASA_API_TOKEN"] == "t" * 32
    assert "RASA_API_TOKEN" not in actions_env, "only Rasa needs it"
    assert with_api_token(command[3:], rasa_env)[-2:] == ["--auth-token", "t" * 32], "Rasa reads it in-process"
    assert with_api_token(["run", "--auth-token", "x"], rasa_env) == ["run", "--auth-token", "x"]
    assert with_api_token(["run", "actions"], rasa_env) == ["run", "actions"]


def test_production_profile_keeps_conversations_in_postgresql_locked_in_redis(model: str, tmp_path: Path) -> None:
    settings = load_serve_settings({"MODEL": model, **PRODUCTION})
    _, endpoints_file = write_server_files(settings, tmp_path / "run")
    endpoints = yaml.safe_load(endpoints_file.read_text(encoding="utf-8"))
    assert endpoints["tracker_store"] == {
        "type": SQL_STORE,
        "dialect": "postgresql",
        "url": "db.example.org",
        "port": 6543,
        "db": "legs",
        "username": "legs",
        "password": "p@ss",
    }
    assert endpoints["lock_store"] == {
        "type": LOCK_STORE,
        "url": "cache.example.org",
        "port": 6379,
        "db": 2,
        "key_prefix": "legs",
        "password": "r3dis",
    }
    assert stat.S_IMODE(endpoints_file.stat().st_mode) == 0o600, "the endpoints hold the database passwords"
    assert "p@ss" not in settings.store_description
    assert "r3dis" not in settings.store_description
    assert not (tmp_path / "build").exists()


def test_a_replica_can_use_an_action_server_running_elsewhere(model: str, tmp_path: Path) -> None:
    url = "http://actions.internal:5055/webhook"
    settings = load_serve_settings({"MODEL": model, "ACTION_SERVER_URL": url})
    _, endpoints_file = write_server_files(settings, tmp_path / "run")
    assert yaml.safe_load(endpoints_file.read_text(encoding="utf-8"))["action_endpoint"]["url"] == url
