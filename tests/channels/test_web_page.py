"""The chat page in headless Chromium on a phone-sized screen: the disclaimer, a typed message, a pressed button,
a reload that keeps the conversation going, markup shown as typed, and a restart the page survives."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import requests
from playwright.sync_api import Browser

from tests.channels.browser import PHONE, WAIT_MS, answer, bot_says, chromium, conversation, message_box, type_message
from tests.conftest import ROOT
from tests.serving import Served

pytestmark = pytest.mark.rasa

SCREENSHOT = ROOT / "reports" / "screenshots" / "web-page-phone.png"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium()


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
    assert answer(page, "None of these").is_visible()
    assert answer(page, "Not sure").is_visible()

    type_message(page, "I get bad cramps in my calves at night")
    bot_says(page, "Here is what I took from that")
    answer(page, "None of these").click()
    bot_says(page, "knotted veins")
    answer(page, "Yes").click()
    bot_says(page, "water tablets")
    assert conversation(page).locator(".message.you", has_text="Yes").count() == 1, "the pressed answer is shown"

    page.reload()
    bot_says(page, "water tablets")
    assert answer(page, "No").is_visible(), "the open question's buttons come back after a reload"
    type_message(page, "no I don't take any")
    bot_says(page, "drink")

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "nothing sticks out sideways on a phone"
    box = message_box(page).bounding_box()
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


def test_the_page_forbids_scripts_and_styles_from_anywhere_else(served: Served) -> None:
    answer = requests.get(served.page_url, timeout=10)
    policy = answer.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self';" in policy, "no inline style either"
    assert "unsafe-inline" not in policy
    assert f"connect-src {served.rasa_url}" in policy
    client = requests.get(served.page_url + "socket.io.min.js", timeout=10)
    assert client.status_code == 200
    assert "socket.io" in client.text.lower()


@pytest.mark.restarts_served
def test_markup_is_shown_as_text_and_the_page_reconnects_after_a_restart(served: Served, browser: Browser) -> None:
    """Restarts the shared `make serve` (Ctrl-C, then start on the same ports and files), so it runs last."""
    page = browser.new_context(viewport=PHONE).new_page()
    status = page.get_by_role("status")
    try:
        page.goto(served.page_url)
        bot_says(page, "safety check")
        type_message(page, '<img src=x onerror="window.pwned=1"><b>no</b> none of those')
        bot_says(page, "come at night")
        assert page.evaluate("window.pwned") is None, "markup in a message never runs"
        shown = conversation(page).locator(".message.you").last.inner_text()
        assert "<b>no</b>" in shown, "it is shown as typed"
    finally:
        served.stop()
    page.locator("#status[data-state='offline']").wait_for(timeout=WAIT_MS)
    assert "Trying again" in status.inner_text(), "the page says the connection is lost"
    served.start()
    try:
        # socket.io retries every 5 s at most; the page asks to rejoin its conversation once connected
        page.locator("#status[data-state='connected']").wait_for(state="attached", timeout=WAIT_MS)
        answer(page, "Yes").click()
        bot_says(page, "knotted veins")  # the next question: the same conversation goes on
    finally:
        page.context.close()


def test_relief_steps_show_their_drawings_and_the_summary_prints_alone(served: Served, browser: Browser) -> None:
    page = browser.new_context(viewport={"width": 800, "height": 1000}).new_page()
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    try:
        page.goto(served.page_url)
        bot_says(page, "safety check")
        type_message(
            page,
            "I get calf cramps at night and I have bulging veins. I don't take water tablets, "
            "I drink plenty and I walk every day",
        )
        answer(page, "None of these").click()
        plan = bot_says(page, "What you can do")
        drawings = plan.get_by_role("img")
        assert drawings.count() >= 2, "the relief steps come with their drawings"
        for drawing in drawings.all():
            assert len(drawing.get_attribute("alt") or "") > 10, "each drawing says what it shows"
            assert drawing.evaluate("image => image.complete && image.naturalWidth > 0"), "and it loads"
        stretch = plan.locator("li", has_text="stretch").first
        assert stretch.get_by_role("img").count() >= 1, "a drawing sits with its own step"
        plan.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOT.with_name("web-page-picture.png")))

        type_message(page, "can I have a summary for my doctor")
        summary = bot_says(page, "Here is a summary")
        summary.get_by_role("button", name="Print or save as PDF").click()
        assert page.evaluate("window.printed") == 1, "the button opens the browser's print (and save as PDF)"
        page.emulate_media(media="print")
        assert summary.is_visible(), "the print view shows the summary"
        assert not plan.is_visible(), "and nothing else of the chat"
        assert not message_box(page).is_visible()
        assert "Printed on" in page.locator("#print-date").inner_text(), "with the date it was printed"
        page.screenshot(path=str(SCREENSHOT.with_name("print-summary.png")), full_page=True)
    finally:
        page.context.close()
