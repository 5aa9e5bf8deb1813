"""`make check`: a broken file a user can cause is one clear line, not a traceback from inside training."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.serving import check


def test_a_story_file_that_cannot_be_read_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "stories.yml"
    broken.write_text("messages:\n- id: x\n  text: one: two: three\n", encoding="utf-8")
    monkeypatch.setattr(check, "story_readers", lambda: [check.StoryReader(broken, "story_like_urgent_ones")])
    assert check.main() == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("error: ")
    assert "stories.yml" in line


def test_the_story_files_are_those_config_names(tmp_path: Path) -> None:
    config = tmp_path / "config.yml"
    steps = "  - name: WhitespaceTokenizer\n  - name: X\n    corpus: a/dev.yml\n    finding: f\n"
    config.write_text(f"pipeline:\n{steps}", encoding="utf-8")
    assert check.story_readers(config) == [check.StoryReader(tmp_path / "a" / "dev.yml", "f")]
