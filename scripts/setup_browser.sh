#!/usr/bin/env bash
# Installs Debian's chromium for the web page's browser test (the test never downloads a browser itself).
# Where there is no apt-get or no root, it says so and the browser test is skipped with the same reason.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: no chromium and no apt-get: the browser test will be skipped (install chromium to run it)" >&2
  exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; else
    echo "setup: chromium is not installed and installing it needs root: the browser test will be skipped" >&2
    exit 0
  fi
fi
echo "setup: installing Debian's chromium for the browser test (once)"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
