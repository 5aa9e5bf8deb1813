"""`make serve`: the action server, Rasa (REST, socket.io, Telegram when configured) and the chat page.

Starts each part, waits until Rasa has loaded the model, prints where to chat, and on Ctrl-C (or when one
part dies) stops everything it started. Logs of the two servers go to build/serve/*.log.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import FrameType

from bot.core.engine import Engine
from bot.core.knowledge_loader import KnowledgeError, load_knowledge
from bot.core.settings import SettingsError, load_settings
from bot.serving.serve_settings import (
    ROOT,
    ServeSettings,
    ServeSettingsError,
    environment_with_env_file,
    load_serve_settings,
    rasa_command,
    server_environments,
    write_server_files,
)
from bot.serving.web.server import PageError, PageSettings, start_page_server

START_TIMEOUT_S = 300.0


def _on_terminate(signum: int, _: FrameType | None) -> None:
    """SIGTERM stops everything the way Ctrl-C does."""
    raise KeyboardInterrupt(signal.Signals(signum).name)


def _start(folder: Path, name: str, command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    log = (folder / f"{name}.log").open("wb")
    # our own fixed command line, no shell
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 (http URL we built)
            return bool(answer.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _tail(folder: Path, name: str, lines: int = 15) -> str:
    text = (folder / f"{name}.log").read_text(encoding="utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:])


def _stop(processes: dict[str, subprocess.Popen[bytes]]) -> None:
    for process in processes.values():
        if process.poll() is None:
            process.terminate()
    for process in processes.values():
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _announce(settings: ServeSettings) -> None:
    """Where to chat and what is on, once everything answers."""
    print(f"serve: ready. Chat page: {settings.page_url}", flush=True)
    print(f"serve: REST: POST http://localhost:{settings.rasa_port}/webhooks/rest/webhook", flush=True)
    api = "on, with the RASA_API_TOKEN" if settings.api_token else "off (set RASA_API_TOKEN to turn it on)"
    print(f"serve: Rasa's HTTP API: {api}", flush=True)
    print(f"serve: conversations kept in {settings.store_description}", flush=True)
    if settings.telegram is not None:
        print(f"serve: Telegram webhook: {settings.telegram.webhook_url}", flush=True)
    else:
        print("serve: Telegram off (set TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_URL and TELEGRAM_SECRET to use it)")


def main() -> int:
    env = environment_with_env_file(os.environ)
    try:
        settings = load_serve_settings(env)
        emergency_number = load_settings(environ=env).emergency_number
        engine = Engine(load_knowledge(), emergency_number)
        page = PageSettings(settings.rasa_port, emergency_number, engine.emergency_warning(), settings.socket_url)
        page_server = start_page_server(page, settings.interface, settings.web_port)
    except (ServeSettingsError, SettingsError, KnowledgeError, PageError, OSError) as error:
        print(f"serve: {error}", file=sys.stderr)
        return 2
    credentials_file, endpoints_file = write_server_files(settings, settings.run_folder)
    actions_env, rasa_env = server_environments(settings, env)
    processes: dict[str, subprocess.Popen[bytes]] = {}
    signal.signal(signal.SIGTERM, _on_terminate)
    try:
        if settings.action_url is None:
            processes["actions"] = _start(
                settings.run_folder,
                "actions",
                [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(settings.action_port)],
                actions_env,
            )
        processes["rasa"] = _start(
            settings.run_folder,
            "rasa",
            rasa_command(settings, credentials_file, endpoints_file),
            rasa_env,
        )
        print(f"serve: starting (about 40 s to load the model); logs in {settings.run_folder}/", flush=True)
        deadline = time.monotonic() + START_TIMEOUT_S
        rasa_url = f"http://127.0.0.1:{settings.rasa_port}/"
        actions_url = settings.action_webhook.removesuffix("/webhook") + "/health"
        while not (_ready(rasa_url) and _ready(actions_url)):
            for name, process in processes.items():
                if process.poll() is not None:
                    print(
                        f"serve: the {name} server stopped while starting:\n{_tail(settings.run_folder, name)}",
                        file=sys.stderr,
                    )
                    return 1
            if time.monotonic() > deadline:
                print(
                    f"serve: not ready after {START_TIMEOUT_S:.0f} s; see {settings.run_folder}/rasa.log",
                    file=sys.stderr,
                )
                return 1
            time.sleep(0.5)
        _announce(settings)
        print("serve: Ctrl-C stops everything.", flush=True)
        while True:
            for name, process in processes.items():
                if process.poll() is not None:
                    print(f"serve: the {name} server stopped:\n{_tail(settings.run_folder, name)}", file=sys.stderr)
                    return 1
            time.sleep(1)
    except KeyboardInterrupt:
        print("serve: stopping", flush=True)
        return 0
    finally:
        _stop(processes)
        page_server.shutdown()


if __name__ == "__main__":
    sys.exit(main())
