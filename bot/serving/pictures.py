"""Renders the drawings to PNG for Telegram (its sendPhoto takes no SVG), at set-up and only when one changed.

resvg-py draws with its own Rust renderer from a wheel, so no system library is needed. The PNGs go where the
Telegram channel reads them; a fingerprint of the drawings, this builder and the renderer's version, kept beside
them like the spaCy pipeline's, makes a second set-up skip the work.
"""

from __future__ import annotations

import hashlib
import sys
from importlib import metadata
from pathlib import Path
from xml.etree import ElementTree

import resvg_py

from bot.core.knowledge_loader import KnowledgeError, load_knowledge
from bot.core.knowledge_types import KnowledgeBase
from bot.rasa_plugins.channels.pictures import PICTURE_PNG_DIR, png_path

WIDTH = 800
"""Pixels across: sharp on a phone, and a line drawing stays a small file."""


def fingerprint(knowledge: KnowledgeBase) -> str:
    """Identifies what the PNGs are made from: each drawing with its id, this builder and resvg-py's version."""
    parts = [Path(__file__).read_bytes(), metadata.version("resvg-py").encode()]
    for picture_id, picture in sorted(knowledge.pictures.items()):
        parts += [picture_id.encode(), picture.path.read_bytes()]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def render(svg: Path, width: int = WIDTH) -> bytes:
    """The drawing as a PNG `width` pixels wide on white, its height kept in proportion to the viewBox.

    The size is set on the drawing itself: resvg-py 0.1.6's own `width` and `zoom` scale the drawing but keep the
    canvas at the viewBox size, which crops it.
    """
    root = ElementTree.parse(svg).getroot()  # noqa: S314 - our own drawings, checked by the knowledge loader
    _, _, view_width, view_height = (float(number) for number in str(root.get("viewBox")).split())
    root.set("width", str(width))
    root.set("height", str(round(width * view_height / view_width)))
    svg_text = ElementTree.tostring(root, encoding="unicode")
    png: object = resvg_py.svg_to_bytes(svg_string=svg_text, background="white", skip_system_fonts=True)
    if not isinstance(png, bytes):  # its type stub says list[bytes]; 0.1.6 returns the PNG's bytes
        raise TypeError(f"resvg-py returned {type(png).__name__}, not the PNG's bytes")
    return png


def ensure_built(knowledge: KnowledgeBase, target: Path = PICTURE_PNG_DIR) -> bool:
    """Renders every drawing unless the PNGs on disk were made from the same ones; returns whether it rendered."""
    stamp = target.with_suffix(".fingerprint")
    wanted = fingerprint(knowledge)
    pngs = [png_path(picture_id, target) for picture_id in knowledge.pictures]
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted and all(png.is_file() for png in pngs):
        return False
    target.mkdir(parents=True, exist_ok=True)
    for stale in target.glob("*.png"):  # a drawing taken out of pictures.yml leaves no copy behind
        stale.unlink()
    for picture_id, picture in knowledge.pictures.items():
        png_path(picture_id, target).write_bytes(render(picture.path))
    stamp.write_text(wanted, encoding="utf-8")
    return True


def main() -> int:
    try:
        knowledge = load_knowledge()
    except KnowledgeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    built = ensure_built(knowledge)
    print(f"setup: pictures for Telegram {'rendered' if built else 'up to date'} in {PICTURE_PNG_DIR}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
