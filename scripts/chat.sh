#!/usr/bin/env bash
# Starts the action server, opens `rasa shell` on the trained model, and stops the action server on exit.
# The shell runs through bot.serving.rasa_cli (Rasa's own command line), which keeps the libraries' start-up
# deprecation warnings off the terminal; plain `rasa shell` works the same otherwise.
# ACTION_PORT (default 5055) and RASA_PORT (default 5005) move them when those ports are taken.
set -euo pipefail
cd "$(dirname "$0")/.."
action_port="${ACTION_PORT:-5055}"
log="$(mktemp -t legs-actions.XXXXXX.log)"
endpoints="$(mktemp -t legs-endpoints.XXXXXX.yml)"
sed "s#localhost:5055#localhost:${action_port}#" endpoints.yml >"$endpoints"
.venv/bin/python -m rasa_sdk --actions actions --port "$action_port" >"$log" 2>&1 &
actions_pid=$!
trap 'kill "$actions_pid" 2>/dev/null; wait "$actions_pid" 2>/dev/null; rm -f "$log" "$endpoints"' EXIT
for _ in $(seq 1 120); do
  if .venv/bin/python -c "import urllib.request as u; u.urlopen('http://localhost:${action_port}/health', timeout=1)" 2>/dev/null; then break; fi
  if ! kill -0 "$actions_pid" 2>/dev/null; then
    echo "chat: the action server did not start:" >&2
    tail -n 5 "$log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "chat: starting the assistant (about 40 s to load). Buttons show as a menu: arrow keys, Enter; pick \"Type out your own message...\" to write freely. Type /stop to end."
.venv/bin/python -m bot.serving.rasa_cli shell --model models/legs.tar.gz --endpoints "$endpoints" --port "${RASA_PORT:-5005}" --quiet
