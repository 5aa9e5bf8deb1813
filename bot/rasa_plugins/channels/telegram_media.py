"""What the Telegram channel sends besides text: PNG copies of the drawings.

Telegram's sendPhoto takes no SVG, so set-up renders each drawing to `build/pictures/<id>.png`
(`bot/serving/pictures.py`) and the channel uploads those bytes (Telegram cannot fetch from a server on
localhost).
"""

from __future__ import annotations

from pathlib import Path

PICTURE_PNG_DIR = Path(__file__).resolve().parents[3] / "build" / "pictures"


def png_path(picture_id: str, folder: Path = PICTURE_PNG_DIR) -> Path:
    """Where set-up puts the PNG copy of a drawing, and the channel reads it."""
    return folder / f"{picture_id}.png"
