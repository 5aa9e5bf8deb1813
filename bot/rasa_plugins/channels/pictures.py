"""The drawings of the relief steps as the channels send them: the knowledge's records, and their PNG copies.

The web page shows the SVG drawing itself; Telegram's sendPhoto takes no SVG, so set-up renders each drawing to
`build/pictures/<id>.png` (`bot/serving/pictures.py`) and the Telegram channel uploads those bytes (Telegram
cannot fetch from a server on localhost).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from bot.core.knowledge_loader import load_knowledge
from bot.core.knowledge_types import Picture

PICTURE_PNG_DIR = Path(__file__).resolve().parents[3] / "build" / "pictures"


def png_path(picture_id: str, folder: Path = PICTURE_PNG_DIR) -> Path:
    """Where set-up puts the PNG copy of a drawing, and the channel reads it."""
    return folder / f"{picture_id}.png"


@cache
def pictures() -> Mapping[str, Picture]:
    """The drawings of the knowledge base, read once (`make check` validated them before the server started)."""
    return load_knowledge().pictures
