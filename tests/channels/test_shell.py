"""The README's chat command, `scripts/chat.sh` (what `make chat` runs), driven through a pseudo-terminal: no
deprecation warning before the bot is loaded, a typed message, a button picked from the menu, and Ctrl-C at the
menu ending the shell and its action server."""

from __future__ import annotations

import os
import re
import socket
from pathlib import Path

import pexpect
import pytest

from tests.conftest import ROOT, free_ports

pytestmark = pytest.mark.rasa

START_TIMEOUT_S = 300
REPLY_TIMEOUT_S = 60
DEPRECATION = re.compile(r"\w*(Deprecation|MovedIn20)Warning")


def test_a_short_exchange_in_the_rasa_shell(trained_model: Path) -> None:
    action_port, rasa_port = free_ports(2)
    env = {
        **os.environ,
        "ACTION_PORT": str(action_port),
        "RASA_PORT": str(rasa_port),
        "RASA_TELEMETRY_ENABLED": "false",
        "EMERGENCY_NUMBER": "999",
        "TERM": "xterm",
    }
    shell = pexpect.spawn(
        "bash",
        ["scripts/chat.sh"],
        cwd=str(ROOT),
        env=env,
        encoding="utf-8",
        timeout=REPLY_TIMEOUT_S,
        dimensions=(40, 160),
    )
    try:
        shell.expect("Bot loaded", timeout=START_TIMEOUT_S)
        assert not DEPRECATION.search(shell.before), f"deprecation warnings before the bot loaded:\n{shell.before}"
        shell.expect("Your input ->")
        shell.sendline("hi")
        shell.expect("not a diagnosis")
        shell.expect("None of these")
        shell.send("\r")  # the buttons are a menu; Enter picks the first answer, the first warning sign
        shell.expect("today")  # which is escalated at once
        shell.expect("cramps come at night")  # and the questions go on
        shell.sendcontrol("c")
        shell.expect(pexpect.EOF, timeout=REPLY_TIMEOUT_S)
    finally:
        shell.close(force=True)
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", action_port)) != 0, "the action server stopped with the shell"
