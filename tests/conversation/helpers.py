"""Reading replies the way a person reads them."""

from __future__ import annotations

from typing import Any


def texts(replies: list[dict[str, Any]]) -> str:
    return "\n".join(reply.get("text") or "" for reply in replies)
