#!/usr/bin/env bash
# Installs Debian packages a test needs that are not in the venv (tests never download them themselves).
# Usage: install_debian_packages.sh "<what needs them>" PACKAGE...
# Where there is no apt-get or no root, it says so and the tests that need them skip with the same reason.
set -euo pipefail
purpose=$1
shift
missing=()
for package in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} = 0 ]; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: ${missing[*]} missing and no apt-get: $purpose will be skipped (install them to run it)" >&2
  exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; else
    echo "setup: installing ${missing[*]} needs root: $purpose will be skipped" >&2
    exit 0
  fi
fi
echo "setup: installing Debian's ${missing[*]} for $purpose (once)"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
