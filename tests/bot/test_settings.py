"""The emergency number is configuration: the file gives a default, the environment overrides, bad values stop."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.settings import SETTINGS_FILE, SettingsError, load_settings


def test_default_from_the_settings_file() -> None:
    assert load_settings(environ={}).emergency_number == "112"


def test_environment_overrides() -> None:
    assert load_settings(environ={"EMERGENCY_NUMBER": " 999 "}).emergency_number == "999"


@pytest.mark.parametrize("bad", ["", "call 999", "9", "1234567", "+44"])
def test_bad_number_is_one_clear_error(bad: str) -> None:
    with pytest.raises(SettingsError, match="EMERGENCY_NUMBER should be the local emergency number"):
        load_settings(environ={"EMERGENCY_NUMBER": bad})


def test_missing_setting_in_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.yml"
    path.write_text("other: 1\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"emergency_number in .*settings.yml should be"):
        load_settings(path, environ={})


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="cannot be read"):
        load_settings(tmp_path / "missing.yml", environ={})


def test_the_terminal_shows_text_only_unless_told_otherwise() -> None:
    assert load_settings(environ={}).text_only_channels == {"cmdline"}
    assert load_settings(environ={"TEXT_ONLY_CHANNELS": "cmdline, rest"}).text_only_channels == {"cmdline", "rest"}
    assert load_settings(environ={"TEXT_ONLY_CHANNELS": ""}).text_only_channels == set()


def test_a_bad_channel_name_is_one_clear_error() -> None:
    with pytest.raises(SettingsError, match="TEXT_ONLY_CHANNELS should be input channel names separated by commas"):
        load_settings(environ={"TEXT_ONLY_CHANNELS": "rasa shell"})


def test_shipped_file_exists() -> None:
    assert SETTINGS_FILE.is_file()
