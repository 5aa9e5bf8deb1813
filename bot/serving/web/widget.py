"""Fetches the rasa-webchat bundle once at set-up (npm registry, checked against its integrity hash).

The bundle's CSS imports Inter from Google Fonts: offline that request fails, online it tells a third party
who opened a health chat. The import is removed and the page uses the system font instead.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from bot.serving.web.server import WEB_DIR, WIDGET_BUNDLE

PIN_FILE = WEB_DIR / "widget.json"
STAMP = WIDGET_BUNDLE.with_suffix(".integrity")
FONT_IMPORT = re.compile(r"@import url\(https?://fonts\.googleapis\.com[^)]*\);?")


class WidgetError(Exception):
    """The widget could not be fetched or did not match its pin."""


def integrity_of(archive: Path) -> str:
    """npm's integrity string (sha512, base64) for a downloaded tarball."""
    return "sha512-" + base64.b64encode(hashlib.sha512(archive.read_bytes()).digest()).decode("ascii")


def without_remote_fonts(bundle: str) -> str:
    return FONT_IMPORT.sub("", bundle)


def fetch(pin: dict[str, str], destination: Path) -> None:
    """npm pack the pinned version, verify it, and write the font-free bundle to `destination`."""
    npm = shutil.which("npm")
    if npm is None:
        raise WidgetError("npm is needed once to fetch the chat widget: install Node.js and npm, then `make setup`")
    with tempfile.TemporaryDirectory() as folder:
        spec = f"{pin['package']}@{pin['version']}"
        done = subprocess.run(  # noqa: S603 (npm with our pinned package name, no shell)
            [npm, "pack", spec, "--pack-destination", folder, "--silent"], capture_output=True, text=True, check=False
        )
        archives = list(Path(folder).glob("*.tgz"))
        if done.returncode != 0 or len(archives) != 1:
            raise WidgetError(f"npm could not fetch {spec}: {done.stderr.strip()[-300:]}")
        if integrity_of(archives[0]) != pin["integrity"]:
            raise WidgetError(f"{spec} from the registry does not match the integrity pinned in {PIN_FILE}")
        with tarfile.open(archives[0]) as archive:
            member = archive.extractfile(pin["bundle"])
            if member is None:
                raise WidgetError(f"{spec} has no {pin['bundle']}")
            bundle = member.read().decode("utf-8")
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text(without_remote_fonts(bundle), encoding="utf-8")


def main() -> int:
    pin = json.loads(PIN_FILE.read_text(encoding="utf-8"))
    if WIDGET_BUNDLE.is_file() and STAMP.is_file() and STAMP.read_text(encoding="utf-8") == pin["integrity"]:
        return 0
    try:
        fetch(pin, WIDGET_BUNDLE)
    except WidgetError as error:
        print(f"setup: {error}", file=sys.stderr)
        return 1
    STAMP.write_text(pin["integrity"], encoding="utf-8")
    print(f"setup: chat widget {pin['package']} {pin['version']} ready at {WIDGET_BUNDLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
