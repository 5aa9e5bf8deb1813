"""Behaviour settings from `bot/core/settings.yml`, each overridable by an environment variable.

The emergency number is configuration, never dialogue text: a deployment sets EMERGENCY_NUMBER for its
country. MAX_MESSAGE_CHARS bounds what reaches the NLU pipeline. TEXT_ONLY_CHANNELS names the channels that get
no pictures or documents. A bad value stops start-up with one clear message rather than advising people to call
a wrong number.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

SETTINGS_FILE = Path(__file__).resolve().parent / "settings.yml"
EMERGENCY_NUMBER_PATTERN = re.compile(r"\d{2,6}")
MESSAGE_LIMIT_RANGE = (200, 20000)
CHANNEL_NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]*")


class SettingsError(Exception):
    """A setting is missing or invalid; the message names it and where it came from."""


@dataclass(frozen=True)
class Settings:
    emergency_number: str
    max_message_chars: int
    text_only_channels: frozenset[str]


def load_settings(path: Path = SETTINGS_FILE, environ: dict[str, str] | None = None) -> Settings:
    """Reads the file, applies environment overrides and validates the result."""
    env = os.environ if environ is None else environ
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise SettingsError(f"settings file {path} cannot be read: {error}") from None
    if not isinstance(data, dict):
        raise SettingsError(f"settings file {path} should be a mapping of settings")
    origin, number = _setting("emergency_number", data, path, env)
    if not EMERGENCY_NUMBER_PATTERN.fullmatch(number):
        raise SettingsError(f"{origin} should be the local emergency number, 2 to 6 digits (e.g. 112), got {number!r}")
    origin, limit = _setting("max_message_chars", data, path, env)
    if not limit.isdigit() or not MESSAGE_LIMIT_RANGE[0] <= int(limit) <= MESSAGE_LIMIT_RANGE[1]:
        low, high = MESSAGE_LIMIT_RANGE
        raise SettingsError(f"{origin} should be a number of characters from {low} to {high}, got {limit!r}")
    origin, names = _setting("text_only_channels", data, path, env)
    channels = frozenset(name.strip() for name in names.split(",") if name.strip())
    if not all(CHANNEL_NAME_PATTERN.fullmatch(name) for name in channels):
        raise SettingsError(f"{origin} should be input channel names separated by commas (e.g. cmdline), got {names!r}")
    return Settings(emergency_number=number, max_message_chars=int(limit), text_only_channels=channels)


def _setting(key: str, data: dict[str, object], path: Path, env: Mapping[str, str]) -> tuple[str, str]:
    """Where one setting came from (its environment variable wins over the file) and its value as stripped text (a
    list in the file as its items separated by commas, as the environment variable gives them)."""
    variable = key.upper()
    if variable in env:
        return f"environment variable {variable}", env[variable].strip()
    value = data.get(key)
    if isinstance(value, list):
        value = ",".join(str(item) for item in value)
    return f"{key} in {path}", "" if value is None else str(value).strip()
