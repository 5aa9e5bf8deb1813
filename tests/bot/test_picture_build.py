"""Set-up renders the drawings to PNG for Telegram: 800 pixels wide on white, drawn, and only when one changed."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from PIL import Image

from bot.core.knowledge_loader import KNOWLEDGE_DIR, load_knowledge
from bot.core.knowledge_types import KnowledgeBase
from bot.serving.pictures import ensure_built, render

WHITE = 250
DARK = 80


def test_a_drawing_renders_as_a_wide_png_with_dark_lines_on_white(knowledge: KnowledgeBase) -> None:
    png = render(knowledge.pictures["legs_raised"].path)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png)).convert("L")
    assert image.size == (800, 600), "the viewBox's proportions, 800 pixels across"
    pixels = list(image.getdata())
    dark = sum(1 for value in pixels if value < DARK) / len(pixels)
    white = sum(1 for value in pixels if value > WHITE) / len(pixels)
    assert 0.02 < dark < 0.3, f"{dark:.1%} of the picture is line: it is drawn, not blank or filled"
    assert white > 0.6, "on a white background"
    corners = [image.getpixel(xy) for xy in ((0, 0), (799, 0), (0, 599), (799, 599))]
    assert min(corners) > WHITE, "no transparent or dark edge"


def test_pngs_are_rendered_once_and_again_only_when_a_drawing_changes(tmp_path: Path) -> None:
    knowledge_dir = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, knowledge_dir)
    target = tmp_path / "pictures"
    knowledge = load_knowledge(knowledge_dir)
    assert ensure_built(knowledge, target)
    assert sorted(path.stem for path in target.glob("*.png")) == sorted(knowledge.pictures)
    assert not ensure_built(knowledge, target), "nothing changed: nothing rendered"

    drawing = knowledge_dir / "pictures" / "legs_raised.svg"
    drawing.write_text(drawing.read_text(encoding="utf-8").replace('r="22"', 'r="30"'), encoding="utf-8")
    before = (target / "legs_raised.png").read_bytes()
    assert ensure_built(knowledge, target), "a changed drawing is rendered again"
    assert (target / "legs_raised.png").read_bytes() != before

    (target / "toes_up_stretch.png").unlink()
    assert ensure_built(knowledge, target), "a lost copy is rendered again"
    assert (target / "toes_up_stretch.png").is_file()
