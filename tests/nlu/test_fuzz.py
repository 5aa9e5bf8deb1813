"""Whatever people type, the understanding never fails: the finding matcher and the message guard on arbitrary
text (any Unicode, emoji, control characters, markup) return well-formed results and never raise."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.knowledge_types import KnowledgeBase
from bot.language.message_guard import EMPTY, OTHER_LANGUAGE, TOO_LONG, LanguageCheck, screen

TEXT = st.text(max_size=400) | st.from_regex(r"[a-z ,.!?'<>/]{0,200}", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_the_matcher_reads_any_text(read: Callable[[str], dict[str, str]], knowledge: KnowledgeBase, text: str) -> None:
    for finding, status in read(text).items():
        assert finding in knowledge.findings
        assert status in ("present", "absent", "unknown")


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_the_guard_screens_any_text(language: LanguageCheck, text: str) -> None:
    assert screen(text, 300, language) in (None, EMPTY, TOO_LONG, OTHER_LANGUAGE)
