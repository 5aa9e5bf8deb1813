"""Turns a response written for the web page (light Markdown) into Telegram MarkdownV2 that cannot break.

Telegram rejects a whole message when one of `_*[]()~`>#+-=|{}.!` is left unescaped in MarkdownV2, and a
plain-text message shows `**` literally. Everything is escaped except the one emphasis our responses use,
`**bold**`; long texts are split at paragraph breaks under Telegram's 4,096-character limit.
"""

from __future__ import annotations

import re

MARKDOWN_V2_SPECIAL = re.compile(r"([_*\[\]()~`>#+\-=|{}.!\\])")
BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
TELEGRAM_MESSAGE_LIMIT = 4096


def escape_markdown_v2(text: str) -> str:
    """Every MarkdownV2 special character preceded by a backslash, so Telegram shows it as typed."""
    return MARKDOWN_V2_SPECIAL.sub(r"\\\1", text)


def to_markdown_v2(text: str) -> str:
    """`**bold**` becomes Telegram's `*bold*`; everything else is shown literally."""
    parts: list[str] = []
    position = 0
    for match in BOLD.finditer(text):
        parts.append(escape_markdown_v2(text[position : match.start()]))
        parts.append(f"*{escape_markdown_v2(match.group(1))}*")
        position = match.end()
    parts.append(escape_markdown_v2(text[position:]))
    return "".join(parts)


def split_message(text: str, limit: int = TELEGRAM_MESSAGE_LIMIT) -> list[str]:
    """Paragraph-aligned chunks each at most `limit` characters (a paragraph longer than that is cut)."""
    chunks: list[str] = []
    current = ""
    for paragraph in text.split("\n\n"):
        candidate = f"{current}\n\n{paragraph}" if current else paragraph
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
        pieces = [paragraph[start : start + limit] for start in range(0, len(paragraph), limit)]
        chunks.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        chunks.append(current)
    return chunks
