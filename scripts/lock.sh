#!/usr/bin/env bash
# Regenerate requirements.lock from requirements.in with versions no newer than Rasa 3.6.21's era, so the
# resolver cannot pull transitive packages years newer than Rasa was tested with.
set -euo pipefail
cd "$(dirname "$0")/.."
cutoff="${LOCK_CUTOFF:-2025-02-01}"
tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools/venv"
"$tools/venv/bin/pip" install --quiet -r requirements-uv.txt
"$tools/venv/bin/uv" pip compile requirements.in --python-version 3.10 \
  --python-platform x86_64-unknown-linux-gnu --exclude-newer "$cutoff" \
  --custom-compile-command "make lock" -o requirements.lock
