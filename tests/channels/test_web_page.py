"""The chat page in headless Chromium (Debian's, never a downloaded one) on a phone-sized screen: the
disclaimer, a typed message, a pressed button, and a reload that keeps the conversation going."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import ROOT
from tests.serving import Served

pytestmark = pytest.mark.rasa

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
SCREENSHOT = ROOT / "reports" / "screenshots" / "web-page-phone.png"
WAIT_MS = 30_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        pytest.skip("Debian's chromium is not installed (make test installs it where apt-get is available)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def bot_says(page: Page, text: str) -> None:
    """Waits for a bot message containing `text` (typing dots are a .rw-response without .rw-markdown)."""
    page.locator(".rw-response .rw-markdown", has_text=text).last.wait_for(timeout=WAIT_MS)


def test_a_conversation_in_the_browser_survives_a_reload(served: Served, browser: Browser) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    requested_hosts: set[str] = set()
    page.on("request", lambda request: requested_hosts.add(urlsplit(request.url).netloc))
    page.goto(served.page_url)

    disclaimer = page.locator(".disclaimer").inner_text()
    assert "not a diagnosis" in disclaimer
    assert "999" in disclaimer, "the configured emergency number, before anyone types"

    bot_says(page, "not a diagnosis")
    bot_says(page, "safety check")
    assert page.locator(".rw-reply").all_inner_texts()[-2:] == ["None of these", "Not sure"]

    page.locator(".rw-new-message").fill("I get bad cramps in my calves at night")
    page.keyboard.press("Enter")
    bot_says(page, "Here is what I took from that")
    page.locator(".rw-reply", has_text="None of these").last.click()
    bot_says(page, "veins")
    page.locator(".rw-reply", has_text="Yes").click()
    bot_says(page, "water tablets")

    page.reload()
    bot_says(page, "water tablets")
    page.locator(".rw-new-message").fill("no I don't take any")
    page.keyboard.press("Enter")
    bot_says(page, "drink")

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "nothing sticks out sideways on a phone"
    box = page.locator(".rw-new-message").bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= PHONE["height"], "the input stays on screen; the messages scroll"
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    context.close()

    rasa_host = urlsplit(served.rasa_url).netloc
    assert requested_hosts <= {f"localhost:{served.web_port}", rasa_host}, "no third party hears of the chat"


@pytest.mark.parametrize(("origin", "allowed"), [("page", True), ("http://evil.example", False)])
def test_only_the_pages_origin_may_open_a_socket(served: Served, origin: str, allowed: bool) -> None:
    sent_origin = served.page_url.rstrip("/") if origin == "page" else origin
    answer = requests.get(
        f"{served.rasa_url}/socket.io/?EIO=4&transport=polling", headers={"Origin": sent_origin}, timeout=10
    )
    if allowed:
        assert answer.status_code == 200
        assert answer.headers.get("Access-Control-Allow-Origin") == sent_origin
    else:
        assert answer.status_code == 400
        assert "Access-Control-Allow-Origin" not in answer.headers


def test_the_page_forbids_scripts_from_anywhere_else(served: Served) -> None:
    answer = requests.get(served.page_url, timeout=10)
    policy = answer.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert f"connect-src {served.rasa_url}" in policy
    widget = requests.get(served.page_url + "webchat.js", timeout=10).text
    assert "WebChat" in widget
    assert "fonts.googleapis.com/css" not in widget, "the widget's Google Fonts import is removed"


@pytest.mark.restarts_served
def test_markup_is_shown_as_text_and_the_page_reconnects_after_a_restart(served: Served, browser: Browser) -> None:
    """Restarts the shared `make serve` (Ctrl-C, then start on the same ports and files), so it runs last."""
    page = browser.new_context(viewport=PHONE).new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    try:
        page.goto(served.page_url)
        bot_says(page, "safety check")
        replies = page.locator(".rw-response .rw-markdown").count()
        page.locator(".rw-new-message").fill('<img src=x onerror="window.pwned=1"><b>no</b> none of those')
        page.keyboard.press("Enter")
        page.locator(".rw-response .rw-markdown").nth(replies).wait_for(timeout=WAIT_MS)
        assert page.evaluate("window.pwned") is None, "markup in a message never runs"
        assert "<b>no</b>" in page.locator(".rw-client").last.inner_text(), "it is shown as typed"
    finally:
        served.stop()
    confirmed = sum("session_confirm" in line for line in console)
    served.start()
    try:
        # the widget logs "session_confirm" once its socket is back and has rejoined its conversation; the wait
        # starts once the server is up (the socket retries every 5 s at most) and lets the page's events in
        for _ in range(WAIT_MS // 500):
            if sum("session_confirm" in line for line in console) > confirmed:
                break
            page.wait_for_timeout(500)
        else:
            pytest.fail("the page did not rejoin within 30 s of the restart; its console said:\n" + "\n".join(console))
        page.locator(".rw-new-message").fill("I get cramps at night and I can see bulging veins")
        page.keyboard.press("Enter")
        bot_says(page, "bulging or twisted veins you can see")  # said back: the conversation goes on
    finally:
        page.context.close()
