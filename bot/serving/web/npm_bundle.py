"""Fetches one pinned file from an npm package at set-up (npm registry, checked against its integrity hash).

The page needs socket.io's browser client (`socketio_client.json`); the accessibility test uses the same fetch
for axe-core. Nothing is loaded from a CDN at run time.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from bot.serving.web.server import SOCKETIO_CLIENT, WEB_DIR

PIN_FILE = WEB_DIR / "socketio_client.json"


class BundleError(Exception):
    """The file could not be fetched or did not match its pin."""


def integrity_of(archive: Path) -> str:
    """npm's integrity string (sha512, base64) for a downloaded tarball."""
    return "sha512-" + base64.b64encode(hashlib.sha512(archive.read_bytes()).digest()).decode("ascii")


def fetch(pin: dict[str, str], destination: Path) -> None:
    """npm pack the pinned version, verify it, and write its `bundle` file to `destination`."""
    npm = shutil.which("npm")
    if npm is None:
        raise BundleError(f"npm is needed once to fetch {pin['package']}: install Node.js and npm, then `make setup`")
    with tempfile.TemporaryDirectory() as folder:
        spec = f"{pin['package']}@{pin['version']}"
        done = subprocess.run(  # noqa: S603 (npm with our pinned package name, no shell)
            [npm, "pack", spec, "--pack-destination", folder, "--silent"], capture_output=True, text=True, check=False
        )
        archives = list(Path(folder).glob("*.tgz"))
        if done.returncode != 0 or len(archives) != 1:
            raise BundleError(f"npm could not fetch {spec}: {done.stderr.strip()[-300:]}")
        if integrity_of(archives[0]) != pin["integrity"]:
            raise BundleError(f"{spec} from the registry does not match its pinned integrity")
        with tarfile.open(archives[0]) as archive:
            member = archive.extractfile(pin["bundle"])
            if member is None:
                raise BundleError(f"{spec} has no {pin['bundle']}")
            content = member.read()
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(content)
    destination.with_suffix(".integrity").write_text(pin["integrity"], encoding="utf-8")


def fetched(pin: dict[str, str], destination: Path) -> bool:
    """Whether `destination` already holds the pinned version."""
    stamp = destination.with_suffix(".integrity")
    return destination.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == pin["integrity"]


def main() -> int:
    pin = json.loads(PIN_FILE.read_text(encoding="utf-8"))
    if fetched(pin, SOCKETIO_CLIENT):
        return 0
    try:
        fetch(pin, SOCKETIO_CLIENT)
    except BundleError as error:
        print(f"setup: {error}", file=sys.stderr)
        return 1
    print(f"setup: {pin['package']} {pin['version']} ready at {SOCKETIO_CLIENT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
