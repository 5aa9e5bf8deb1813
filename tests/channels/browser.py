"""Driving the chat page in headless Chromium (Debian's, never a downloaded one) the way people use it: by the
names a screen reader announces (the message box's label, the buttons' text), not by our CSS classes."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 800}
WAIT_MS = 30_000


def chromium() -> Iterator[Browser]:
    """The browser for a module's tests (skipped with the reason where Debian's chromium is missing)."""
    if not Path(CHROMIUM).is_file():
        pytest.skip("Debian's chromium is not installed (make test installs it where apt-get is available)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def conversation(page: Page) -> Locator:
    return page.get_by_role("log", name="Conversation")


def bot_says(page: Page, text: str) -> Locator:
    """Waits for a message from the assistant containing `text`; says what the page shows if none comes."""
    message = conversation(page).locator(".message.bot", has_text=text).last
    try:
        message.wait_for(timeout=WAIT_MS)
    except PlaywrightTimeoutError:
        pytest.fail(f"no reply with {text!r}; the page shows:\n{conversation(page).inner_text()}")
    return message


def message_box(page: Page) -> Locator:
    return page.get_by_label("Your message")


def answer(page: Page, title: str) -> Locator:
    """An answer button of the latest question."""
    return page.get_by_role("group", name="Choose an answer").get_by_role("button", name=title, exact=True)


def type_message(page: Page, text: str) -> None:
    message_box(page).fill(text)
    message_box(page).press("Enter")


@contextmanager
def at_first_question(browser: Browser, url: str, **options: Any) -> Iterator[Page]:
    """A page in a context of its own (its own storage, so its own conversation) opened at `url` and waited on up
    to the safety check; the context is closed afterwards."""
    context = browser.new_context(**options)
    try:
        page = context.new_page()
        page.goto(url)
        bot_says(page, "safety check")
        yield page
    finally:
        context.close()
