#!/usr/bin/env bash
# One idempotent set-up step: find a Python 3.10 (Rasa 3.6 runs on 3.8 to 3.10 only), create .venv, install
# the exact versions in requirements.lock, build the local spaCy pipeline and the drawings' PNG copies for
# Telegram. Each part is skipped when what it depends on has not changed, so a second run takes a second or two.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {
  local candidate
  for candidate in python3.10 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  local root="${PYENV_ROOT:-}"
  if [ -z "$root" ] && command -v pyenv >/dev/null 2>&1; then root="$(pyenv root)"; fi
  [ -n "$root" ] || root="$HOME/.pyenv"
  candidate="$(ls -d "$root"/versions/3.10.*/bin/python 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    echo "$candidate"
    return 0
  fi
  return 1
}

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
  if ! python="$(find_python)"; then
    echo "setup: no Python 3.10 found (Rasa 3.6 needs it): install python3.10 or 'pyenv install 3.10', then run this again." >&2
    exit 1
  fi
  echo "setup: creating .venv with $python"
  rm -rf .venv
  "$python" -m venv .venv
fi

lock_hash="$(cat requirements-uv.txt requirements.lock | sha256sum | cut -d' ' -f1)"
if [ "$(cat .venv/.lock-hash 2>/dev/null || true)" != "$lock_hash" ]; then
  # uv installs the same pinned versions as pip, in parallel and from its cache (~/.cache/uv): 25 s on a machine
  # that has never seen them (pip: 3 min 20 s), a few seconds afterwards, even in a fresh clone.
  echo "setup: installing the locked packages (under a minute the first time)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-uv.txt
  # --compile-bytecode as pip does: compiled at first import instead, old libraries print invalid-escape warnings
  .venv/bin/uv pip install --quiet --compile-bytecode --python .venv/bin/python -r requirements.lock
  echo "$lock_hash" > .venv/.lock-hash
fi

export RASA_TELEMETRY_ENABLED=false
.venv/bin/python -m bot.language.spacy_pipeline
# Telegram's sendPhoto takes no SVG: PNG copies of the drawings, rendered only when a drawing changed.
.venv/bin/python -m bot.serving.pictures
# The chat page's socket.io browser client (from the npm registry). Only the web page needs it: without npm,
# set-up says so and goes on, and `make chat` still works.
.venv/bin/python -m bot.serving.web.npm_bundle || echo "setup: the web page will not be served until the socket.io client is fetched" >&2
