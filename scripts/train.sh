#!/usr/bin/env bash
# `rasa train` with Rasa's training cache in the user's cache folder instead of the clone's `.rasa/`, so a fresh
# clone whose data and config are unchanged trains in seconds, not minutes. Rasa fingerprints the spaCy pipeline
# by its path only (not its contents), so the cache is kept per spaCy pipeline and package set: a rebuilt
# pipeline or new packages start a new cache, and older ones are removed.
set -euo pipefail
cd "$(dirname "$0")/.."
root="${RASA_CACHE_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/leg-cramp-assistant/rasa}"
key="$(cat build/spacy/en_legs.fingerprint requirements.lock | sha256sum | cut -c1-16)"
mkdir -p "$root/$key"
find "$root" -mindepth 1 -maxdepth 1 ! -name "$key" -exec rm -rf {} +
RASA_CACHE_DIRECTORY="$root/$key" .venv/bin/rasa train --fixed-model-name legs --out models
touch models/legs.tar.gz
